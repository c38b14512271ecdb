// Japanese era dates (明治 to 令和, 元年 = 1) and fiscal years.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kansa::era {

struct Date {
  int year = 0;                   // Western year
  std::optional<int> month;       // 1..12
  std::optional<int> day;         // 1..31, only with a month
  std::string raw;                // the matched text, as found in the input
  size_t offset = 0, length = 0;  // where it was found (bytes)
  // yyyy-mm-dd when day and month are known, else nullopt.
  std::optional<std::string> iso() const;
};

// First era date in `text` (normalized or raw: full-width digits and spaces inside are
// accepted: 令和６年３月７日, 平 成 27年 5 月 25日, 令和2年(2020)1月29日). Also accepts a
// Western date 2024年3月7日, 2024/3/7, and the compact 令和6.3.7 / R6.3.7. A date needs at
// least a month (令和5年度 alone is no date); kanji numerals (二十七) and 元年 are read.
// Rejects impossible dates (2月30日, 令和3年2月29日) and goes on to the next candidate.
std::optional<Date> find_date(std::string_view text);

// Fiscal year named by 令和5年度 / 平成31年度 / 2023年度 in `text`, as a Western year.
std::optional<int> find_fiscal_year(std::string_view text);

// Western year of an era year: to_western("令和", 5) == 2023; nullopt for an unknown era.
std::optional<int> to_western(std::string_view era, int year);

}  // namespace kansa::era
