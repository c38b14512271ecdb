// Japanese era dates (明治 to 令和, 元年 = 1) and fiscal years.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kansa::era {

struct Date {
  int year = 0;                // Western year
  std::optional<int> month;    // 1..12
  std::optional<int> day;      // 1..31, only with a month
  std::string raw;             // the matched text, as found in the input
  size_t offset = 0, length = 0;  // where it was found (bytes)
  // yyyy-mm-dd when day and month are known, else nullopt.
  std::optional<std::string> iso() const;
};

// First era date in `text` (normalized or raw: full-width digits and spaces inside are
// accepted: 令和６年３月７日, 平 成 27年 5 月 25日, 令和2年(2020)1月29日). Also accepts a
// Western date 2024年3月7日. Rejects impossible dates (2月30日).
std::optional<Date> find_date(std::string_view text);

// Fiscal year named by 令和5年度 / 平成31年度 / 2023年度 in `text`, as a Western year.
std::optional<int> find_fiscal_year(std::string_view text);

// Western year of an era year: to_western("令和", 5) == 2023; nullopt for an unknown era.
std::optional<int> to_western(std::string_view era, int year);

}  // namespace kansa::era
