// Interpretation of text as OCR leaves it: spaced labels, legends with a misread glyph or a
// lost separator. Text-layer readings of the same documents are pinned elsewhere.
#include <gtest/gtest.h>

#include <string>

#include "interpret/column_roles.hpp"
#include "interpret/item_cells.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"

using namespace kansa::interpret;

namespace {

const Vocabulary& vocab() {
  return Vocabulary::cached(std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml");
}

}  // namespace

TEST(OcrTextReading, LabelWithSpacesInsideItsBracketsIsTakenOff) {
  ItemCell c =
      parse_item_cell("( 1 )ウイルス対策ソフトの更新について", vocab(), false, std::nullopt);
  EXPECT_EQ(c.label.value_or(""), "(1)");
  EXPECT_EQ(c.title.value_or(""), "ウイルス対策ソフトの更新について");
  // Four digits in brackets are no label.
  ItemCell year = parse_item_cell("( 2024 )年度の監査について", vocab(), false, std::nullopt);
  EXPECT_FALSE(year.label.has_value());
}

TEST(OcrTextReading, LegendWithMisreadSeparatorAndWordIsRead) {
  // "＝" read as "-", "講じた" as "講じした", and the second separator lost.
  Legend l = read_legend(
      "記号の意味は、「①-措置を講じしたもの」、「②措置を講じていないもの」となっています。",
      vocab());
  EXPECT_EQ(l.status_of(U"①").value_or(""), "taken");
  EXPECT_EQ(l.status_of(U"②").value_or(""), "not_taken");
}

TEST(OcrTextReading, LenientLegendNeverGuessesShortWordsNorOverridesAnExactLegend) {
  // 済 and 完了 are too short to be told from a misreading.
  Legend short_words = read_legend("①済む話 ②完アの件", vocab());
  EXPECT_TRUE(short_words.entries.empty());
  // An entry read exactly stays as printed; the lenient pass only adds what is missing.
  Legend exact = read_legend("①＝措置済み ①措置を講じていないもの", vocab());
  EXPECT_EQ(exact.status_of(U"①").value_or(""), "taken");
  // One entry exact, the next with its separator misread (＝ as 三).
  Legend mixed = read_legend("「①三措置を講じたもの」、「②＝措置を講じていないもの」", vocab());
  EXPECT_EQ(mixed.status_of(U"①").value_or(""), "taken");
  EXPECT_EQ(mixed.status_of(U"②").value_or(""), "not_taken");
}

TEST(OcrTextReading, KindWordAloneOnItsLineIsReadThroughOneSlip) {
  for (const char* cell : {"交見\nNASの更新時期について", "指拉\n古いパソコンについて",
                           "ー指摘\nSNSの運用ポリシーについて", "意見T\n研修について"}) {
    ItemCell c = parse_item_cell(cell, vocab(), false, std::nullopt);
    EXPECT_TRUE(c.kind.has_value()) << cell;
    EXPECT_TRUE(c.kind_guessed) << cell;
    EXPECT_EQ(c.title.value_or("").find("について") != std::string::npos, true) << cell;
  }
  EXPECT_EQ(parse_item_cell("交見\nNASの更新時期について", vocab(), false, std::nullopt).kind,
            "opinion");
  // Not alone (the title follows on the same line), or two characters off: no kind.
  EXPECT_FALSE(parse_item_cell("交見の整理について", vocab(), false, std::nullopt).kind);
  EXPECT_FALSE(parse_item_cell("交通\n安全対策について", vocab(), false, std::nullopt).kind);
  // Read exactly, it is not a guess.
  EXPECT_FALSE(parse_item_cell("意見\n研修について", vocab(), false, std::nullopt).kind_guessed);
}

TEST(OcrTextReading, HeaderWithAnOcrSlipStillNamesItsColumn) {
  std::vector<RoleMatch> m = match_header("措置状\nLl", vocab());
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().role, "status");
  EXPECT_EQ(match_header("措置状況", vocab()).front().role, "status");
}
