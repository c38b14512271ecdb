#include "era.hpp"

#include <cstdio>

#include "random.hpp"

namespace fixturegen {

std::string digits(int n, bool full_width) {
  std::string s = std::to_string(n);
  if (!full_width) return s;
  static const char* const kFull[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  std::string out;
  for (char c : s) out += (c >= '0' && c <= '9') ? kFull[c - '0'] : std::string(1, c);
  return out;
}

std::string era_year(int y, bool full_width) {
  // Only the two eras the generated reports span. A date before 2019-05-01 is 平成.
  if (y >= 2019) return y == 2019 ? "令和元" : "令和" + digits(y - 2018, full_width);
  return "平成" + digits(y - 1988, full_width);
}

std::string EraDate::era_and_year(bool full_width) const {
  return (year < 2019 || (year == 2019 && month < 5)) ? "平成" + digits(year - 1988, full_width)
                                                      : era_year(year, full_width);
}

std::string EraDate::print(bool full_width) const {
  std::string s = era_and_year(full_width) + "年" + digits(month, full_width) + "月";
  if (day > 0) s += digits(day, full_width) + "日";
  return s;
}

std::optional<std::string> EraDate::iso() const {
  if (day == 0) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

EraDate random_date(Random& rng, int year, int month_from, int month_to) {
  int span = (month_to - month_from + 12) % 12;
  int m = month_from + rng.range(0, span);
  int y = year;
  if (m > 12) {
    m -= 12;
    ++y;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = rng.range(1, kDays[m - 1]);
  return EraDate{y, m, d};
}

}  // namespace fixturegen
