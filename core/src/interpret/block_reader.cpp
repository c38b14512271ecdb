#include "interpret/block_reader.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "interpret/confidence.hpp"
#include "interpret/measure_split.hpp"
#include "interpret/u32.hpp"
#include "kansa/era_date.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
// ⑴–⒇: parenthesized numbers as one character.
bool is_paren_number(char32_t c) { return c >= 0x2474 && c <= 0x2487; }
bool is_katakana(char32_t c) { return c >= U'ア' && c <= U'ン'; }
bool is_colon(char32_t c) { return c == U':' || c == U'：'; }

// A page number line (－１－, - 3 -, 2/5; OCR reads ー as 一): not part of any block.
bool is_footer(const PageLine& l) {
  std::u32string c = to_u32(text::normalize_compact(l.line.text));
  if (c.empty() || c.size() > 10) return c.empty();
  bool digit = false;
  for (char32_t ch : c) {
    if (is_digit(ch))
      digit = true;
    else if (std::u32string_view(U"-‐−―ー一—–~()/Pp.").find(ch) == std::u32string_view::npos)
      return false;
  }
  return digit;
}

// Position after a leading item number of a label line (1 / １． / (1) / ① / ⑴) and the white
// space after it; 0 when the line does not start with one.
size_t skip_label_number(std::u32string_view s) {
  size_t i = 0;
  if (i < s.size() && (is_circled(s[i]) || is_paren_number(s[i]))) {
    ++i;
  } else if (i < s.size() && (s[i] == U'(' || s[i] == U'（')) {
    size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == i + 1 || j >= s.size() || (s[j] != U')' && s[j] != U'）')) return 0;
    i = j + 1;
  } else {
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == 0) return 0;
    if (i < s.size() && (s[i] == U'.' || s[i] == U'．' || s[i] == U'、')) ++i;
  }
  size_t k = i;
  while (k < s.size() && is_space(s[k])) ++k;
  return k;
}

// A cell or line that is only a label's number (1 / １． / (1) / ①).
bool is_label_number(const std::string& raw) {
  std::u32string s = to_u32(text::normalize_compact(raw));
  return !s.empty() && skip_label_number(s) == s.size();
}

struct LabelLine {
  const Term* term;
  std::string value_raw;  // the rest of the line after the label and its separator
  // A label read with a slip may stand for labels of other roles too: these, after `term`.
  std::vector<const Term*> others;
};

std::optional<LabelLine> label_line(const std::vector<const Term*>& terms, std::string value) {
  if (terms.empty()) return std::nullopt;
  return LabelLine{terms.front(), std::move(value), {terms.begin() + 1, terms.end()}};
}

// Marks OCR makes of specks and scratches at the ends of a line.
bool is_speck_mark(char32_t c) {
  return std::u32string_view(U"・･.,-‐ー~〜*`'\"“”|_…]}[{").find(c) != std::u32string_view::npos;
}

// An OCR line without the specks read as marks at its ends: one or two marks set apart by
// white space at the end (…について ・, …望まれる。 ]), and marks before a bracket or a No.
// ref opening the line (~(下水道課), ・( 危機管理課), ・No.4), where a department heading, a
// label or an item heading starts; and digits of one number set apart. Text layers are taken
// as printed.
std::string without_specks(const std::string& raw) {
  std::u32string s = to_u32(raw);
  size_t e = s.size();
  while (e > 0 && is_space(s[e - 1])) --e;
  size_t m = e;
  while (m > 0 && e - m < 2 && is_speck_mark(s[m - 1])) --m;
  if (m < e && m > 0 && is_space(s[m - 1])) e = m;
  size_t b = 0;
  while (b < e && is_space(s[b])) ++b;
  size_t k = b;
  while (k < e && k - b < 2 && is_speck_mark(s[k])) ++k;
  size_t after = k;
  while (after < e && is_space(s[after])) ++after;
  // Marks before a bracket or a No. ref: specks; before other text they may be bullets.
  const std::u32string_view rest = std::u32string_view(s).substr(after, e - after);
  if (k > b && after < e &&
      (is_open_bracket(s[after]) || starts_with(rest, U"No") || starts_with(rest, U"NO") ||
       starts_with(rest, U"№")))
    b = after;
  // Digits OCR set apart (平成3 0年, 7月1 3日): one number when Japanese text bounds it.
  std::u32string out;
  for (size_t i = b; i < e; ++i) {
    if (is_space(s[i]) && !out.empty() && is_digit(out.back())) {
      size_t j = i;
      while (j < e && is_space(s[j])) ++j;
      if (j < e && is_digit(s[j])) {
        size_t l = out.size();
        while (l > 0 && is_digit(out[l - 1])) --l;
        size_t r = j;
        while (r < e && is_digit(s[r])) ++r;
        const bool japanese_left = l > 0 && text::is_japanese(out[l - 1]);
        const bool japanese_right = r < e && text::is_japanese(s[r]);
        if (japanese_left || japanese_right) {
          i = j - 1;
          continue;
        }
      }
    }
    out.push_back(s[i]);
  }
  return to_utf8(out);
}

