// Regular audit (定期監査) style: the 監査委員 publish the measures of many sections in one table
// with the department in its own column: 番号 | 所管課 | (区分) | 指摘事項 | 措置の内容 | 措置状況
// | 措置日, column order varied, status words or lettered marks with a legend, era dates.
#include "layouts/families.hpp"

#include <algorithm>

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "phrases.hpp"
#include "table.hpp"

namespace fixturegen {
namespace {

struct AuditKind {
  const char* label;
  const char* type;
};

enum class Col { kRef, kDept, kKind, kItem, kMeasure, kStatus, kDate };

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2019, 2024);
  const bool full = rng.chance(0.4);
  const TextStyle ts{full, doc.audit_fiscal_year};
  static const std::vector<AuditKind> kKinds = {{"定期監査", "regular"},
                                                {"定期監査", "regular"},
                                                {"財政援助団体等監査", "financial_aid"},
                                                {"行政監査", "administrative"}};
  const AuditKind& ak = rng.pick(kKinds);
  doc.audit_type = ak.type;
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  switch (rng.range(0, 2)) {
    case 0:
      doc.title = fy + ak.label + "の結果に基づく措置状況";
      break;
    case 1:
      doc.title = fy + ak.label + "の結果に基づき講じた措置";
      break;
    default:
      doc.title = std::string(ak.label) + "の結果に対する措置状況の公表（" + fy + "実施分）";
      break;
  }

  PageStyle ps = random_page_style(rng, rng.chance(0.5));
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs);
  canvas.paragraph(
      "地方自治法第199条第14項の規定により、" + muni.name +
          "長から監査の結果に基づき講じた措置について通知があったので、次のとおり公表する。",
      fs, Align::kLeft, fs, 4);
  canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, fs);

  StatusScheme scheme = pick_status_scheme(rng, {"words", "improve", "plan", "letters", "none"});
  out.features.push_back("status:" + scheme.name);
  for (const std::string& line : scheme.legend) canvas.paragraph(line, fs);

  const bool kind_column = rng.chance(0.4);
  const bool date_column = scheme.name != "none" && rng.chance(0.8);
  const bool with_summary = rng.chance(0.6);
  std::vector<Col> order = {Col::kRef, Col::kDept};
  if (rng.chance(0.3)) std::swap(order[0], order[1]);
  if (kind_column) order.push_back(Col::kKind);
  order.push_back(Col::kItem);
  order.push_back(Col::kMeasure);
  if (scheme.name != "none") order.push_back(Col::kStatus);
  if (date_column) order.insert(rng.chance(0.3) ? order.end() - 1 : order.end(), Col::kDate);
  Numbering numbering(rng.pick(std::vector<std::string>{"plain", "no", "paren"}), full);
  out.features.push_back("refs:" + numbering.scheme());
  const double ref_weight =
      numbering.scheme() == "no" ? (full ? 11 : 8) : 6;  // Ｎｏ．１ on one line
  std::vector<Column> cols;
  for (Col c : order) {
    switch (c) {
      case Col::kRef:
        cols.push_back({rng.chance(0.5) ? "番号" : "No.", ref_weight, Align::kCenter});
        break;
      case Col::kDept:
        cols.push_back({rng.chance(0.5) ? "所管課" : "部局名", 12, Align::kLeft});
        break;
      case Col::kKind:
        cols.push_back({"区分", 6, Align::kCenter});
        break;
      case Col::kItem:
        cols.push_back({kind_column ? "指摘事項等" : "指摘事項", 34, Align::kLeft});
        break;
      case Col::kMeasure:
        cols.push_back({rng.chance(0.5) ? "措置の内容" : "講じた措置の内容", 34, Align::kLeft});
        break;
      case Col::kStatus:
        cols.push_back({"措置状況", 8, Align::kCenter});
        break;
      case Col::kDate:
        cols.push_back({"措置日", 13, Align::kCenter});
        break;
    }
  }
  TableStyle tstyle;
  tstyle.repeat_header = rng.chance(0.6);
  tstyle.header_gray = rng.chance(0.5) ? 0.88 : 1.0;
  out.features.push_back(tstyle.repeat_header ? "header repeated" : "header on first page only");
  out.features.push_back("department column");
  TableWriter table(canvas, cols, tstyle, fs);
  table.begin();

  const int rows = rng.range(7, 12);
  std::vector<std::string> sections = pick_sections(rng, muni.kind, 5);
  for (int r = 0; r < rows; ++r) {
    Finding f;
    f.kind = kind_column && rng.chance(0.3) ? Kind::kOpinion : Kind::kFinding;
    f.ref = numbering.next();
    Measure m;
    m.department = sections[static_cast<size_t>(std::min(r * 5 / rows, 4))];
    ItemText item = compose_item(rng, f.kind, m.department, ts);
    f.title = item.title;
    std::string item_cell = f.title;
    if (with_summary) {
      f.summary = item.observations.front();
      if (item.observations.size() > 1) f.summary += item.observations[1];
      item_cell += "\n" + f.summary;
    }
    StatusMark mark = draw_mark(rng, scheme);
    m.status_raw = mark.printed;
    m.status = scheme.name == "none" ? Status::kUnknown : mark.status;
    Status written = scheme.name == "none" ? unprinted_status(rng) : mark.status;
    m.text = compose_measure(rng, written, item, ts, rng.chance(0.2));
    if (date_column && (written == Status::kTaken || written == Status::kPartiallyTaken)) {
      EraDate d = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);
      if (rng.chance(0.1)) d.day = 0;
      m.date = d;
      m.date_raw = d.print(full);
    }
    std::vector<std::string> cells;
    for (Col c : order) {
      switch (c) {
        case Col::kRef:
          cells.push_back(f.ref);
          break;
        case Col::kDept:
          cells.push_back(m.department);
          break;
        case Col::kKind:
          cells.push_back(f.kind == Kind::kOpinion ? "意見" : "指摘");
          break;
        case Col::kItem:
          cells.push_back(item_cell);
          break;
        case Col::kMeasure:
          cells.push_back(m.text);
          break;
        case Col::kStatus:
          cells.push_back(m.status_raw);
          break;
        case Col::kDate:
          cells.push_back(m.date_raw);
          break;
      }
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

Layout department_table_layout() {
  return {"department-table",
          "定期監査 measures of many sections: department column, status words or lettered marks, "
          "措置日, column order varied",
          &generate};
}

}  // namespace fixturegen
