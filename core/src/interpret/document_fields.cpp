#include "interpret/document_fields.hpp"

#include "interpret/measure_split.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "interpret/u32.hpp"
#include "kansa/era_date.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

double median_font(const std::vector<PageLine>& lines, int page) {
  std::vector<double> sizes;
  for (const PageLine& l : lines)
    if (l.page == page && l.line.font_size > 0) sizes.push_back(l.line.font_size);
  if (sizes.empty()) return 0;
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  return sizes[sizes.size() / 2];
}

// A notice number closing a short line of its own (…監査委員公表第586号): "公表第586号".
std::string notice_number(const std::vector<PageLine>& lines, const Vocabulary& vocab) {
  for (const PageLine& l : lines) {
    std::u32string c = to_u32(text::normalize_compact(l.line.text));
    if (c.size() > 30 || !ends_with(c, U"号")) continue;
    size_t j = c.size() - 1;  // at 号
    size_t d = j;
    while (d > 0 && c[d - 1] >= U'0' && c[d - 1] <= U'9') --d;
    if (d == j || d == 0 || c[d - 1] != U'第') continue;
    for (const std::u32string& w : vocab.notice_number_words) {
      size_t at = d - 1;
      if (!w.empty() && at >= w.size() && c.compare(at - w.size(), w.size(), w) == 0)
        return to_utf8(c.substr(at - w.size()));
    }
  }
  return "";
}

// The first prominent line: the largest font in the top part of the first page with text,
// with a wrapped continuation in the same font joined.
std::pair<std::string, double> read_title(const std::vector<PageLine>& lines) {
  if (lines.empty()) return {"", 0.5};
  int page = lines.front().page;
  const PageLine* best = nullptr;
  size_t best_i = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const PageLine& l = lines[i];
    if (l.page != page) break;
    if (l.page_height > 0 && l.line.box.y0 > 0.4 * l.page_height) continue;
    if (text::normalize(l.line.text).empty()) continue;
    if (best == nullptr || l.line.font_size > best->line.font_size + 0.5) {
      best = &l;
      best_i = i;
    }
  }
  if (best == nullptr) {
    best = &lines.front();
    best_i = 0;
  }
  std::string raw = best->line.text;
  for (size_t i = best_i + 1; i < lines.size() && lines[i].page == page; ++i) {
    const layout::Line& prev = lines[i - 1].line;
    const layout::Line& l = lines[i].line;
    if (std::fabs(l.font_size - best->line.font_size) > 0.05 * best->line.font_size) break;
    if (l.box.y0 - prev.box.y1 > 0.8 * l.font_size) break;
    raw += "\n" + l.text;
  }
  double med = median_font(lines, page);
  double conf = best->line.font_size > 1.15 * med ? 0.94 : 0.7;
  return {text::normalize(raw), conf};
}

// After `label` at `pos` in line u: the rest, if the label ends the label part of the line.
bool after_label(const std::u32string& u, size_t end, std::u32string& rest) {
  size_t k = end;
  while (k < u.size() && is_space(u[k])) ++k;
  if (k >= u.size()) {
    rest.clear();
    return true;
  }
  if (u[k] == U':' || u[k] == U'：') {
    ++k;
    while (k < u.size() && is_space(u[k])) ++k;
    rest = u.substr(k);
    return true;
  }
  if (u[k] == U'「') {
    rest = u.substr(k);
    return true;
  }
  return false;
}

// Dots and dashes opening a line before its first word (・所管部局…: specks OCR read).
size_t leading_marks(const std::u32string& u) {
  size_t k = 0;
  while (k < u.size() && k < 2 && (is_speck_mark(u[k]) || is_space(u[k]))) ++k;
  return k;
}

// The longest term of four characters or more that `text` holds with exactly one character
// different (a misread glyph), when no other term's kind fits as well; nullptr otherwise.
const Term* find_term_with_one_slip(const std::vector<Term>& terms, std::u32string_view text) {
  const Term* found = nullptr;
  for (const Term& t : terms) {
    const size_t n = t.word.size();
    if (n < 4 || n > text.size() || (found && found->word.size() > n)) continue;
    for (size_t at = 0; at + n <= text.size(); ++at) {
      size_t diff = 0;
      for (size_t k = 0; k < n && diff < 2; ++k) diff += text[at + k] != t.word[k];
      if (diff != 1) continue;
      if (found && found->word.size() == n && found->value != t.value) return nullptr;
      found = &t;
      break;
    }
  }
  return found;
}

