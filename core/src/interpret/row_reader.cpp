#include "interpret/row_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "interpret/confidence.hpp"
#include "interpret/item_cells.hpp"
#include "interpret/measure_split.hpp"
#include "interpret/page_text.hpp"
#include "interpret/u32.hpp"
#include "kansa/era_date.hpp"
#include "kansa/layout.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

const char* const kIdentityRoles[] = {"ref", "pages", "item", "summary", "title"};

const Cell* cell_for(const RowContext& ctx, int r, const std::string& role) {
  int c = ctx.layout->column_of(role);
  if (c < 0) return nullptr;
  return ctx.table->covering(r, c);
}

std::string text_of(const Cell* c) { return c ? c->text : std::string(); }

// The kind the headers of the item columns (title, item, summary) give every row; nullopt
// when none does or they disagree.
std::optional<std::string> kind_of_headers(const TableLayout& L, const Vocabulary& vocab) {
  std::optional<std::string> kind;
  for (const char* role : {"title", "item", "summary"}) {
    int col = L.column_of(role);
    if (col < 0) continue;
    for (const ColumnInfo& c : L.columns) {
      if (c.col != col) continue;
      auto k = kind_of_header(c.header, vocab);
      if (!k) continue;
      if (kind && *kind != *k) return std::nullopt;
      kind = k;
    }
  }
  return kind;
}

bool empty_cell(const Cell* c) { return c == nullptr || text::normalize(c->text).empty(); }

const Page* page_of(const Document& doc, int number) {
  for (const Page& p : doc.pages)
    if (p.number == number) return &p;
  return nullptr;
}

// Reading method and confidence of a cell's text.
struct Source {
  bool ocr = false;
  double conf = 1.0;
};
// A glyph's chance of being right, as a log: Tesseract gives glyphs it reads right 0.97 and
// more almost always, and misread ones mostly less than 0.9, so the confidence is mapped from
// [0.5, 0.97] onto [0, 1] (kept above 0.05).
double log_chance(const TextSpan& glyph) {
  return std::log(std::clamp((glyph.confidence - 0.5) / 0.47, 0.05, 1.0));
}

// For OCR, the chance that every glyph of the cell is right rather than their mean
// confidence: one misread glyph in a long text makes the text wrong, and a long text has
// more glyphs to misread.
double glyphs_right(const RowContext& ctx, const Cell& c) {
  double log_p = 0;
  size_t glyphs = 0;
  // The cell's box is on its first page (a continuation elsewhere has no box of its own).
  if (const Page* pg = page_of(*ctx.doc, c.page); pg && pg->method == "ocr")
    for (const TextSpan& s : spans_in(*pg, c.box)) {
      log_p += log_chance(s);
      ++glyphs;
    }
  return glyphs == 0 ? c.confidence : std::exp(log_p);
}

// glyphs_right() for the glyphs of the text line of cell `c` that holds `value` (compared
// compact-normalized): a department heading read from the first line of a long measure text
// is as sure as that line, not as the whole text. The whole cell when no line holds it.
double line_glyphs_right(const RowContext& ctx, const Cell& c, const std::string& value) {
  const Page* pg = page_of(*ctx.doc, c.page);
  if (pg == nullptr || pg->method != "ocr") return glyphs_right(ctx, c);
  const std::vector<TextSpan> spans = spans_in(*pg, c.box);
  const std::string wanted = text::normalize_compact(value);
  for (const std::vector<size_t>& line : layout::group_into_lines(spans)) {
    std::string text;
    for (size_t i : line) text += spans[i].text;
    if (wanted.empty() || text::normalize_compact(text).find(wanted) == std::string::npos) continue;
    double log_p = 0;
    for (size_t i : line) log_p += log_chance(spans[i]);
    return std::exp(log_p);
  }
  return glyphs_right(ctx, c);
}

