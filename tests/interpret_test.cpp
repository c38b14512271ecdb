// Interpretation: documents built by hand in the shapes of the corpus reports (a 4-column
// portrait table with a legend in the preface; a landscape table with a header block, a
// summary column and a status + date column), read with the real vocabulary.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "interpret/column_roles.hpp"
#include "interpret/item_cells.hpp"
#include "interpret/measure_split.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/interpret.hpp"
#include "kansa/interpret_explain.hpp"
#include "kansa/municipality.hpp"

namespace kansa::interpret {
namespace {

const std::string kVocab = std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml";
const std::string kMunicipalities = std::string(KANSA_PIPELINES_DIR) + "/data/municipalities.tsv";

const Vocabulary& vocab() { return Vocabulary::cached(kVocab); }

// Lays `text` out as one glyph span per character from (x, y), like a text-layer page.
void put_line(Page& page, const std::string& text, double x, double y, double size) {
  std::u32string u;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    TextSpan s;
    s.text = text.substr(i, len);
    s.box = {x, y, x + size, y + size};
    s.font_size = size;
    if (s.text != " ") page.spans.push_back(s);
    x += size;
    i += len;
  }
}

Cell cell(int r, int c, std::string text, int page = 1, Box box = {}) {
  Cell out;
  out.row = r;
  out.col = c;
  out.text = std::move(text);
  out.page = out.last_page = page;
  out.box = box;
  return out;
}

Options options(std::optional<std::string> code = std::nullopt,
                const municipality::Registry* reg = nullptr) {
  Options o;
  o.vocabulary_path = kVocab;
  o.municipality_code = std::move(code);
  o.municipalities = reg;
  return o;
}

// The shape of the Shimonoseki report: title, theme in 「」 over two lines, legend, then a
// table ページ数 | 監査の結果及び意見(項目) | 区分 | 措置内容又は進捗状況等.
Document portrait_document() {
  Document doc;
  doc.file = "portrait.pdf";
  Page p;
  p.number = 1;
  p.width = 595;
  p.height = 842;
  put_line(p, "令和５年度　包括外部監査結果に基づき講じた措置", 100, 60, 16);
  put_line(p, "1 選定した特定の事件", 60, 110, 10.5);
  put_line(p, "「情報システムに係る事務及び財務の執行について－DX（デジタル改革）推進に伴う", 70,
           130, 10.5);
  put_line(p, "事務の整備・運用状況を見据えて－」", 70, 145, 10.5);
  put_line(p, "なお、区分の欄に記載する記号の意味は、「①＝措置を講じたもの」、「②＝措置を講じて",
           60, 200, 10.5);
  put_line(p, "いないもの」となっています。", 60, 215, 10.5);
  doc.pages.push_back(p);
  Page p2 = p;
  p2.number = 2;
  p2.spans.clear();
  doc.pages.push_back(p2);

  Table t;
  t.pages = {1, 2};
  t.cols = 4;
  Box in_table{50, 300, 550, 800};
  t.cells = {
      cell(0, 0, "ページ数", 1, in_table),
      cell(0, 1, "監査の結果及び意見\n（項目）", 1, in_table),
      cell(0, 2, "区分", 1, in_table),
      cell(0, 3, "措置内容又は進捗状況等", 1, in_table),
      cell(1, 0, "総論１\n(P17、35)", 1, in_table),
      cell(1, 1, "意見\n情報セキュリティポリ\nシーの公開について", 1, in_table),
      cell(1, 2, "①", 1, in_table),
      cell(
          1, 3,
          "（情報政策課）\n情報セキュリティ対策基準は、公にするとサイバー攻\n撃を受けるリスクがある"
          "ため、基本方針部分のみ公開\nすることとした。",
          1, in_table),
      cell(2, 0, "総論２\n(P18、35、36)", 1, in_table),
      cell(2, 1, "指摘\n開発元サポート期間が終\n了した OS について", 1, in_table),
      cell(2, 2, "", 1, in_table),
      cell(
          2, 3,
          "（財政課）\n（環境施設課（奥山工場を含む。））\n（菊川総合支所　建設農林課）\n（消防局　"
          "総務課/予防課/情報指令課）\n※それぞれの個別事案において記載。",
          1, in_table),
      // The header printed again on the next page.
      cell(3, 0, "ページ数", 2, in_table),
      cell(3, 1, "監査の結果及び意見\n（項目）", 2, in_table),
      cell(3, 2, "区分", 2, in_table),
      cell(3, 3, "措置内容又は進捗状況等", 2, in_table),
      cell(4, 0, "", 2, in_table),
      cell(4, 1, "", 2, in_table),
      cell(4, 2, "", 2, in_table),
      cell(4, 3, "", 2, in_table),
      cell(5, 0, "総論３\n(P18、36-46)", 2, in_table),
      cell(5, 1, "意見\n職員の情報セキュリティ\nに関する研修について", 2, in_table),
      cell(5, 2, "②", 2, in_table),
      cell(5, 3, "（情報政策課）\n一定の基準を設け、研修への参加を促すこととした。", 2, in_table),
      cell(6, 0, "個別事案２\n(P25、57、58)", 2, in_table),
      cell(6, 1, "指摘\n開発元のサポート期間が\n終了した OS について", 2, in_table),
      cell(6, 2, "", 2, in_table),
      cell(6, 3,
           "（環境施設課（奥山工場を含む。））\n① 指摘された OS は、更新することとした。\n"
           "（廃棄物対策課）\n最新 OS を導入し対応した。",
           2, in_table),
      cell(7, 0, "個別事案２\n(P26、62)", 2, in_table),
      cell(7, 1, "指摘\n開発元のサポート期間が\n終了した OS について", 2, in_table),
      cell(7, 2, "", 2, in_table),
      cell(7, 3, "（教育研修課）\n教育委員会から回答", 2, in_table),
  };
  t.rows = 8;
  doc.tables.push_back(t);
  return doc;
}

TEST(InterpretVocabulary, LoadsAndRejectsMissingFile) {
  EXPECT_FALSE(vocab().column_headers.empty());
  EXPECT_FALSE(vocab().status_words.empty());
  EXPECT_THROW(Vocabulary::load("/nonexistent/vocabulary.toml"), std::runtime_error);
}

TEST(InterpretColumns, HeadersMatchExactlyBySynonymAndSeveralRolesInOneCell) {
  auto m = match_header("監査の結果及び意見\n（項目）", vocab());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "item");
  EXPECT_TRUE(m[0].exact);
  auto s = match_header("部署名", vocab());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].role, "department");
  EXPECT_LT(s[0].score, 1.0);
  auto two = match_header("措置分類\n措置日\n（予定日）", vocab());
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].role, "status");
  EXPECT_EQ(two[1].role, "date");
  auto measure = match_header("講じた措置の内容", vocab());
  ASSERT_FALSE(measure.empty());
  EXPECT_EQ(measure[0].role, "measure");
  // Columns the schema has no field for are recognized as such (unread), not left unknown.
  auto remarks = match_header("備考", vocab());
  ASSERT_EQ(remarks.size(), 1u);
  EXPECT_EQ(remarks[0].role, "unread");
  EXPECT_EQ(match_header("根拠規定等", vocab()).at(0).role, "unread");
  EXPECT_EQ(match_header("通知年月日", vocab()).at(0).role, "unread");
  EXPECT_TRUE(match_header("連絡先", vocab()).empty());
  // Header sets of other municipalities: 項目 | 指摘及び検討事項 | 取組方針等 and
  // 監査の結果（指摘事項等） | 措置の内容（改善等内容）.
  EXPECT_EQ(match_header("指摘及び検討事項", vocab()).at(0).role, "summary");
  EXPECT_EQ(match_header("取組方針等", vocab()).at(0).role, "measure");
  EXPECT_EQ(match_header("監査の結果（指摘事項等）", vocab()).at(0).role, "item");
  EXPECT_EQ(match_header("措置の内容（改善等内容）", vocab()).at(0).role, "measure");
  EXPECT_EQ(match_header("報告年月日", vocab()).at(0).role, "date");
}