// Whether `a` and `b` differ by one slip of OCR: one character read as another, two
// neighbours swapped, or (in words of five characters or more) one character dropped or added.
bool one_slip_apart(std::u32string_view a, std::u32string_view b) {
  if (a.size() == b.size()) {
    std::vector<size_t> diff;
    for (size_t i = 0; i < a.size() && diff.size() < 3; ++i)
      if (a[i] != b[i]) diff.push_back(i);
    if (diff.size() == 1) return true;
    return diff.size() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
           a[diff[1]] == b[diff[0]];
  }
  return std::min(a.size(), b.size()) >= 4 && edit_distance_at_most(a, b, 1) == 1;
}

// The labels `key` may stand for: the term equal to it, else, for keys of four characters or
// more (short labels such as 意見 are too close to ordinary words), the terms it is a slip
// away from (措置の内容 read as 指置の内容), one per role. Several roles that close (指置の内容
// is a slip from 指摘の内容 too) are left to the reader, who knows what the item lacks.
std::vector<const Term*> label_terms(std::u32string_view key, const Vocabulary& vocab) {
  if (const Term* t = exact_term(vocab.block_labels, key)) return {t};
  std::vector<const Term*> found;
  if (key.size() < 4) return found;
  for (const Term& t : vocab.block_labels) {
    if (t.word.size() < 4 || !one_slip_apart(key, t.word)) continue;
    if (std::none_of(found.begin(), found.end(),
                     [&](const Term* f) { return f->value == t.value; }))
      found.push_back(&t);
  }
  return found;
}

