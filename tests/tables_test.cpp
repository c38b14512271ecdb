// The tables plugin, driven through its C ABI exactly as the host drives it: synthetic pages
// pin lattice grids, merged cells, stream tables and cross-page stitching; a real fixture PDF
// (through the pdftext plugin, when built) pins the whole path.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kansa/model.hpp"
#include "kansa/plugin_abi.h"

namespace {

using kansa::Table;

struct DlCloser {
  void operator()(void* h) const {
    if (h != nullptr) dlclose(h);
  }
};
using Library = std::unique_ptr<void, DlCloser>;

const kansa_plugin_descriptor* load(const std::string& path, Library& lib) {
  lib.reset(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!lib) return nullptr;
  auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(lib.get(), KANSA_PLUGIN_ENTRY_SYMBOL));
  return entry != nullptr ? entry() : nullptr;
}

// A page under construction; owns the strings its spans point to.
struct SyntheticPage {
  int number = 1;
  double width = 595, height = 842;
  std::vector<std::unique_ptr<std::string>> texts;
  std::vector<kansa_span> spans;
  std::vector<kansa_rule> rules;

  // One span per UTF-8 character, 10 pt, ASCII half-width.
  void text(double x, double y, const std::string& s, double size = 10) {
    for (size_t i = 0; i < s.size();) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      const double w = len == 1 ? size * 0.5 : size;
      texts.push_back(std::make_unique<std::string>(s.substr(i, len)));
      spans.push_back({texts.back()->c_str(), {x, y, x + w, y + size}, size, 1.0});
      x += w;
      i += len;
    }
  }
  void hline(double y, double x0, double x1) { rules.push_back({{x0, y - 0.25, x1, y + 0.25}}); }
  void vline(double x, double y0, double y1) { rules.push_back({{x - 0.25, y0, x + 0.25, y1}}); }
  // A filled rectangle thick both ways (a cell background or a band), as pdftext reports it.
  void area(double x0, double y0, double x1, double y1) { rules.push_back({{x0, y0, x1, y1}}); }
  // A full grid of rules over the given boundaries.
  void grid(const std::vector<double>& xs, const std::vector<double>& ys) {
    for (double y : ys) hline(y, xs.front(), xs.back());
    for (double x : xs) vline(x, ys.front(), ys.back());
  }
  kansa_page_view view() const {
    return {number,
            width,
            height,
            0,
            spans.data(),
            spans.size(),
            rules.data(),
            rules.size(),
            KANSA_TEXT_LAYER_USABLE};
  }
};

struct Collected {
  std::vector<Table> tables;
};

kansa_status on_begin(void* ctx, const int32_t* pages, size_t n, int32_t rows, int32_t cols,
                      double confidence) {
  auto* c = static_cast<Collected*>(ctx);
  Table t;
  t.pages.assign(pages, pages + n);
  t.rows = rows;
  t.cols = cols;
  t.confidence = confidence;
  c->tables.push_back(t);
  return KANSA_OK;
}

kansa_status on_cell(void* ctx, const kansa_cell* cell) {
  auto* c = static_cast<Collected*>(ctx);
  kansa::Cell k;
  k.row = cell->row, k.col = cell->col, k.rowspan = cell->rowspan, k.colspan = cell->colspan;
  k.page = cell->page, k.last_page = cell->last_page;
  k.box = {cell->box.x0, cell->box.y0, cell->box.x1, cell->box.y1};
  k.text = cell->text;
  k.confidence = cell->confidence;
  c->tables.back().cells.push_back(k);
  return KANSA_OK;
}

class TablesPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    plugin_ = load(KANSA_BUILD_DIR "/plugins/kansa_tables.so", lib_);
    ASSERT_NE(plugin_, nullptr) << dlerror();
    ASSERT_EQ(plugin_->kind, KANSA_KIND_TABLES);
  }

  std::vector<Table> run(const std::vector<kansa_page_view>& pages,
                         std::vector<kansa_option> options = {}) {
    void* instance = nullptr;
    kansa_error err{};
    EXPECT_EQ(plugin_->create(options.data(), options.size(), &instance, &err), KANSA_OK)
        << err.message;
    Collected got;
    kansa_table_sink sink{&got, on_begin, on_cell};
    EXPECT_EQ(plugin_->build_tables(instance, pages.data(), pages.size(), &sink, &err), KANSA_OK)
        << err.message;
    plugin_->destroy(instance);
    return got.tables;
  }

  Library lib_;
  const kansa_plugin_descriptor* plugin_ = nullptr;
};

