#include "interpret/item_cells.hpp"

#include <algorithm>

#include "interpret/u32.hpp"
#include "kansa/page_refs.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::vector<std::string> split_lines(std::string_view raw) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t nl = raw.find('\n', start);
    out.emplace_back(
        raw.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

bool blank(std::string_view line) { return text::normalize(line).empty(); }

// Where a page citation starts: "(P17" / "P17" / "p.17" / "ページ" / "頁"; npos if none.
size_t page_marker(std::u32string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == U'P' || c == U'p') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == U'.') ++j;
      // PI18: a 1 read as I or l (page_refs mends the digits themselves).
      if (j + 1 < s.size() && (s[j] == U'I' || s[j] == U'l' || s[j] == U'|') && is_digit(s[j + 1]))
        ++j;
      if (j < s.size() && is_digit(s[j]) &&
          (i == 0 ||
           !((s[i - 1] >= U'A' && s[i - 1] <= U'Z') || (s[i - 1] >= U'a' && s[i - 1] <= U'z'))))
        return (i > 0 && (s[i - 1] == U'(' || s[i - 1] == U'[')) ? i - 1 : i;
    }
    if (starts_with(s.substr(i), U"ページ") || starts_with(s.substr(i), U"頁")) {
      // "報告書ページ17" or "17頁": take from the first digit run around it.
      size_t k = i;
      while (k > 0 && (is_digit(s[k - 1]) || s[k - 1] == U'、' || s[k - 1] == U',' ||
                       s[k - 1] == U'-' || s[k - 1] == U'~'))
        --k;
      if (k > 0 && s[k - 1] == U'(') --k;
      return k;
    }
  }
  return std::u32string_view::npos;
}

bool only_page_list(std::u32string_view s) {
  bool digit = false;
  for (char32_t c : s) {
    if (is_digit(c)) {
      digit = true;
      continue;
    }
    if (c == U'、' || c == U',' || c == U'-' || c == U'~' || c == U'～' || c == U'〜' ||
        c == U'(' || c == U')' || c == U'・')
      continue;
    return false;
  }
  return digit;
}

void trim_brackets(std::u32string& s) {
  while (!s.empty() && (is_space(s.back()) || s.back() == U'、' || s.back() == U',')) s.pop_back();
}

bool kind_word_boundary(std::u32string_view rest) {
  if (rest.empty()) return true;
  char32_t c = rest[0];
  return is_space(c) || is_close_bracket(c) || c == U':' || c == U'、' || c == U'\n' ||
         c == U'・' || c == U'.';
}

// Width of a line as printed, in full-width character units: a half-width (ASCII) character
// counts one half.
double printed_width(std::u32string_view line) {
  size_t b = 0, e = line.size();
  while (b < e && is_space(line[b])) ++b;
  while (e > b && is_space(line[e - 1])) --e;
  // Spaces inside the line do not count: Japanese lines have none of their own, and OCR
  // sets glyphs apart where the print has no gap (情 報 企画課), which would make a full
  // line look wider than the others.
  double w = 0;
  for (size_t i = b; i < e; ++i)
    if (!is_space(line[i]))
      w += line[i] < 0x2E80 || (line[i] >= 0xFF61 && line[i] <= 0xFF9F) ? 0.5 : 1;
  return w;
}

bool ends_as_heading(const std::u32string& heading, const Vocabulary& vocab) {
  std::u32string h = to_u32(text::normalize_compact(to_utf8(heading)));
  // A dot or dash after the heading is a speck OCR read (…処理について -).
  while (!h.empty() && is_speck_mark(h.back())) h.pop_back();
  for (const auto& e : vocab.heading_endings)
    if (!e.empty() && ends_with(h, e)) return true;
  return false;
}

}  // namespace

HeadingCut short_line_cut(const std::vector<std::string>& raw_lines,
                          const std::vector<std::u32string>& ul, size_t first,
                          const Vocabulary& vocab, bool expect_summary) {
  std::vector<size_t> text_lines;
  double widest = 0;
  for (size_t k = first; k < ul.size(); ++k) {
    if (ul[k].empty()) continue;
    text_lines.push_back(k);
    widest = std::max(widest, printed_width(to_u32(raw_lines[k])));
  }
  if (text_lines.size() < 2) return {};
  std::u32string heading;
  HeadingCut by_ending;
  for (size_t n = 0; n + 1 < text_lines.size() && n < 4; ++n) {
    size_t k = text_lines[n];
    heading += ul[k];
    if (heading.find(U'。') != std::u32string::npos) break;  // a sentence: not a heading
    bool ends = ends_as_heading(heading, vocab);
    if (printed_width(to_u32(raw_lines[k])) <= widest - 1.5) {
      // Short but not how headings end (a label and a kind mark before it, narrower OCR
      // glyphs): the heading may go on; the next short line decides.
      if (!expect_summary && !ends) continue;
      return {text_lines[n + 1], true};
    }
    if (ends && by_ending.at == 0) by_ending = {text_lines[n + 1], false};
  }
  // No short line before the description: the heading filled its line. Take the first
  // place where it ends as headings do, if sentences follow.
  if (by_ending.at != 0) {
    std::u32string rest;
    for (size_t k = by_ending.at; k < ul.size(); ++k) rest += ul[k];
    if (rest.find(U'。') != std::u32string::npos) return by_ending;
  }
  return {};
}

