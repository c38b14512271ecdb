// Page references over folded code points (see folded_text.hpp). A page list is
//   [MARK] ITEM { SEP [P] ITEM } [SUFFIX]      ITEM = N | N RANGE N
// MARK is P, p, P., pp. or ページ (not inside a word: PDF12 is no page); SUFFIX is 頁 or ページ.
// A list counts when it has a MARK or a SUFFIX, or when the whole text is nothing but a
// list ("18, 36-46", "(18、36-46)"), as in a cell that only holds pages.

#include <unordered_set>

#include "kansa/page_refs.hpp"
#include "text/folded_text.hpp"

namespace kansa::page_refs {
namespace {

using text::FoldedText;
using text::is_ascii_alpha;
using text::is_ascii_digit;
using text::is_layout_space;

constexpr int kMaxRangeWidth = 500;
constexpr size_t kMaxDigits = 5;

size_t skip_spaces(const FoldedText& t, size_t i) {
  for (size_t n = 0; n < 3 && is_layout_space(t.at(i)); ++n) ++i;
  return i;
}

bool is_range_dash(char32_t c) {
  return c == U'-' || c == U'~' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x301C ||
         c == 0x30FC || c == 0x223C;
}

bool is_list_separator(char32_t c) { return c == U'、' || c == U',' || c == U'・' || c == U';'; }

bool starts_with(const FoldedText& t, size_t i, std::u32string_view word) {
  for (size_t k = 0; k < word.size(); ++k) {
    if (t.at(i + k) != word[k]) return false;
  }
  return true;
}

// A page number at i: 1–5 ASCII digits, not part of a longer digit run. Sets `end`.
std::optional<int> parse_page(const FoldedText& t, size_t i, size_t& end) {
  int value = 0;
  size_t j = i;
  while (is_ascii_digit(t.at(j))) {
    if (j - i == kMaxDigits) return std::nullopt;
    value = value * 10 + static_cast<int>(t.at(j) - U'0');
    ++j;
  }
  if (j == i || value < 1) return std::nullopt;
  end = j;
  return value;
}

// "P", "p", "P.", "pp.", each optionally followed by spaces; not preceded by a letter.
// Returns the position after the mark, or `i` when there is none.
size_t skip_p_mark(const FoldedText& t, size_t i) {
  const char32_t c = t.at(i);
  if (c != U'P' && c != U'p') return i;
  if (i > 0 && is_ascii_alpha(t.at(i - 1))) return i;
  size_t j = i + 1;
  if (t.at(j) == U'p' || t.at(j) == U'P') ++j;
  if (t.at(j) == U'.') ++j;
  j = skip_spaces(t, j);
  return is_ascii_digit(t.at(j)) ? j : i;
}

// "ページ" or "頁" (optionally "ページ:"), then spaces. Returns the position after it.
size_t skip_word_mark(const FoldedText& t, size_t i) {
  size_t j = i;
  if (starts_with(t, i, U"ページ")) {
    j = i + 3;
  } else if (t.at(i) == U'頁') {
    j = i + 1;
  } else {
    return i;
  }
  if (t.at(j) == U':') ++j;
  j = skip_spaces(t, j);
  return is_ascii_digit(t.at(j)) ? j : i;
}

class ListParser {
 public:
  explicit ListParser(const FoldedText& t) : t_(t) {}

  // Parses a list whose first number is at i; appends its pages to `pages` and returns the
  // position after the list (and after a 頁/ページ suffix, which sets `has_suffix`).
  size_t parse(size_t i, std::vector<int>& pages, bool& has_suffix) const {
    size_t pos = i;
    size_t end = 0;
    if (!parse_item(pos, pages, end)) return i;
    pos = end;
    for (;;) {
      size_t j = skip_spaces(t_, pos);
      if (!is_list_separator(t_.at(j))) break;
      j = skip_spaces(t_, j + 1);
      j = skip_p_mark(t_, j);
      if (!parse_item(j, pages, end)) break;
      pos = end;
    }
    size_t j = skip_spaces(t_, pos);
    has_suffix = starts_with(t_, j, U"ページ") || t_.at(j) == U'頁';
    if (has_suffix) pos = j + (t_.at(j) == U'頁' ? 1 : 3);
    return pos;
  }

 private:
  bool parse_item(size_t i, std::vector<int>& pages, size_t& end) const {
    size_t j = 0;
    auto first = parse_page(t_, i, j);
    if (!first) return false;
    end = j;
    size_t k = skip_spaces(t_, j);
    if (is_range_dash(t_.at(k))) {
      size_t m = skip_p_mark(t_, skip_spaces(t_, k + 1));
      size_t n = 0;
      if (auto last = parse_page(t_, m, n)) {
        end = n;
        if (*last >= *first && *last - *first <= kMaxRangeWidth) {
          for (int p = *first; p <= *last; ++p) pages.push_back(p);
        } else {
          pages.push_back(*first);
          pages.push_back(*last);
        }
        return true;
      }
    }
    pages.push_back(*first);
    return true;
  }

  const FoldedText& t_;
};

// The whole text is a bare list: digits, separators, dashes, spaces, parentheses only.
bool is_bare_list(const FoldedText& t) {
  bool has_digit = false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t.at(i);
    if (is_ascii_digit(c)) {
      has_digit = true;
    } else if (!(is_layout_space(c) || is_list_separator(c) || is_range_dash(c) || c == U'(' ||
                 c == U')' || c == U'[' || c == U']')) {
      return false;
    }
  }
  return has_digit;
}

void append_unique(const std::vector<int>& found, std::vector<int>& out,
                   std::unordered_set<int>& seen) {
  for (int p : found) {
    if (seen.insert(p).second) out.push_back(p);
  }
}

}  // namespace

std::vector<int> parse(std::string_view text) {
  FoldedText t(text);
  t.mend_digit_lookalikes();
  const ListParser lists(t);
  const bool bare = is_bare_list(t);
  std::vector<int> out;
  std::unordered_set<int> seen;
  size_t i = 0;
  while (i < t.size()) {
    size_t start = skip_p_mark(t, i);
    if (start == i) start = skip_word_mark(t, i);
    const bool marked = start != i;
    const bool number_here =
        is_ascii_digit(t.at(start)) && (i == 0 || !is_ascii_digit(t.at(i - 1)));
    if (!marked && !number_here) {
      ++i;
      continue;
    }
    std::vector<int> found;
    bool has_suffix = false;
    const size_t end = lists.parse(start, found, has_suffix);
    if (end == start) {
      ++i;
      continue;
    }
    if (marked || has_suffix || bare) append_unique(found, out, seen);
    i = end;
  }
  return out;
}

}  // namespace kansa::page_refs