Source source_of(const RowContext& ctx, const Cell* c) {
  Source s;
  if (c == nullptr) return s;
  for (int p = c->page; p <= std::max(c->page, c->last_page); ++p)
    if (const Page* pg = page_of(*ctx.doc, p); pg && pg->method == "ocr") s.ocr = true;
  s.conf = s.ocr ? glyphs_right(ctx, *c) : c->confidence;
  return s;
}

// Number of text lines before the first paragraph gap at the top of a cell, measured on
// the page (cell text has lost blank lines and indents).
std::optional<int> heading_lines(const RowContext& ctx, const Cell* c) {
  if (c == nullptr) return std::nullopt;
  const Page* pg = page_of(*ctx.doc, c->page);
  if (pg == nullptr) return std::nullopt;
  std::vector<layout::Line> lines = layout::assemble_lines(spans_in(*pg, c->box));
  if (lines.size() < 3) return std::nullopt;
  std::vector<double> gaps;
  for (size_t k = 0; k + 1 < lines.size(); ++k)
    gaps.push_back(lines[k + 1].box.y0 - lines[k].box.y1);
  std::vector<double> sorted = gaps;
  std::sort(sorted.begin(), sorted.end());
  double typical = sorted[sorted.size() / 4];  // most lines are within a paragraph
  for (size_t k = 0; k < gaps.size(); ++k) {
    double fs = lines[k].font_size > 0 ? lines[k].font_size : lines[k].box.height();
    if (gaps[k] > typical + 0.5 * fs) return static_cast<int>(k + 1);
  }
  return std::nullopt;
}

double split_confidence(const std::string& split) {
  if (split == "none") return 0.97;
  if (split == "blank") return 0.95;
  if (split == "geometry") return 0.92;
  if (split == "short_line") return 0.86;
  if (split == "heading_end") return 0.8;
  if (split == "indent") return 0.72;
  return 0.45;
}

// A date cell's lines joined without a separator: a narrow column wraps dates anywhere, even
// inside a number (令和6年4月1\n0日), and a date has no space of its own.
std::string joined_tight(const std::string& raw) {
  std::string out;
  for (char ch : raw)
    if (ch != '\n') out += ch;
  return out;
}

void add_pages(const Cell* c, std::set<int>& pages) {
  if (c == nullptr) return;
  for (int p = c->page; p <= std::max(c->page, c->last_page); ++p) pages.insert(p);
}

}  // namespace

std::vector<SourceBox> row_boxes(const RowContext& ctx, int r) {
  std::vector<SourceBox> boxes;
  std::vector<const Cell*> seen;
  for (const ColumnInfo& col : ctx.layout->columns) {
    if (col.roles.empty()) continue;
    const Cell* cell = ctx.table->covering(r, col.col);
    if (cell == nullptr || cell->page <= 0) continue;
    if (std::find(seen.begin(), seen.end(), cell) != seen.end()) continue;
    // The roles the reader takes this column for (a role named by several columns is read
    // from the best one only); a status_flag column is read for the status of its row.
    std::vector<std::string> fields;
    for (const RoleMatch& m : col.roles) {
      const bool read_here = m.role == "status_flag" || ctx.layout->column_of(m.role) == col.col;
      const std::string field = m.role == "status_flag" ? "status" : m.role;
      if (read_here && std::find(fields.begin(), fields.end(), field) == fields.end())
        fields.push_back(field);
    }
    if (fields.empty()) continue;
    seen.push_back(cell);
    std::string joined;
    for (const std::string& f : fields) joined += (joined.empty() ? "" : "/") + f;
    boxes.push_back({cell->page, cell->box, joined});
  }
  return boxes;
}

bool row_is_empty(const Table& table, int r) {
  for (int c = 0; c < table.cols; ++c) {
    const Cell* cell = table.covering(r, c);
    if (cell && cell->row == r && !text::normalize(cell->text).empty()) return false;
  }
  return true;
}

bool row_is_continuation(const RowContext& ctx, int r) {
  bool has_identity_column = false;
  for (const char* role : kIdentityRoles) {
    if (!ctx.layout->has(role)) continue;
    has_identity_column = true;
    if (!empty_cell(cell_for(ctx, r, role))) return false;
  }
  return has_identity_column;
}