std::optional<std::string> take_kana_label(std::u32string_view raw, std::u32string& text) {
  size_t i = 0;
  while (i < raw.size() && is_space(raw[i])) ++i;
  if (i + 1 >= raw.size() || raw[i] < U'ア' || raw[i] > U'ン') return std::nullopt;
  // The label read twice by OCR (エエ 見出し): one label.
  const bool doubled = i + 2 < raw.size() && raw[i + 1] == raw[i] && is_space(raw[i + 2]);
  char32_t after = raw[doubled ? i + 2 : i + 1];
  if (!(is_space(after) || after == U'.' || after == U'．' || after == U'、' || after == U')' ||
        after == U'）'))
    return std::nullopt;
  // `text` is the normalized line: the kana, then maybe the punctuation, then the heading.
  if (text.empty() || text[0] != raw[i]) return std::nullopt;
  size_t k = doubled ? 2 : 1;
  while (k < text.size() &&
         (is_space(text[k]) || text[k] == U'.' || text[k] == U'、' || text[k] == U')'))
    ++k;
  if (k >= text.size()) return std::nullopt;  // the label is all there is: keep it as text
  text = text.substr(k);
  return to_utf8(std::u32string(1, raw[i]));
}

RefCell parse_ref_cell(std::string_view raw, bool pages_only_column) {
  RefCell out;
  std::u32string s = to_u32(text::normalize_compact(raw));
  if (s.empty()) return out;
  size_t m = page_marker(s);
  if (m != std::u32string::npos) {
    out.pages = page_refs::parse(to_utf8(std::u32string_view(s).substr(m)));
    out.pages_marked = !out.pages.empty();
    s = s.substr(0, m);
  } else if (pages_only_column && only_page_list(s)) {
    out.pages = page_refs::parse(to_utf8(s));
    s.clear();
  }
  trim_brackets(s);
  if (!s.empty()) out.ref = to_utf8(s);
  return out;
}