// A 4-column table like the audit reports': ref | title | dept | measure.
const std::vector<double> kCols{50, 130, 260, 330, 545};

void header_row(SyntheticPage& p, double y) {
  p.text(55, y + 5, "Ref");
  p.text(135, y + 5, "Title");
  p.text(265, y + 5, "Dept");
  p.text(335, y + 5, "Measure");
}

TEST_F(TablesPlugin, SimpleGridGivesEveryCellItsText) {
  SyntheticPage p;
  p.grid(kCols, {100, 120, 140, 160});
  header_row(p, 100);
  p.text(55, 125, "A1");
  p.text(135, 125, "first title");
  p.text(335, 125, "done");
  p.text(55, 145, "A2");
  p.text(135, 145, "監査の結果");
  p.text(335, 145, "措置済み");
  p.text(55, 300, "prose below the table is not part of it");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 3);
  EXPECT_EQ(t.cols, 4);
  EXPECT_EQ(t.pages, std::vector<int>{1});
  EXPECT_EQ(t.cells.size(), 12u);
  EXPECT_EQ(t.text_at(0, 3), "Measure");
  EXPECT_EQ(t.text_at(1, 1), "first title");
  EXPECT_EQ(t.text_at(1, 2), "");
  EXPECT_EQ(t.text_at(2, 1), "監査の結果");
  EXPECT_EQ(t.text_at(2, 3), "措置済み");
  EXPECT_NEAR(t.covering(2, 3)->box.x0, 330, 1);
}

TEST_F(TablesPlugin, DuplicatedAndOverlappingRulesMakeOneGrid) {
  SyntheticPage p;
  p.grid(kCols, {100, 120, 140});
  p.grid(kCols, {100, 120, 140});              // drawn twice
  p.hline(120.6, 50, 300);                     // a second, overlapping stroke, 0.6 pt off
  p.rules.push_back({{49.5, 99, 50.5, 141}});  // a thin filled rectangle on the frame
  header_row(p, 100);
  p.text(55, 125, "A1");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 2);
  EXPECT_EQ(tables[0].cols, 4);
}

TEST_F(TablesPlugin, MissingInnerRulesMergeCells) {
  // Row 0: "Fuel savings" spans columns 1-2. Column 0: "Plan" spans rows 1-2.
  SyntheticPage p;
  const std::vector<double> xs{50, 150, 250, 350}, ys{100, 120, 140, 160};
  for (double y : {100.0, 160.0}) p.hline(y, 50, 350);
  p.hline(120, 50, 350);
  p.hline(140, 150, 350);  // no rule under "Plan" in column 0
  p.vline(50, 100, 160);
  p.vline(150, 100, 160);
  p.vline(250, 120, 160);  // no rule between columns 1 and 2 in row 0
  p.vline(350, 100, 160);
  p.text(55, 105, "Name");
  p.text(155, 105, "Fuel savings");
  p.text(55, 125, "Plan");
  p.text(55, 137, "B");  // second line of the merged cell, below the missing rule
  p.text(155, 125, "10");
  p.text(255, 125, "20");
  p.text(155, 145, "30");
  p.text(255, 145, "40");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 3);
  EXPECT_EQ(t.cols, 3);
  const kansa::Cell* fuel = t.covering(0, 2);
  ASSERT_NE(fuel, nullptr);
  EXPECT_EQ(fuel->row, 0);
  EXPECT_EQ(fuel->col, 1);
  EXPECT_EQ(fuel->colspan, 2);
  EXPECT_EQ(fuel->text, "Fuel savings");
  const kansa::Cell* plan = t.covering(2, 0);
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->row, 1);
  EXPECT_EQ(plan->rowspan, 2);
  EXPECT_EQ(plan->text, "Plan\nB");
  EXPECT_EQ(t.cells.size(), 7u);  // 9 slots - 1 (colspan) - 1 (rowspan)
}

