// kansa::era — Japanese era dates and fiscal years.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "kansa/era_date.hpp"

namespace kansa::era {
namespace {

std::optional<std::string> iso_of(std::string_view text) {
  auto d = find_date(text);
  if (!d) return std::nullopt;
  return d->iso();
}

TEST(EraDate, EachEra) {
  EXPECT_EQ(iso_of("明治45年7月29日"), "1912-07-29");
  EXPECT_EQ(iso_of("大正15年12月24日"), "1926-12-24");
  EXPECT_EQ(iso_of("昭和64年1月7日"), "1989-01-07");
  EXPECT_EQ(iso_of("平成31年4月30日"), "2019-04-30");
  EXPECT_EQ(iso_of("令和6年3月7日"), "2024-03-07");
}

TEST(EraDate, FirstYearIsGannen) {
  EXPECT_EQ(iso_of("令和元年5月1日"), "2019-05-01");
  EXPECT_EQ(iso_of("平成元年1月8日"), "1989-01-08");
}

TEST(EraDate, FullWidthDigits) { EXPECT_EQ(iso_of("令和６年３月７日"), "2024-03-07"); }

TEST(EraDate, SpacesInside) {
  EXPECT_EQ(iso_of("平 成 27年 5 月 25日"), "2015-05-25");
  EXPECT_EQ(iso_of("令和 6 年 3 月 7 日"), "2024-03-07");
  EXPECT_EQ(iso_of("令和　６年　３月　７日"), "2024-03-07");
}

TEST(EraDate, KanjiNumerals) {
  EXPECT_EQ(iso_of("平成二十七年五月二十五日"), "2015-05-25");
  EXPECT_EQ(iso_of("令和元年十二月三十一日"), "2019-12-31");
  EXPECT_EQ(iso_of("令和二年十月十日"), "2020-10-10");
}

TEST(EraDate, KangxiMonthAndDay) {
  // ⽉ U+2F49 and ⽇ U+2F47 as a text layer prints them.
  EXPECT_EQ(iso_of("令和6年3⽉7⽇"), "2024-03-07");
}

TEST(EraDate, WesternYearInParentheses) {
  EXPECT_EQ(iso_of("令和2年(2020)1月29日"), "2020-01-29");
  EXPECT_EQ(iso_of("令和２年（２０２０年）１月２９日"), "2020-01-29");
}

TEST(EraDate, WesternDates) {
  EXPECT_EQ(iso_of("2024年3月7日"), "2024-03-07");
  EXPECT_EQ(iso_of("２０２４年３月７日"), "2024-03-07");
  EXPECT_EQ(iso_of("2024/3/7"), "2024-03-07");
  EXPECT_EQ(iso_of("2024-03-07"), "2024-03-07");
}

TEST(EraDate, AbbreviatedForms) {
  EXPECT_EQ(iso_of("R6.3.7"), "2024-03-07");
  EXPECT_EQ(iso_of("措置日 H30.12.1"), "2018-12-01");
  EXPECT_EQ(iso_of("令和6.3.7"), "2024-03-07");
  EXPECT_EQ(iso_of("ＰＲ6.3.7"), std::nullopt);  // a letter inside a word is no era
}

TEST(EraDate, MonthWithoutDay) {
  auto d = find_date("令和6年3月");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 3);
  EXPECT_FALSE(d->day);
  EXPECT_EQ(d->iso(), std::nullopt);
  EXPECT_EQ(d->raw, "令和6年3月");
}

TEST(EraDate, RawAndOffsetsPointIntoTheInput) {
  const std::string text = "通知日：令和６年３月７日付け";
  auto d = find_date(text);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->raw, "令和６年３月７日");
  EXPECT_EQ(text.substr(d->offset, d->length), d->raw);
  EXPECT_EQ(d->offset, std::string("通知日：").size());
}