namespace {

// A hyphen as printed or as OCR reads it (ー, 一 between a word and a number).
bool is_dash(char32_t c) {
  return c == U'-' || c == U'‐' || c == U'−' || c == U'–' || c == U'ー' || c == U'一';
}

// End of a code label's closing bracket, (契約事務-2) / (観光施策-1): a topic word, a dash and
// a number in brackets, starting at the bracket `open`; npos if there is none.
size_t code_label_end(std::u32string_view t, size_t open) {
  if (open >= t.size() || !(t[open] == U'(' || t[open] == U'（')) return std::u32string_view::npos;
  size_t close = open + 1;
  while (close < t.size() && close - open <= 15 && !(t[close] == U')' || t[close] == U'）'))
    ++close;
  if (close >= t.size() || close - open > 15) return std::u32string_view::npos;
  // Inside: a word, a dash, one to three digits ((データー管理-1): the last dash counts);
  // white space is OCR's (債権 管理-1).
  size_t digits = 0;
  while (digits < 3 && close - digits - 1 > open && is_digit(t[close - digits - 1])) ++digits;
  const size_t dash = close - digits - 1;
  if (digits == 0 || dash <= open + 1 || !is_dash(t[dash])) return std::u32string_view::npos;
  for (size_t k = open + 1; k < dash; ++k)
    if (is_digit(t[k]) || is_open_bracket(t[k]) || is_close_bracket(t[k]))
      return std::u32string_view::npos;
  return close + 1;
}

// End of a report section number in brackets, [3.4] / (2.7) / [5]: digits with dots; the
// position `at` itself when none starts there.
size_t section_number_end(std::u32string_view t, size_t at) {
  if (at >= t.size() || !(t[at] == U'[' || t[at] == U'(' || t[at] == U'［')) return at;
  const bool square = t[at] != U'(';
  size_t j = at + 1, dots = 0, digits = 0;
  for (; j < t.size() && (is_digit(t[j]) || t[j] == U'.'); ++j) (t[j] == U'.' ? dots : digits)++;
  // (2) after a code is a second label, not a section: round brackets need a dot.
  if (digits == 0 || j >= t.size() || (!square && dots == 0)) return at;
  if (!(t[j] == U']' || t[j] == U')' || t[j] == U'］')) return at;
  return j + 1;
}

// take_label(), also when the label is all the line holds (`alone_ok`).
std::optional<std::string> take_label_from(std::u32string& t, bool alone_ok) {
  size_t i = 0;
  while (i < t.size() && is_space(t[i])) ++i;
  size_t end = std::u32string::npos;
  bool code = false;  // (契約事務-2): a topic code rather than a number
  if (i < t.size() && (t[i] == U'(' || t[i] == U'（')) {
    // Spaces inside the brackets are tolerated: OCR sets "( 1 )" apart.
    size_t j = i + 1, content = 0;
    while (j < t.size() && is_space(t[j])) ++j;
    while (j < t.size() && (is_digit(t[j]) || (t[j] >= U'ア' && t[j] <= U'ン'))) ++j, ++content;
    while (j < t.size() && is_space(t[j])) ++j;
    if (content > 0 && content <= 3 && j < t.size() && (t[j] == U')' || t[j] == U'）')) {
      end = j + 1;
    } else {
      end = code_label_end(t, i);
      code = end != std::u32string::npos;
    }
  } else if (i < t.size() && is_circled(t[i])) {
    end = i + 1;
  } else if (i < t.size() && is_digit(t[i])) {
    size_t j = i;
    while (j < t.size() && is_digit(t[j])) ++j;
    if (j < t.size() && (t[j] == U'.' || t[j] == U')' || is_space(t[j]) || t[j] == U'、'))
      end = j + 1;
    // 1　【指摘】…: normalization closed the gap before the kind mark.
    else if (j < t.size() && t[j] == U'【')
      end = j;
  }
  if (end == std::u32string::npos) return std::nullopt;
  std::u32string label_u = to_u32(text::normalize_compact(to_utf8(t.substr(i, end - i))));
  // A code's dash is a hyphen, however it was read: (債権管理ー1) is (債権管理-1).
  if (code)
    for (size_t d = label_u.size(); d-- > 0;)
      if (is_dash(label_u[d])) {
        label_u[d] = U'-';
        break;
      }
  const std::string label = to_utf8(label_u);
  size_t k = end;
  while (k < t.size() && is_space(t[k])) ++k;
  // A code label carries the section of the report it comes from: (契約事務-2)[3.4].
  if (code) {
    k = section_number_end(t, k);
    while (k < t.size() && is_space(t[k])) ++k;
  }
  if (k >= t.size() && !alone_ok) return std::nullopt;  // keep a lone label as text
  t = t.substr(k);
  return label;
}

}  // namespace

std::optional<std::string> take_label(std::u32string& t) { return take_label_from(t, false); }

std::optional<std::string> kind_of_word(std::string_view raw, const Vocabulary& vocab) {
  std::u32string key = to_u32(text::normalize_compact(raw));
  if (!key.empty() && is_open_bracket(key.front()) && key.size() > 2 &&
      is_close_bracket(key.back()))
    key = key.substr(1, key.size() - 2);
  if (const Term* t = exact_term(vocab.kind_words, key)) return t->value;
  return std::nullopt;
}

std::optional<std::string> kind_of_header(std::string_view header, const Vocabulary& vocab) {
  std::u32string key = to_u32(text::normalize_compact(header));
  std::optional<std::string> kind;
  for (size_t i = 0; i < key.size(); ++i) {
    const Term* t = term_at(vocab.kind_words, key, i);
    if (t == nullptr) continue;
    size_t end = i + t->word.size();
    // Decisive only where the word is the whole header, the whole of a bracketed part, or
    // the head of "…の概要/内容": 指摘事項 / 監査の結果(指摘事項) / 指摘事項の概要.
    bool starts = i == 0 || is_open_bracket(key[i - 1]);
    bool ends = end == key.size() || is_close_bracket(key[end]) || (i == 0 && key[end] == U'の');
    if (!starts || !ends) {
      // A kind word joined to more (指摘事項等, 結果及び意見, 指摘・意見): not one kind.
      if (end < key.size() && (key[end] == U'等' || key[end] == U'・')) return std::nullopt;
      if (i > 0 && (key[i - 1] == U'び' || key[i - 1] == U'は' || key[i - 1] == U'・'))
        return std::nullopt;
      i = end - 1;
      continue;
    }
    if (kind && *kind != t->value) return std::nullopt;
    kind = t->value;
    i = end - 1;
  }
  return kind;
}