// Page 1: header + rows A1, A2 at the bottom; page 2: repeated header, then `first_ref`'s row.
std::vector<SyntheticPage> two_page_table(const std::string& first_ref) {
  std::vector<SyntheticPage> pages(2);
  SyntheticPage& p1 = pages[0];
  p1.text(50, 60, "Title of the report");
  p1.grid(kCols, {600, 620, 660, 800});
  header_row(p1, 600);
  p1.text(55, 625, "A1");
  p1.text(135, 625, "one");
  p1.text(55, 665, "A2");
  p1.text(135, 665, "two");
  p1.text(335, 665, "measure begins");
  SyntheticPage& p2 = pages[1];
  p2.number = 2;
  p2.grid(kCols, {60, 80, 100, 140});
  header_row(p2, 60);
  p2.text(55, 85, first_ref);
  p2.text(335, 85, "and ends here");
  p2.text(55, 105, "A3");
  p2.text(135, 105, "three");
  return pages;
}

TEST_F(TablesPlugin, RepeatedHeaderOnNextPageIsOneTableWithOneHeader) {
  auto pages = two_page_table("A2b");
  const auto tables = run({pages[0].view(), pages[1].view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.pages, (std::vector<int>{1, 2}));
  EXPECT_EQ(t.cols, 4);
  EXPECT_EQ(t.rows, 5);  // header, A1, A2, A2b, A3
  EXPECT_EQ(t.text_at(0, 0), "Ref");
  EXPECT_EQ(t.text_at(3, 0), "A2b");
  EXPECT_EQ(t.text_at(4, 1), "three");
  EXPECT_EQ(t.covering(4, 1)->page, 2);
}

TEST_F(TablesPlugin, RowBrokenAcrossPagesIsJoined) {
  auto pages = two_page_table("");
  const auto tables = run({pages[0].view(), pages[1].view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 4);  // header, A1, A2 (continued), A3
  EXPECT_EQ(t.text_at(2, 0), "A2");
  EXPECT_EQ(t.text_at(2, 3), "measure begins\nand ends here");
  EXPECT_EQ(t.covering(2, 3)->page, 1);
  EXPECT_EQ(t.covering(2, 3)->last_page, 2);
  EXPECT_EQ(t.text_at(3, 0), "A3");
}

TEST_F(TablesPlugin, StitchingCanBeTurnedOff) {
  auto pages = two_page_table("");
  const auto tables =
      run({pages[0].view(), pages[1].view()}, {{"stitch_pages", "false"}, {"stream", "false"}});
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[1].pages, std::vector<int>{2});
}

TEST_F(TablesPlugin, DifferentColumnsOnNextPageAreAnotherTable) {
  auto pages = two_page_table("A2b");
  pages[1].rules.clear();
  pages[1].grid({50, 200, 545}, {60, 80, 100, 140});
  const auto tables = run({pages[0].view(), pages[1].view()});
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].pages, std::vector<int>{1});
  EXPECT_EQ(tables[1].pages, std::vector<int>{2});
  EXPECT_EQ(tables[1].cols, 2);
}

TEST_F(TablesPlugin, TableDrawnWithFilledCellsOnlyIsAGrid) {
  // No ruling line at all: every cell is its own coloured rectangle; the cell under "Total"
  // spans two columns and "8" spans two rows, as drawn.
  SyntheticPage p;
  const std::vector<double> xs{50, 150, 250, 350}, ys{100, 130, 150, 170, 190};
  for (size_t r = 0; r + 1 < ys.size(); ++r)
    for (size_t c = 0; c + 1 < xs.size(); ++c) {
      if (r == 3 && c == 1) continue;  // covered by the "Total" cell
      if (r == 2 && c == 2) continue;  // covered by the "8" cell
      const double x1 = (r == 3 && c == 0) ? xs[2] : xs[c + 1];
      const double y1 = (r == 1 && c == 2) ? ys[3] : ys[r + 1];
      p.area(xs[c], ys[r], x1, y1);
    }
  p.text(55, 105, "State");
  p.text(155, 105, "Date");
  p.text(255, 105, "Halts");
  p.text(55, 135, "Delhi");
  p.text(155, 135, "1.12.2009");
  p.text(255, 135, "8");
  p.text(55, 155, "Rajasthan");
  p.text(155, 155, "2.12.2009");
  p.text(55, 175, "Total");
  p.text(255, 175, "47");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 3);
  EXPECT_EQ(t.text_at(0, 2), "Halts");
  EXPECT_EQ(t.text_at(2, 0), "Rajasthan");
  EXPECT_EQ(t.text_at(3, 2), "47");
  const kansa::Cell* total = t.covering(3, 1);
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->colspan, 2);
  EXPECT_EQ(total->text, "Total");
  const kansa::Cell* halts = t.covering(2, 2);
  ASSERT_NE(halts, nullptr);
  EXPECT_EQ(halts->rowspan, 2);
  EXPECT_EQ(halts->text, "8");
}