std::u32string unquote(const std::u32string& v) {
  if (v.size() >= 2 && v.front() == U'「' && v.back() == U'」') return v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

std::string labeled_value(const std::vector<PageLine>& lines, const std::string& field,
                          const Vocabulary& vocab) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::u32string u = to_u32(text::normalize(lines[i].line.text));
    // A label set apart from its value by a wide gap only (所管部局　教育委員会): normalization
    // closes the gap between Japanese characters, so the gap is read as a colon. Made only
    // for a line holding a label without a colon.
    std::optional<std::u32string> spaced;
    const auto value_after_gap = [&](const Term& t, std::u32string& rest) {
      if (!spaced) {
        spaced = normalize_keeping_first_gap(lines[i].line.text);
        if (const size_t gap = spaced->find(U' '); gap != std::u32string::npos)
          (*spaced)[gap] = U':';
      }
      const size_t at = spaced->find(t.word);
      return at != std::u32string::npos && after_label(*spaced, at + t.word.size(), rest);
    };
    for (const Term& t : vocab.document_labels) {
      if (t.value != field || t.word.empty()) continue;
      size_t at = u.find(t.word);
      if (at == std::u32string::npos) continue;
      std::u32string rest;
      if (!after_label(u, at + t.word.size(), rest) && !value_after_gap(t, rest)) {
        // 所管部局財務部: the gap lost (OCR closes gaps between Japanese glyphs), but what
        // follows the label opening the line is a department's name.
        if (field != "department" || at != leading_marks(u) ||
            department_likeness(u.substr(at + t.word.size()), vocab) == 0)
          continue;
        rest = u.substr(at + t.word.size());
      }
      std::u32string value = rest;
      size_t next = i + 1;
      if (value.empty() && next < lines.size())
        value = to_u32(text::normalize(lines[next++].line.text));
      // A quoted value wraps until its closing bracket.
      if (!value.empty() && value.front() == U'「') {
        while (value.find(U'」') == std::u32string::npos && next < lines.size() && next <= i + 6)
          value += to_u32(text::normalize(lines[next++].line.text));
        size_t close = value.find(U'」');
        if (close != std::u32string::npos) value = value.substr(0, close + 1);
      }
      std::string v = text::normalize(to_utf8(unquote(value)));
      if (!v.empty()) return v;
    }
  }
  return "";
}

std::string strip_audit_prefix(const std::string& theme, const Vocabulary& vocab) {
  std::u32string u = to_u32(theme);
  size_t nen = u.find(U"年度");
  if (nen == std::u32string::npos || nen > 8) return theme;
  std::u32string head = u.substr(0, nen + 2);
  if (!era::find_fiscal_year(to_utf8(head))) return theme;
  size_t k = nen + 2;
  while (k < u.size() && is_space(u[k])) ++k;
  const Term* t = term_at(vocab.audit_types, u, k);
  if (t == nullptr) return theme;
  k += t->word.size();
  while (k < u.size() && (is_space(u[k]) || u[k] == U':' || u[k] == U'、')) ++k;
  if (k >= u.size()) return theme;
  return text::normalize(to_utf8(std::u32string_view(u).substr(k)));
}

