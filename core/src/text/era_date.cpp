// Era and Western date scanning over folded code points (see folded_text.hpp). The grammar,
// with layout white space allowed between any two tokens:
//   era date      ERA YEAR 年 [ "(" ... ")" ] MONTH 月 [ DAY 日 ]
//                 ERA YEAR SEP MONTH SEP DAY          (令和6.3.7, R6.3.7)
//   Western date  YYYY 年 [ "(" ... ")" ] MONTH 月 [ DAY 日 ]
//                 YYYY SEP MONTH SEP DAY              (2024/3/7, 2024-03-07)
//   fiscal year   ERA YEAR 年度 | YYYY 年度
// ERA is 明治 大正 昭和 平成 令和 or, before a digit, M T S H R. YEAR is digits, kanji
// numerals (二十七) or 元. Every scan is linear in the input and bounded per start position.

#include <array>
#include <cstdio>
#include <string>

#include "kansa/era_date.hpp"
#include "text/folded_text.hpp"

namespace kansa::era {
namespace {

using text::FoldedText;
using text::is_ascii_alpha;
using text::is_ascii_digit;
using text::is_layout_space;

struct Era {
  std::u32string_view name;
  char32_t letter;
  int offset;  // Western year = offset + era year
};

constexpr std::array<Era, 5> kEras{{
    {U"明治", U'M', 1867},
    {U"大正", U'T', 1911},
    {U"昭和", U'S', 1925},
    {U"平成", U'H', 1988},
    {U"令和", U'R', 2018},
}};

constexpr int kMaxEraYear = 99;
constexpr size_t kMaxSpaces = 3;  // layout spaces tolerated between two tokens
constexpr size_t kMaxParen = 16;  // code points inside a "(2020)" / "(令和2年)" aside

size_t skip_spaces(const FoldedText& t, size_t i) {
  for (size_t n = 0; n < kMaxSpaces && is_layout_space(t.at(i)); ++n) ++i;
  return i;
}

int kanji_digit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  if (c == U'零') return 0;
  auto pos = kDigits.find(c);
  return pos == std::u32string_view::npos ? -1 : static_cast<int>(pos);
}

// A number at i: 1–4 ASCII digits (a longer run is no date number) or kanji numerals up
// to 99 (二十七) or positional (二〇二四). Sets `end` past it.
std::optional<int> parse_number(const FoldedText& t, size_t i, size_t& end) {
  if (is_ascii_digit(t.at(i))) {
    int value = 0;
    size_t j = i;
    while (is_ascii_digit(t.at(j))) {
      if (j - i == 4) return std::nullopt;
      value = value * 10 + static_cast<int>(t.at(j) - U'0');
      ++j;
    }
    end = j;
    return value;
  }
  size_t j = i;
  int tens = -1, units = -1, positional = 0;
  size_t digits = 0;
  bool seen_ten = false;
  while (j - i < 5) {
    const char32_t c = t.at(j);
    if (c == U'十' && !seen_ten) {
      seen_ten = true;
      tens = digits == 0 ? 1 : units;
      if (digits > 1) return std::nullopt;
      units = -1;
      digits = 0;
    } else if (int d = kanji_digit(c); d >= 0) {
      if (seen_ten && digits == 1) return std::nullopt;
      units = d;
      positional = positional * 10 + d;
      ++digits;
    } else {
      break;
    }
    ++j;
  }
  if (j == i) return std::nullopt;
  end = j;
  if (seen_ten) return tens * 10 + (units < 0 ? 0 : units);
  return positional;
}

// An era name or letter at i; sets `end` past it.
const Era* parse_era(const FoldedText& t, size_t i, size_t& end) {
  for (const Era& era : kEras) {
    if (t.at(i) != era.name[0]) continue;
    size_t j = skip_spaces(t, i + 1);
    if (t.at(j) != era.name[1]) continue;
    end = j + 1;
    return &era;
  }
  // A letter only counts as an era when it stands alone before a digit (R6.3.7, not PR6).
  const char32_t c = t.at(i);
  if (i > 0 && (is_ascii_alpha(t.at(i - 1)) || is_ascii_digit(t.at(i - 1)))) return nullptr;
  for (const Era& era : kEras) {
    if (c == era.letter && is_ascii_digit(t.at(i + 1))) {
      end = i + 1;
      return &era;
    }
  }
  return nullptr;
}

// An era year at i (number or 元); sets `end`.
std::optional<int> parse_era_year(const FoldedText& t, size_t i, size_t& end) {
  if (t.at(i) == U'元') {
    end = i + 1;
    return 1;
  }
  auto year = parse_number(t, i, end);
  if (!year || *year < 1 || *year > kMaxEraYear) return std::nullopt;
  return year;
}

// A Western year at i: exactly four ASCII digits not preceded by a digit.
std::optional<int> parse_western_year(const FoldedText& t, size_t i, size_t& end) {
  if (i > 0 && is_ascii_digit(t.at(i - 1))) return std::nullopt;
  for (size_t k = 0; k < 4; ++k) {
    if (!is_ascii_digit(t.at(i + k))) return std::nullopt;
  }
  if (is_ascii_digit(t.at(i + 4))) return std::nullopt;
  int year = 0;
  for (size_t k = 0; k < 4; ++k) year = year * 10 + static_cast<int>(t.at(i + k) - U'0');
  if (year < 1868 || year > 2200) return std::nullopt;
  end = i + 4;
  return year;
}

// The year part at i: era + year or Western year; sets `end`.
std::optional<int> parse_year(const FoldedText& t, size_t i, size_t& end) {
  size_t j = 0;
  if (const Era* era = parse_era(t, i, j)) {
    auto year = parse_era_year(t, skip_spaces(t, j), end);
    if (!year) return std::nullopt;
    return era->offset + *year;
  }
  return parse_western_year(t, i, end);
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

// Skips an aside in parentheses, "(2020)" or "(令和2年)", if one starts at i.
size_t skip_paren_aside(const FoldedText& t, size_t i) {
  if (t.at(i) != U'(') return i;
  for (size_t j = i + 1; j < t.size() && j - i <= kMaxParen; ++j) {
    if (t.at(j) == U')') return j + 1;
    if (t.at(j) == U'(' || t.at(j) == U'\n') break;
  }
  return i;
}

bool is_date_separator(char32_t c) { return c == U'.' || c == U'/' || c == U'-'; }

// Month and day after the year (position i is just past the year number). Sets `end`
// past the last token of the date. A candidate with an impossible month or day is no date.
bool parse_month_day(const FoldedText& t, size_t i, int year, Date& d, size_t& end) {
  size_t j = skip_spaces(t, i);
  if (t.at(j) == U'年') {
    j = skip_spaces(t, j + 1);
    j = skip_spaces(t, skip_paren_aside(t, j));
    size_t k = 0;
    auto month = parse_number(t, j, k);
    if (!month) return false;
    k = skip_spaces(t, k);
    if (t.at(k) != U'月') return false;
    if (*month < 1 || *month > 12) return false;
    d.month = *month;
    end = k + 1;
    size_t m = skip_spaces(t, k + 1);
    size_t n = 0;
    if (auto day = parse_number(t, m, n)) {
      n = skip_spaces(t, n);
      if (t.at(n) == U'日') {
        if (*day < 1 || *day > days_in_month(year, *month)) return false;
        d.day = *day;
        end = n + 1;
      }
    }
    return true;
  }
  const char32_t sep = t.at(j);
  if (!is_date_separator(sep)) return false;
  size_t k = 0;
  // The compact form has no spaces inside: 6.3.7, never 6. 3. 7 (a list, not a date).
  if (!is_ascii_digit(t.at(j + 1)) || j != i) return false;
  auto month = parse_number(t, j + 1, k);
  if (!month || t.at(k) != sep) return false;
  size_t n = 0;
  auto day = parse_number(t, k + 1, n);
  if (!day || !is_ascii_digit(t.at(k + 1)) || is_date_separator(t.at(n))) return false;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(year, *month)) return false;
  d.month = *month;
  d.day = *day;
  end = n;
  return true;
}

}  // namespace