TEST(InterpretLegend, MapsSymbolsToStatuses) {
  Legend l = read_legend("記号の意味は、「①＝措置を講じたもの」、「②＝措置を講じていないもの」と",
                         vocab());
  EXPECT_EQ(l.status_of(U"①").value_or(""), "taken");
  EXPECT_EQ(l.status_of(U"②").value_or(""), "not_taken");
  EXPECT_FALSE(l.status_of(U"③").has_value());
  StatusReading r = read_status("②", l, vocab());
  EXPECT_EQ(r.status, "not_taken");
  EXPECT_EQ(r.raw.value_or(""), "②");
  StatusReading w = read_status("措置済\n令和６年３月７日", l, vocab());
  EXPECT_EQ(w.status, "taken");
  EXPECT_EQ(w.raw.value_or(""), "措置済");
  EXPECT_FALSE(read_status("", l, vocab()).found);
}

TEST(InterpretMeasures, SplitsByDepartmentKeepingNestedParenthesesAndGroups) {
  auto parts = split_measures(
      "（財政課）\n（環境施設課（奥山工場を含む。））\n（消防局　総務課/予防課/情報指令課）\n"
      "※それぞれの個別事案において記載。",
      vocab());
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].department.value_or(""), "財政課");
  EXPECT_EQ(parts[1].department.value_or(""), "環境施設課(奥山工場を含む。)");
  EXPECT_EQ(parts[2].department.value_or(""), "消防局総務課/予防課/情報指令課");
  for (const auto& p : parts) EXPECT_EQ(p.text, "※それぞれの個別事案において記載。");
}

