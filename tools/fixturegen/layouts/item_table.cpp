// Administrative / financial-aid audit style with no status column: 項目 | 指摘事項 | 講じた措置.
// Items are numbered ア, イ … or （１）, （２） inside the 項目 cell; the department is either
// the document's 所管課 (header block) or given in parentheses at the head of the measure cell.
#include "layouts/families.hpp"

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "phrases.hpp"
#include "table.hpp"

namespace fixturegen {
namespace {

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2019, 2024);
  const bool full = rng.chance(0.5);
  const TextStyle ts{full, doc.audit_fiscal_year};
  const bool administrative = rng.chance(0.6);
  doc.audit_type = administrative ? "administrative" : "financial_aid";
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  const std::string kind_word = administrative ? "行政監査" : "財政援助団体等監査";
  doc.title = rng.chance(0.5) ? fy + kind_word + "の結果に基づき講じた措置について"
                              : muni.name + "　" + fy + kind_word + "に係る措置状況";
  const bool doc_department = rng.chance(0.5);

  PageStyle ps = random_page_style(rng, rng.chance(0.3));
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs);
  if (doc.title.find(muni.name) == std::string::npos)
    canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, fs);
  doc.theme = pick_theme(rng);
  canvas.paragraph("１　監査のテーマ", fs + 0.5);
  canvas.paragraph(doc.theme, fs + 0.5, Align::kLeft, 20);
  if (doc_department) {
    doc.department = pick_sections(rng, muni.kind, 1).front();
    canvas.paragraph("２　所管課", fs + 0.5);
    canvas.paragraph(doc.department, fs + 0.5, Align::kLeft, 20);
    canvas.paragraph("３　監査の結果及び講じた措置", fs + 0.5, Align::kLeft, 0, fs / 2);
    out.features.push_back("department in header block");
  } else {
    canvas.paragraph("２　監査の結果及び講じた措置", fs + 0.5, Align::kLeft, 0, fs / 2);
    out.features.push_back("departments in parentheses in the measure cell");
  }

  std::vector<Column> cols = {
      {"項目", 22, Align::kLeft},
      {rng.chance(0.5) ? "指摘事項" : "監査の結果（指摘事項）", 39, Align::kLeft},
      {rng.chance(0.5) ? "講じた措置" : "措置の状況", 39, Align::kLeft}};
  TableStyle tstyle;
  tstyle.repeat_header = rng.chance(0.5);
  tstyle.header_gray = rng.chance(0.5) ? 0.9 : 1.0;
  out.features.push_back(tstyle.repeat_header ? "header repeated" : "header on first page only");
  out.features.push_back("no status column");
  TableWriter table(canvas, cols, tstyle, fs);
  table.begin();

  Numbering numbering(rng.chance(0.5) ? "kana" : "paren", true);
  out.features.push_back("refs:" + numbering.scheme());
  const int rows = rng.range(6, 10);
  for (int r = 0; r < rows; ++r) {
    Finding f;
    f.kind = Kind::kFinding;
    f.ref = numbering.next();
    int ndept = doc_department ? 1 : (rng.chance(0.2) ? 2 : 1);
    std::vector<std::string> depts = doc_department ? std::vector<std::string>{doc.department}
                                                    : pick_sections(rng, muni.kind, ndept);
    ItemText item = compose_item(rng, f.kind, depts[0], ts);
    f.title = item.title;
    for (const std::string& o : item.observations) f.summary += o;
    f.summary += item.demand;
    std::string item_cell = f.ref + (numbering.scheme() == "kana" ? "　" : "") + f.title;
    std::string measure_cell;
    for (const std::string& d : depts) {
      Measure m;
      m.department = d;
      m.status = Status::kUnknown;  // nothing printed; the text is still worded for a status
      m.text = compose_measure(rng, unprinted_status(rng), item, ts, rng.chance(0.3));
      if (!measure_cell.empty()) measure_cell += "\n";
      if (!doc_department) measure_cell += "（" + d + "）\n";
      measure_cell += m.text;
      f.measures.push_back(m);
    }
    std::vector<std::string> cells = {item_cell, f.summary, measure_cell};
    table.add_row(cells);
    doc.findings.push_back(f);
  }
  out.split_rows = table.split_rows();
  out.pages = canvas.finish();
  return out;
}

}  // namespace

Layout item_table_layout() {
  return {"item-table",
          "行政監査 / 財政援助団体等監査 measures without status: 項目|指摘事項|講じた措置, refs "
          "ア or （１）",
          &generate};
}

}  // namespace fixturegen
