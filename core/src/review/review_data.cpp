#include "review/review_data.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "review/escape.hpp"
#include "review/reasons.hpp"

namespace kansa::review {

namespace {

using json = nlohmann::json;

json optional(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// NaN and infinities have no JSON form: null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json confidences(const FieldConfidence& fc) {
  json out = json::object();
  for (const auto& [k, v] : fc) out[k] = number(v);
  return out;
}

bool weak(double c) { return !std::isfinite(c) || c < kWeakField; }

// Whether a box's field was read with doubt: the finding's or any measure's confidence for
// the fields the box holds (several joined with '/').
bool weak_field(const Finding& f, const std::string& field);

bool weak_box(const Finding& f, const std::string& fields) {
  for (size_t start = 0; start <= fields.size();) {
    const size_t end = std::min(fields.find('/', start), fields.size());
    if (weak_field(f, fields.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

bool weak_field(const Finding& f, const std::string& field) {
  std::vector<std::string> finding_fields, measure_fields;
  if (field == "ref") finding_fields = {"ref", "report_pages"};
  if (field == "pages") finding_fields = {"report_pages", "ref"};
  if (field == "item") finding_fields = {"kind", "title", "summary"};
  if (field == "kind" || field == "title" || field == "summary") finding_fields = {field};
  if (field == "measure") {
    finding_fields = {"measures"};
    measure_fields = {"text", "department"};
  }
  if (field == "status") measure_fields = {"status"};
  if (field == "date") measure_fields = {"date"};
  if (field == "department") measure_fields = {"department"};
  for (const std::string& k : finding_fields)
    if (auto it = f.field_confidence.find(k); it != f.field_confidence.end() && weak(it->second))
      return true;
  for (const Measure& m : f.measures)
    for (const std::string& k : measure_fields)
      if (auto it = m.field_confidence.find(k); it != m.field_confidence.end() && weak(it->second))
        return true;
  return false;
}

std::string municipality_label(const DocumentInfo& d) {
  if (d.municipality && d.municipality_code)
    return *d.municipality + " (" + *d.municipality_code + ")";
  if (d.municipality) return *d.municipality;
  if (d.municipality_code) return *d.municipality_code;
  return "(unknown)";
}

std::string municipality_key(const DocumentInfo& d) {
  if (d.municipality_code) return *d.municipality_code;
  if (d.municipality) return *d.municipality;
  return "?";
}

}  // namespace

std::vector<int> pages_shown(const Finding& f) {
  std::set<int> pages(f.source.pages.begin(), f.source.pages.end());
  for (const SourceBox& b : f.source.boxes) pages.insert(b.page);
  pages.erase(0);
  return {pages.begin(), pages.end()};
}

std::vector<std::pair<size_t, size_t>> review_order(const std::vector<Extraction>& extractions) {
  std::vector<std::pair<size_t, size_t>> order;
  for (size_t d = 0; d < extractions.size(); ++d)
    for (size_t i = 0; i < extractions[d].findings.size(); ++i) order.push_back({d, i});
  auto key = [&](const std::pair<size_t, size_t>& at) {
    const double c = extractions[at.first].findings[at.second].confidence;
    return std::isfinite(c) ? c : -1.0;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
  return order;
}

json finding_entry(const Extraction& ex, const Finding& f, const PageImages& images) {
  const DocumentInfo& d = ex.document;
  json entry{{"id", d.sha256.substr(0, 12) + "-" + std::to_string(f.ordinal)},
             {"ordinal", f.ordinal},
             {"ref", optional(f.ref)},
             {"kind", f.kind},
             {"title", optional(f.title)},
             {"summary", optional(f.summary)},
             {"report_pages", f.report_pages},
             {"method", f.source.method},
             {"confidence", number(f.confidence)},
             {"field_confidence", confidences(f.field_confidence)},
             {"municipality_key", municipality_key(d)},
             {"municipality_label", municipality_label(d)},
             {"document",
              {{"file", d.file},
               {"sha256", d.sha256},
               {"title", optional(d.title)},
               {"municipality", optional(d.municipality)},
               {"municipality_code", optional(d.municipality_code)}}}};
  json measures = json::array();
  std::set<std::string> statuses;
  for (const Measure& m : f.measures) {
    measures.push_back({{"department", optional(m.department)},
                        {"status", m.status},
                        {"status_raw", optional(m.status_raw)},
                        {"text", m.text},
                        {"date", optional(m.date)},
                        {"date_raw", optional(m.date_raw)},
                        {"confidence", number(m.confidence)},
                        {"field_confidence", confidences(m.field_confidence)}});
    statuses.insert(m.status);
  }
  if (statuses.empty()) statuses.insert("unknown");  // no measure: nothing known was done
  entry["measures"] = measures;
  entry["statuses"] = statuses;

  json pages = json::array();
  for (int page : pages_shown(f)) {
    json p{{"page", page}};
    const auto it = images.find({d.sha256, page});
    if (it == images.end() || it->second.file.empty()) {
      p["image"] = nullptr;
      p["unavailable"] = it == images.end() ? "not rendered" : it->second.unavailable;
    } else {
      const PageImageRef& img = it->second;
      p["image"] = img.file;
      p["width_px"] = img.width_px;
      p["height_px"] = img.height_px;
      p["width"] = img.width_px * 72.0 / img.dpi;  // points, as the boxes
      p["height"] = img.height_px * 72.0 / img.dpi;
    }
    json boxes = json::array();
    for (const SourceBox& b : f.source.boxes) {
      if (b.page != page) continue;
      boxes.push_back({{"field", b.field},
                       {"x0", number(b.box.x0)},
                       {"y0", number(b.box.y0)},
                       {"x1", number(b.box.x1)},
                       {"y1", number(b.box.y1)},
                       {"weak", weak_box(f, b.field)}});
    }
    p["boxes"] = boxes;
    pages.push_back(p);
  }
  entry["pages"] = pages;

  const ConfidenceAccount account = explain_confidence(ex, f);
  auto weak_json = [](const WeakField& w) {
    return json{{"field", w.field}, {"confidence", number(w.confidence)}, {"why", w.why}};
  };
  json weak = json::array();
  for (const WeakField& w : account.weak) weak.push_back(weak_json(w));
  entry["account"] = {{"factors", account.factors},
                      {"measures", account.measures},
                      {"weak", weak},
                      {"weak_factors", account.weak_factors},
                      {"weak_product", number(account.weak_product)},
                      {"rest_product", number(account.rest_product)},
                      {"lowest", account.lowest ? weak_json(*account.lowest) : json(nullptr)},
                      {"notes", account.notes}};
  return entry;
}

std::string data_script(const json& entries) {
  const json data{{"findings", entries}};
  return "window.KANSA_REVIEW = " + script_json(data) + ";\n";
}

}  // namespace kansa::review