TEST(InterpretMeasures, ParenthesisInsideASentenceIsText) {
  auto parts = split_measures(
      "・また、再発防止策として、事務を所管する\n（保健所管理課審査・給付グループ）職員全員に研修"
      "を実施した。",
      vocab());
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].department.has_value());
  EXPECT_EQ(parts[0].text,
            "・また、再発防止策として、事務を所管する(保健所管理課審査・給付グループ)職員全員に研修"
            "を実施した。");
}

TEST(InterpretMeasures, InlineHeadingsAfterSentenceEnd) {
  auto parts = split_measures("（情報政策課）規程を改めた。（財政課）台帳を整備した。", vocab());
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].department.value_or(""), "財政課");
  EXPECT_EQ(parts[1].text, "台帳を整備した。");
}

TEST(InterpretCells, RefAndPagesFromOneCell) {
  RefCell r = parse_ref_cell("総論３\n(P18、36-46)", true);
  EXPECT_EQ(r.ref.value_or(""), "総論3");
  std::vector<int> want = {18, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46};
  EXPECT_EQ(r.pages, want);
  RefCell o = parse_ref_cell("２（１）", false);
  EXPECT_EQ(o.ref.value_or(""), "2(1)");
  EXPECT_TRUE(o.pages.empty());
}

TEST(InterpretCells, HeadingSplitFromSummaryAtBlankLine) {
  ItemCell c = parse_item_cell(
      "（１）ウイルス対策ソフトの更新について是正を\n求めたもの\n\n 更新状況について確認した"
      "ところ、\n次のとおりであった。",
      vocab(), true, std::nullopt);
  EXPECT_EQ(c.label.value_or(""), "(1)");
  EXPECT_EQ(c.title.value_or(""), "ウイルス対策ソフトの更新について是正を求めたもの");
  EXPECT_EQ(c.summary.value_or(""), "更新状況について確認したところ、次のとおりであった。");
  EXPECT_EQ(c.split, "blank");
  // The same cell without its blank line, with the gap measured on the page instead.
  ItemCell g = parse_item_cell(
      "（１）ウイルス対策ソフトの更新について是正を\n求めたもの\n更新状況について確認したところ、"
      "\n次のとおりであった。",
      vocab(), true, 2);
  EXPECT_EQ(g.title.value_or(""), "ウイルス対策ソフトの更新について是正を求めたもの");
  EXPECT_EQ(g.split, "geometry");
}