// A value that holds no word (…, -, ・ after a label: specks read as marks) is no value.
std::string value_or_nothing(std::u32string_view v) {
  for (char32_t c : v)
    if (text::is_japanese(c) || (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９') ||
        (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))
      return to_utf8(v);
  return "";
}

// How far a label's end (its closing bracket or its colon) may sit from the line's start.
constexpr size_t kLabelReach = 16;

// "LABEL  value", "LABEL：value" or "LABEL" alone (possibly in brackets: [監査結果]), after an
// optional number. OCR text is met half way: a label split by spaces before its colon (報告年
// 月日：…), brackets misread or one of them lost (〔措置の内容】, 意見】, 【 措置の内容】), and
// one slip in a label of four characters or more.
std::optional<LabelLine> match_label(const std::string& raw, const Vocabulary& vocab,
                                     bool ocr = false) {
  std::u32string s = to_u32(raw);
  size_t b = 0;
  while (b < s.size() && is_space(s[b])) ++b;
  std::u32string_view v = std::u32string_view(s).substr(b);
  const size_t number = skip_label_number(v);
  v = v.substr(number);
  // A speck before the label (1 ・指摘事項等, - 指摘年月日).
  if (!v.empty() && is_speck_mark(v[0])) {
    size_t k = 1;
    while (k < v.size() && is_space(v[k])) ++k;
    v = v.substr(k);
  }
  const auto compact = [](std::u32string_view part) {
    return to_u32(text::normalize_compact(to_utf8(part)));
  };
  const auto after = [&](size_t pos) {
    while (pos < v.size() && (is_space(v[pos]) || is_colon(v[pos]))) ++pos;
    return pos;
  };
  // A label glued to its value with a comma between, what OCR makes of a speck in the gap,
  // and maybe split by OCR's spaces (指摘 年 月日、令和元年6月1日).
  for (size_t c = 1; c < std::min<size_t>(v.size(), 16); ++c) {
    if (!(v[c] == U'、' || v[c] == U',' || v[c] == U'，')) continue;
    if (const Term* t = exact_term(vocab.block_labels, compact(v.substr(0, c))))
      return LabelLine{t, to_utf8(v.substr(after(c + 1))), {}};
    break;
  }
  // The first word, up to white space or a colon, or the first two or three words when OCR
  // split the label (措置 状況 改善中): the longest that is a label.
  size_t end = 0;
  while (end < v.size() && !is_space(v[end]) && !is_colon(v[end])) ++end;
  std::u32string key = compact(v.substr(0, end));
  const Term* word_label = nullptr;
  size_t word_end = end;
  for (size_t words = 1, e = end; words <= 3; ++words) {
    std::u32string k = compact(v.substr(0, e));
    while (k.size() > 2 && is_speck_mark(k.back()) && !is_close_bracket(k.back()))
      k.pop_back();  // 所管課・
    if (k.size() > 2 && is_open_bracket(k.front()) && k.back() == closing_of(k.front()))
      k = k.substr(1, k.size() - 2);
    if (k.size() > 12) break;
    if (const Term* t = exact_term(vocab.block_labels, k)) {
      word_label = t;
      word_end = e;
    }
    if (e >= v.size() || is_colon(v[e])) break;
    while (e < v.size() && is_space(v[e])) ++e;
    while (e < v.size() && !is_space(v[e]) && !is_colon(v[e])) ++e;
  }
  if (word_label) return LabelLine{word_label, to_utf8(v.substr(after(word_end))), {}};
  // A numbered label glued to its value (2 講じた措置.現地測量を…, 1 指摘事項等契約…): the
  // number vouches for a label at the start. Labels of four characters or more only. On a
  // scan OCR may have closed the gap between a label and its value (指摘事項収納金の…).
  if (number > 0 || ocr) {
    const Term* longest = nullptr;
    size_t cut = 0;
    for (size_t j = 1; j < std::min<size_t>(end, 13); ++j)
      if (const Term* t = exact_term(vocab.block_labels, compact(v.substr(0, j)));
          t != nullptr && t->word.size() >= 4) {
        longest = t;
        cut = j;
      }
    if (longest != nullptr) {
      while (cut < v.size() && is_speck_mark(v[cut]) && v[cut] != U'・') ++cut;
      return LabelLine{longest, to_utf8(v.substr(after(cut))), {}};
    }
  }
  // Everything before a colon near the start, spaces and all.
  const size_t reach = std::min(v.size(), kLabelReach);
  for (size_t c = 0; c < reach; ++c) {
    if (!is_colon(v[c])) continue;
    if (auto l =
            label_line(label_terms(compact(v.substr(0, c)), vocab), to_utf8(v.substr(after(c)))))
      return l;
    break;
  }
  // A bracketed label alone on its line, whichever brackets OCR saw.
  for (size_t c = 0; c < reach; ++c) {
    if (!is_close_bracket(v[c])) continue;
    const size_t open = is_open_bracket(v[0]) ? 1 : 0;
    if (c <= open) break;
    // Alone on its line only: a mark glued to a title (（１） 【指摘】庁舎清掃業務…) is a
    // kind mark in a findings table's cell, not a block label.
    if (!value_or_nothing(v.substr(after(c + 1))).empty()) break;
    if (auto l = label_line(label_terms(compact(v.substr(open, c - open)), vocab), "")) return l;
    break;
  }
  // The first word with one slip.
  return label_line(label_terms(key, vocab), to_utf8(v.substr(after(end))));
}

// A heading of an item: a ref ((1), No.3, ⑵) then its title. Returns the ref's length in
// the normalized text, or 0.
size_t heading_ref_length(std::u32string_view n) {
  if (n.empty()) return 0;
  if (is_paren_number(n[0])) return 1;
  if (n.size() > 3 && n[0] == U'(' && is_katakana(n[1]) && n[2] == U')') return 3;  // (ア)
  if (n[0] == U'(') {
    size_t j = 1;
    while (j < n.size() && is_digit(n[j])) ++j;
    return j > 1 && j < n.size() && n[j] == U')' ? j + 1 : 0;
  }
  // Ne is how OCR reads No (and № after NFKC) in a scan.
  for (std::u32string_view p : {U"No.", U"NO.", U"No,", U"No", U"№", U"Ne.", U"Ne,"}) {
    if (!starts_with(n, p)) continue;
    size_t j = p.size();
    while (j < n.size() && n[j] == U' ') ++j;
    size_t d = j;
    while (j < n.size() && is_digit(n[j])) ++j;
    return j > d ? j : 0;
  }
  return 0;
}

// ア　…について: a katakana ref set apart by white space (normalization would glue it to the
// title, so this looks at the raw line). Returns the ref and the raw title.
std::optional<std::pair<std::string, std::string>> kana_heading(const std::string& raw) {
  std::u32string s = to_u32(raw);
  size_t b = 0;
  while (b < s.size() && is_space(s[b])) ++b;
  if (b + 2 >= s.size() || !is_katakana(s[b]) || !is_space(s[b + 1])) return std::nullopt;
  size_t t = b + 1;
  while (t < s.size() && is_space(s[t])) ++t;
  if (t >= s.size()) return std::nullopt;
  return std::make_pair(to_utf8(s.substr(b, 1)), to_utf8(s.substr(t)));
}

// What kind of numbering a ref uses, so that nested levels can be told apart: (1), (ア), ア,
// No.1.
std::string ref_style(const std::string& compact_ref) {
  std::u32string r = to_u32(compact_ref);
  if (r.empty()) return "";
  if (r[0] == U'(') return r.size() > 1 && is_katakana(r[1]) ? "kana-paren" : "number-paren";
  if (is_katakana(r[0])) return "kana";
  if (is_digit(r[0])) return "number";
  return "other";
}

bool ends_with_department_suffix(std::u32string_view name, const Vocabulary& vocab) {
  if (name.empty()) return false;
  for (const std::u32string& suf : vocab.department_suffixes)
    if (!suf.empty() && ends_with(name, suf)) return true;
  return false;
}

// 【土木部】 / （健康福祉局） alone on a line: the department heading a group of items.
std::optional<std::string> group_heading(const std::string& raw, const Vocabulary& vocab) {
  std::u32string c = to_u32(text::normalize_compact(raw));
  if (c.size() < 3 || !is_open_bracket(c.front()) || c.back() != closing_of(c.front()))
    return std::nullopt;
  std::u32string inner = c.substr(1, c.size() - 2);
  for (char32_t ch : inner)
    if (is_open_bracket(ch) || is_close_bracket(ch)) return std::nullopt;
  if (!ends_with_department_suffix(inner, vocab)) return std::nullopt;
  return to_utf8(inner);
}

// Raw lines joined the way the schema joins line breaks, then normalized.
std::string join_lines(const std::vector<std::string>& raws) {
  std::string out;
  for (const std::string& r : raws) {
    if (r.empty()) continue;
    if (!out.empty() && !tight_line_break(out, r)) out += ' ';
    out += r;
  }
  return text::normalize(out);
}

// A department in parentheses closing a text after its last sentence (…されたい。（道路課）,
// …（環境施設課（清掃工場を含む。））): removed from `text` and returned.
std::optional<std::string> take_trailing_department(std::string& text, const Vocabulary& vocab) {
  if (auto d = take_closing_department(text, vocab)) return d->name;
  return std::nullopt;
}

// The finding field a block's value is read into, for its source box.
std::string field_of_role(const std::string& role) {
  if (role == "finding" || role == "opinion") return "summary";
  if (role == "measure_date") return "date";
  if (role == "measure" || role == "status" || role == "department") return role;
  return "other";
}

struct Block {
  std::string role;
  const Term* label = nullptr;  // the label that opened it
  std::vector<std::string> raws;
  double label_x0 = 0;
  double min_conf = 1.0;
  double value_x0 = -1;  // where its first value line below the label starts; -1: none yet
};

struct Item {
  size_t start = 0;     // index of its first line
  std::string ref;      // compact-normalized, with the refs of the headings above (⑴ア)
  std::string own_ref;  // as printed on its heading; empty when no heading opened it
  std::vector<std::string> title_raws;
  std::vector<Block> blocks;
  std::optional<std::string> group;
  std::set<int> pages;
  double min_conf = 1.0;
  std::vector<SourceBox> boxes;  // its lines, one box per field and page in a row

  bool has(const std::string& role) const {
    return std::any_of(blocks.begin(), blocks.end(),
                       [&](const Block& b) { return b.role == role; });
  }
  bool has_label(const Term* label) const {
    return std::any_of(blocks.begin(), blocks.end(),
                       [&](const Block& b) { return b.label == label; });
  }
  bool has_text() const { return has("finding") || has("opinion"); }
  bool complete() const { return (has_text() || !title_raws.empty()) && has("measure"); }
};

struct MeasureParts {
  const Block* text = nullptr;
  const Block* date = nullptr;
  const Block* status = nullptr;
  const Block* department = nullptr;
};

// One measure from the blocks of `p`; `text` is its text (normalized) and `head_dept` the
// department heading it in the measure block ((道路課)…), if any.
Measure read_measure(const MeasureParts& p, std::string text,
                     const std::optional<std::string>& head_dept,
                     const std::optional<std::string>& fallback_dept,
                     const std::optional<std::string>& group, const Legend& legend,
                     const Vocabulary& vocab) {
  Measure m;
  FieldConfidence mfc;
  double ocr_conf = 1.0;
  for (const Block* b : {p.text, p.date, p.status, p.department})
    if (b) ocr_conf = std::min(ocr_conf, b->min_conf);
  const bool ocr = ocr_conf < 0.999;

  StatusReading st;
  if (p.status) {
    st = read_status(join_lines(p.status->raws), legend, vocab);
  } else if (auto lead = leading_status_mark(text, legend, vocab)) {
    st = lead->status;
    text = lead->rest;
  } else {
    // Nothing printed: unknown, as the schema's golden files expect where no status is shown.
    st.confidence = 0.9;
  }
  m.text = text;
  m.status = st.status;
  m.status_raw = st.raw;
  mfc["status"] = st.found || !p.status ? st.confidence : 0.5;
  mfc["status_raw"] = mfc["status"];

  double dept_conf = 0.6;
  if (head_dept) {
    m.department = head_dept;
    dept_conf = 0.93;
  } else if (p.department) {
    m.department = text::normalize_compact(join_lines(p.department->raws));
    dept_conf = 0.95;
  } else if (fallback_dept) {
    m.department = fallback_dept;
    dept_conf = 0.9;
  } else if (group) {
    m.department = group;
    dept_conf = 0.7;
  }
  if (m.department && m.department->empty()) m.department.reset();

  if (p.date) {
    std::string raw = join_lines(p.date->raws);
    if (auto d = era::find_date(raw)) {
      m.date_raw = text::normalize(d->raw);
      m.date = d->iso();
      mfc["date"] = m.date ? 0.96 : 0.85;
      mfc["date_raw"] = 0.96;
    } else {
      mfc["date"] = 0.6;
      mfc["date_raw"] = 0.6;
    }
  } else {
    mfc["date"] = 0.97;
    mfc["date_raw"] = 0.97;
  }
  mfc["department"] = for_source(dept_conf, FieldKind::Short, ocr, ocr_conf);
  mfc["text"] = for_source(p.text ? 0.93 : 0.3, FieldKind::Text, ocr, ocr_conf);
  for (const char* k : {"status", "status_raw", "date", "date_raw"})
    mfc[k] = for_source(mfc[k], FieldKind::Short, ocr, ocr_conf);
  m.field_confidence = mfc;
  m.confidence = combine(mfc);
  return m;
}

Finding read_item(const Item& item, const Legend& legend, const Vocabulary& vocab, double fit) {
  Finding f;
  FieldConfidence fc;
  const bool ocr = item.min_conf < 0.999;
  if (!item.ref.empty()) f.ref = item.ref;
  if (!item.title_raws.empty()) f.title = join_lines(item.title_raws);
  std::optional<std::string> summary_dept;
  const Block* text_block = nullptr;
  for (const Block& b : item.blocks)
    if (b.role == "finding" || b.role == "opinion") {
      text_block = &b;
      break;
    }
  if (text_block) {
    f.kind = text_block->role;
    std::string summary = join_lines(text_block->raws);
    summary_dept = take_trailing_department(summary, vocab);
    if (!summary.empty()) f.summary = summary;
  }

  // Measures: a measure block opens a new measure once the current one has its text; a date,
  // status or department block goes to the current measure unless it already has one.
  std::vector<MeasureParts> parts(1);
  std::optional<std::string> item_dept;
  for (const Block& b : item.blocks) {
    MeasureParts& cur = parts.back();
    const Block** slot = b.role == "measure"        ? &cur.text
                         : b.role == "measure_date" ? &cur.date
                         : b.role == "status"       ? &cur.status
                         : b.role == "department"   ? &cur.department
                                                    : nullptr;
    if (slot == nullptr) continue;
    if (*slot != nullptr) {
      parts.emplace_back();
      MeasureParts& next = parts.back();
      slot = b.role == "measure"        ? &next.text
             : b.role == "measure_date" ? &next.date
             : b.role == "status"       ? &next.status
                                        : &next.department;
    }
    *slot = &b;
  }
  // A department printed once for the item (before or after its measures) applies to every
  // measure that names none.
  const Block* only_dept = nullptr;
  int dept_blocks = 0;
  for (const MeasureParts& p : parts)
    if (p.department) {
      only_dept = p.department;
      ++dept_blocks;
    }
  if (dept_blocks == 1) item_dept = text::normalize_compact(join_lines(only_dept->raws));
  if (!item_dept) item_dept = summary_dept;
  for (const MeasureParts& p : parts) {
    if (!p.text && !p.status && !p.date) continue;
    if (!p.text) {
      f.measures.push_back(read_measure(p, "", std::nullopt, item_dept, item.group, legend, vocab));
      continue;
    }
    // A department closing the measure text (…した。（会計課））answers for all of it.
    std::string joined = join_lines(p.text->raws);
    if (auto tail = take_trailing_department(joined, vocab)) {
      f.measures.push_back(read_measure(p, joined, tail, item_dept, item.group, legend, vocab));
      continue;
    }
    // A measure block may answer for several departments: (道路課)…(河川課)…
    std::string raw;
    for (const std::string& r : p.text->raws) {
      if (r.empty()) continue;
      if (!raw.empty()) raw += '\n';
      raw += r;
    }
    std::vector<MeasurePart> split = split_measures(raw, vocab);
    if (split.size() <= 1 && (split.empty() || !split.front().department)) {
      f.measures.push_back(
          read_measure(p, joined, std::nullopt, item_dept, item.group, legend, vocab));
      continue;
    }
    for (const MeasurePart& part : split)
      f.measures.push_back(
          read_measure(p, part.text, part.department, item_dept, item.group, legend, vocab));
  }

  fc["ref"] = for_source(item.ref.empty() ? 0.8 : 0.95, FieldKind::Short, ocr, item.min_conf);
  fc["kind"] = for_source(text_block ? 0.93 : 0.5, FieldKind::Short, ocr, item.min_conf);
  fc["title"] = for_source(f.title ? 0.92 : 0.5, FieldKind::Text, ocr, item.min_conf);
  fc["summary"] = for_source(f.summary ? 0.92 : 0.8, FieldKind::Text, ocr, item.min_conf);
  fc["report_pages"] = 0.97;
  fc["measures"] = for_source(item.complete() ? 0.95 : 0.6, FieldKind::Short, ocr, item.min_conf);
  for (auto& [k, v] : fc) v *= 0.9 + 0.1 * fit;
  f.field_confidence = fc;
  double p = combine(fc);
  for (const Measure& m : f.measures) p *= m.confidence;
  f.confidence = clamp_confidence(p);
  f.source.pages.assign(item.pages.begin(), item.pages.end());
  f.source.method = ocr ? "ocr" : "text";
  f.source.boxes = item.boxes;
  return f;
}

bool is_text_role(const std::string& role) { return role == "finding" || role == "opinion"; }

// Of the labels a label read with a slip may stand for, the one of the side the current item
// still lacks: the measure's once the item has its text, the auditors' otherwise. None when
// that leaves more than one.
const Term* likelier_label(const LabelLine& l, const std::vector<Item>& items) {
  const bool want_text = items.empty() || !items.back().has_text();
  const Term* pick = nullptr;
  std::vector<const Term*> all{l.term};
  all.insert(all.end(), l.others.begin(), l.others.end());
  for (const Term* t : all) {
    if (is_text_role(t->value) != want_text) continue;
    if (pick != nullptr) return nullptr;
    pick = t;
  }
  return pick;
}

// Counts a label line for explain().
void note_label(std::vector<BlockLabelSeen>& seen, const Term& term, bool inline_value) {
  const std::string label = to_utf8(term.word);
  auto it = std::find_if(seen.begin(), seen.end(),
                         [&](const BlockLabelSeen& l) { return l.label == label; });
  if (it == seen.end()) it = seen.insert(seen.end(), {label, term.value, 0, 0});
  ++it->count;
  if (inline_value) ++it->inline_values;
}

}  // namespace

