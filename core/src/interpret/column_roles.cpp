#include "interpret/column_roles.hpp"

#include <algorithm>
#include <set>

#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

// Removes parenthesized parts: "監査の結果及び意見(項目)" -> "監査の結果及び意見".
std::u32string strip_parentheticals(std::u32string_view s) {
  std::u32string out;
  int depth = 0;
  for (char32_t c : s) {
    if (c == U'(' || c == U'（' || c == U'[' || c == U'<') {
      ++depth;
    } else if ((c == U')' || c == U'）' || c == U']' || c == U'>') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return out;
}

// Greedy longest-first matching of header terms over `key`, non-overlapping.
std::vector<RoleMatch> match_key(const std::u32string& key, const Vocabulary& vocab) {
  std::vector<RoleMatch> out;
  if (key.empty()) return out;
  if (const Term* t = exact_term(vocab.column_headers, key)) {
    out.push_back({t->value, t->primary ? 1.0 : 0.93, true, ""});
    return out;
  }
  if (const Term* t = exact_term(vocab.status_words, key)) {
    out.push_back({"status_flag", 0.85, true, t->value});
    return out;
  }
  std::vector<bool> used(key.size(), false);
  size_t covered = 0;
  struct Hit {
    const Term* term;
    size_t at;
  };
  std::vector<Hit> hits;
  for (const Term& t : vocab.column_headers) {
    if (t.word.empty()) continue;
    for (size_t at = key.find(t.word); at != std::u32string::npos; at = key.find(t.word, at + 1)) {
      bool free = std::none_of(used.begin() + at, used.begin() + at + t.word.size(),
                               [](bool b) { return b; });
      if (!free) continue;
      std::fill(used.begin() + at, used.begin() + at + t.word.size(), true);
      covered += t.word.size();
      hits.push_back({&t, at});
      break;
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.at < b.at; });
  double coverage = static_cast<double>(covered) / key.size();
  std::set<std::string> seen;
  for (const Hit& h : hits) {
    if (!seen.insert(h.term->value).second) continue;
    double base = h.term->primary ? 0.85 : 0.75;
    out.push_back({h.term->value, base * (0.7 + 0.3 * coverage), false, ""});
  }
  return out;
}

std::u32string compact_key(std::string_view raw) { return to_u32(text::normalize_compact(raw)); }

// Header text of column c across the header band [r0, r1): every distinct anchor covering it.
std::string band_text(const Table& t, int r0, int r1, int c) {
  std::string out;
  const Cell* last = nullptr;
  for (int r = r0; r < r1; ++r) {
    const Cell* cell = t.covering(r, c);
    if (cell == nullptr || cell == last) continue;
    last = cell;
    if (!out.empty()) out += "\n";
    out += cell->text;
  }
  return out;
}

// match_header() of a header already in compact_key() form: callers that keep the key as
// well normalize the text once.
std::vector<RoleMatch> match_header_key(const std::u32string& key, const Vocabulary& vocab) {
  std::u32string core = strip_parentheticals(key);
  std::vector<RoleMatch> m = match_key(core, vocab);
  if (m.empty() && core != key) m = match_key(key, vocab);
  if (std::any_of(m.begin(), m.end(), [](const RoleMatch& r) { return r.exact; })) return m;
  // Latin letters in another case than the vocabulary's (NO. for No.: OCR's reading, or the
  // report's own spelling).
  const auto folded = [](std::u32string s) {
    for (char32_t& c : s)
      if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    return s;
  };
  if (std::any_of(core.begin(), core.end(), [](char32_t c) { return c < 0x80; }))
    for (const Term& t : vocab.column_headers)
      if (folded(t.word) == folded(core)) return {{t.value, t.primary ? 0.9 : 0.85, false, ""}};
  // A header as OCR may leave it (措置状\nLl for 措置状況, which only partly matches 措置):
  // stray Latin letters after the Japanese dropped, then a header word of three characters
  // or more within one edit, when that names one role only.
  std::u32string trimmed = core;
  while (!trimmed.empty() && trimmed.back() < 0x80) trimmed.pop_back();
  if (trimmed.size() < 3 && trimmed.size() == core.size()) return m;
  if (const Term* t = exact_term(vocab.column_headers, trimmed))
    return {{t->value, t->primary ? 0.9 : 0.85, false, ""}};
  // The last character lost (its strokes read as the Latin letters dropped above) first,
  // then any one slip.
  for (const bool truncated : {true, false}) {
    const Term* near = nullptr;
    bool ambiguous = false;
    for (const Term& t : vocab.column_headers) {
      // The Latin letters kept for a header whose own ends in them (指摘Ne for 指摘№, which
      // NFKC makes 指摘No).
      const bool fits =
          truncated ? trimmed.size() >= 3 && t.word.size() == trimmed.size() + 1 &&
                          starts_with(t.word, trimmed)
                    : t.word.size() >= 3 && (edit_distance_at_most(t.word, trimmed, 1) == 1 ||
                                             (core.size() > trimmed.size() && t.word.size() >= 4 &&
                                              edit_distance_at_most(t.word, core, 1) == 1));
      if (!fits) continue;
      ambiguous = ambiguous || (near && near->value != t.value);
      near = &t;
    }
    if (ambiguous) return m;
    if (near) return {{near->value, 0.7, false, ""}};
  }
  return m;
}

}  // namespace

std::vector<RoleMatch> match_header(std::string_view header, const Vocabulary& vocab) {
  return match_header_key(compact_key(header), vocab);
}

int TableLayout::column_of(const std::string& role) const {
  int best = -1;
  double best_score = -1;
  for (const ColumnInfo& c : columns)
    for (const RoleMatch& m : c.roles)
      if (m.role == role && m.score > best_score) {
        best = c.col;
        best_score = m.score;
      }
  return best;
}

const RoleMatch* TableLayout::match(int col, const std::string& role) const {
  for (const ColumnInfo& c : columns)
    if (c.col == col)
      for (const RoleMatch& m : c.roles)
        if (m.role == role) return &m;
  return nullptr;
}

TableLayout recognize_columns(const Table& table, const Vocabulary& vocab) {
  TableLayout best;
  int best_count = 0;
  double best_score = 0;
  const int max_header_row = std::min(table.rows, 4);
  for (int r = 0; r < max_header_row; ++r) {
    int span = 1;
    for (int c = 0; c < table.cols; ++c)
      if (const Cell* cell = table.covering(r, c); cell && cell->row == r)
        span = std::max(span, cell->rowspan);
    TableLayout cand;
    cand.header_row = r;
    cand.first_data_row = std::min(table.rows, r + span);
    int count = 0;
    double score = 0;
    std::set<std::string> roles;
    for (int c = 0; c < table.cols; ++c) {
      ColumnInfo info;
      info.col = c;
      std::string raw = band_text(table, r, r + span, c);
      info.header = text::normalize(raw);
      std::u32string key = compact_key(raw);
      info.roles = match_header_key(key, vocab);
      // A header cell spanning columns names its first column only.
      if (const Cell* cell = table.covering(r, c); cell && cell->col != c) info.roles.clear();
      for (const RoleMatch& m : info.roles) {
        roles.insert(m.role);
        score += m.score;
      }
      if (!info.roles.empty()) ++count;
      cand.header_keys.push_back(std::move(key));
      cand.columns.push_back(std::move(info));
    }
    // A findings table says what was done (measure/status) or what was found (item, summary).
    bool content = roles.count("measure") || roles.count("item") || roles.count("summary") ||
                   roles.count("title");
    bool enough = count >= 2 || (table.cols <= 2 && count >= 1);
    if (content && enough && (count > best_count || (count == best_count && score > best_score))) {
      best = std::move(cand);
      best.recognized = true;
      best_count = count;
      best_score = score;
    }
  }
  return best;
}

bool is_repeated_header(const Table& table, int r, const TableLayout& layout,
                        const Vocabulary& vocab) {
  // A cell is header-like only by an exact match: the cell, without its parentheticals, is a
  // header or status word. A longer one (a body cell's text) is not matched at all: matching
  // every cell of every row against the whole vocabulary, fuzzy passes included, was a
  // twentieth of reading a small text document.
  std::size_t longest_word = 0;
  for (const auto* terms : {&vocab.column_headers, &vocab.status_words})
    for (const Term& t : *terms) longest_word = std::max(longest_word, t.word.size());
  int same = 0, nonempty = 0, header_like = 0;
  for (int c = 0; c < table.cols; ++c) {
    const Cell* cell = table.covering(r, c);
    if (cell == nullptr || cell->row != r) continue;
    std::u32string key = compact_key(cell->text);
    if (key.empty()) continue;
    ++nonempty;
    if (c < static_cast<int>(layout.header_keys.size()) && key == layout.header_keys[c]) ++same;
    if (strip_parentheticals(key).size() > longest_word) continue;
    std::vector<RoleMatch> m = match_header_key(key, vocab);
    if (!m.empty() && m.front().exact) ++header_like;
  }
  if (nonempty == 0) return false;
  return same * 2 > nonempty || (header_like == nonempty && nonempty >= 2);
}

}  // namespace kansa::interpret
