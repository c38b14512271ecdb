// Findings tables of two, three or four columns under the header words real reports use, with
// the department in one of the places they put it:
//
//   監査の結果 | 措置の状況                               (2 columns)
//   部署名 | 指摘事項 | 講じた措置の内容                  (department column)
//   項目 | 指摘及び検討事項 | 取組方針等 | 根拠規定等     (the last column is not in the truth)
//   指摘事項 | 講じた措置
//   監査の結果（指摘事項等） | 措置の内容（改善等内容）
//
// plus, optionally, 措置状況 (a status scheme with its legend), 報告年月日 / 措置年月日 (the
// measure date, in one of four print styles) and 通知年月日 (the audit side's date, not the
// measure's) columns. Without a department column the department is given in parentheses
// closing the finding text (…されたい。（道路課）), on a 所管課：… line heading the measure cell,
// as a group heading above a table per group (【土木部】 / （土木部）), or once for the whole
// document (所管部局). Refs: 1, （１）, ア, or codes with the report's section number
// (（契約事務-2）［3.4］), with 【指摘】 / 【意見】 marks or the kind left to the header. Audit
// kinds include 例月出納検査 and 住民監査請求; the header block may carry 公表第N号 and 公表年月日;
// running text may use full-width commas (，).
#include <map>

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "layouts/families.hpp"
#include "phrases.hpp"
#include "table.hpp"

namespace fixturegen {
namespace {

struct AuditKind {
  const char* label;
  const char* type;
};

// One header set: the words of the finding and measure columns, and whether the set has a
// department column (first) or a 項目 column (ref + title) with a 根拠規定等 column.
struct HeaderSet {
  const char* name;        // for features
  const char* department;  // "" = none
  const char* item;        // "" = none (ref and title open the finding cell)
  const char* finding;
  const char* measure;
  const char* basis;  // "" = none
};

const std::vector<HeaderSet>& header_sets() {
  static const std::vector<HeaderSet> kSets = {
      {"result-state", "", "", "監査の結果", "措置の状況", ""},
      {"dept-finding-measure", "部署名", "", "指摘事項", "講じた措置の内容", ""},
      {"item-policy-basis", "", "項目", "指摘及び検討事項", "取組方針等", "根拠規定等"},
      {"finding-measure", "", "", "指摘事項", "講じた措置", ""},
      {"result-content", "", "", "監査の結果（指摘事項等）", "措置の内容（改善等内容）", ""}};
  return kSets;
}

// Code words of the topics (phrases.cpp order), for refs such as （契約事務-2）.
const std::string& topic_code(int topic) {
  static const std::vector<std::string> kCodes = {"情報管理", "契約事務", "財産管理", "現金取扱",
                                                  "補助金",   "個人情報", "債権管理"};
  return kCodes[static_cast<size_t>(topic) % kCodes.size()];
}

// Provisions cited in a 根拠規定等 column (printed only; the schema has no field for them).
const std::string& pick_basis(Random& rng) {
  static const std::vector<std::string> kBasis = {
      "地方自治法第２３４条",     "地方自治法施行令第１６７条の２",
      "地方自治法第２３８条の２", "会計規則第２０条",
      "契約規則第１５条",         "財産規則第８条",
      "補助金等交付規則第１２条", "個人情報の保護に関する法律第６６条",
      "債権管理条例第６条",       "情報セキュリティポリシー"};
  return rng.pick(kBasis);
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2016, 2024);
  const bool full = rng.chance(0.5);
  const TextStyle ts{full, doc.audit_fiscal_year};
  static const std::vector<AuditKind> kKinds = {{"包括外部監査", "comprehensive_external"},
                                                {"定期監査", "regular"},
                                                {"行政監査", "administrative"},
                                                {"財政援助団体等監査", "financial_aid"},
                                                {"例月出納検査", "public_funds"},
                                                {"指定管理者監査", "financial_aid"},
                                                {"住民監査請求", "resident_request"}};
  const AuditKind& ak = rng.pick(kKinds);
  doc.audit_type = ak.type;
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  const std::string kind_words = doc.audit_type == std::string("resident_request")
                                     ? std::string(ak.label) + "に係る監査"
                                     : std::string(ak.label);
  doc.title = rng.chance(0.5) ? fy + kind_words + "の結果に基づき講じた措置について"
                              : fy + kind_words + "の結果に対する措置の状況";
  out.features.push_back(std::string("audit:") + ak.label);

