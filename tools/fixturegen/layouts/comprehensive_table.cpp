// Comprehensive external audit (包括外部監査) measures, after Shimonoseki's report: A4 portrait,
// a preface naming the 特定の事件, a legend for the 区分 marks, and a four-column table
// (ページ数 | 監査の結果及び意見（項目） | 区分 | 措置内容又は進捗状況等) in which each measure
// cell lists one or more departments in parentheses, each followed by its text.
#include "layouts/families.hpp"

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "phrases.hpp"
#include "table.hpp"

namespace fixturegen {
namespace {

// "(P17、35)" / "（Ｐ１８、３６－４６）" and the page list it stands for.
std::string page_refs(Random& rng, int& cursor, bool full, std::vector<int>& pages) {
  std::string s;
  int parts = rng.range(1, 3);
  for (int i = 0; i < parts; ++i) {
    cursor += rng.range(1, 6);
    if (!s.empty()) s += "、";
    if (rng.chance(0.2)) {
      int end = cursor + rng.range(1, 8);
      for (int p = cursor; p <= end; ++p) pages.push_back(p);
      s += digits(cursor, full) + (full ? "－" : "-") + digits(end, full);
      cursor = end;
    } else {
      pages.push_back(cursor);
      s += digits(cursor, full);
    }
  }
  return full ? "（Ｐ" + s + "）" : "(P" + s + ")";
}

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2019, 2024);
  const bool full = rng.chance(0.4);
  const TextStyle ts{full, doc.audit_fiscal_year};
  const bool individual = rng.chance(0.2);
  doc.audit_type = individual ? "individual_external" : "comprehensive_external";
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  const std::string kind_word = individual ? "個別外部監査" : "包括外部監査";
  const bool muni_in_title = rng.chance(0.35);
  switch (rng.range(0, 2)) {
    case 0:
      doc.title = fy + "　" + kind_word + "結果に基づき講じた措置";
      break;
    case 1:
      doc.title = fy + kind_word + "の結果に対する措置状況";
      break;
    default:
      doc.title = fy + kind_word + "の結果に基づく措置の状況";
      break;
  }
  if (muni_in_title) doc.title = muni.name + doc.title;
  std::string theme = pick_theme(rng);
  doc.theme = theme;
  if (rng.chance(0.4)) {
    std::string sub = "－" +
                      std::string(rng.chance(0.5) ? "事務の整備・運用状況を見据えて"
                                                  : "効率的かつ効果的な執行の観点から") +
                      "－";
    doc.theme = theme + sub;
  }

