// kansa::municipality::Registry over the shipped registry (pipelines/data/municipalities.tsv).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "kansa/municipality.hpp"

namespace kansa::municipality {
namespace {

const Registry& registry() {
  static const Registry r = Registry::load(KANSA_PIPELINES_DIR "/data/municipalities.tsv");
  return r;
}

std::string inferred_code(std::string_view text) {
  auto e = registry().infer_from_text(text);
  return e ? e->code : "";
}

TEST(Registry, LoadsEveryLocalGovernment) {
  // 47 prefectures + about 1,750 municipalities + designated-city wards.
  EXPECT_GT(registry().size(), 1900u);
}

TEST(Registry, ByCode) {
  auto shimonoseki = registry().by_code("352012");
  ASSERT_TRUE(shimonoseki);
  EXPECT_EQ(shimonoseki->name, "下関市");
  EXPECT_EQ(shimonoseki->prefecture, "山口県");
  auto osaka = registry().by_code("271004");
  ASSERT_TRUE(osaka);
  EXPECT_EQ(osaka->name, "大阪市");
  EXPECT_EQ(osaka->prefecture, "大阪府");
  auto chiyoda = registry().by_code("131016");
  ASSERT_TRUE(chiyoda);
  EXPECT_EQ(chiyoda->name, "千代田区");
  EXPECT_FALSE(registry().by_code("352011"));
  EXPECT_FALSE(registry().by_code(""));
}

TEST(Registry, PrefecturesHaveTheirOwnEntries) {
  auto osaka_fu = registry().by_code("270008");
  ASSERT_TRUE(osaka_fu);
  EXPECT_EQ(osaka_fu->name, "大阪府");
  EXPECT_EQ(osaka_fu->prefecture, "大阪府");
  auto hokkaido = registry().by_code("010006");
  ASSERT_TRUE(hokkaido);
  EXPECT_EQ(hokkaido->name, "北海道");
  EXPECT_EQ(inferred_code("大阪府監査委員"), "270008");
}

TEST(Registry, EveryCodeHasAValidCheckDigit) {
  std::ifstream in(KANSA_PIPELINES_DIR "/data/municipalities.tsv");
  std::string line;
  size_t rows = 0;
  while (std::getline(in, line)) {
    if (line.rfind("code\t", 0) == 0) continue;
    const std::string code = line.substr(0, 6);
    int sum = 0;
    for (int i = 0; i < 5; ++i) sum += (code[i] - '0') * (6 - i);
    EXPECT_EQ(code[5] - '0', (11 - sum % 11) % 10) << line;
    ++rows;
  }
  EXPECT_EQ(rows, registry().size());
}

TEST(Infer, NameFollowedByKanji) {
  EXPECT_EQ(inferred_code("「下関市行政情報セキュリティポリシー」"), "352012");
  EXPECT_EQ(inferred_code("大阪市監査委員"), "271004");
}

TEST(Infer, FromDocumentTitleLines) {
  EXPECT_EQ(inferred_code("令和5年度 下関市包括外部監査結果に基づき講じた措置"), "352012");
  EXPECT_EQ(inferred_code("大 阪 市 監 査 委 員"), "271004");
}

TEST(Infer, LongestNameAtAPosition) { EXPECT_EQ(inferred_code("東大阪市監査委員"), "272272"); }

TEST(Infer, NameInsideAWordDoesNotCount) {
  // 森町 (ambiguous anyway) and 中央区 must not be read out of longer words.
  EXPECT_EQ(inferred_code("青森町内会"), "");
  EXPECT_EQ(inferred_code("旧下関市"), "");
}

TEST(Infer, PrefectureBeforeMunicipalityQualifiesIt) {
  EXPECT_EQ(inferred_code("山口県下関市"), "352012");
  EXPECT_EQ(inferred_code("大阪府 大阪市"), "271004");
}

TEST(Infer, AmbiguousNamesNeedTheirPrefecture) {
  EXPECT_EQ(inferred_code("府中市監査委員"), "");
  EXPECT_EQ(inferred_code("東京都府中市監査委員"), "132063");
  EXPECT_EQ(inferred_code("広島県府中市監査委員"), "342084");
  EXPECT_EQ(inferred_code("府中市監査委員（広島県）"), "342084");
}

TEST(Infer, DesignatedCityWardStandsForItsCity) {
  EXPECT_EQ(inferred_code("大阪市北区役所"), "271004");
  // 北区 alone is a Tokyo ward but also a ward of several cities: it needs 東京都.
  EXPECT_EQ(inferred_code("北区監査委員"), "");
  EXPECT_EQ(inferred_code("東京都北区監査委員"), "131172");
}

TEST(Infer, MostFrequentMunicipalityWins) {
  EXPECT_EQ(inferred_code("東大阪市との協定について。大阪市は…大阪市監査委員"), "271004");
}

TEST(Infer, NothingFound) {
  EXPECT_EQ(inferred_code(""), "");
  EXPECT_EQ(inferred_code("監査結果に基づき講じた措置"), "");
  EXPECT_EQ(inferred_code(std::string("\xff\xfe下\xe5")), "");
}

TEST(Registry, LoadFailsWithTheFileName) {
  try {
    Registry::load("/nonexistent/municipalities.tsv");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/municipalities.tsv"), std::string::npos);
  }
  const std::string bad = ::testing::TempDir() + "kansa_bad_municipalities.tsv";
  {
    std::ofstream out(bad);
    out << "code\tprefecture\tname\n12345\t山口県\n";
  }
  EXPECT_THROW(Registry::load(bad), std::runtime_error);
  std::remove(bad.c_str());
}

}  // namespace
}  // namespace kansa::municipality
