// Findings tables of other municipalities' layouts (the opt-in column-table family): header sets
// 監査の結果 | 措置の状況, 部署名 | 指摘事項 | 講じた措置の内容, 項目 | 指摘及び検討事項 |
// 取組方針等 | 根拠規定等, 指摘事項 | 講じた措置, 監査の結果（指摘事項等） |
// 措置の内容（改善等内容）, with the department in a column, in parentheses closing the finding, on
// a 所管課 line, as a group heading over the table or once for the document. End to end on the
// committed set fixtures/generated-tables/column-table/ (seed 3, eight documents: every header set
// and every placement), and unit tests of each rule it needed.
#include <gtest/gtest.h>

#include <string>

#include "generated_sets.hpp"
#include "interpret/column_roles.hpp"
#include "interpret/document_fields.hpp"
#include "interpret/group_heading.hpp"
#include "interpret/item_cells.hpp"
#include "interpret/measure_split.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"

using namespace kansa::interpret;

namespace {

// Measured 1.000 on each committed document (and 0.995 on 20 documents of seed 31); the margin
// allows one or two misses.
constexpr double kMinFieldAccuracy = 0.97;

const Vocabulary& vocab() {
  return Vocabulary::cached(std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml");
}

}  // namespace

TEST(GeneratedTables, CommittedColumnTableSetIsWhatTheGeneratorMakes) {
  kansa::testing::expect_set_regenerates("generated-tables/column-table");
}

TEST(GeneratedTables, EveryColumnTableDocumentMatchesItsTruth) {
  kansa::testing::expect_set_reads_true("generated-tables/column-table", kMinFieldAccuracy);
}

TEST(ItemCell, CodeLabelWithSectionNumberThenKindMarkOnTheirOwnLines) {
  ItemCell c = parse_item_cell("（契約事務-2）\n［3.4］\n【指摘】契約保証金の\n取扱いについて",
                               vocab(), false, std::nullopt);
  EXPECT_EQ(c.label, "(契約事務-2)");
  EXPECT_EQ(c.kind, "finding");
  EXPECT_EQ(c.title, "契約保証金の取扱いについて");
  ItemCell same_line = parse_item_cell("（観光施策-1）(2.7)【意見】案内板の設置について", vocab(),
                                       false, std::nullopt);
  EXPECT_EQ(same_line.label, "(観光施策-1)");
  EXPECT_EQ(same_line.kind, "opinion");
  EXPECT_EQ(same_line.title, "案内板の設置について");
}

TEST(ItemCell, NumberSetApartByAFullWidthSpaceBeforeAKindMark) {
  ItemCell c = parse_item_cell("１　【意見】現金出納簿の記帳について\n記帳が遅れていた。", vocab(),
                               true, std::nullopt);
  EXPECT_EQ(c.label, "1");
  EXPECT_EQ(c.kind, "opinion");
  EXPECT_EQ(c.title, "現金出納簿の記帳について");
  EXPECT_EQ(c.summary, "記帳が遅れていた。");
  ItemCell plain = parse_item_cell("２　証明手数料の保管について\n保管されていなかった。", vocab(),
                                   true, std::nullopt);
  EXPECT_EQ(plain.label, "2");
  EXPECT_EQ(plain.title, "証明手数料の保管について");
}

TEST(MeasureSplit, DepartmentLabelLineHeadsTheMeasure) {
  auto parts = split_measures("所管課：子育て支援課\n平成２９年４月に、体制を整備した。", vocab());
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].department, "子育て支援課");
  EXPECT_EQ(parts[0].text, "平成29年4月に、体制を整備した。");
  // A sentence that merely starts with the word is text.
  auto text = split_measures("所管課において手順を見直した。", vocab());
  ASSERT_EQ(text.size(), 1u);
  EXPECT_FALSE(text[0].department);
}

TEST(MeasureSplit, DepartmentClosingTheFindingAfterItsLastSentence) {
  std::string summary = "徴収が遅れていた。徴収を徹底されたい。（西讃土木事務所）";
  auto d = take_closing_department(summary, vocab());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->name, "西讃土木事務所");
  EXPECT_EQ(summary, "徴収が遅れていた。徴収を徹底されたい。");
  // Inside a sentence, or not a department: left alone.
  std::string inner = "規則（第5条）に反していた（道路課）";
  EXPECT_FALSE(take_closing_department(inner, vocab()));
  std::string article = "規則に反していた。（第5条）";
  EXPECT_FALSE(take_closing_department(article, vocab()));
  EXPECT_EQ(article, "規則に反していた。（第5条）");
}

namespace {

PageLine page_line(int page, double y, const std::string& text) {
  PageLine l;
  l.page = page;
  l.page_height = 842;
  l.line.box = {50, y, 300, y + 11};
  l.line.text = text;
  l.line.font_size = 11;
  return l;
}

}  // namespace

TEST(GroupHeading, EveryRowBelowABracketedDepartmentLineIsItsUntilTheNext) {
  const GroupHeadings groups(
      {page_line(1, 60, "令和5年度定期監査の結果"), page_line(1, 120, "【土木部】"),
       page_line(1, 140, "【重点テーマ1】"), page_line(2, 300, "（健康福祉部）"),
       page_line(2, 500, "（土木部）の監査結果は次のとおり")},
      vocab());
  EXPECT_FALSE(groups.over(1, 100));  // above every heading
  EXPECT_EQ(groups.over(1, 400)->department, "土木部");
  EXPECT_EQ(groups.over(2, 100)->department, "土木部");  // the group goes on over a page
  EXPECT_EQ(groups.over(2, 320)->department, "健康福祉部");
  // Not a department, or more than a bracketed name: no heading.
  EXPECT_EQ(groups.over(2, 700)->department, "健康福祉部");
}