TEST(InterpretDocument, PortraitTableFindingsAndDocumentFields) {
  municipality::Registry reg = municipality::Registry::load(kMunicipalities);
  Extraction ex = interpret(portrait_document(), options("352012", &reg));
  const DocumentInfo& d = ex.document;
  EXPECT_EQ(d.title.value_or(""), "令和5年度包括外部監査結果に基づき講じた措置");
  EXPECT_EQ(d.theme.value_or(""),
            "情報システムに係る事務及び財務の執行について-DX(デジタル改革)推進に伴う事務の整備・"
            "運用状況を見据えて-");
  EXPECT_EQ(d.audit_type.value_or(""), "comprehensive_external");
  EXPECT_EQ(d.audit_fiscal_year.value_or(0), 2023);
  EXPECT_EQ(d.municipality.value_or(""), "下関市");
  EXPECT_EQ(d.prefecture.value_or(""), "山口県");
  EXPECT_FALSE(d.report_number.has_value());
  EXPECT_FALSE(d.department.has_value());

  // Header repeat and the empty row are skipped: five data rows.
  ASSERT_EQ(ex.findings.size(), 5u);
  const Finding& f1 = ex.findings[0];
  EXPECT_EQ(f1.ordinal, 1);
  EXPECT_EQ(f1.ref.value_or(""), "総論1");
  EXPECT_EQ(f1.kind, "opinion");
  EXPECT_EQ(f1.title.value_or(""), "情報セキュリティポリシーの公開について");
  EXPECT_EQ(f1.report_pages, (std::vector<int>{17, 35}));
  ASSERT_EQ(f1.measures.size(), 1u);
  EXPECT_EQ(f1.measures[0].department.value_or(""), "情報政策課");
  EXPECT_EQ(f1.measures[0].status, "taken");
  EXPECT_EQ(f1.measures[0].status_raw.value_or(""), "①");
  EXPECT_EQ(
      f1.measures[0].text,
      "情報セキュリティ対策基準は、公にするとサイバー攻撃を受けるリスクがあるため、基本方針部分の"
      "み公開することとした。");

  const Finding& f2 = ex.findings[1];
  EXPECT_EQ(f2.kind, "finding");
  EXPECT_EQ(f2.title.value_or(""), "開発元サポート期間が終了したOSについて");
  ASSERT_EQ(f2.measures.size(), 4u);
  EXPECT_EQ(f2.measures[2].department.value_or(""), "菊川総合支所建設農林課");
  EXPECT_EQ(f2.measures[0].status, "unknown");
  EXPECT_FALSE(f2.measures[0].status_raw.has_value());

  EXPECT_EQ(ex.findings[2].measures[0].status, "not_taken");
  EXPECT_EQ(ex.findings[2].report_pages.size(), 12u);

  // A mark at the start of a measure text lifts into the status of that measure only.
  const Finding& f4 = ex.findings[3];
  ASSERT_EQ(f4.measures.size(), 2u);
  EXPECT_EQ(f4.measures[0].status, "taken");
  EXPECT_EQ(f4.measures[0].status_raw.value_or(""), "①");
  EXPECT_EQ(f4.measures[0].text, "指摘されたOSは、更新することとした。");
  EXPECT_EQ(f4.measures[1].department.value_or(""), "廃棄物対策課");
  EXPECT_EQ(f4.measures[1].status, "unknown");
  // The same ref again is a finding of its own.
  EXPECT_EQ(ex.findings[4].ref.value_or(""), "個別事案2");
  EXPECT_EQ(ex.findings[4].measures[0].text, "教育委員会から回答");

  for (const Finding& f : ex.findings) {
    for (const char* k : {"ref", "kind", "title", "summary", "report_pages", "measures"}) {
      ASSERT_TRUE(f.field_confidence.count(k)) << k;
      EXPECT_GT(f.field_confidence.at(k), 0.0);
      EXPECT_LT(f.field_confidence.at(k), 1.0);
    }
    for (const Measure& m : f.measures) EXPECT_EQ(m.field_confidence.size(), 6u);
  }
  // The group-split finding is less certain than a plain one.
  EXPECT_LT(f2.field_confidence.at("measures"), f1.field_confidence.at("measures") + 1e-9);
}

