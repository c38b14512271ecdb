// Reports without a findings table that print each item under a numbered heading with the
// auditors' result and the measure as labelled paragraphs below it:
//
//   【重点テーマ１】　公有財産の管理について      (包括外部監査: theme sections; else
//                                                  department groups （総務部） / 【総務部】)
//   ⑴　釣銭の取扱いについて                      (refs ⑴ ⑵ …, ア イ …, or （ア） （イ） …;
//                                                  or ⑴ a topic over ア / （ア） items: ref ⑴ア)
//    ［監査結果］                                 (label pairs vary: 監査の結果 / 措置の内容,
//      現金出納簿の記帳が…されたい。               【指摘事項】 / 【措置の内容】; opinions
//    ［措置結果］                                  have their own label: ［意見］, 意見 …)
//      （会計課）                                  (department heading, or only the group's)
//      収納金を当日中に…した。
//    措置年月日：令和６年１月２９日               (optional)
//    措置状況：改善済み                           (optional; five-level scales too)
#include <optional>

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

struct LabelSet {
  const char* finding;
  const char* opinion;
  const char* measure;
};

// ⑴ ⑵ … (U+2474…), ア イ … or （ア） （イ） …
std::string item_ref(const std::string& scheme, int n, Numbering& kana) {
  if (scheme == "paren-char") {
    char32_t c = 0x2474 + static_cast<char32_t>(n - 1);
    std::string s;
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
    return s;
  }
  std::string k = kana.next();
  return scheme == "kana-paren" ? "（" + k + "）" : k;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// `outline` is the outline-blocks family: heading-blocks plus ア headings over （ア） items,
// several dates per item (指摘年月日, 通知年月日, 報告年月日 / 措置年月日 in four print styles,
// 公表年月日), 例月出納検査 and 住民監査請求, full-width commas. Its draws are all behind the
// flag, so heading-blocks documents stay what they were for every seed.
LayoutOutput generate_blocks(Random& rng, const Municipality& muni, const PdfTarget& target,
                             bool outline) {
  LayoutOutput out;
  Document& doc = out.doc;
  doc.municipality = muni;
  doc.audit_fiscal_year = rng.range(2016, 2024);
  const bool full = rng.chance(0.5);
  const TextStyle ts{full, doc.audit_fiscal_year};
  static const std::vector<AuditKind> kKinds = {{"包括外部監査", "comprehensive_external"},
                                                {"包括外部監査", "comprehensive_external"},
                                                {"定期監査", "regular"},
                                                {"行政監査", "administrative"},
                                                {"指定管理者監査", "financial_aid"}};
  static const std::vector<AuditKind> kOutlineKinds = {
      {"包括外部監査", "comprehensive_external"},
      {"定期監査", "regular"},
      {"行政監査", "administrative"},
      {"例月出納検査", "public_funds"},
      {"住民監査請求に係る監査", "resident_request"},
      {"指定管理者監査", "financial_aid"}};
  const AuditKind& ak = outline ? rng.pick(kOutlineKinds) : rng.pick(kKinds);
  doc.audit_type = ak.type;
  const bool themes = doc.audit_type == "comprehensive_external";
  const std::string fy = era_year(doc.audit_fiscal_year, full) + "年度";
  doc.title = rng.chance(0.5) ? fy + ak.label + "の結果に基づき講じた措置の内容"
                              : fy + ak.label + "の結果に対する措置状況について";

  PageStyle ps = random_page_style(rng, false);
  out.features.push_back(describe(ps));
  PdfCanvas canvas(target, ps);
  const double fs = ps.font_size;
  canvas.paragraph(doc.title, fs + 4, Align::kCenter, 0, fs);
  canvas.paragraph(muni.name + "監査委員", fs, Align::kRight, 0, fs);
  canvas.paragraph("地方自治法の規定により、" + muni.name +
                       "長から監査の結果に基づき講じた措置の通知があったので、次のとおり公表する。",
                   fs, Align::kLeft, fs, fs);

  static const std::vector<LabelSet> kLabels = {{"［監査結果］", "［意見］", "［措置結果］"},
                                                {"監査の結果", "意見", "措置の内容"},
                                                {"【指摘事項】", "【意見】", "【措置の内容】"}};
  const LabelSet& labels = rng.pick(kLabels);
  const std::string ref_scheme =
      rng.pick(std::vector<std::string>{"paren-char", "kana", "kana-paren"});
  const bool dept_heading = !themes ? rng.chance(0.6) : true;
  const bool show_date = rng.chance(0.5);
  StatusScheme scheme = rng.chance(0.3)
                            ? status_scheme("five-level")
                            : pick_status_scheme(rng, {"improve", "plan", "words", "none"});
  out.features.push_back("labels:" + std::string(labels.finding) + "/" + labels.measure);
  // Nested items: ⑴ a topic heading over ア / イ (or （ア） / （イ）) items; the truth ref is
  // the two together (⑴ア), as 2(1) is for nested numbers elsewhere.
  const bool nested = rng.chance(0.35);
  std::string child_scheme = rng.chance(0.5) ? "kana" : "kana-paren";
  std::string parent_scheme = "paren-char";
  bool commas = false, audit_dates = false, notice_dates = false, publication_dates = false;
  std::string date_label = "措置年月日";
  if (outline) {
    // ア over （ア）: the truth ref is the two together (ア(ア) after NFKC).
    if (nested && rng.chance(0.6)) {
      parent_scheme = "kana";
      child_scheme = "kana-paren";
    }
    commas = rng.chance(0.4);
    audit_dates = rng.chance(0.6);
    notice_dates = rng.chance(0.5);
    publication_dates = rng.chance(0.4);
    date_label = rng.chance(0.5) ? "報告年月日" : "措置年月日";
    if (commas) out.features.push_back("full-width commas");
    if (audit_dates) out.features.push_back("指摘年月日 per item");
    if (notice_dates) out.features.push_back("通知年月日 per item");
    if (publication_dates) out.features.push_back("公表年月日 per item");
  }
  const auto style_text = [&](std::string t) {
    if (commas) replace_all(t, "、", "，");
    return t;
  };
  out.features.push_back(nested ? "refs:" + std::string(parent_scheme == "kana" ? "ア" : "⑴") +
                                      " over " + child_scheme
                                : "refs:" + ref_scheme);
  out.features.push_back("status:" + scheme.name);
  out.features.push_back(themes ? "theme sections" : "department groups");
  out.features.push_back(dept_heading ? "department heading in the measure"
                                      : "department from the group heading");

  Numbering kana("kana", full);
  const int sections = rng.range(1, 3);
  int ref_no = 0, parent_no = 0;
  std::string parent;  // the current ⑴ heading of nested items
  Numbering children("kana", full);
  for (int sec = 1; sec <= sections; ++sec) {
    std::string group;
    parent.clear();  // each section opens with its own ⑴ heading
    if (themes) {
      canvas.paragraph("【重点テーマ" + digits(sec, full) + "】　" + pick_theme(rng), fs + 1,
                       Align::kLeft, 0, 4);
    } else {
      group = pick_bureau(rng, muni.kind);
      canvas.paragraph(rng.chance(0.5) ? "【" + group + "】" : "（" + group + "）", fs + 1,
                       Align::kLeft, 0, 4);
    }
    const int items = rng.range(2, 4);
    for (int i = 0; i < items; ++i) {
      Finding f;
      f.kind = rng.chance(0.7) ? Kind::kFinding : Kind::kOpinion;
      std::string printed_ref;
      if (nested) {
        if (parent.empty() || rng.chance(0.4)) {
          parent = item_ref(parent_scheme, ++parent_no, kana);
          children = Numbering("kana", full);
          canvas.paragraph(parent + "　" + pick_theme(rng), fs, Align::kLeft, 0, 3);
        }
        printed_ref = item_ref(child_scheme, 0, children);
        f.ref = parent + printed_ref;
      } else {
        printed_ref = item_ref(ref_scheme, ++ref_no, kana);
        f.ref = printed_ref;
      }
      const int ndept = dept_heading && rng.chance(0.25) ? 2 : 1;
      std::vector<std::string> depts = pick_sections(rng, muni.kind, ndept);
      ItemText item = compose_item(rng, f.kind, depts[0], ts);
      f.title = style_text(item.title);
      for (const std::string& o : item.observations) f.summary += o;
      f.summary = style_text(f.summary + item.demand);
      canvas.paragraph(printed_ref + "　" + f.title, fs, Align::kLeft, 0, 3);
      canvas.paragraph(f.kind == Kind::kFinding ? labels.finding : labels.opinion, fs, Align::kLeft,
                       fs, 2);
      canvas.paragraph(f.summary, fs, Align::kLeft, 2 * fs, 3);
      canvas.paragraph(labels.measure, fs, Align::kLeft, fs, 2);
      StatusMark mark =
          scheme.marks.empty() ? StatusMark{"", Status::kUnknown, 0} : draw_mark(rng, scheme);
      Status worded = scheme.marks.empty() ? unprinted_status(rng) : mark.status;
      std::optional<EraDate> date;
      if (show_date) date = random_date(rng, doc.audit_fiscal_year + 1, 1, 9);
      std::string date_raw = date ? date->print(full) : "";
      if (date && outline) date_raw = print_date_styled(rng, *date, full);
      for (const std::string& d : depts) {
        Measure m;
        m.department = dept_heading ? d : group;
        m.status = mark.status;
        m.status_raw = mark.printed;
        m.text = style_text(compose_measure(rng, worded, item, ts, false));
        if (date) {
          m.date = date;
          m.date_raw = date_raw;
        }
        if (dept_heading) canvas.paragraph("（" + d + "）", fs, Align::kLeft, 2 * fs, 1);
        canvas.paragraph(m.text, fs, Align::kLeft, 2 * fs, 3);
        f.measures.push_back(m);
      }
      // The audit side's dates (not the measure's) come first, the publication date last.
      if (audit_dates)
        canvas.paragraph(
            "指摘年月日：" +
                print_date_styled(rng, random_date(rng, doc.audit_fiscal_year, 5, 12), full),
            fs, Align::kLeft, fs, 2);
      if (notice_dates)
        canvas.paragraph(
            "通知年月日：" +
                print_date_styled(rng, random_date(rng, doc.audit_fiscal_year, 8, 12), full),
            fs, Align::kLeft, fs, 2);
      if (date) canvas.paragraph(date_label + "：" + date_raw, fs, Align::kLeft, fs, 2);
      if (!mark.printed.empty())
        canvas.paragraph("措置状況：" + mark.printed, fs, Align::kLeft, fs, 2);
      if (publication_dates)
        canvas.paragraph(
            "公表年月日：" +
                print_date_styled(rng, random_date(rng, doc.audit_fiscal_year + 1, 10, 12), full),
            fs, Align::kLeft, fs, 2);
      canvas.skip(fs * 0.8);
      doc.findings.push_back(f);
    }
  }
  out.pages = canvas.finish();
  return out;
}

LayoutOutput generate(Random& rng, const Municipality& muni, const PdfTarget& target) {
  return generate_blocks(rng, muni, target, false);
}

LayoutOutput generate_outline(Random& rng, const Municipality& muni, const PdfTarget& target) {
  return generate_blocks(rng, muni, target, true);
}

}  // namespace

Layout outline_blocks_layout() {
  return {
      "outline-blocks",
      "heading-blocks with ア headings over （ア） items, several dates per item (指摘 / 通知 / "
      "報告 / 公表年月日, split spacing, Western year), 例月出納検査 / 住民監査請求, ，",
      &generate_outline,
      /*in_default_cycle=*/false};
}

Layout heading_blocks_layout() {
  return {"heading-blocks",
          "no findings table: items ⑴ / ア / （ア） under theme or department headings, "
          "with ［監査結果］ / ［措置結果］ (or similar) paragraphs, status and date lines",
          &generate,
          /*in_default_cycle=*/false};
}

}  // namespace fixturegen