  PageStyle ps = random_page_style(rng, false);
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  if (!muni_in_title) canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, 8);
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs * 1.5);
  canvas.paragraph("1　選定した特定の事件", fs + 0.5);
  canvas.paragraph("「" + doc.theme + "」", fs + 0.5, Align::kLeft, 20);
  canvas.paragraph(
      "2　地方自治法（昭和22年法律第67号）第252条の37第5項に規定する監査の結果における「指摘事項」"
      "に対する措置及び同法第252条の38第2項に規定する「意見」に対する措置",
      fs + 0.5);
  canvas.paragraph("次の表のとおり", fs + 0.5, Align::kLeft, 20, fs);

  StatusScheme scheme = pick_status_scheme(rng, {"circled", "circled", "circled3", "words"});
  out.features.push_back("status:" + scheme.name);
  const double status_weight = scheme.name == "words" ? 9 : 6;  // words need a wider column
  for (const std::string& line : scheme.legend) canvas.paragraph(line, fs);
  canvas.skip(4);

  // Columns; the 区分 column moves to the end in some reports.
  const bool status_last = rng.chance(0.3);
  Column c_ref{rng.chance(0.5) ? "ページ数" : "報告書\nページ", 20, Align::kLeft};
  Column c_item{rng.chance(0.6) ? "監査の結果及び意見\n（項目）" : "指摘・意見の項目", 24,
                Align::kLeft};
  Column c_status{rng.chance(0.6) ? "区分" : "措置\n区分", status_weight, Align::kCenter};
  Column c_measure{rng.chance(0.6) ? "措置内容又は進捗状況等" : "措置の内容", 56 - status_weight,
                   Align::kLeft};
  std::vector<Column> cols = status_last ? std::vector<Column>{c_ref, c_item, c_measure, c_status}
                                         : std::vector<Column>{c_ref, c_item, c_status, c_measure};
  TableStyle tstyle;
  tstyle.repeat_header = rng.chance(0.75);
  out.features.push_back(tstyle.repeat_header ? "header repeated" : "header on first page only");
  TableWriter table(canvas, cols, tstyle, fs);
  table.begin();

  Numbering numbering(rng.chance(0.75) ? "sections" : "no", full);
  out.features.push_back("refs:" + numbering.scheme());
  const int rows = rng.range(10, 16);
  const int general = rng.range(2, 4);
  int page_cursor = rng.range(8, 20);
  bool pointer_row_done = false;
  for (int r = 0; r < rows; ++r) {
    Finding f;
    f.kind = rng.chance(0.35) ? Kind::kFinding : Kind::kOpinion;
    f.ref = numbering.next(r < general ? 0 : 1);
    std::string pages_label = page_refs(rng, page_cursor, full, f.report_pages);
    int ndept = rng.chance(0.25) ? rng.range(2, 4) : 1;
    std::vector<std::string> depts = pick_sections(rng, muni.kind, ndept);
    ItemText item = compose_item(rng, f.kind, depts[0], ts);
    f.title = item.title;

    std::string status_cell, measure_cell;
    const int variant = ndept == 1 ? (rng.chance(0.1) ? 3 : 0)
                                   : (!pointer_row_done && rng.chance(0.3) ? 2 : rng.range(0, 1));
    StatusMark row_mark = draw_mark(rng, scheme);
    for (size_t d = 0; d < depts.size(); ++d) {
      Measure m;
      m.department = depts[d];
      if (!measure_cell.empty()) measure_cell += "\n";
      measure_cell += "（" + depts[d] + "）";
      if (variant == 0) {  // one mark in the 区分 column for the whole row
        m.status_raw = row_mark.printed;
        m.status = row_mark.status;
        m.text = compose_measure(rng, m.status, item, ts, rng.chance(0.25));
        measure_cell += "\n" + m.text;
      } else if (variant == 1) {  // 区分 blank; each department's text starts with its own mark
        StatusMark mark = draw_mark(rng, scheme);
        m.status_raw = mark.printed;
        m.status = mark.status;
        m.text = compose_measure(rng, m.status, item, ts, false);
        measure_cell += "\n" + mark.printed + "　" + m.text;
      } else if (variant == 2) {  // pointer text shared by all departments
        m.text = "※それぞれの個別事案において記載。";
      } else {  // answered elsewhere
        m.text = "教育委員会から回答";
      }
      f.measures.push_back(m);
    }
    if (variant == 2) {
      measure_cell += "\n※それぞれの個別事案において記載。";
      pointer_row_done = true;
      out.features.push_back("pointer text shared by departments");
    }
    if (variant == 3) measure_cell += "\n教育委員会から回答";
    if (variant == 1) out.features.push_back("status marks inside the measure cell");
    if (variant == 0) status_cell = row_mark.printed;

    std::string ref_cell = f.ref + "\n" + pages_label;
    std::string item_cell =
        std::string(f.kind == Kind::kFinding ? "指摘" : "意見") + "\n" + f.title;
    std::vector<std::string> cells =
        status_last ? std::vector<std::string>{ref_cell, item_cell, measure_cell, status_cell}
                    : std::vector<std::string>{ref_cell, item_cell, status_cell, measure_cell};
    table.add_row(cells);
    doc.findings.push_back(f);
  }
  out.split_rows = table.split_rows();
  out.pages = canvas.finish();
  return out;
}

}  // namespace

Layout comprehensive_table_layout() {
  return {"comprehensive-table",
          "包括外部監査 measures: portrait, preface + legend, ページ数|項目|区分|措置内容 with "
          "departments in parentheses",
          &generate};
}

}  // namespace fixturegen
