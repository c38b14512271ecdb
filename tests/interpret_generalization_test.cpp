// Regression tests for the interpretation rules found on generated documents: each pins one
// cause of wrong fields (tools/evaluate-generated.sh), with the real vocabulary.
#include <gtest/gtest.h>

#include <string>

#include "interpret/item_cells.hpp"
#include "interpret/measure_split.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/text.hpp"

using namespace kansa::interpret;

namespace {

const Vocabulary& vocab() {
  return Vocabulary::cached(std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml");
}

}  // namespace

TEST(KindOfHeader, OneKindWordNamesTheKindOfEveryRow) {
  EXPECT_EQ(kind_of_header("指摘事項", vocab()), "finding");
  EXPECT_EQ(kind_of_header("監査の結果（指摘事項）", vocab()), "finding");
  EXPECT_EQ(kind_of_header("意見の概要", vocab()), "opinion");
}

TEST(KindOfHeader, BothKindsOrMoreThanTheWordNameNone) {
  EXPECT_FALSE(kind_of_header("監査の結果及び意見", vocab()));
  EXPECT_FALSE(kind_of_header("指摘・意見の項目", vocab()));
  EXPECT_FALSE(kind_of_header("指摘事項等", vocab()));
  EXPECT_FALSE(kind_of_header("指摘等の概要", vocab()));
  EXPECT_FALSE(kind_of_header("項目", vocab()));
}

TEST(ItemCell, KatakanaLabelSetApartBySpaceIsTheRef) {
  ItemCell c = parse_item_cell("ア　督促状の発送につい\nて", vocab(), false, std::nullopt);
  EXPECT_EQ(c.label, "ア");
  EXPECT_EQ(c.title, "督促状の発送について");
  // A katakana word opening a heading is not a label.
  ItemCell w = parse_item_cell("アクセス権限の管理について", vocab(), false, std::nullopt);
  EXPECT_FALSE(w.label);
  EXPECT_EQ(w.title, "アクセス権限の管理について");
}

TEST(ItemCell, HeadingEndedByAShortLineIsToldFromTheDescription) {
  ItemCell c = parse_item_cell(
      "記録媒体の管理について\n保有する記録媒体が管理簿に登録されないまま、日\n常的に使用されていた"
      "。",
      vocab(), false, std::nullopt);
  EXPECT_EQ(c.title, "記録媒体の管理について");
  EXPECT_EQ(c.summary, "保有する記録媒体が管理簿に登録されないまま、日常的に使用されていた。");
  EXPECT_EQ(c.split, "short_line");
}

TEST(ItemCell, WrappedHeadingAloneStaysTheTitle) {
  ItemCell c =
      parse_item_cell("意見\n長期継続契約の見直しに\nついて", vocab(), false, std::nullopt);
  EXPECT_EQ(c.kind, "opinion");
  EXPECT_EQ(c.title, "長期継続契約の見直しについて");
  EXPECT_FALSE(c.summary);
}

TEST(ItemCell, HeadingFillingItsLineEndsWhereHeadingsEnd) {
  ItemCell c = parse_item_cell(
      "学校給食調理業務委託の予定価格の算定について\n契約保証金の免除について、その理由が決裁文書に"
      "\n"
      "記載されていなかった。",
      vocab(), true, std::nullopt);
  EXPECT_EQ(c.title, "学校給食調理業務委託の予定価格の算定について");
  EXPECT_EQ(c.split, "heading_end");
}

TEST(ItemCell, LineBreakBetweenFullWidthLettersAddsNoSpace) {
  ItemCell c = parse_item_cell("記録媒体(Ｕ\nＳＢ)の管理について", vocab(), false, std::nullopt);
  EXPECT_EQ(c.title, "記録媒体(USB)の管理について");
}

TEST(MeasureSplit, LineBreakBetweenFullWidthLettersAddsNoSpace) {
  auto parts = split_measures("（人事課）\n記録媒体（Ｕ\nＳＢ）を登録した。", vocab());
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "記録媒体(USB)を登録した。");
}

TEST(MeasureSplit, StatusWordSetApartAtTheHeadOfADepartmentsText) {
  auto parts = split_measures(
      "（人事課）\n一部措置　令和5年1月1日に、書庫に施錠した。\n（財政課）\n"
      "完了検査の手順を整備した。",
      vocab());
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].lead_status, "一部措置");
  EXPECT_FALSE(parts[1].lead_status) << "完了検査 is a word of the text, not the status 完了";
}

TEST(StatusReading, WordWrappedInANarrowColumn) {
  Legend none;
  StatusReading a = read_status("一部措\n置", none, vocab());
  EXPECT_EQ(a.status, "partially_taken");
  EXPECT_EQ(a.raw, "一部措置");
  StatusReading b = read_status("措置済\nみ\n令和6年3月7日", none, vocab());
  EXPECT_EQ(b.status, "taken");
  EXPECT_EQ(b.raw, "措置済み");
  StatusReading c = read_status("完了検査のチェックリストを作成し、", none, vocab());
  EXPECT_FALSE(c.found);
}

TEST(StatusReading, LegendEntriesWithoutSpacesBetweenThem) {
  // Compact text has lost the spaces: …済み②:… must still read ② and ③.
  Legend l = read_legend("（凡例）①：措置済み　②：措置中（措置の方針を決定）　③：未措置", vocab());
  EXPECT_EQ(l.status_of(U"①"), "taken");
  EXPECT_EQ(l.status_of(U"②"), "in_progress");
  EXPECT_EQ(l.status_of(U"③"), "not_taken");
}