bool is_label_column_table(const Table& t, const Vocabulary& vocab) {
  int labelled = 0, rows = 0;
  bool behind_number = false;
  std::set<std::string> roles;
  for (int r = 0; r < t.rows; ++r) {
    const Cell* c = t.covering(r, 0);
    if (c == nullptr || c->row != r) continue;
    ++rows;
    std::optional<LabelLine> label = match_label(c->text, vocab);
    // Numbered labels (1 | 指摘事項等 …): the number may take a column of its own.
    const Cell* next = t.cols > 1 ? t.covering(r, 1) : nullptr;
    if (!label && next != nullptr && next != c && is_label_number(c->text)) {
      label = match_label(next->text, vocab);
      behind_number = behind_number || label.has_value();
    }
    if (label && !label->others.empty()) label.reset();  // a slip of several readings
    if (label) {
      ++labelled;
      roles.insert(label->term->value);
    }
  }
  // A numbered 区分 column (1 | 指摘 | …, 2 | 意見 | …) also opens with block labels, but only
  // with the auditors' side: a label-value layout has the measure side too.
  if (behind_number && !roles.count("measure") && !roles.count("measure_date") &&
      !roles.count("status"))
    return false;
  return labelled >= 3 && roles.size() >= 2 && labelled * 10 >= rows * 3;
}