std::optional<std::string> kind_from_phrases(std::string_view text_in, const Vocabulary& vocab) {
  std::u32string key = to_u32(text::normalize_compact(text_in));
  auto [t, at] = find_term(vocab.kind_phrases, key);
  if (t) return t->value;
  return std::nullopt;
}

namespace {

// A mark OCR leaves beside a word: a dash, a dot, a bracket, a single Latin letter or digit.
bool stray_mark(char32_t c) {
  return c < 0x80 || c == U'ー' || c == U'・' || c == U'、' || c == U'。' || c == U'一';
}

// The kind of a line that is a two-character kind word read with one slip (see the header).
const Term* misread_kind_line(std::u32string_view line, const Vocabulary& vocab) {
  size_t b = 0, e = line.size();
  while (b < e && (is_space(line[b]) || stray_mark(line[b]))) ++b;
  while (e > b && (is_space(line[e - 1]) || stray_mark(line[e - 1]))) --e;
  const std::u32string_view core = line.substr(b, e - b);
  const bool marks = b > 0 || e < line.size();
  const Term* found = nullptr;
  for (const Term& t : vocab.kind_words) {
    if (t.word.size() != 2 || core.size() != 2) continue;
    const int same = (core[0] == t.word[0]) + (core[1] == t.word[1]);
    // Both characters with a stray mark beside them, or one of the two with none.
    if ((same == 2 && marks) || (same == 1 && !marks)) {
      if (found && found->value != t.value) return nullptr;  // ambiguous
      found = &t;
    }
  }
  return found;
}

}  // namespace