  const HeaderSet& hs = rng.pick(header_sets());
  const bool dept_column = *hs.department != '\0';
  std::string placement = "column";
  if (!dept_column)
    placement = rng.pick(std::vector<std::string>{"parentheses", "line", "groups", "document"});
  StatusScheme scheme = pick_status_scheme(
      rng, {"words", "improve", "plan", "five-level", "letters", "circled3", "none", "none"});
  const bool date_column = rng.chance(0.5);
  const bool notice_column = rng.chance(0.3);
  const bool commas = rng.chance(0.3);  // ， for 、 in running text
  // The kind is in the truth only as printed: a 【指摘】 / 【意見】 mark heading the title, or
  // else a finding column headed 指摘事項 alone (→ finding). Headers that name more than one
  // kind or none (監査の結果, 指摘及び検討事項, 監査の結果（指摘事項等）) leave it unknown; every
  // unmarked item is worded as a finding.
  const bool kind_marks = rng.chance(0.5);
  const Kind unmarked_kind =
      std::string(hs.finding) == "指摘事項" ? Kind::kFinding : Kind::kUnknown;
  const std::string ref_scheme =
      hs.item[0] != '\0' || rng.chance(0.7)
          ? rng.pick(std::vector<std::string>{"plain", "paren", "kana", "code"})
          : "none";
  int columns = 2 + (dept_column ? 1 : 0) + (hs.item[0] ? 1 : 0) + (hs.basis[0] ? 1 : 0) +
                (scheme.name != "none" ? 1 : 0) + (date_column ? 1 : 0) + (notice_column ? 1 : 0);
  out.features.push_back(std::string("headers:") + hs.name);
  out.features.push_back("department:" + placement);
  out.features.push_back("status:" + scheme.name);
  out.features.push_back("refs:" + ref_scheme);
  if (date_column) out.features.push_back("measure date column");
  if (notice_column) out.features.push_back("notice date column");
  if (commas) out.features.push_back("full-width commas");
  if (kind_marks) out.features.push_back("kind marks");

