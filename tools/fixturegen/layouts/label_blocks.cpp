// Reports without a findings table: one block of labelled values per item, as many
// prefectures and towns publish them. The addressee line may carry a notice number
// (〇〇市監査委員公表第５８６号 → report_number 公表第586号).
//
//   【土木部】                              (group heading above several items, optional)
//   （１）道路占用料の徴収事務について      (item heading: ref + title)
//     １ 指摘年月日  令和５年５月２５日     (or 通知年月日; optional; not the measure date)
//     ２ 指摘事項    …されたい。（道路課）   (department in parentheses at the end, or …)
//     所管課         道路課                 (… on a line of its own)
//     ３ 報告年月日  令和６年１月２９日     (the measure date: 報告/措置年月日)
//     ４ 措置の内容  …した。
//     措置状況       改善済み               (improve / plan / five-level scale / none)
//
// Labels are numbered or not, and vary (指摘事項 / 指摘事項等, 措置の内容 / 処理経過 / 講じた
// 措置); dates are printed with full-width digits, split spacing (平 成 27年 5 月 25日) or a
// Western year in parentheses (令和2年(2020)1月29日).
#include <algorithm>

#include "canvas.hpp"
#include "era.hpp"
#include "layout_kit.hpp"
#include "layouts/families.hpp"
#include "phrases.hpp"

namespace fixturegen {
namespace {

struct AuditKind {
  const char* label;
  const char* type;
};

// Draws "label  value" with the value's lines wrapped at `value_x` (points right of the
// margin); the label sits on the value's first line, both on the same page.
void labeled(PdfCanvas& canvas, const std::string& label, const std::string& value, double fs,
             double label_x, double value_x) {
  TextBlock first = canvas.text("あ", fs, 100);
  if (canvas.y + first.height() > canvas.bottom()) canvas.new_page();
  TextBlock l = canvas.text(label, fs, value_x - label_x - 4);
  l.draw_lines(canvas.cr(), canvas.left() + label_x, canvas.y, 0, 1);
  canvas.paragraph(value, fs, Align::kLeft, value_x, 2);
}

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2015, 2024);
  const bool full = rng.chance(0.5);
  const TextStyle ts{full, doc.audit_fiscal_year};
  static const std::vector<AuditKind> kKinds = {{"定期監査", "regular"},
                                                {"行政監査", "administrative"},
                                                {"財政援助団体等監査", "financial_aid"},
                                                {"包括外部監査", "comprehensive_external"}};
  const AuditKind& ak = rng.pick(kKinds);
  doc.audit_type = ak.type;
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  doc.title = rng.chance(0.5) ? fy + ak.label + "の結果に基づき講じた措置について"
                              : fy + ak.label + "に係る措置状況の公表";

