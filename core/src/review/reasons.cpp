#include "review/reasons.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace kansa::review {

namespace {

bool blank(const std::optional<std::string>& s) { return !s || s->empty(); }

std::string format_confidence(double c) {
  if (!std::isfinite(c)) return "none";
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", c);
  return text;
}

// What the finding's own values say about a weak field of it: only what they show (a value
// missing), or what the field stands for when its name does not say.
std::string why_finding_field(const std::string& field, const Finding& f) {
  if (field == "ref") return blank(f.ref) ? "no ref (item label) printed or recognized" : "";
  if (field == "kind")
    return f.kind == "unknown" ? "neither 指摘 nor 意見 is named for the item" : "";
  if (field == "title") return blank(f.title) ? "no title found" : "";
  if (field == "summary") return blank(f.summary) ? "no summary found" : "";
  if (field == "report_pages")
    return f.report_pages.empty() ? "no cited report pages recognized" : "";
  if (field == "measures")
    return f.measures.empty() ? "no measure found"
                              : "how many measures (departments answering) there are";
  return "";
}

// What a measure's own values say about a weak field of it.
std::string why_measure_field(const std::string& field, const Measure& m) {
  if (field == "status" || field == "status_raw") {
    if (m.status != "unknown" && blank(m.status_raw))
      return "no status printed: inferred from how the measure text ends";
    if (m.status == "unknown")
      return blank(m.status_raw) ? "no status recognized" : "the printed status is not one known";
    return "";
  }
  if (field == "department") return blank(m.department) ? "no department found" : "";
  if (field == "date" || field == "date_raw") {
    if (!blank(m.date_raw) && blank(m.date))
      return "the printed date has no day (" + *m.date_raw + ")";
    if (blank(m.date_raw)) return "no date recognized where one may be printed";
    return "";
  }
  if (field == "text") return m.text.empty() ? "no measure text" : "";
  return "";
}

std::string measure_name(const Finding& f, size_t i) {
  std::string name = "measure";
  if (f.measures.size() > 1) name += " " + std::to_string(i + 1);
  if (!blank(f.measures[i].department)) name += " (" + *f.measures[i].department + ")";
  return name;
}

// Notes on how the finding's pages were read: OCR, and any page route that is not a plain
// text layer.
void note_pages(const Extraction& ex, const Finding& f, std::vector<std::string>& notes) {
  if (f.source.method != "text")
    notes.push_back(f.source.method == "ocr"
                        ? "read by OCR: every field is lowered by the recognition confidence"
                        : "read partly by OCR (mixed pages): fields from OCR pages are lowered "
                          "by the recognition confidence");
  for (int page : f.source.pages)
    for (const PageRoute& r : ex.page_routes) {
      if (r.page != page || r.route == "text") continue;
      std::string note = "page " + std::to_string(page) + ": " + r.reason;
      if (r.ocr_reason && r.reason.find(*r.ocr_reason) == std::string::npos)
        note += "; " + *r.ocr_reason;
      notes.push_back(note);
    }
}

}  // namespace

ConfidenceAccount explain_confidence(const Extraction& ex, const Finding& f) {
  ConfidenceAccount account;
  account.measures = static_cast<int>(f.measures.size());
  struct Factor {
    WeakField field;
    std::string twin;  // the field it moves with (status for status_raw), in the same scope
  };
  std::vector<Factor> all;
  auto twin_of = [](const std::string& field, const std::string& scope) -> std::string {
    if (field == "status_raw") return scope + "status";
    if (field == "date_raw") return scope + "date";
    return "";
  };
  for (const auto& [field, c] : f.field_confidence)
    all.push_back({{field, c, why_finding_field(field, f)}, ""});
  for (size_t i = 0; i < f.measures.size(); ++i) {
    const std::string scope = measure_name(f, i) + " ";
    for (const auto& [field, c] : f.measures[i].field_confidence)
      all.push_back(
          {{scope + field, c, why_measure_field(field, f.measures[i])}, twin_of(field, scope)});
  }
  account.factors = static_cast<int>(all.size());
  // NaN (a confidence that could not be computed) sorts first: it says least.
  auto key = [](const WeakField& w) { return std::isfinite(w.confidence) ? w.confidence : -1.0; };
  std::stable_sort(all.begin(), all.end(),
                   [&](const Factor& a, const Factor& b) { return key(a.field) < key(b.field); });
  std::set<std::string> listed;
  for (const Factor& x : all) {
    const double c = std::isfinite(x.field.confidence) ? x.field.confidence : 0;
    if (key(x.field) >= kWeakField) {
      account.rest_product *= c;
      continue;
    }
    account.weak_product *= c;
    ++account.weak_factors;
    if (!x.twin.empty() && listed.count(x.twin)) continue;
    listed.insert(x.field.field);
    account.weak.push_back(x.field);
  }
  if (account.weak.empty() && !all.empty()) account.lowest = all.front().field;

  note_pages(ex, f, account.notes);
  const auto muni = ex.document.field_confidence.find("municipality");
  if (muni != ex.document.field_confidence.end() && muni->second < kWeakField)
    account.notes.push_back(blank(ex.document.municipality)
                                ? "municipality not known"
                                : "municipality inferred from the text (confidence " +
                                      format_confidence(muni->second) + ")");
  return account;
}

}  // namespace kansa::review
