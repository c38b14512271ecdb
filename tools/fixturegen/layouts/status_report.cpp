// Measures reported by one bureau (措置状況報告書), after Osaka City's report: A4 landscape, a
// header block (報告番号, 監査の対象, 所管所属, 通知を受けた日), and a table of
// 指摘№ | 指摘等の概要 | 措置内容又は措置方針等 | 措置分類・措置日 with nested refs (２（１）),
// a summary cell holding the heading, the observations and the 【指摘事項】 demand.
#include "layouts/families.hpp"

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "phrases.hpp"
#include "table.hpp"

namespace fixturegen {
namespace {

struct AuditKind {
  const char* label;  // as printed in 監査の対象
  const char* type;   // schema audit_type
};

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2019, 2024);
  const bool full = rng.chance(0.6);
  const TextStyle ts{full, doc.audit_fiscal_year};
  static const std::vector<AuditKind> kKinds = {{"監査委員監査", "commissioner"},
                                                {"定期監査", "regular"},
                                                {"行政監査", "administrative"},
                                                {"財政援助団体等監査", "financial_aid"}};
  const AuditKind& ak = rng.pick(kKinds);
  doc.audit_type = ak.type;
  static const std::vector<std::string> kTitles = {
      "監査結果に関する措置状況報告書", "措置状況報告書", "監査の結果に基づく措置状況報告書"};
  doc.title = rng.pick(kTitles);
  doc.theme = pick_theme(rng);
  doc.department = pick_bureau(rng, muni.kind);
  const int fy_era = doc.audit_fiscal_year - 2018;
  doc.report_number = (rng.chance(0.5) ? "報告監" : "監報") +
                      digits(std::max(fy_era + 1, 1), full) + "の第" +
                      digits(rng.range(1, 30), full) + "号";
  doc.notice_date = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);

  PageStyle ps = random_page_style(rng, true);
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(muni.name, fs, Align::kRight, 0, 2);
  canvas.paragraph(doc.title, fs + 5, Align::kCenter, 0, fs);
  const bool spaced = rng.chance(0.6);  // 報　告　番　号 vs 報告番号
  auto label = [&](const char* plain, const char* spaced_label) {
    return std::string(spaced ? spaced_label : plain) + "：";
  };
  canvas.paragraph(label("報告番号", "報　告　番　号") + doc.report_number, fs + 1, Align::kLeft, 0,
                   1);
  canvas.paragraph(label("監査の対象", "監 査 の 対 象") + era_year(doc.audit_fiscal_year, full) +
                       "年度" + ak.label + "　" + doc.theme,
                   fs + 1, Align::kLeft, 0, 1);
  canvas.paragraph(label("所管所属", "所　管　所　属") + doc.department, fs + 1, Align::kLeft, 0,
                   1);
  canvas.paragraph(label("通知を受けた日", "通知を受けた日") + doc.notice_date->print(full), fs + 1,
                   Align::kLeft, 0, fs * 1.5);

  StatusScheme scheme = pick_status_scheme(rng, {"words", "plan", "improve"});
  out.features.push_back("status:" + scheme.name);
  const bool combined = rng.chance(0.6);  // status and date in one cell
  std::vector<Column> cols = {{"指摘№", 8, Align::kCenter},
                              {"指摘等の概要", 40, Align::kLeft},
                              {"措置内容又は措置方針等", 40, Align::kLeft}};
  if (combined) {
    cols.push_back({"措置分類\n措置日\n（予定日）", 12, Align::kCenter});
  } else {
    cols[1].weight = 37;
    cols[2].weight = 37;
    cols.push_back({"措置分類", 10, Align::kCenter});
    cols.push_back({"措置日\n（予定日）", 12, Align::kCenter});
  }
  TableStyle tstyle;
  tstyle.repeat_header = rng.chance(0.7);
  tstyle.header_gray = 0.9;
  tstyle.padding = 5;
  out.features.push_back(tstyle.repeat_header ? "header repeated" : "header on first page only");
  out.features.push_back(combined ? "status and date in one cell" : "status and date columns");
  TableWriter table(canvas, cols, tstyle, fs);
  table.begin();

  Numbering numbering("nested", full);
  const int rows = rng.range(3, 6);
  const int opinions = rng.chance(0.4) ? rng.range(1, 2) : 0;
  for (int r = 0; r < rows; ++r) {
    Finding f;
    bool opinion = r >= rows - opinions;
    f.kind = opinion ? Kind::kOpinion : Kind::kFinding;
    f.ref = numbering.next(opinion ? 1 : 0);
    ItemText item = compose_item(rng, f.kind, doc.department, ts);
    std::string suffix = opinion ? "" : (rng.chance(0.5) ? "是正を求めたもの" : "改善を求めたもの");
    f.title = item.title + suffix;
    // The heading repeats the item's own number: (1)… under 2(1).
    const int local = opinion ? r - (rows - opinions) + 1 : r + 1;
    std::string heading = (full ? "（" : "(") + digits(local, full) + (full ? "）" : ")") + f.title;
    std::string obs;
    for (const std::string& o : item.observations)
      obs += (obs.empty() ? "" : "\n") + std::string("・") + o;
    std::string intro =
        "　" + std::string(rng.chance(0.5)
                               ? "関係書類を確認したところ、次のとおりであった。"
                               : "事務の執行状況について確認したところ、次のとおりであった。");
    std::string tag = opinion ? "【意見】" : "【指摘事項】";
    f.summary = intro + "\n\n" + obs + "\n\n" + tag + "\n　" + item.demand;
    std::string summary_cell = heading + "\n\n" + f.summary;

    Measure m;
    m.department = doc.department;
    StatusMark mark = draw_mark(rng, scheme);
    m.status = mark.status;
    m.status_raw = mark.printed;
    m.text = compose_measure(rng, m.status, item, ts, true);
    if (m.status == Status::kTaken || m.status == Status::kPartiallyTaken) {
      EraDate d = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);
      if (rng.chance(0.15)) d.day = 0;  // month only: date null, date_raw kept
      m.date = d;
      m.date_raw = d.print(full);
    }
    std::vector<std::string> cells = {f.ref, summary_cell, m.text};
    if (combined) {
      cells.push_back(m.status_raw + (m.date_raw.empty() ? "" : "\n\n" + m.date_raw));
    } else {
      cells.push_back(m.status_raw);
      cells.push_back(m.date_raw);
    }
    f.measures.push_back(m);
    table.add_row(cells);
    doc.findings.push_back(f);
  }
  out.split_rows = table.split_rows();
  out.pages = canvas.finish();
  return out;
}

}  // namespace

Layout status_report_layout() {
  return {"status-report",
          "措置状況報告書 of one bureau: landscape, header block, "
          "指摘№|指摘等の概要|措置内容|措置分類・措置日",
          &generate};
}

}  // namespace fixturegen