// The shape of the Osaka report: header block, 指摘№ | 指摘等の概要 | 措置内容又は措置方針等 |
// 措置分類/措置日(予定日).
Document landscape_document() {
  Document doc;
  Page p;
  p.number = 1;
  p.width = 842;
  p.height = 595;
  put_line(p, "監査結果に関する措置状況報告書", 300, 40, 14);
  put_line(p, "報　告　番　号：報告監６の第７号", 40, 70, 10);
  put_line(p, "監 査 の 対 象：令和５年度監査委員監査　区役所附設会館等予約システムに関する事務",
           40, 85, 10);
  put_line(p, "所　管　所　属：健康局", 40, 100, 10);
  put_line(p, "通知を受けた日：令和６年４月 22 日", 40, 115, 10);
  // The summary cell, as glyphs: heading, a gap, then the description.
  put_line(p, "（１）記録媒体の管理について改善を求めた", 110, 200, 10);
  put_line(p, "もの", 110, 212, 10);
  put_line(p, "記録媒体の管理状況について確認したところ、次の", 120, 236, 10);
  put_line(p, "とおりであった。", 110, 248, 10);
  put_line(p, "【指摘事項】", 110, 272, 10);
  put_line(p, "健康局は、管理簿へ登録されたい。", 120, 284, 10);
  doc.pages.push_back(p);

  Table t;
  t.pages = {1};
  t.cols = 4;
  t.cells = {
      cell(0, 0, "指摘№", 1, {40, 150, 100, 190}),
      cell(0, 1, "指摘等の概要", 1, {100, 150, 400, 190}),
      cell(0, 2, "措置内容又は措置方針等", 1, {400, 150, 700, 190}),
      cell(0, 3, "措置分類\n措置日\n（予定日）", 1, {700, 150, 800, 190}),
      cell(1, 0, "２（２）", 1, {40, 195, 100, 300}),
      cell(1, 1,
           "（１）記録媒体の管理について改善を求めた\nもの\n記録媒体の管理状況について確認したとこ"
           "ろ、次の\n"
           "とおりであった。\n【指摘事項】\n健康局は、管理簿へ登録されたい。",
           1, {100, 195, 400, 300}),
      cell(1, 2, "・未登録の４本については、令和５年 12 月５日に\n管理簿への登録を実施した。", 1,
           {400, 195, 700, 300}),
      cell(1, 3, "措置済\n令和６年２月１日", 1, {700, 195, 800, 300}),
  };
  t.rows = 2;
  doc.tables.push_back(t);
  return doc;
}

TEST(InterpretDocument, LandscapeTableWithHeaderBlockSummaryAndDates) {
  Extraction ex = interpret(landscape_document(), options());
  const DocumentInfo& d = ex.document;
  EXPECT_EQ(d.title.value_or(""), "監査結果に関する措置状況報告書");
  EXPECT_EQ(d.report_number.value_or(""), "報告監6の第7号");
  EXPECT_EQ(d.notice_date.value_or(""), "2024-04-22");
  EXPECT_EQ(d.department.value_or(""), "健康局");
  EXPECT_EQ(d.audit_type.value_or(""), "commissioner");
  EXPECT_EQ(d.audit_fiscal_year.value_or(0), 2023);
  EXPECT_EQ(d.theme.value_or(""), "区役所附設会館等予約システムに関する事務");
  EXPECT_FALSE(d.municipality_code.has_value());

  ASSERT_EQ(ex.findings.size(), 1u);
  const Finding& f = ex.findings[0];
  EXPECT_EQ(f.ref.value_or(""), "2(2)");
  EXPECT_EQ(f.kind, "finding");
  EXPECT_EQ(f.title.value_or(""), "記録媒体の管理について改善を求めたもの");
  EXPECT_EQ(
      f.summary.value_or(""),
      "記録媒体の管理状況について確認したところ、次のとおりであった。【指摘事項】健康局は、管理"
      "簿へ登録されたい。");
  EXPECT_TRUE(f.report_pages.empty());
  ASSERT_EQ(f.measures.size(), 1u);
  const Measure& m = f.measures[0];
  EXPECT_EQ(m.department.value_or(""), "健康局");
  EXPECT_EQ(m.status, "taken");
  EXPECT_EQ(m.status_raw.value_or(""), "措置済");
  EXPECT_EQ(m.date.value_or(""), "2024-02-01");
  EXPECT_EQ(m.date_raw.value_or(""), "令和6年2月1日");
  EXPECT_EQ(m.text, "・未登録の4本については、令和5年12月5日に管理簿への登録を実施した。");
  // A department taken from the document is less certain than one printed in the row.
  EXPECT_LT(m.field_confidence.at("department"), 0.9);
}

