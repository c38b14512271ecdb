// Calendar dates printed the Japanese way (令和6年3月7日), with their ISO truth.
#pragma once

#include <optional>
#include <string>

namespace fixturegen {

class Random;

struct EraDate {
  int year = 0, month = 0, day = 0;  // Western; day 0 = month only (令和6年3月)

  // The era and its year on this date: 平成31 until 2019-04-30, 令和元 from 2019-05-01.
  std::string era_and_year(bool full_width) const;

  // 令和6年3月7日; 令和元年 for 2019; full-width digits (令和６年３月７日) when asked.
  std::string print(bool full_width) const;
  // yyyy-mm-dd, or nullopt for a month-only date.
  std::optional<std::string> iso() const;
};

// Era year text of a fiscal or calendar year as a whole (its era on 1 May): 令和5 / 令和元 /
// 平成30, digits full-width when asked. For a date, EraDate::era_and_year().
std::string era_year(int western_year, bool full_width);
// ASCII digits of n, or their full-width forms.
std::string digits(int n, bool full_width);
// A valid date in the given Western year, months from..to (wrapping into the next year).
EraDate random_date(Random& rng, int year, int month_from, int month_to);

}  // namespace fixturegen