TEST(EraDate, ImpossibleDatesRejected) {
  EXPECT_EQ(find_date("令和6年2月30日"), std::nullopt);
  EXPECT_EQ(find_date("令和6年13月1日"), std::nullopt);
  EXPECT_EQ(find_date("令和6年4月31日"), std::nullopt);
  EXPECT_EQ(find_date("令和0年4月1日"), std::nullopt);
  EXPECT_EQ(find_date("R6.2.30"), std::nullopt);
}

TEST(EraDate, LeapDay) {
  EXPECT_EQ(iso_of("令和2年2月29日"), "2020-02-29");
  EXPECT_EQ(find_date("令和3年2月29日"), std::nullopt);
  EXPECT_EQ(iso_of("平成12年2月29日"), "2000-02-29");  // 2000 is a leap year
}

TEST(EraDate, SkipsWhatIsNoDate) {
  EXPECT_EQ(iso_of("令和5年度包括外部監査 令和6年3月7日"), "2024-03-07");
  EXPECT_EQ(iso_of("令和6年2月30日の誤記、正しくは令和6年3月1日"), "2024-03-01");
  EXPECT_EQ(find_date("令和5年度"), std::nullopt);
  EXPECT_EQ(find_date("20245年3月7日"), std::nullopt);
  EXPECT_EQ(find_date(""), std::nullopt);
}

TEST(EraDate, SurvivesGarbage) {
  EXPECT_EQ(find_date(std::string("令和\xff\xfe年\xe5月")), std::nullopt);
  auto truncated = find_date("令和6年3月7");  // the day lost its 日: month only
  ASSERT_TRUE(truncated);
  EXPECT_FALSE(truncated->day);
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "令和6年";
  EXPECT_EQ(find_date(many), std::nullopt);
}

TEST(FiscalYear, EraAndWestern) {
  EXPECT_EQ(find_fiscal_year("令和5年度包括外部監査結果に基づき講じた措置"), 2023);
  EXPECT_EQ(find_fiscal_year("平成31年度"), 2019);
  EXPECT_EQ(find_fiscal_year("令和元年度"), 2019);
  EXPECT_EQ(find_fiscal_year("令和５年度監査委員監査"), 2023);
  EXPECT_EQ(find_fiscal_year("2023年度"), 2023);
  EXPECT_EQ(find_fiscal_year("令和 5 年 度"), 2023);
  EXPECT_EQ(find_fiscal_year("令和6年3月7日"), std::nullopt);
}

TEST(ToWestern, Eras) {
  EXPECT_EQ(to_western("令和", 5), 2023);
  EXPECT_EQ(to_western("平成", 31), 2019);
  EXPECT_EQ(to_western("昭和", 64), 1989);
  EXPECT_EQ(to_western("大正", 1), 1912);
  EXPECT_EQ(to_western("明治", 1), 1868);
  EXPECT_EQ(to_western("R", 6), 2024);
  EXPECT_EQ(to_western("西暦", 5), std::nullopt);
  EXPECT_EQ(to_western("令和", 0), std::nullopt);
}

TEST(EraDate, RandomInputsReportTheirOwnBytes) {
  const std::vector<std::string> pieces = {"令和", "平 成", "元",   "年",   "月",      "日", "度",
                                           "6",    "１２",  "二十", "(",    ")",       "R",  ".",
                                           "/",    " ",     "2024", "\xff", "\xe5\xb9"};
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int n = static_cast<int>(rng() % 14);
    for (int k = 0; k < n; ++k) input += pieces[rng() % pieces.size()];
    if (auto d = find_date(input)) {
      ASSERT_LE(d->offset + d->length, input.size()) << input;
      ASSERT_EQ(input.substr(d->offset, d->length), d->raw) << input;
      ASSERT_TRUE(d->month) << input;
      ASSERT_GE(*d->month, 1);
      ASSERT_LE(*d->month, 12);
      if (d->day) {
        ASSERT_GE(*d->day, 1);
        ASSERT_LE(*d->day, 31);
      }
      // The match is a date on its own.
      auto again = find_date(d->raw);
      ASSERT_TRUE(again) << input;
      ASSERT_EQ(again->iso(), d->iso()) << input;
    }
    find_fiscal_year(input);
  }
}

}  // namespace
}  // namespace kansa::era