Finding read_row(const RowContext& ctx, int r) {
  const Vocabulary& vocab = *ctx.vocab;
  const TableLayout& L = *ctx.layout;
  Finding f;
  FieldConfidence& fc = f.field_confidence;
  std::set<int> pages;

  // Ref and cited report pages.
  const Cell* ref_cell = cell_for(ctx, r, "ref");
  const Cell* pages_cell = cell_for(ctx, r, "pages");
  RefCell ref = parse_ref_cell(text_of(ref_cell), false);
  RefCell pg = parse_ref_cell(text_of(pages_cell), true);
  double ref_conf = 0.7;
  if (ref.ref) {
    f.ref = ref.ref;
    const RoleMatch* m = L.match(L.column_of("ref"), "ref");
    ref_conf = m && m->exact ? 0.98 : 0.95;
  } else if (pg.ref) {
    f.ref = pg.ref;
    ref_conf = 0.97;
  }
  if (f.ref && source_of(ctx, ref.ref ? ref_cell : pages_cell).ocr) {
    // Dots and dashes after a ref on a scan are specks (個別事案4. / 1....).
    std::u32string u = to_u32(*f.ref);
    while (u.size() > 1 && is_speck_mark(u.back())) u.pop_back();
    f.ref = to_utf8(u);
  }
  f.report_pages = !ref.pages.empty() ? ref.pages : pg.pages;
  bool marked = ref.pages_marked || pg.pages_marked;
  double pages_conf = !f.report_pages.empty()                 ? (marked ? 0.97 : 0.85)
                      : pages_cell && !empty_cell(pages_cell) ? 0.55
                                                              : 0.97;
  add_pages(ref_cell, pages);
  add_pages(pages_cell, pages);

  // Kind, title, summary.
  const Cell* item_cell = cell_for(ctx, r, "item");
  const Cell* summary_cell = cell_for(ctx, r, "summary");
  const Cell* title_cell = cell_for(ctx, r, "title");
  const Cell* kind_cell = cell_for(ctx, r, "kind");
  ItemCell item;
  double title_conf = 0.6, summary_conf = 0.97;
  const Cell* heading_cell = nullptr;
  if (title_cell && !empty_cell(title_cell)) {
    item = parse_item_cell(title_cell->text, vocab, false, std::nullopt);
    heading_cell = title_cell;
    title_conf = 0.93;
    const Cell* sum = summary_cell ? summary_cell : item_cell;
    // One column may name both (指摘・意見の項目): its text is the title, not a summary too.
    if (sum && sum->col == title_cell->col) sum = nullptr;
    if (sum && !empty_cell(sum)) {
      f.summary = text::normalize(sum->text);
      summary_conf = 0.9;
      add_pages(sum, pages);
    }
  } else if (item_cell && !empty_cell(item_cell)) {
    heading_cell = item_cell;
    item = parse_item_cell(item_cell->text, vocab, false,
                           summary_cell ? std::nullopt : heading_lines(ctx, item_cell));
    title_conf = split_confidence(item.split);
    if (summary_cell && !empty_cell(summary_cell)) {
      f.summary = text::normalize(summary_cell->text);
      summary_conf = 0.9;
      add_pages(summary_cell, pages);
    } else {
      f.summary = item.summary;
      summary_conf = item.split == "none" ? 0.97 : split_confidence(item.split);
    }
  } else if (summary_cell && !empty_cell(summary_cell)) {
    heading_cell = summary_cell;
    item = parse_item_cell(summary_cell->text, vocab, true, heading_lines(ctx, summary_cell));
    title_conf = split_confidence(item.split);
    summary_conf = item.split == "none" ? 0.7 : split_confidence(item.split);
    f.summary = item.summary;
  }
  if (heading_cell) add_pages(heading_cell, pages);
  f.title = item.title;
  // The department may close the auditors' text: …されたい。（道路課）.
  std::optional<LabelledDepartment> text_dept;
  if (f.summary)
    text_dept = take_closing_department(*f.summary, vocab);
  else if (f.title)
    text_dept = take_closing_department(*f.title, vocab);
  if (!f.ref && item.label) {
    // A label opening the heading cell ((1), ア, (契約事務-2)) numbers the item as surely as a
    // ref column: 1.000 on the generated tables that have no ref column.
    f.ref = item.label;
    ref_conf = 0.9;
  }
  double kind_conf = 0.6;
  if (item.kind) {
    f.kind = *item.kind;
    kind_conf = item.kind_guessed ? 0.7 : 0.98;
  } else if (auto k = kind_cell ? kind_of_word(kind_cell->text, vocab) : std::nullopt) {
    f.kind = *k;
    kind_conf = 0.96;
  } else if (auto k2 =
                 kind_from_phrases(f.title.value_or("") + "\n" + f.summary.value_or(""), vocab)) {
    f.kind = *k2;
    kind_conf = 0.88;
  } else if (auto k3 = kind_of_headers(L, vocab)) {
    f.kind = *k3;
    kind_conf = 0.86;
  }

  // Measures.
  const Cell* measure_cell = cell_for(ctx, r, "measure");
  const Cell* status_cell = cell_for(ctx, r, "status");
  const Cell* date_cell = cell_for(ctx, r, "date");
  const Cell* dept_cell = cell_for(ctx, r, "department");
  add_pages(measure_cell, pages);
  add_pages(status_cell, pages);
  add_pages(date_cell, pages);
  add_pages(dept_cell, pages);

  StatusReading row_status;
  if (status_cell) row_status = read_status(status_cell->text, *ctx.legend, vocab);
  if (!row_status.found) {
    // Columns headed by a status word, marked (○) in the row that has it.
    for (const ColumnInfo& col : L.columns)
      for (const RoleMatch& m : col.roles)
        if (m.role == "status_flag") {
          const Cell* c = ctx.table->covering(r, col.col);
          if (c && !empty_cell(c)) {
            row_status.status = m.value;
            row_status.raw = text::normalize(col.header);
            row_status.confidence = 0.85;
            row_status.found = true;
          }
        }
  }
  std::optional<era::Date> date;
  if (date_cell) date = era::find_date(joined_tight(date_cell->text));

  // The group heading the row is under: looked up from the row's first cell.
  std::optional<GroupHeading> group;
  if (ctx.group_headings && !ctx.group_headings->empty())
    for (int c = 0; c < ctx.table->cols && !group; ++c)
      if (const Cell* cell = ctx.table->covering(r, c); cell && cell->row == r)
        group = ctx.group_headings->over(cell->page, cell->box.y0);

  std::vector<MeasurePart> parts = split_measures(text_of(measure_cell), vocab);
  std::optional<std::string> row_dept;
  if (dept_cell && !empty_cell(dept_cell)) row_dept = text::normalize_compact(dept_cell->text);
  Source msrc = source_of(ctx, measure_cell);
  bool spans_pages = measure_cell && measure_cell->last_page > measure_cell->page;
  bool any_heading = false, shaky = false, shared = false;
  for (const MeasurePart& p : parts) {
    any_heading = any_heading || p.department.has_value();
    shaky = shaky || (p.department && p.department_confidence < 0.9);
    shared = shared || p.shared_text;
  }

  for (MeasurePart& p : parts) {
    Measure m;
    FieldConfidence& mfc = m.field_confidence;
    m.text = p.text;
    StatusReading st = row_status;
    double text_conf = m.text.empty() ? 0.5 : p.shared_text ? 0.93 : spans_pages ? 0.9 : 0.96;
    if (!st.found) {
      if (auto mark = leading_status_mark(m.text, *ctx.legend, vocab)) {
        st = mark->status;
        m.text = mark->rest;
        text_conf = std::min(text_conf, 0.9);
      } else if (p.lead_status && m.text.size() > p.lead_status->size() &&
                 m.text.compare(0, p.lead_status->size(), *p.lead_status) == 0) {
        // A status word set apart at the head of the department's text: its own status.
        st.status = exact_term(vocab.status_words, to_u32(*p.lead_status))->value;
        st.raw = *p.lead_status;
        st.confidence = 0.86;
        st.found = true;
        m.text = text::normalize(m.text.substr(p.lead_status->size()));
        text_conf = std::min(text_conf, 0.88);
      }
    }
    m.status = st.status;
    m.status_raw = st.raw;
    // No status read: an empty status cell most likely has none; one holding text that is no
    // status (a misread mark, 〓 for ink OCR could not read) most likely had one.
    const bool unread = !st.found && status_cell && !empty_cell(status_cell);
    double status_conf = st.found ? st.confidence : unread ? 0.3 : 0.93;
    mfc["status"] = status_conf;
    mfc["status_raw"] = st.found ? std::min(0.98, st.confidence + 0.01) : unread ? 0.3 : 0.95;

    double dept_conf;
    if (p.department) {
      m.department = p.department;
      dept_conf = p.department_confidence;
    } else if (row_dept) {
      m.department = row_dept;
      dept_conf = 0.93;
    } else if (text_dept) {
      m.department = text_dept->name;
      dept_conf = 0.95 * text_dept->confidence;
    } else if (group) {
      m.department = group->department;
      dept_conf = group->confidence;
    } else if (ctx.document_department) {
      m.department = ctx.document_department;
      dept_conf = 0.88;
    } else {
      dept_conf = 0.6;
    }
    if (date) {
      m.date_raw = text::normalize(date->raw);
      m.date = date->iso();
      mfc["date"] = m.date ? 0.96 : 0.8;
      mfc["date_raw"] = 0.96;
    } else {
      double none = date_cell && !empty_cell(date_cell) ? 0.5 : 0.98;
      mfc["date"] = none;
      mfc["date_raw"] = none;
    }
    Source dsrc = source_of(ctx, dept_cell ? dept_cell : measure_cell);
    if (dsrc.ocr && !dept_cell && measure_cell && m.department)
      dsrc.conf = line_glyphs_right(ctx, *measure_cell, *m.department);
    mfc["department"] = for_source(dept_conf, FieldKind::Short, dsrc.ocr, dsrc.conf);
    mfc["text"] = for_source(text_conf, FieldKind::Text, msrc.ocr, msrc.conf);
    Source ssrc = source_of(ctx, status_cell ? status_cell : measure_cell);
    mfc["status"] = for_source(mfc["status"], FieldKind::Short, ssrc.ocr, ssrc.conf);
    mfc["status_raw"] = for_source(mfc["status_raw"], FieldKind::Short, ssrc.ocr, ssrc.conf);
    Source dtsrc = source_of(ctx, date_cell);
    mfc["date"] = for_source(mfc["date"], FieldKind::Short, dtsrc.ocr, dtsrc.conf);
    mfc["date_raw"] = for_source(mfc["date_raw"], FieldKind::Short, dtsrc.ocr, dtsrc.conf);
    if (m.department) m.department = without_stray_marks(*m.department, vocab);
    for_grid(mfc, ctx.table->confidence);
    m.confidence = combine(mfc);
    f.measures.push_back(std::move(m));
  }

  double count_conf = !any_heading ? 0.95 : shaky ? 0.75 : shared ? 0.9 : 0.95;
  Source rsrc = source_of(ctx, ref_cell ? ref_cell : pages_cell);
  Source hsrc = source_of(ctx, heading_cell);
  fc["ref"] = for_source(ref_conf, FieldKind::Short, rsrc.ocr, rsrc.conf);
  fc["report_pages"] = for_source(pages_conf, FieldKind::Short, rsrc.ocr, rsrc.conf);
  fc["kind"] = for_source(kind_conf, FieldKind::Short, hsrc.ocr, hsrc.conf);
  fc["title"] = for_source(f.title ? title_conf : 0.5, FieldKind::Text, hsrc.ocr, hsrc.conf);
  fc["summary"] =
      for_source(summary_conf, f.summary ? FieldKind::Text : FieldKind::Short, hsrc.ocr, hsrc.conf);
  fc["measures"] = for_source(count_conf, FieldKind::Count, msrc.ocr, msrc.conf);
  for_grid(fc, ctx.table->confidence);

  double p = combine(fc);
  for (const Measure& m : f.measures) p *= m.confidence;
  f.confidence = clamp_confidence(p);

  f.source.pages.assign(pages.begin(), pages.end());
  f.source.boxes = row_boxes(ctx, r);
  bool any_ocr = false, any_text = false;
  for (int n : f.source.pages)
    if (const Page* pgp = page_of(*ctx.doc, n)) (pgp->method == "ocr" ? any_ocr : any_text) = true;
  f.source.method = any_ocr && any_text ? "mixed" : any_ocr ? "ocr" : "text";
  return f;
}