  PageStyle ps = random_page_style(rng, false);
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs);
  if (rng.chance(0.4)) {
    // A published notice number: 〇〇市監査委員公表第５８６号 (report_number 公表第586号).
    const std::string number = digits(rng.range(3, 999), full);
    doc.report_number = "公表第" + number + "号";
    canvas.paragraph(muni.name + "監査委員" + doc.report_number, fs, Align::kRight, 0, fs);
    out.features.push_back("notice number");
  } else {
    canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, fs);
  }
  canvas.paragraph("地方自治法第199条第14項の規定により、" + muni.name +
                       "長等から監査の結果に基づき措置を講じた旨の通知があったので、その内容を次の"
                       "とおり公表する。",
                   fs, Align::kLeft, fs, fs);

  const bool numbered = rng.chance(0.5);
  const bool audit_date = rng.chance(0.5);
  const bool measure_date = rng.chance(0.8);
  const bool dept_line = rng.chance(0.5);
  const bool groups = rng.chance(0.6);
  const std::string finding_label = rng.chance(0.5) ? "指摘事項" : "指摘事項等";
  const std::string measure_label =
      rng.pick(std::vector<std::string>{"措置の内容", "処理経過", "講じた措置"});
  const std::string date_label = rng.chance(0.5) ? "報告年月日" : "措置年月日";
  // Dates of the audit side, printed per item but not the measure's date.
  const std::string audit_date_label = rng.chance(0.6) ? "指摘年月日" : "通知年月日";
  StatusScheme scheme = rng.chance(0.3) ? status_scheme("five-level")
                                        : pick_status_scheme(rng, {"improve", "plan", "none"});
  out.features.push_back(numbered ? "numbered labels" : "plain labels");
  out.features.push_back("labels:" + finding_label + "/" + measure_label);
  out.features.push_back("status:" + scheme.name);
  out.features.push_back(dept_line ? "department line" : "department in parentheses");
  if (groups) out.features.push_back("group headings");
  if (audit_date) out.features.push_back("audit date per item");

  Numbering numbering(rng.pick(std::vector<std::string>{"paren", "no"}), full);
  out.features.push_back("refs:" + numbering.scheme());
  const double label_x = fs;
  // Wide enough for the longest label (１　報告年月日: seven characters) and a gap.
  const double value_x = label_x + (numbered ? 8.5 : 6.5) * fs;
  const int items = rng.range(4, 8);
  std::string bureau;
  for (int i = 0; i < items; ++i) {
    if (groups && (i == 0 || rng.chance(0.35))) {
      std::string next = pick_bureau(rng, muni.kind);
      if (next != bureau) {
        bureau = next;
        canvas.paragraph("【" + bureau + "】", fs + 1, Align::kLeft, 0, 4);
      }
    }
    Finding f;
    f.kind = Kind::kFinding;
    f.ref = numbering.next();
    std::string section = pick_sections(rng, muni.kind, 1).front();
    ItemText item = compose_item(rng, f.kind, section, ts);
    f.title = item.title;
    for (const std::string& o : item.observations) f.summary += o;
    f.summary += item.demand;
    canvas.paragraph(f.ref + "　" + f.title, fs, Align::kLeft, 0, 3);

    int label_no = 0;
    auto label = [&](const std::string& word) {
      if (!numbered) return word;
      return digits(++label_no, full) + "　" + word;
    };
    if (audit_date) {
      EraDate d = random_date(rng, doc.audit_fiscal_year, 5, 12);
      labeled(canvas, label(audit_date_label), print_date_styled(rng, d, full), fs, label_x,
              value_x);
    }
    std::string finding_value = f.summary;
    if (!dept_line) finding_value += "（" + section + "）";
    labeled(canvas, label(finding_label), finding_value, fs, label_x, value_x);
    if (dept_line) labeled(canvas, "所管課", section, fs, label_x, value_x);

    Measure m;
    m.department = section;
    StatusMark mark =
        scheme.marks.empty() ? StatusMark{"", Status::kUnknown, 0} : draw_mark(rng, scheme);
    m.status = mark.status;
    m.status_raw = mark.printed;
    Status worded = scheme.marks.empty() ? unprinted_status(rng) : mark.status;
    m.text = compose_measure(rng, worded, item, ts, rng.chance(0.2));
    if (measure_date) {
      EraDate d = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);
      m.date = d;
      m.date_raw = print_date_styled(rng, d, full);
      labeled(canvas, label(date_label), m.date_raw, fs, label_x, value_x);
    }
    labeled(canvas, label(measure_label), m.text, fs, label_x, value_x);
    if (!m.status_raw.empty()) labeled(canvas, "措置状況", m.status_raw, fs, label_x, value_x);
    canvas.skip(fs * 0.8);
    f.measures.push_back(m);
    doc.findings.push_back(f);
  }
  out.pages = canvas.finish();
  return out;
}

}  // namespace

Layout label_blocks_layout() {
  return {"label-blocks",
          "no findings table: one block of labelled values per item (指摘事項 / 報告年月日 / "
          "措置の内容 / 措置状況), group headings 【…部】, department line or in parentheses",
          &generate,
          /*in_default_cycle=*/false};
}

}  // namespace fixturegen
