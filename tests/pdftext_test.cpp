// Runtime tests of the pdftext extractor plugin: loads the built .so with dlopen (not
// through the host loader) and checks what it reports for real PDFs: the corpus fixtures
// and the small hand-made ones in fixtures/pdftext/ (see make_fixtures.py there).
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "kansa/plugin_abi.h"

namespace {

const std::string kCorpus = std::string(KANSA_FIXTURES_DIR) + "/corpus/";
const std::string kOwn = std::string(KANSA_FIXTURES_DIR) + "/pdftext/";

std::string corpus_pdf(const std::string& item) { return kCorpus + item + "/" + item + ".pdf"; }

// The plugin stays loaded for the whole test run, as the host keeps plugins resident.
const kansa_plugin_descriptor* plugin() {
  static const kansa_plugin_descriptor* descriptor = [] {
    const std::string path = std::string(KANSA_BUILD_DIR) + "/plugins/kansa_pdftext.so";
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      ADD_FAILURE() << "dlopen " << path << ": " << dlerror();
      return static_cast<const kansa_plugin_descriptor*>(nullptr);
    }
    auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(handle, KANSA_PLUGIN_ENTRY_SYMBOL));
    if (entry == nullptr) {
      ADD_FAILURE() << "no " << KANSA_PLUGIN_ENTRY_SYMBOL << " in " << path;
      return static_cast<const kansa_plugin_descriptor*>(nullptr);
    }
    return entry();
  }();
  return descriptor;
}

struct Glyph {
  std::string text;
  kansa_box box;
  double font_size;
  double confidence;
};

struct Page {
  int number = 0;
  double width = 0, height = 0;
  int rotation = 0;
  std::vector<Glyph> glyphs;
  std::vector<kansa_box> rules;
  int verdict = -1;
  std::string reason;

  std::string text() const {
    std::string out;
    for (const auto& g : glyphs) out += g.text;
    return out;
  }
};

// Sink that records pages and checks the callback order the ABI promises.
struct Recorder {
  std::vector<Page> pages;
  std::vector<std::string> order_errors;
  bool page_open = false;
  long spans_before_stop = -1;  // >= 0: add_span fails once this many spans were taken
  long spans_taken = 0;
  long calls_after_stop = 0;
  bool stopped = false;

  kansa_page_sink sink() {
    kansa_page_sink s{};
    s.host_ctx = this;
    s.begin_page = [](void* ctx, int32_t number, double w, double h, int32_t rot) {
      auto& r = *static_cast<Recorder*>(ctx);
      if (r.stopped) ++r.calls_after_stop;
      if (r.page_open) r.order_errors.push_back("begin_page before set_text_layer");
      r.page_open = true;
      r.pages.push_back(Page{number, w, h, rot, {}, {}, -1, {}});
      return KANSA_OK;
    };
    s.add_span = [](void* ctx, const kansa_span* span) {
      auto& r = *static_cast<Recorder*>(ctx);
      if (r.stopped) ++r.calls_after_stop;
      if (!r.page_open) r.order_errors.push_back("add_span outside a page");
      if (r.spans_before_stop >= 0 && r.spans_taken >= r.spans_before_stop) {
        r.stopped = true;
        return KANSA_ERR_ABORTED;
      }
      ++r.spans_taken;
      r.pages.back().glyphs.push_back(
          Glyph{span->text, span->box, span->font_size, span->confidence});
      return KANSA_OK;
    };
    s.add_rule = [](void* ctx, const kansa_rule* rule) {
      auto& r = *static_cast<Recorder*>(ctx);
      if (r.stopped) ++r.calls_after_stop;
      if (!r.page_open) r.order_errors.push_back("add_rule outside a page");
      r.pages.back().rules.push_back(rule->box);
      return KANSA_OK;
    };
    s.set_text_layer = [](void* ctx, int32_t verdict, const char* reason) {
      auto& r = *static_cast<Recorder*>(ctx);
      if (r.stopped) ++r.calls_after_stop;
      if (!r.page_open) r.order_errors.push_back("set_text_layer outside a page");
      r.page_open = false;
      r.pages.back().verdict = verdict;
      r.pages.back().reason = reason != nullptr ? reason : "";
      return KANSA_OK;
    };
    return s;
  }
};

struct Outcome {
  kansa_status status;
  std::string message;
  Recorder recorder;
};