namespace {

int first_page_of_row(const Table& t, int r) {
  int page = 0;
  for (int c = 0; c < t.cols; ++c)
    if (const Cell* cell = t.covering(r, c); cell && cell->row == r)
      page = page == 0 ? cell->page : std::min(page, cell->page);
  return page;
}

int last_page_of_row(const Table& t, int r) {
  int page = 0;
  for (int c = 0; c < t.cols; ++c)
    if (const Cell* cell = t.covering(r, c)) page = std::max({page, cell->page, cell->last_page});
  return page;
}

std::optional<std::string> ref_of_row(const RowContext& ctx, int r) {
  RefCell a = parse_ref_cell(text_of(cell_for(ctx, r, "ref")), false);
  if (a.ref) return a.ref;
  return parse_ref_cell(text_of(cell_for(ctx, r, "pages")), true).ref;
}

// Opened minus closed round brackets in a cell's text.
int bracket_balance(const std::string& raw) {
  int balance = 0;
  for (char32_t c : to_u32(text::normalize(raw))) {
    if (c == U'(') ++balance;
    if (c == U')') --balance;
  }
  return balance;
}

// A text of sentences (it has a 。) whose last one is cut off: the last character is no
// sentence end or closing bracket.
bool stops_mid_sentence(const std::string& raw) {
  const std::u32string t = to_u32(text::normalize_compact(raw));
  if (t.empty() || t.find(U'。') == std::u32string::npos) return false;
  const char32_t last = t.back();
  return last != U'。' && last != U'.' && !is_close_bracket(last);
}

// The label opening the row's heading cell (title, else item, else summary column).
std::optional<std::string> label_of_row(const RowContext& ctx, int r) {
  for (const char* role : {"title", "item", "summary"}) {
    const Cell* c = cell_for(ctx, r, role);
    if (c == nullptr) continue;
    return parse_item_cell(c->text, *ctx.vocab, false, std::nullopt).label;
  }
  return std::nullopt;
}

}  // namespace