ItemCell parse_item_cell(std::string_view raw, const Vocabulary& vocab, bool expect_summary,
                         std::optional<int> title_lines) {
  ItemCell out;
  std::vector<std::string> lines = split_lines(raw);
  // Lines as NFKC text (spacing kept, so that an indent or a gap after a label shows).
  std::vector<std::u32string> ul;
  std::vector<bool> indented;
  for (const std::string& l : lines) {
    std::u32string u = to_u32(l);
    bool ind = !u.empty() && is_space(u[0]);
    indented.push_back(ind);
    ul.push_back(to_u32(text::normalize(l)));
  }
  size_t first = 0;
  while (first < ul.size() && ul[first].empty()) ++first;
  if (first >= ul.size()) return out;

  const auto next_text_line = [&](size_t k) {
    for (++k; k < ul.size() && ul[k].empty();) ++k;
    return k;
  };
  // A kind word opening line `first`: 意見 / 【指摘】 / 指摘事項：… The line loses it; a line
  // left empty passes `first` on to the next text line.
  const auto take_kind_word = [&]() {
    std::u32string& l = ul[first];
    const bool bracket = is_open_bracket(l[0]);
    const size_t pos = bracket ? 1 : 0;
    const Term* t = term_at(vocab.kind_words, l, pos);
    if (t == nullptr && bracket) {
      // 【指鐘] for 【指摘】: a bracketed two-character mark read with one slip.
      if (l.size() > 3 && is_close_bracket(l[3]))
        if (const Term* near = misread_kind_line(l.substr(1, 2), vocab)) {
          t = near;
          out.kind_guessed = true;
        }
    }
    if (t == nullptr) return;
    size_t after = pos + t->word.size();
    const bool ok = bracket ? (after < l.size() && is_close_bracket(l[after]))
                            : kind_word_boundary(std::u32string_view(l).substr(after));
    if (!ok) return;
    if (bracket) ++after;
    while (after < l.size() &&
           (is_space(l[after]) || l[after] == U':' || l[after] == U'、' || l[after] == U'・'))
      ++after;
    out.kind = t->value;
    l = l.substr(after);
    indented[first] = false;
    if (l.empty()) first = next_text_line(first);
  };

  // A label may come before the kind word, alone on its line or not: (契約事務-2)[3.4]\n
  // 【指摘】見出し / (1) 【意見】見出し. It is taken first only then; otherwise after the kind
  // word (意見\n(1)見出し).
  {
    std::u32string line = normalize_keeping_first_gap(lines[first]);
    const size_t next = next_text_line(first);
    if (auto label = take_label_from(line, next < ul.size())) {
      const size_t pos = !line.empty() && is_open_bracket(line[0]) ? 1 : 0;
      if (line.empty() || term_at(vocab.kind_words, line, pos)) {
        out.label = label;
        ul[first] = line;
        indented[first] = false;
        if (line.empty()) first = next;
        // A code's section number wrapped onto the next line: (契約事務-2)\n[3.4]【指摘】….
        if (line.empty() && code_label_end(to_u32(*label), 0) != std::u32string_view::npos &&
            first < ul.size()) {
          size_t end = section_number_end(ul[first], 0);
          while (end < ul[first].size() && is_space(ul[first][end])) ++end;
          if (end > 0) ul[first] = ul[first].substr(end);
          if (ul[first].empty()) first = next_text_line(first);
        }
      }
    }
  }
  if (first >= ul.size()) return out;
  take_kind_word();
  if (first >= ul.size()) return out;
  if (!out.kind) {
    const size_t next = next_text_line(first);
    if (next < ul.size())
      if (const Term* t = misread_kind_line(ul[first], vocab)) {
        out.kind = t->value;
        out.kind_guessed = true;
        first = next;
      }
  }
  if (first >= ul.size()) return out;
  if (!out.label) {
    const bool as_printed = ul[first] == to_u32(text::normalize(lines[first]));
    std::u32string spaced = as_printed ? normalize_keeping_first_gap(lines[first]) : ul[first];
    out.label = take_label(spaced);
    if (out.label)
      ul[first] = spaced;
    else if (as_printed)
      out.label = take_kana_label(to_u32(lines[first]), ul[first]);
    if (out.label) {
      indented[first] = false;
      // ア 【指摘】見出し: the kind mark after a label of the kind normalization hides.
      if (!out.kind) take_kind_word();
      if (first >= ul.size()) return out;
    }
  }

  // Where the heading ends (index of the first summary line), or ul.size() for none.
  size_t cut = ul.size();
  bool blank_seen = false;
  for (size_t k = first + 1; k < ul.size(); ++k)
    if (blank(to_utf8(ul[k]))) {
      bool more = false;
      for (size_t j = k + 1; j < ul.size(); ++j) more = more || !ul[j].empty();
      if (more) {
        cut = k;
        blank_seen = true;
      }
      break;
    }
  if (blank_seen) {
    out.split = "blank";
  } else if (title_lines && *title_lines > 0) {
    // Geometry counts text lines from the top of the cell; skip the kind-word line if it
    // was consumed above.
    size_t counted = 0, k = 0;
    for (; k < lines.size(); ++k) {
      if (blank(lines[k])) continue;
      if (counted == static_cast<size_t>(*title_lines)) break;
      ++counted;
    }
    // A heading is no sentence: a gap after a 。 is within the description (OCR pages space
    // their lines unevenly).
    bool sentence = false;
    for (size_t j = first; j < k && j < ul.size(); ++j)
      sentence = sentence || ul[j].find(U'。') != std::u32string::npos;
    if (k < ul.size() && k > first && !sentence) {
      cut = k;
      out.split = "geometry";
    }
  }
  if (cut == ul.size() && out.split == "none" && expect_summary) {
    for (size_t k = first + 1; k < ul.size(); ++k)
      if (indented[k]) {
        cut = k;
        out.split = "indent";
        break;
      }
  }
  if (cut == ul.size() && out.split == "none") {
    if (HeadingCut hc = short_line_cut(lines, ul, first, vocab, expect_summary); hc.at != 0) {
      cut = hc.at;
      out.split = hc.short_line ? "short_line" : "heading_end";
    }
  }
  if (cut == ul.size() && out.split == "none" && expect_summary) {
    for (size_t k = first + 1; k < ul.size(); ++k)
      if (!ul[k].empty() && (ul[k][0] == U'【' || ul[k][0] == U'・')) {
        cut = k;
        out.split = "indent";
        break;
      }
    if (cut == ul.size() && ul.size() - first > 2) {
      cut = first + 1;
      out.split = "guess";
    }
  }
  if (!expect_summary && out.split != "blank" && out.split != "geometry" &&
      out.split != "short_line" && out.split != "heading_end")
    cut = ul.size();

  std::string head, rest;
  for (size_t k = first; k < ul.size(); ++k) {
    std::string& dst = k < cut ? head : rest;
    if (!dst.empty() && !tight_line_break(lines[k - 1], lines[k])) dst += "\n";
    dst += to_utf8(ul[k]);
  }
  std::string h = text::normalize(head), r = text::normalize(rest);
  // A heading that ends as headings do but for a speck after it (…について -): without it.
  for (std::u32string hu = to_u32(h); !hu.empty() &&
                                      (is_speck_mark(hu.back()) || is_space(hu.back())) &&
                                      ends_as_heading(hu, vocab);) {
    hu.pop_back();
    h = text::normalize(to_utf8(hu));
  }
  if (!h.empty()) out.title = h;
  if (!r.empty()) out.summary = r;
  return out;
}

}  // namespace kansa::interpret