DocumentInfo read_document_fields(const Document& doc, const std::vector<PageLine>& lines,
                                  const std::vector<PageLine>& title_lines, const Vocabulary& vocab,
                                  const Options& options) {
  DocumentInfo info;
  info.sha256 = doc.sha256;
  info.file = doc.file;
  info.pages = static_cast<int>(doc.pages.size());
  FieldConfidence& fc = info.field_confidence;

  auto [title, title_conf] = read_title(title_lines);
  if (!title.empty()) info.title = title;
  fc["title"] = title.empty() ? 0.5 : title_conf;

  std::string theme_raw = labeled_value(lines, "theme", vocab);
  if (!theme_raw.empty()) {
    info.theme = strip_audit_prefix(theme_raw, vocab);
    fc["theme"] = 0.88;
  } else {
    fc["theme"] = 0.8;
  }
  if (std::string v = labeled_value(lines, "report_number", vocab); !v.empty()) {
    info.report_number = text::normalize_compact(v);
    fc["report_number"] = 0.93;
  } else if (std::string n = notice_number(lines, vocab); !n.empty()) {
    info.report_number = n;
    fc["report_number"] = 0.9;
  } else {
    fc["report_number"] = 0.9;
  }
  if (std::string v = labeled_value(lines, "department", vocab); !v.empty()) {
    info.department = text::normalize_compact(v);
    fc["department"] = 0.92;
  } else {
    fc["department"] = 0.9;
  }
  if (std::string v = labeled_value(lines, "notice_date", vocab); !v.empty()) {
    auto d = era::find_date(v);
    if (d && d->iso()) {
      info.notice_date = *d->iso();
      fc["notice_date"] = 0.95;
    } else {
      fc["notice_date"] = 0.6;
    }
  } else {
    fc["notice_date"] = 0.9;
  }

  std::string all;
  for (const PageLine& l : lines) all += l.line.text + "\n";
  std::u32string all_key = to_u32(text::normalize_compact(all));

  // Audit type: the title names it most reliably, then the theme's label line, then any text.
  {
    std::u32string tk = to_u32(text::normalize_compact(title));
    std::u32string thk = to_u32(text::normalize_compact(theme_raw));
    if (auto [t, at] = find_term(vocab.audit_types, tk); t) {
      info.audit_type = t->value;
      fc["audit_type"] = 0.95;
    } else if (auto [t2, at2] = find_term(vocab.audit_types, thk); t2) {
      info.audit_type = t2->value;
      fc["audit_type"] = 0.9;
    } else if (auto [t3, at3] = find_term(vocab.audit_types, all_key); t3) {
      info.audit_type = t3->value;
      fc["audit_type"] = 0.7;
    } else if (const Term* t4 = find_term_with_one_slip(vocab.audit_types, tk)) {
      // 財政援助団体等監告: the title's audit word with one glyph misread.
      info.audit_type = t4->value;
      fc["audit_type"] = 0.75;
    } else {
      fc["audit_type"] = 0.4;
    }
  }
  if (auto y = era::find_fiscal_year(title)) {
    info.audit_fiscal_year = *y;
    fc["audit_fiscal_year"] = 0.95;
  } else if (auto y2 = era::find_fiscal_year(theme_raw)) {
    info.audit_fiscal_year = *y2;
    fc["audit_fiscal_year"] = 0.9;
  } else if (auto y3 = era::find_fiscal_year(all)) {
    info.audit_fiscal_year = *y3;
    fc["audit_fiscal_year"] = 0.7;
  } else {
    fc["audit_fiscal_year"] = 0.4;
  }

  // Municipality: the given code, else a name in the text.
  std::optional<municipality::Entry> entry;
  double mconf = 0.5;
  if (options.municipality_code) {
    info.municipality_code = *options.municipality_code;
    if (options.municipalities) entry = options.municipalities->by_code(*options.municipality_code);
    mconf = entry ? 0.99 : 0.6;
  }
  if (!entry && options.municipalities) {
    std::string text_for_name = title + "\n" + all;
    for (const Table& t : doc.tables)
      for (const Cell& c : t.cells) text_for_name += "\n" + c.text;
    entry = options.municipalities->infer_from_text(text::normalize(text_for_name));
    if (entry) mconf = options.municipality_code ? 0.6 : 0.72;
  }
  if (entry) {
    info.municipality = entry->name;
    info.prefecture = entry->prefecture;
    if (!info.municipality_code) info.municipality_code = entry->code;
  }
  fc["municipality"] = mconf;
  fc["municipality_code"] = options.municipality_code ? 0.99 : mconf;
  fc["prefecture"] = mconf;
  return info;
}

}  // namespace kansa::interpret