TEST_F(TablesPlugin, UnpaintedRowsBetweenFilledOnesKeepTheirColumns) {
  // Every other row is painted cell by cell; the rows between are the white page, with no
  // edges of their own: their columns still come from the painted rows.
  SyntheticPage p;
  const std::vector<double> xs{50, 150, 200, 250};
  const char* rows[][3] = {{"Totals", "2007", "2008"},
                           {"Matters", "426", "365"},
                           {"Charged", "290", "259"},
                           {"Cases", "217", "197"},
                           {"Sentenced", "287", "242"}};
  for (int r = 0; r < 5; ++r) {
    const double y = 100 + 20 * r;
    if (r % 2 == 0)
      for (size_t c = 0; c + 1 < xs.size(); ++c) p.area(xs[c], y, xs[c + 1], y + 20);
    for (int c = 0; c < 3; ++c) p.text(xs[c] + 5, y + 5, rows[r][c]);
  }
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 5);
  EXPECT_EQ(t.cols, 3);
  EXPECT_EQ(t.text_at(1, 0), "Matters");
  EXPECT_EQ(t.text_at(1, 1), "426");
  EXPECT_EQ(t.text_at(3, 2), "197");
}

TEST_F(TablesPlugin, ShadingInsideARuledTableAddsNoGridLines) {
  SyntheticPage p;
  p.grid(kCols, {100, 120, 140, 160});
  header_row(p, 100);
  p.area(50, 100, 330, 120);   // the header row shaded, up to the middle of the last column
  p.area(140, 124, 200, 136);  // a highlight inset in one cell
  p.text(55, 125, "A1");
  p.text(135, 125, "first title");
  p.text(55, 145, "A2");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 3);
  EXPECT_EQ(tables[0].cols, 4);
  EXPECT_EQ(tables[0].text_at(1, 1), "first title");
}

TEST_F(TablesPlugin, ZebraBandsOverAnUnruledTableAreNoGrid) {
  // Full-width bands in alternating colours behind the rows of a table without rules, each
  // touching the next: one column of bands is no grid, so the columns come from the text.
  SyntheticPage p;
  const char* rows[][3] = {{"Item", "Count", "Status"}, {"Roads", "12", "done"},
                           {"Bridges", "3", "open"},    {"Parks", "7", "done"},
                           {"Schools", "5", "open"},    {"Libraries", "2", "done"}};
  for (int r = 0; r < 6; ++r) {
    const double y = 100 + 16 * r;
    p.area(50, y - 3, 400, y + 13);
    p.text(55, y, rows[r][0]);
    p.text(200, y, rows[r][1]);
    p.text(300, y, rows[r][2]);
  }
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].cols, 3);
  EXPECT_EQ(tables[0].rows, 6);
  EXPECT_EQ(tables[0].text_at(2, 1), "3");
}

TEST_F(TablesPlugin, ThickRuleDrawnDoubleMakesNoEmptyRow) {
  // Between the data rows a thick rule is drawn as two hairlines 5 pt apart with a band
  // between them: the sliver holds no text and is no row.
  SyntheticPage p;
  for (double y : {100.0, 120.0, 125.0, 145.0, 150.0, 170.0}) p.hline(y, 50, 250);
  for (double x : {50.0, 150.0, 250.0}) p.vline(x, 100, 170);
  p.area(50, 120.5, 250, 124.5);
  p.text(55, 105, "Name");
  p.text(155, 105, "Votes");
  p.text(55, 130, "Alcona");
  p.text(155, 130, "963");
  p.text(55, 155, "Curtis");
  p.text(155, 155, "1026");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.rows, 3);
  EXPECT_EQ(t.cols, 2);
  EXPECT_EQ(t.text_at(1, 1), "963");
  EXPECT_EQ(t.text_at(2, 0), "Curtis");
}