Outcome extract(const std::string& path, std::vector<kansa_option> options = {},
                long spans_before_stop = -1) {
  Outcome out{KANSA_ERR_INTERNAL, {}, {}};
  const kansa_plugin_descriptor* d = plugin();
  if (d == nullptr) return out;
  void* instance = nullptr;
  kansa_error error{};
  if (d->create(options.data(), options.size(), &instance, &error) != KANSA_OK) {
    ADD_FAILURE() << "create: " << error.message;
    return out;
  }
  out.recorder.spans_before_stop = spans_before_stop;
  const kansa_page_sink sink = out.recorder.sink();
  out.status = d->extract(instance, path.c_str(), &sink, &error);
  out.message = error.message;
  d->destroy(instance);
  return out;
}

bool inside(const kansa_box& b, const Page& p) {
  return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= p.width && b.y1 <= p.height && b.x0 <= b.x1 &&
         b.y0 <= b.y1;
}

bool is_horizontal(const kansa_box& b) { return b.x1 - b.x0 > b.y1 - b.y0; }

double length(const kansa_box& b) { return std::max(b.x1 - b.x0, b.y1 - b.y0); }

bool near(double a, double b, double tol = 0.6) { return std::abs(a - b) <= tol; }

bool has_rule(const Page& p, kansa_box want, double tol = 0.6) {
  return std::any_of(p.rules.begin(), p.rules.end(), [&](const kansa_box& r) {
    return near(r.x0, want.x0, tol) && near(r.y0, want.y0, tol) && near(r.x1, want.x1, tol) &&
           near(r.y1, want.y1, tol);
  });
}

// A4 is 595.28 x 841.89 pt; LibreOffice writes 595.304.
void expect_a4(const Page& p, bool landscape) {
  const double short_side = 595.3, long_side = 841.89;
  EXPECT_NEAR(p.width, landscape ? long_side : short_side, 0.5) << "page " << p.number;
  EXPECT_NEAR(p.height, landscape ? short_side : long_side, 0.5) << "page " << p.number;
  EXPECT_EQ(p.rotation, 0);
}