TEST(InterpretDocument, ExplainsColumnRoles) {
  Explanation e = explain(landscape_document(), options());
  ASSERT_EQ(e.tables.size(), 1u);
  EXPECT_TRUE(e.tables[0].recognized);
  EXPECT_EQ(e.tables[0].header_row, 0);
  ASSERT_EQ(e.tables[0].columns.size(), 4u);
  EXPECT_EQ(e.tables[0].columns[1].roles.at(0).first, "summary");
  EXPECT_EQ(e.tables[0].columns[3].roles.size(), 2u);
  EXPECT_EQ(e.tables[0].findings, 1);
}

TEST(InterpretDocument, OcrLowersConfidence) {
  Document text_doc = landscape_document();
  Document ocr_doc = landscape_document();
  ocr_doc.pages[0].method = "ocr";
  for (Cell& c : ocr_doc.tables[0].cells) c.confidence = 0.8;
  Extraction a = interpret(text_doc, options());
  Extraction b = interpret(ocr_doc, options());
  ASSERT_EQ(b.findings.size(), 1u);
  EXPECT_EQ(b.findings[0].source.method, "ocr");
  EXPECT_LT(b.findings[0].measures[0].field_confidence.at("text"),
            a.findings[0].measures[0].field_confidence.at("text"));
  EXPECT_LT(b.findings[0].confidence, a.findings[0].confidence);
}

// Regression: a row cut by a page break that stitching left as two rows (個別事案2 | 指摘 | ① |
// (市民サービス課) on one page, (P30、74、75) | heading | | text on the next) is one finding.
TEST(InterpretDocument, RowCutByPageBreakIsOneFinding) {
  Document doc = portrait_document();
  Table& t = doc.tables[0];
  t.cells.erase(
      std::remove_if(t.cells.begin(), t.cells.end(), [](const Cell& c) { return c.row >= 5; }),
      t.cells.end());
  Box in_table{50, 300, 550, 800};
  for (Cell c :
       {cell(5, 0, "個別事案２", 1, in_table), cell(5, 1, "指摘", 1, in_table),
        cell(5, 2, "①", 1, in_table), cell(5, 3, "（市民サービス課）", 1, in_table),
        cell(6, 0, "(P30、74、75)", 2, in_table),
        cell(6, 1, "開発元のサポート期間が\n終了した OS について", 2, in_table),
        cell(6, 2, "", 2, in_table), cell(6, 3, "該当パソコンの使用を中止した。", 2, in_table)})
    t.cells.push_back(c);
  t.rows = 7;
  Extraction ex = interpret(doc, options());
  ASSERT_EQ(ex.findings.size(), 3u);
  const Finding& f = ex.findings[2];
  EXPECT_EQ(f.ordinal, 3);
  EXPECT_EQ(f.ref.value_or(""), "個別事案2");
  EXPECT_EQ(f.title.value_or(""), "開発元のサポート期間が終了したOSについて");
  EXPECT_EQ(f.report_pages, (std::vector<int>{30, 74, 75}));
  ASSERT_EQ(f.measures.size(), 1u);
  EXPECT_EQ(f.measures[0].department.value_or(""), "市民サービス課");
  EXPECT_EQ(f.measures[0].status, "taken");
  EXPECT_EQ(f.measures[0].text, "該当パソコンの使用を中止した。");
  EXPECT_EQ(f.source.pages, (std::vector<int>{1, 2}));
}

TEST(InterpretDocument, NoTablesNoFindings) {
  Document doc;
  doc.file = "empty.pdf";
  Extraction ex = interpret(doc, options());
  EXPECT_TRUE(ex.findings.empty());
  EXPECT_EQ(ex.document.file, "empty.pdf");
}

}  // namespace
}  // namespace kansa::interpret