bool row_completes(const RowContext& ctx, int prev, int r) {
  const Table& t = *ctx.table;
  if (first_page_of_row(t, r) <= last_page_of_row(t, prev)) return false;
  if (!ref_of_row(ctx, prev) && !ref_of_row(ctx, r)) {
    // No ref column: items are numbered by a label opening the heading cell ((5)…, ア…).
    // A row without one after a labelled row is that row's rest.
    if (label_of_row(ctx, prev)) return !label_of_row(ctx, r);
    if (label_of_row(ctx, r)) return false;
    // Neither refs nor labels: the rest of a row whose sentences stop at the foot of the page.
    for (const char* role : {"measure", "item", "summary"})
      if (const Cell* c = cell_for(ctx, prev, role); c && stops_mid_sentence(c->text)) return true;
    return false;
  }
  if (ref_of_row(ctx, r) || !ref_of_row(ctx, prev)) return false;
  const Cell* heading = cell_for(ctx, prev, "item");
  if (heading == nullptr) heading = cell_for(ctx, prev, "summary");
  if (heading == nullptr) heading = cell_for(ctx, prev, "title");
  bool no_title = heading && !parse_item_cell(heading->text, *ctx.vocab, false, std::nullopt).title;
  bool no_text = false;
  if (const Cell* m = cell_for(ctx, prev, "measure")) {
    no_text = true;
    for (const MeasurePart& p : split_measures(m->text, *ctx.vocab))
      no_text = no_text && p.text.empty();
  }
  bool no_pages = false;
  if (ctx.layout->has("pages") || ctx.layout->has("ref")) {
    RefCell pp = parse_ref_cell(text_of(cell_for(ctx, prev, "pages")), true);
    RefCell rp = parse_ref_cell(text_of(cell_for(ctx, r, "pages")), true);
    RefCell pr = parse_ref_cell(text_of(cell_for(ctx, prev, "ref")), false);
    no_pages = pp.pages.empty() && pr.pages.empty() && !rp.pages.empty();
  }
  // A bracket opened at the foot of one page and closed on the next: (P103、10 | 9、113).
  bool cut_bracket = false;
  for (const char* role : {"ref", "pages"}) {
    cut_bracket = cut_bracket || bracket_balance(text_of(cell_for(ctx, prev, role))) > 0 ||
                  bracket_balance(text_of(cell_for(ctx, r, role))) < 0;
  }
  return no_title || no_text || no_pages || cut_bracket;
}