TEST(PdftextPlugin, DescriptorDeclaresAnExtractorWithItsOptions) {
  const kansa_plugin_descriptor* d = plugin();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->abi_major, KANSA_ABI_MAJOR);
  EXPECT_EQ(d->abi_minor, KANSA_ABI_MINOR);
  EXPECT_EQ(d->struct_size, sizeof(kansa_plugin_descriptor));
  EXPECT_EQ(d->kind, KANSA_KIND_EXTRACTOR);
  EXPECT_STREQ(d->name, "pdftext");
  EXPECT_EQ(std::string(d->library_version).rfind("poppler ", 0), 0u) << d->library_version;
  EXPECT_NE(d->extract, nullptr);
  EXPECT_EQ(d->build_tables, nullptr);
  for (void* r : d->reserved) EXPECT_EQ(r, nullptr);
  std::vector<std::string> names;
  for (size_t i = 0; i < d->option_count; ++i) names.push_back(d->options[i].name);
  for (const char* want : {"max_pages", "min_rule_length", "rule_max_thickness", "report_areas",
                           "unusable_threshold"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
}

TEST(PdftextPlugin, CreateRejectsBadOptionValues) {
  const kansa_plugin_descriptor* d = plugin();
  ASSERT_NE(d, nullptr);
  const std::vector<std::vector<kansa_option>> bad = {
      {{"max_pages", "0"}},          {{"max_pages", "12x"}},        {{"min_rule_length", "-1"}},
      {{"rule_max_thickness", "0"}}, {{"unusable_threshold", "2"}}, {{"unusable_threshold", "nan"}},
      {{"report_areas", "maybe"}}};
  for (const auto& options : bad) {
    void* instance = reinterpret_cast<void*>(1);
    kansa_error error{};
    EXPECT_EQ(d->create(options.data(), options.size(), &instance, &error),
              KANSA_ERR_INVALID_ARGUMENT)
        << options[0].key << "=" << options[0].value;
    EXPECT_EQ(instance, nullptr);
    EXPECT_NE(std::string(error.message).find(options[0].key), std::string::npos) << error.message;
  }
  const std::vector<kansa_option> good = {{"max_pages", "10"}, {"min_rule_length", "2.5"}};
  void* instance = nullptr;
  kansa_error error{};
  ASSERT_EQ(d->create(good.data(), good.size(), &instance, &error), KANSA_OK) << error.message;
  d->destroy(instance);
}

TEST(PdftextPlugin, ShimonosekiPagesTextAndTables) {
  Outcome out = extract(corpus_pdf("shimonoseki-r5-comprehensive"));
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  const auto& pages = out.recorder.pages;
  EXPECT_TRUE(out.recorder.order_errors.empty()) << out.recorder.order_errors.front();
  ASSERT_EQ(pages.size(), 8u);
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    EXPECT_EQ(p.number, static_cast<int>(i + 1));
    expect_a4(p, /*landscape=*/false);
    EXPECT_EQ(p.verdict, KANSA_TEXT_LAYER_USABLE) << p.reason;
    ASSERT_FALSE(p.glyphs.empty());
    for (const Glyph& g : p.glyphs) {
      ASSERT_TRUE(inside(g.box, p)) << "glyph " << g.text << " on page " << p.number;
      ASSERT_GT(g.font_size, 4.0);
      ASSERT_EQ(g.confidence, 1.0);
    }
  }

  // Page 1: the title, then the first heading, in reading order.
  const std::string text = pages[0].text();
  const auto title = text.find("包括外部監査結果に基づき講じた措置");
  const auto heading = text.find("選定した特定の事件");
  ASSERT_NE(title, std::string::npos) << text.substr(0, 300);
  ASSERT_NE(heading, std::string::npos);
  EXPECT_LT(title, heading);

  // Every page holds a ruled table: long horizontal rules across it and long vertical rules
  // down it, meeting at its corners, with the column headings inside.
  for (const Page& p : pages) {
    std::vector<kansa_box> rows, cols;
    for (const auto& r : p.rules) {
      ASSERT_TRUE(inside(r, p));
      (is_horizontal(r) ? rows : cols).push_back(r);
    }
    ASSERT_GE(rows.size(), 3u) << "page " << p.number;
    ASSERT_GE(cols.size(), 3u) << "page " << p.number;
    const double widest = length(*std::max_element(
        rows.begin(), rows.end(), [](auto& a, auto& b) { return length(a) < length(b); }));
    EXPECT_GT(widest, 0.8 * (p.width - 2 * 40)) << "page " << p.number;
    double top = p.height, bottom = 0, left = p.width, right = 0;
    for (const auto& r : rows) top = std::min(top, r.y0), bottom = std::max(bottom, r.y1);
    for (const auto& c : cols) left = std::min(left, c.x0), right = std::max(right, c.x1);
    EXPECT_TRUE(std::any_of(cols.begin(), cols.end(),
                            [&](const kansa_box& c) {
                              return near(c.x0, left, 1) && near(c.y0, top, 1.5) &&
                                     near(c.y1, bottom, 1.5);
                            }))
        << "no vertical rule spans the table on page " << p.number;
    if (p.number >= 2) {  // pages 2.. repeat the header row
      const std::string t = p.text();
      ASSERT_NE(t.find("監査の結果及び意見"), std::string::npos) << "page " << p.number;
      for (const Glyph& g : p.glyphs) {
        if (g.text != "監") continue;
        EXPECT_TRUE(g.box.x0 >= left && g.box.x1 <= right && g.box.y0 >= top && g.box.y1 <= bottom);
        break;
      }
    }
  }
}

// For the report: what the plugin emits for shimonoseki page 1.
TEST(PdftextPlugin, ReportsShimonosekiPageOneCounts) {
  Outcome out = extract(corpus_pdf("shimonoseki-r5-comprehensive"));
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_FALSE(out.recorder.pages.empty());
  const Page& p = out.recorder.pages[0];
  std::cout << "[pdftext] shimonoseki page 1: " << p.glyphs.size() << " spans, " << p.rules.size()
            << " rules\n";
  RecordProperty("page1_spans", static_cast<int>(p.glyphs.size()));
  RecordProperty("page1_rules", static_cast<int>(p.rules.size()));
  EXPECT_GT(p.glyphs.size(), 300u);
  EXPECT_GE(p.rules.size(), 6u);
}

TEST(PdftextPlugin, OsakaIsLandscapeAndUsable) {
  Outcome out = extract(corpus_pdf("osaka-kenko-r5"));
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.recorder.pages.size(), 2u);
  for (const Page& p : out.recorder.pages) {
    expect_a4(p, /*landscape=*/true);
    EXPECT_EQ(p.verdict, KANSA_TEXT_LAYER_USABLE) << p.reason;
    EXPECT_FALSE(p.rules.empty());
  }
  EXPECT_NE(out.recorder.pages[0].text().find("監査結果に関する措置状況報告書"), std::string::npos);
}