// As OCR reads a heading cell: spaces inside lines, a first line short because of the label
// and kind mark before it, a speck after the heading, a gap after a sentence.
TEST(ItemCell, HeadingAsOcrReadsItIsStillToldFromTheDescription) {
  ItemCell c = parse_item_cell(
      "1 【意見】国民健康保険システム のバックアップ\nデータの保管について\n"
      "開発元のサポート期間が終了したOSを搭載した端末\nが 、庁内ネットワ ークに接続されたまま使"
      "用されて\nいた。 情 報 企画課は、サポート期間が終了したOSの使用を速やかに解消する\n"
      "こと が 望まれる。",
      vocab(), false, std::nullopt);
  EXPECT_EQ(c.kind, "opinion");
  EXPECT_EQ(c.title, "国民健康保険システムのバックアップデータの保管について");
  ASSERT_TRUE(c.summary);
  EXPECT_EQ(c.summary->rfind("開発元の", 0), 0u);
  ItemCell speck = parse_item_cell(
      "6 【意見】 債権の不納欠損 処理について -\n市税の滞納者に対する催告が長期間行われておら\n"
      "ず、 時効により債権が消滅したものがあった。",
      vocab(), false, std::nullopt);
  EXPECT_EQ(speck.title, "債権の不納欠損処理について");
}

TEST(ItemCell, KindMarkReadWithOneSlipIsAGuess) {
  ItemCell c =
      parse_item_cell("【指鐘]市営住宅使用料の滞納整理について・", vocab(), false, std::nullopt);
  EXPECT_EQ(c.kind, "finding");
  EXPECT_TRUE(c.kind_guessed);
  EXPECT_EQ(c.title, "市営住宅使用料の滞納整理について");
}

TEST(RefCell, PageMarkerWithADigitReadAsALetter) {
  RefCell r = parse_ref_cell("個別事案7(PI18、121)", false);
  EXPECT_EQ(r.ref, "個別事案7");
  EXPECT_EQ(r.pages, (std::vector<int>{118, 121}));
}

TEST(Legend, CircledNumberReadTwiceStillNamesItsStatus) {
  Legend l = read_legend("(凡例)①:措置済み②⑫:措置中(措置の方針を決定したもの)③:未措置", vocab());
  EXPECT_EQ(l.status_of(U"①").value_or(""), "taken");
  EXPECT_EQ(l.status_of(U"②").value_or(""), "in_progress");
  EXPECT_EQ(l.status_of(U"③").value_or(""), "not_taken");
}

TEST(ItemCell, KatakanaLabelReadTwice) {
  ItemCell c = parse_item_cell("エエ 開発元のサポー\nト期間が終了した\nOSについて", vocab(), false,
                               std::nullopt);
  EXPECT_EQ(c.label, "エ");
  EXPECT_EQ(c.title, "開発元のサポート期間が終了したOSについて");
}

TEST(InterpretColumns, HeaderEndingInLatinLettersReadWithOneSlip) {
  auto m = match_header("指摘Ne", vocab());  // 指摘№ (NFKC 指摘No) as OCR read it
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "ref");
  EXPECT_TRUE(match_header("指摘", vocab()).empty());
}

TEST(InterpretColumns, HeaderInAnotherLetterCase) {
  auto m = match_header("NO.", vocab());  // No. as OCR read it
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "ref");
  EXPECT_TRUE(match_header("NG.", vocab()).empty());
}

TEST(DocumentFields, AuditTypeInATitleReadWithOneSlip) {
  kansa::Document doc;
  std::vector<PageLine> lines = {
      page_line(1, 60, "令和元年度財政援助団体等監告の結果に基づく措置状況"),
      page_line(1, 90, "〇〇市監査委員")};
  lines[0].line.font_size = 16;
  kansa::interpret::Options options;
  options.vocabulary_path = std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml";
  const kansa::DocumentInfo d = read_document_fields(doc, lines, lines, vocab(), options);
  EXPECT_EQ(d.audit_type.value_or(""), "financial_aid");
  EXPECT_LT(d.field_confidence.at("audit_type"), 0.9);
  EXPECT_EQ(d.audit_fiscal_year.value_or(0), 2019);
}

TEST(StatusReading, WordWithSpecksReadAsAsciiMarks) {
  Legend none;
  StatusReading a = read_status("* 取り 組んで\nいない", none, vocab());
  EXPECT_EQ(a.status, "not_taken");
  EXPECT_EQ(a.raw.value_or(""), "取り組んでいない");
  EXPECT_LT(a.confidence, 0.9);
  StatusReading b = read_status("改善に向け\nて取り組ん\n- だ", none, vocab());
  EXPECT_EQ(b.status, "in_progress");
  EXPECT_EQ(b.raw.value_or(""), "改善に向けて取り組んだ");
}

TEST(StatusReading, ShortStatusWordWithOneGlyphMisread) {
  Legend none;
  StatusReading a = read_status("一部措\n中", none, vocab());
  EXPECT_EQ(a.status, "partially_taken");
  EXPECT_EQ(a.raw.value_or(""), "一部措置");
  EXPECT_LE(a.confidence, 0.6);
  EXPECT_EQ(read_status("措財済", none, vocab()).raw.value_or(""), "措置済");
  // Two characters are too few to guess from; a slip that fits two statuses (措置中, 措置済)
  // is left unread; prose is no status.
  EXPECT_FALSE(read_status("措直", none, vocab()).found);
  EXPECT_FALSE(read_status("措置目", none, vocab()).found);
  EXPECT_FALSE(read_status("教育委員会から回答", none, vocab()).found);
}