BlockReading read_label_blocks(const std::vector<PageLine>& lines, const Vocabulary& vocab,
                               const Legend& legend) {
  BlockReading out;
  std::vector<Item> items;
  std::optional<std::string> group;
  Block* block = nullptr;  // the block being read, in items.back()
  auto open_item = [&](size_t start) {
    items.emplace_back();
    items.back().start = start;
    items.back().group = group;
    block = nullptr;
  };
  // Headings that head other headings (⑴ 現金の管理 over ア …, イ …): their refs, outermost
  // first, with the style of each; an item's ref is theirs followed by its own (⑴ア).
  std::vector<std::pair<std::string, std::string>> parents;  // style, ref
  auto open_heading = [&](size_t start, const std::string& ref, const std::string& title) {
    auto drop_from = [&](const std::string& style) {
      for (size_t k = 0; k < parents.size(); ++k)
        if (parents[k].first == style) {
          parents.resize(k);
          break;
        }
    };
    // The item just opened has no blocks: it was a heading over this one.
    if (!items.empty() && items.back().blocks.empty() && !items.back().own_ref.empty()) {
      const std::string style = ref_style(items.back().own_ref);
      drop_from(style);
      parents.emplace_back(style, items.back().own_ref);
      items.pop_back();
      ++out.parent_headings;
    }
    drop_from(ref_style(ref));  // a sibling of a parent level ends that level
    std::string full;
    for (const auto& p : parents) full += p.second;
    open_item(start);
    items.back().own_ref = ref;
    items.back().ref = full + ref;
    items.back().title_raws.push_back(title);
  };
  // Counts line `l` into the current item, read as `field` (a finding field name).
  auto note = [&](const PageLine& l, const std::string& field) {
    Item& item = items.back();
    item.pages.insert(l.page);
    item.min_conf = std::min(item.min_conf, l.line.confidence);
    const Box& b = l.line.box;
    if (!item.boxes.empty() && item.boxes.back().page == l.page &&
        item.boxes.back().field == field) {
      Box& u = item.boxes.back().box;
      u = {std::min(u.x0, b.x0), std::min(u.y0, b.y0), std::max(u.x1, b.x1), std::max(u.y1, b.y1)};
    } else {
      item.boxes.push_back({l.page, b, field});
    }
  };

  for (size_t i = 0; i < lines.size(); ++i) {
    const PageLine& l = lines[i];
    if (is_footer(l)) continue;
    const bool ocr = l.line.confidence < 0.999;  // text layers are read as printed
    const std::string raw = ocr ? without_specks(l.line.text) : l.line.text;
    const double fs = l.line.font_size > 0 ? l.line.font_size : 10;
    std::optional<LabelLine> label = match_label(raw, vocab, ocr);
    const double x0 = l.line.box.x0;
    // OCR line boxes start a few points off the print (skew, specks): a line opening with a
    // label of another role is that label even right of the block's label, as long as it is
    // left of where the block's value lines start.
    const bool ocr_label = block != nullptr && ocr && label && label->others.empty() &&
                           label->term->value != block->role &&
                           (block->value_x0 < 0 || x0 < block->value_x0 - 0.5 * fs);
    // Lines of a value (wrapped, or below a label on a line of its own) sit right of where
    // its label starts.
    if (block != nullptr && x0 > block->label_x0 + 0.5 * fs && !ocr_label) {
      if (block->value_x0 < 0) block->value_x0 = x0;
      block->raws.push_back(raw);
      block->min_conf = std::min(block->min_conf, l.line.confidence);
      note(l, field_of_role(block->role));
      continue;
    }
    if (label && !label->others.empty()) label->term = likelier_label(*label, items);
    if (label && label->term != nullptr) {
      const std::string& role = label->term->value;
      note_label(out.labels, *label->term, !text::normalize(label->value_raw).empty());
      const bool text_role = is_text_role(role);
      // A label seen again in an item that already has its measure opens the next item (when
      // items have no headings); a second text block does so in any case.
      // Dates that are not the measure's (指摘年月日, 通知年月日, 公表年月日) share one role but
      // are distinct facts: an item may print several of them, so for these it takes the same
      // label again to open the next item.
      const bool repeated = role == "other_date"
                                ? items.empty() || items.back().has_label(label->term)
                                : !items.empty() && items.back().has(role);
      bool next_item = items.empty() || (text_role && items.back().has_text()) ||
                       (role != "measure" && repeated && items.back().has("measure"));
      if (next_item) open_item(i);
      items.back().blocks.push_back(
          {role, label->term, {label->value_raw}, l.line.box.x0, l.line.confidence, -1});
      block = &items.back().blocks.back();
      note(l, field_of_role(role));
      continue;
    }
    // A label alone on its line has its value below: the next line is that value, wherever
    // it starts (an OCR line box can start left of the text with a speck, and a department
    // heading of the measure, (下水道課), then looks like a group heading).
    if (block != nullptr && std::all_of(block->raws.begin(), block->raws.end(),
                                        [](const auto& r) { return text::normalize(r).empty(); })) {
      block->raws.push_back(raw);
      block->min_conf = std::min(block->min_conf, l.line.confidence);
      note(l, field_of_role(block->role));
      continue;
    }
    if (auto g = group_heading(raw, vocab)) {
      if (std::find(out.groups.begin(), out.groups.end(), *g) == out.groups.end())
        out.groups.push_back(*g);
      group = g;
      block = nullptr;
      continue;
    }
    std::u32string n = to_u32(text::normalize(raw));
    if (!n.empty() && n.front() == U'【') {
      block = nullptr;  // a section heading (【重点テーマ1】…): ends the block, read as nothing
      continue;
    }
    if (auto kana = kana_heading(raw)) {
      open_heading(i, kana->first, kana->second);
      note(l, "title");
      continue;
    }
    if (size_t len = heading_ref_length(n); len > 0 && len < n.size()) {
      std::string ref = text::normalize_compact(to_utf8(n.substr(0, len)));
      if (ref.rfind("Ne", 0) == 0) ref[1] = 'o';   // OCR reads No as Ne
      if (ref.rfind("No,", 0) == 0) ref[2] = '.';  // and the dot as a comma
      open_heading(i, ref, to_utf8(n.substr(len)));
      note(l, "title");
      continue;
    }
    if (block != nullptr) {
      block->raws.push_back(raw);
      block->min_conf = std::min(block->min_conf, l.line.confidence);
      note(l, field_of_role(block->role));
    } else if (!items.empty() && items.back().blocks.empty() && !items.back().title_raws.empty()) {
      items.back().title_raws.push_back(raw);  // a heading wrapped onto a second line
      note(l, "title");
    }
  }

  std::vector<const Item*> kept;
  int complete = 0;
  for (const Item& it : items) {
    if (!it.has_text() && !it.has("measure")) continue;
    kept.push_back(&it);
    if (it.complete()) ++complete;
    if (!it.own_ref.empty()) ++out.heading_items;
  }
  out.items = static_cast<int>(kept.size());
  out.complete_items = complete;
  if (kept.empty()) return out;
  out.fit = static_cast<double>(complete) / static_cast<double>(kept.size());
  out.first_item_line = kept.front()->start;
  for (const Item* it : kept) out.findings.push_back(read_item(*it, legend, vocab, out.fit));
  return out;
}

}  // namespace kansa::interpret