TEST(PdftextPlugin, FontsWithoutToUnicodeMakeTheTextLayerUnusable) {
  Outcome out = extract(corpus_pdf("osaka-kenko-r5-notounicode"));
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.recorder.pages.size(), 2u);
  for (const Page& p : out.recorder.pages) {
    expect_a4(p, /*landscape=*/true);
    EXPECT_EQ(p.verdict, KANSA_TEXT_LAYER_UNUSABLE);
    EXPECT_NE(p.reason.find("without ToUnicode"), std::string::npos) << p.reason;
    EXPECT_NE(p.reason.find("IPAMincho"), std::string::npos) << p.reason;
    EXPECT_NE(p.reason.find('%'), std::string::npos) << p.reason;
    // The geometry does not depend on the text: the ruled table is still there.
    EXPECT_FALSE(p.rules.empty());
  }
}

TEST(PdftextPlugin, KangxiRadicalsAreUsableAndKeptRaw) {
  Outcome out = extract(corpus_pdf("shimonoseki-r5-kangxi"));
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.recorder.pages.size(), 8u);
  for (const Page& p : out.recorder.pages) {
    EXPECT_EQ(p.verdict, KANSA_TEXT_LAYER_USABLE) << "page " << p.number << ": " << p.reason;
  }
  // U+2F8F KANGXI RADICAL ACTION where the plain text has 行: reported as the source gives it.
  EXPECT_NE(out.recorder.pages[0].text().find("執\u2F8F"), std::string::npos);
}

TEST(PdftextPlugin, HandMadeGeometryGivesExactRules) {
  Outcome out = extract(kOwn + "geometry.pdf");
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  const auto& pages = out.recorder.pages;
  ASSERT_EQ(pages.size(), 3u);

  const Page& p1 = pages[0];
  EXPECT_EQ(p1.width, 400);
  EXPECT_EQ(p1.height, 300);
  EXPECT_EQ(p1.text(), "HelloWorld");
  EXPECT_EQ(p1.verdict, KANSA_TEXT_LAYER_USABLE) << p1.reason;  // Helvetica, no ToUnicode
  ASSERT_FALSE(p1.glyphs.empty());
  const Glyph& h = p1.glyphs[0];  // drawn at x=50 on the baseline y = 300 - 260 = 40
  EXPECT_NEAR(h.box.x0, 50, 0.5);
  EXPECT_LT(h.box.y0, 40);
  EXPECT_GT(h.box.y1, 38);
  EXPECT_NEAR(h.font_size, 12, 0.01);
  // The stroked rectangle's four edges, the thin filled bar, the scaled stroke (2 pt wide),
  // the grey area as a box thick both ways, and nothing for the diagonal, the curve or the
  // white line.
  EXPECT_TRUE(has_rule(p1, {50, 149.5, 250, 150.5}));
  EXPECT_TRUE(has_rule(p1, {50, 249.5, 250, 250.5}));
  EXPECT_TRUE(has_rule(p1, {49.5, 150, 50.5, 250}));
  EXPECT_TRUE(has_rule(p1, {249.5, 150, 250.5, 250}));
  EXPECT_TRUE(has_rule(p1, {50, 268.5, 250, 270}));
  EXPECT_TRUE(has_rule(p1, {300, 279, 380, 281}));
  EXPECT_TRUE(has_rule(p1, {270, 60, 370, 120}));
  EXPECT_EQ(p1.rules.size(), 7u);

  // /Rotate 90: the page is shown 300 wide, 400 high, and the PDF's horizontal line
  // y=100, x=50..250 is shown vertical at x=100.
  const Page& p2 = pages[1];
  EXPECT_EQ(p2.rotation, 90);
  EXPECT_NEAR(p2.width, 300, 1e-6);
  EXPECT_NEAR(p2.height, 400, 1e-6);
  EXPECT_EQ(p2.text(), "Rotated");
  for (const Glyph& g : p2.glyphs) EXPECT_TRUE(inside(g.box, p2)) << g.text;
  ASSERT_EQ(p2.rules.size(), 1u);
  EXPECT_TRUE(has_rule(p2, {99.5, 50, 100.5, 250}));

  const Page& p3 = pages[2];
  EXPECT_EQ(p3.verdict, KANSA_TEXT_LAYER_ABSENT);
  EXPECT_TRUE(p3.glyphs.empty());
  ASSERT_EQ(p3.rules.size(), 1u);  // the 300x200 grey area, reported as an area
  EXPECT_TRUE(has_rule(p3, {50, 50, 350, 250}));
}