std::optional<std::string> Date::iso() const {
  if (!month || !day) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, *month, *day);
  return std::string(buf);
}

std::optional<Date> find_date(std::string_view text) {
  const FoldedText t(text);
  for (size_t i = 0; i < t.size(); ++i) {
    size_t year_end = 0;
    auto year = parse_year(t, i, year_end);
    if (!year) continue;
    Date d;
    d.year = *year;
    size_t end = 0;
    if (!parse_month_day(t, year_end, *year, d, end)) continue;
    d.offset = t.offset(i);
    d.length = t.offset(end) - d.offset;
    d.raw = std::string(text.substr(d.offset, d.length));
    return d;
  }
  return std::nullopt;
}

std::optional<int> find_fiscal_year(std::string_view text) {
  const FoldedText t(text);
  for (size_t i = 0; i < t.size(); ++i) {
    size_t year_end = 0;
    auto year = parse_year(t, i, year_end);
    if (!year) continue;
    size_t j = skip_spaces(t, year_end);
    if (t.at(j) != U'年') continue;
    j = skip_spaces(t, j + 1);
    if (t.at(j) == U'度') return year;
  }
  return std::nullopt;
}

std::optional<int> to_western(std::string_view era, int year) {
  if (year < 1) return std::nullopt;
  const FoldedText t(era);
  std::u32string name;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_layout_space(t.at(i))) name += t.at(i);
  }
  for (const Era& e : kEras) {
    if (name == e.name || (name.size() == 1 && name[0] == e.letter)) return e.offset + year;
  }
  return std::nullopt;
}

}  // namespace kansa::era