TEST_F(TablesPlugin, TurnedColumnHeadingIsReadAlongItsRun) {
  // Column headings turned a quarter (reading upwards), as in election result sheets: each
  // glyph box is wider than tall and the glyphs come bottom to top.
  SyntheticPage p;
  p.grid({50, 80, 110}, {100, 160, 180});
  auto upwards = [&](double x, const std::string& word) {
    double y = 155;
    for (char c : word) {
      p.texts.push_back(std::make_unique<std::string>(1, c));
      const double advance = c == ' ' ? 2.5 : 5;
      p.spans.push_back({p.texts.back()->c_str(), {x, y - advance, x + 10, y}, 10, 1.0});
      y -= advance;
    }
  };
  upwards(60, "Poll Book");
  upwards(90, "Votes");
  p.text(55, 165, "439");
  p.text(85, 165, "963");
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].text_at(0, 0), "Poll Book");
  EXPECT_EQ(tables[0].text_at(0, 1), "Votes");
  EXPECT_EQ(tables[0].text_at(1, 1), "963");
}

TEST_F(TablesPlugin, StreamTableWithoutRules) {
  SyntheticPage p;
  p.text(50, 60, "Budget by department in the fiscal year, as reported to the council.");
  const char* rows[][3] = {{"Department", "Budget", "Spent"},
                           {"Health", "1,200", "1,100"},
                           {"Education", "3,400", "3,350"},
                           {"Parks", "800", "790"},
                           {"Transport", "2,100", "1,950"}};
  double y = 100;
  for (const auto& r : rows) {
    p.text(50, y, r[0]);
    p.text(200, y, r[1]);
    p.text(300, y, r[2]);
    y += 14;
  }
  const auto tables = run({p.view()});
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.cols, 3);
  EXPECT_EQ(t.rows, 5);
  EXPECT_EQ(t.text_at(0, 0), "Department");
  EXPECT_EQ(t.text_at(2, 1), "3,400");
  EXPECT_EQ(t.text_at(4, 2), "1,950");
  EXPECT_LT(t.confidence, 0.9);  // unruled tables are less certain than ruled ones

  const auto off = run({p.view()}, {{"stream", "false"}});
  EXPECT_TRUE(off.empty());
}

TEST_F(TablesPlugin, ProseIsNotATable) {
  SyntheticPage p;
  double y = 100;
  for (int i = 0; i < 12; ++i, y += 14)
    p.text(50, y, "The audit found that the records were kept but not checked each month.");
  p.text(50, y, "(1) first point");
  p.text(50, y + 14, "(2) second point");
  EXPECT_TRUE(run({p.view()}).empty());
}