TEST(PdftextPlugin, ReportAreasOffGivesRulesOnly) {
  Outcome out = extract(kOwn + "geometry.pdf", {{"report_areas", "false"}});
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.recorder.pages.size(), 3u);
  EXPECT_EQ(out.recorder.pages[0].rules.size(), 6u);
  EXPECT_FALSE(has_rule(out.recorder.pages[0], {270, 60, 370, 120}));
  EXPECT_TRUE(out.recorder.pages[2].rules.empty());
}

TEST(PdftextPlugin, MinRuleLengthOptionDropsShortRules) {
  Outcome out = extract(kOwn + "geometry.pdf", {{"min_rule_length", "150"}});
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  // Only the 200-pt edges and bar of page 1 remain; the 100-pt edges and 80-pt line go.
  EXPECT_EQ(out.recorder.pages[0].rules.size(), 3u);
}

TEST(PdftextPlugin, PrivateUseTextIsUnusable) {
  Outcome out = extract(kOwn + "private-use.pdf");
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.recorder.pages.size(), 1u);
  const Page& p = out.recorder.pages[0];
  EXPECT_EQ(p.glyphs.size(), 26u);
  EXPECT_EQ(p.verdict, KANSA_TEXT_LAYER_UNUSABLE);
  EXPECT_NE(p.reason.find("private-use"), std::string::npos) << p.reason;
}

// CID fonts without ToUnicode: trusted when Poppler maps the collection (Adobe-Japan1, via
// poppler-data), not when it reads Identity codes as Unicode, unless those are CJK text.
TEST(PdftextPlugin, CidFontsWithoutToUnicodeAreJudgedByCollection) {
  Outcome out = extract(kOwn + "cid-fonts.pdf");
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  const auto& pages = out.recorder.pages;
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].verdict, KANSA_TEXT_LAYER_USABLE) << pages[0].reason;
  EXPECT_EQ(pages[0].text(), "監査結果に基づく措置");
  EXPECT_EQ(pages[1].verdict, KANSA_TEXT_LAYER_UNUSABLE);
  EXPECT_NE(pages[1].reason.find("MSMincho"), std::string::npos) << pages[1].reason;
  EXPECT_NE(pages[1].reason.find("raw glyph codes"), std::string::npos) << pages[1].reason;
  EXPECT_EQ(pages[2].verdict, KANSA_TEXT_LAYER_USABLE) << pages[2].reason;
  EXPECT_EQ(pages[2].text(), "監査結果");
}

TEST(PdftextPlugin, NonPdfIsAParseErrorNamingTheFileAndNothingOnStderr) {
  const std::string path = kOwn + "not-a-pdf.pdf";
  testing::internal::CaptureStderr();
  Outcome out = extract(path);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(out.status, KANSA_ERR_PARSE);
  EXPECT_NE(out.message.find(path), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("Poppler error"), std::string::npos) << out.message;
  EXPECT_TRUE(out.recorder.pages.empty());
  EXPECT_EQ(err, "");
}

TEST(PdftextPlugin, MissingFileIsAnIoError) {
  Outcome out = extract(kOwn + "no-such-file.pdf");
  EXPECT_EQ(out.status, KANSA_ERR_IO);
  EXPECT_NE(out.message.find("no-such-file.pdf"), std::string::npos) << out.message;
}

TEST(PdftextPlugin, UserPasswordIsUnsupported) {
  Outcome out = extract(kOwn + "encrypted.pdf");
  EXPECT_EQ(out.status, KANSA_ERR_UNSUPPORTED);
  EXPECT_NE(out.message.find("encrypted.pdf"), std::string::npos) << out.message;
}

TEST(PdftextPlugin, TooManyPagesIsAResourceError) {
  Outcome out = extract(corpus_pdf("shimonoseki-r5-comprehensive"), {{"max_pages", "7"}});
  EXPECT_EQ(out.status, KANSA_ERR_RESOURCE);
  EXPECT_NE(out.message.find("8 pages"), std::string::npos) << out.message;
  EXPECT_TRUE(out.recorder.pages.empty());
}

TEST(PdftextPlugin, SinkRefusalAbortsAtOnce) {
  Outcome out = extract(corpus_pdf("osaka-kenko-r5"), {}, /*spans_before_stop=*/10);
  EXPECT_EQ(out.status, KANSA_ERR_ABORTED);
  EXPECT_EQ(out.recorder.spans_taken, 10);
  EXPECT_EQ(out.recorder.calls_after_stop, 0);
  EXPECT_EQ(out.recorder.pages.size(), 1u);
}

}  // namespace