Table merge_rows(const Table& t, int a, int b) {
  Table out;
  out.rows = 1;
  out.cols = t.cols;
  out.pages = t.pages;
  out.confidence = t.confidence;
  for (int c = 0; c < t.cols; ++c) {
    const Cell* ca = t.covering(a, c);
    const Cell* cb = t.covering(b, c);
    if (ca == nullptr && cb == nullptr) continue;
    Cell m = ca ? *ca : *cb;
    m.row = 0;
    m.col = c;
    m.rowspan = 1;
    m.colspan = 1;
    if (ca && cb && ca != cb) {
      std::string ta = ca->text, tb = cb->text;
      m.text = ta.empty() ? tb : tb.empty() ? ta : ta + "\n" + tb;
      m.last_page = std::max(cb->page, cb->last_page);
      m.confidence = std::min(ca->confidence, cb->confidence);
    }
    out.cells.push_back(std::move(m));
  }
  return out;
}

void append_continuation(const RowContext& ctx, int r, Finding& f) {
  const Cell* measure_cell = cell_for(ctx, r, "measure");
  if (measure_cell == nullptr || empty_cell(measure_cell)) return;
  std::vector<MeasurePart> parts = split_measures(measure_cell->text, *ctx.vocab);
  for (MeasurePart& p : parts) {
    if (!p.department && !f.measures.empty()) {
      Measure& last = f.measures.back();
      last.text = text::normalize(last.text + "\n" + p.text);
      last.field_confidence["text"] = std::min(last.field_confidence["text"], 0.6);
      last.confidence = combine(last.field_confidence);
    } else {
      Measure m;
      m.department = p.department;
      m.text = p.text;
      m.field_confidence = {{"department", 0.6}, {"status", 0.6}, {"status_raw", 0.6},
                            {"text", 0.6},       {"date", 0.8},   {"date_raw", 0.8}};
      m.confidence = combine(m.field_confidence);
      f.measures.push_back(std::move(m));
      f.field_confidence["measures"] = 0.5;
    }
  }
  for (int p = measure_cell->page; p <= std::max(measure_cell->page, measure_cell->last_page); ++p)
    if (std::find(f.source.pages.begin(), f.source.pages.end(), p) == f.source.pages.end())
      f.source.pages.push_back(p);
  std::sort(f.source.pages.begin(), f.source.pages.end());
  if (measure_cell->page > 0)
    f.source.boxes.push_back({measure_cell->page, measure_cell->box, "measure"});
}

}  // namespace kansa::interpret