TEST_F(TablesPlugin, RejectsUnknownOptionsAndBadValues) {
  void* instance = nullptr;
  kansa_error err{};
  kansa_option unknown{"colour", "red"};
  EXPECT_EQ(plugin_->create(&unknown, 1, &instance, &err), KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(instance, nullptr);
  EXPECT_NE(std::string(err.message).find("colour"), std::string::npos);
  kansa_option bad{"snap_tolerance", "wide"};
  EXPECT_EQ(plugin_->create(&bad, 1, &instance, &err), KANSA_ERR_INVALID_ARGUMENT);
  kansa_option rows{"min_rows", "0"};
  EXPECT_EQ(plugin_->create(&rows, 1, &instance, &err), KANSA_ERR_INVALID_ARGUMENT);
}

// ---- a real PDF through the pdftext extractor ----

struct ExtractedPage {
  int number = 0;
  double width = 0, height = 0;
  int rotation = 0;
  std::vector<std::unique_ptr<std::string>> texts;
  std::vector<kansa_span> spans;
  std::vector<kansa_rule> rules;
};

struct Extracted {
  std::vector<std::unique_ptr<ExtractedPage>> pages;
};

kansa_status ex_begin(void* ctx, int32_t number, double w, double h, int32_t rot) {
  auto page = std::make_unique<ExtractedPage>();
  page->number = number, page->width = w, page->height = h, page->rotation = rot;
  static_cast<Extracted*>(ctx)->pages.push_back(std::move(page));
  return KANSA_OK;
}
kansa_status ex_span(void* ctx, const kansa_span* s) {
  ExtractedPage& p = *static_cast<Extracted*>(ctx)->pages.back();
  p.texts.push_back(std::make_unique<std::string>(s->text ? s->text : ""));
  kansa_span copy = *s;
  copy.text = p.texts.back()->c_str();
  p.spans.push_back(copy);
  return KANSA_OK;
}
kansa_status ex_rule(void* ctx, const kansa_rule* r) {
  static_cast<Extracted*>(ctx)->pages.back()->rules.push_back(*r);
  return KANSA_OK;
}
kansa_status ex_layer(void*, int32_t, const char*) { return KANSA_OK; }

// Extracts `pdf` with the pdftext plugin; false (and a skip reason) if it is not built.
bool extract_fixture(const std::string& pdf, Extracted& doc, std::string& why) {
  static Library pdftext_lib;
  static const kansa_plugin_descriptor* pdftext =
      load(KANSA_BUILD_DIR "/plugins/kansa_pdftext.so", pdftext_lib);
  if (pdftext == nullptr) return why = "pdftext plugin not built", false;
  void* ex = nullptr;
  kansa_error err{};
  if (pdftext->create(nullptr, 0, &ex, &err) != KANSA_OK) return why = err.message, false;
  kansa_page_sink psink{&doc, ex_begin, ex_span, ex_rule, ex_layer};
  const kansa_status st = pdftext->extract(ex, pdf.c_str(), &psink, &err);
  pdftext->destroy(ex);
  if (st != KANSA_OK) return why = err.message, false;
  return true;
}

std::vector<kansa_page_view> views_of(const Extracted& doc) {
  std::vector<kansa_page_view> views;
  for (const auto& p : doc.pages)
    views.push_back({p->number, p->width, p->height, p->rotation, p->spans.data(), p->spans.size(),
                     p->rules.data(), p->rules.size(), KANSA_TEXT_LAYER_USABLE});
  return views;
}

TEST_F(TablesPlugin, ShimonosekiFixtureIsOneStitchedTable) {
  Extracted doc;
  std::string why;
  if (!extract_fixture(KANSA_FIXTURES_DIR
                       "/corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf",
                       doc, why))
    GTEST_SKIP() << why;
  ASSERT_EQ(doc.pages.size(), 8u);
  const auto tables = run(views_of(doc));
  ASSERT_EQ(tables.size(), 1u);  // the preface on page 1 is prose, not a stream table
  const Table& t = tables[0];
  EXPECT_EQ(t.pages, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(t.cols, 4);
  // One header + 57 findings + 1: the row that breaks between pages 5 and 6 breaks in every
  // column, the ref column included ("個別事案 2" | "(P30、74、75)"), so nothing in the
  // geometry says that its second part is not a new row; the four other breaks (first column
  // empty on the next page) are joined.
  EXPECT_EQ(t.rows, 59);
  int headers = 0, broken = 0;
  for (int r = 0; r < t.rows; ++r) headers += t.text_at(r, 0) == t.text_at(0, 0);
  EXPECT_EQ(headers, 1);
  for (const kansa::Cell& c : t.cells) broken += c.col == 3 && c.last_page > c.page;
  EXPECT_EQ(broken, 4);  // measure cells continued: pages 2->3, 3->4, 6->7, 7->8
}

TEST_F(TablesPlugin, OsakaFixtureHasOneTableOverTwoPages) {
  Extracted doc;
  std::string why;
  if (!extract_fixture(KANSA_FIXTURES_DIR "/corpus/osaka-kenko-r5/osaka-kenko-r5.pdf", doc, why))
    GTEST_SKIP() << why;
  const auto tables = run(views_of(doc));
  ASSERT_EQ(tables.size(), 1u);  // the header block above the table is not a table
  const Table& t = tables[0];
  EXPECT_EQ(t.pages, (std::vector<int>{1, 2}));
  EXPECT_EQ(t.cols, 4);
  EXPECT_EQ(t.rows, 4);  // header + three findings, one of them broken across the pages
  EXPECT_EQ(t.text_at(1, 0), "２（１）");
  int broken = 0;
  for (const kansa::Cell& c : t.cells) broken += c.last_page > c.page;
  EXPECT_GE(broken, 1);
}

}  // namespace