  PageStyle ps = random_page_style(rng, columns >= 4 || rng.chance(0.3));
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs);
  if (rng.chance(0.4)) {
    doc.report_number = "公表第" + digits(rng.range(3, 999), full) + "号";
    canvas.paragraph(muni.name + "監査委員" + doc.report_number, fs, Align::kRight, 0, 2);
    out.features.push_back("notice number");
  }
  if (rng.chance(0.5)) {
    // The publication date: document-level, not a measure's date.
    EraDate d = random_date(rng, doc.audit_fiscal_year + 1, 4, 12);
    canvas.paragraph("公表年月日　" + print_date_styled(rng, d, full), fs, Align::kRight, 0, 2);
    out.features.push_back("publication date");
  }
  canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, fs);
  if (doc.audit_type == "comprehensive_external") {
    doc.theme = pick_theme(rng);
    canvas.paragraph("包括外部監査のテーマ　" + doc.theme, fs, Align::kLeft, 0, 2);
  }
  if (placement == "document") {
    doc.department = pick_bureau(rng, muni.kind);
    canvas.paragraph("所管部局　" + doc.department, fs, Align::kLeft, 0, 2);
  }
  canvas.paragraph("地方自治法の規定により、" + muni.name +
                       "長から監査の結果に基づき講じた措置の通知があったので、次のとおり公表する。",
                   fs, Align::kLeft, fs, fs / 2);
  for (const std::string& line : scheme.legend) canvas.paragraph(line, fs);

  std::vector<Column> cols;
  if (dept_column) cols.push_back({hs.department, 12, Align::kLeft});
  if (hs.item[0]) cols.push_back({hs.item, 18, Align::kLeft});
  cols.push_back({hs.finding, 36, Align::kLeft});
  cols.push_back({hs.measure, 36, Align::kLeft});
  if (hs.basis[0]) cols.push_back({hs.basis, 14, Align::kLeft});
  if (notice_column) cols.push_back({"通知年月日", 16, Align::kCenter});
  const std::string date_header = rng.chance(0.5) ? "報告年月日" : "措置年月日";
  if (date_column) cols.push_back({date_header, 16, Align::kCenter});
  if (scheme.name != "none")
    cols.push_back({"措置状況", scheme.name == "five-level" ? 12.0 : 8.0, Align::kCenter});
  TableStyle tstyle;
  tstyle.repeat_header = rng.chance(0.6);
  tstyle.header_gray = rng.chance(0.5) ? 0.88 : 1.0;
  out.features.push_back(tstyle.repeat_header ? "header repeated" : "header on first page only");

  Numbering numbering(ref_scheme == "code" || ref_scheme == "none" ? "plain" : ref_scheme, full);
  std::map<std::string, int> code_counts;
  const std::vector<std::string> sections = pick_sections(rng, muni.kind, 5);
  const std::string open_group = rng.chance(0.5) ? "【" : "（";
  const std::string close_group = open_group == "【" ? "】" : "）";
  const int groups = placement == "groups" ? rng.range(2, 3) : 1;
  const auto style_text = [&](std::string s) {
    if (commas) replace_all(s, "、", "，");
    return s;
  };

  int split_rows = 0;
  for (int g = 0; g < groups; ++g) {
    std::string group;
    // A table must not open at the foot of a page: its header and first lines start together
    // (TableWriter cannot break a row before its first line).
    if (canvas.y + 10 * fs > canvas.bottom()) canvas.new_page();
    if (placement == "groups") {
      group = pick_bureau(rng, muni.kind);
      canvas.paragraph(open_group + group + close_group, fs + 1, Align::kLeft, 0, 4);
    }
    TableWriter table(canvas, cols, tstyle, fs);
    table.begin();
    const int rows = placement == "groups" ? rng.range(2, 4) : rng.range(5, 9);
    for (int r = 0; r < rows; ++r) {
      Finding f;
      f.kind = !kind_marks ? unmarked_kind : rng.chance(0.7) ? Kind::kFinding : Kind::kOpinion;
      const std::string kind_mark = !kind_marks                ? ""
                                    : f.kind == Kind::kOpinion ? "【意見】"
                                                               : "【指摘】";
      const std::string section = sections[static_cast<size_t>(rng.range(0, 4))];
      ItemText item = compose_item(rng, f.kind == Kind::kOpinion ? Kind::kOpinion : Kind::kFinding,
                                   section, ts);
      f.title = style_text(item.title);
      for (const std::string& o : item.observations) f.summary += o;
      f.summary = style_text(f.summary + item.demand);
      std::string ref_line;
      if (ref_scheme == "code") {
        const std::string& code = topic_code(item.topic);
        f.ref = "（" + code + "-" + digits(++code_counts[code], false) + "）";
        ref_line = f.ref + "［" + digits(item.topic + 2, false) + "." +
                   digits(rng.range(1, 9), false) + "］\n";
      } else if (ref_scheme != "none") {
        f.ref = numbering.next();
        ref_line = f.ref + "　";
      }

      Measure m;
      if (placement == "document")
        m.department = doc.department;
      else if (placement == "groups")
        m.department = group;
      else
        m.department = section;
      StatusMark mark = draw_mark(rng, scheme);
      m.status = mark.status;
      m.status_raw = mark.printed;
      const Status worded = scheme.marks.empty() ? unprinted_status(rng) : mark.status;
      m.text = style_text(compose_measure(rng, worded, item, ts, rng.chance(0.2)));
      if (date_column && worded != Status::kNotTaken) {
        EraDate d = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);
        m.date = d;
        m.date_raw = print_date_styled(rng, d, full);
      }

      std::string finding_cell =
          hs.item[0] ? f.summary : ref_line + kind_mark + f.title + "\n" + f.summary;
      if (placement == "parentheses") finding_cell += "（" + section + "）";
      std::string measure_cell = m.text;
      if (placement == "line") measure_cell = "所管課：" + section + "\n" + measure_cell;

      std::vector<std::string> cells;
      if (dept_column) cells.push_back(m.department);
      if (hs.item[0]) cells.push_back(ref_line + kind_mark + f.title);
      cells.push_back(finding_cell);
      cells.push_back(measure_cell);
      if (hs.basis[0]) cells.push_back(pick_basis(rng));
      if (notice_column)
        cells.push_back(
            print_date_styled(rng, random_date(rng, doc.audit_fiscal_year, 6, 12), full));
      if (date_column) cells.push_back(m.date_raw);
      if (scheme.name != "none") cells.push_back(m.status_raw);
      f.measures.push_back(m);
      table.add_row(cells);
      doc.findings.push_back(f);
    }
    split_rows += table.split_rows();
    canvas.skip(fs);
  }
  out.split_rows = split_rows;
  out.pages = canvas.finish();
  return out;
}

}  // namespace

Layout column_table_layout() {
  return {"column-table",
          "findings tables of 2–4 columns under varied headers (監査の結果|措置の状況, "
          "部署名|指摘事項|講じた措置の内容, 項目|指摘及び検討事項|取組方針等|根拠規定等 …); "
          "department in a column, in parentheses, on a 所管課 line, in group headings or once",
          &generate,
          /*in_default_cycle=*/false};
}

}  // namespace fixturegen
