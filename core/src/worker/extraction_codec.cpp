#include "worker/extraction_codec.hpp"

#include <cmath>
#include <limits>

namespace kansa::worker {

namespace {

using json = nlohmann::json;

// JSON has no NaN: it travels as null and comes back as NaN.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double number_of(const json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

template <typename T>
void put(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
template <typename T>
void get(const json& j, const char* key, std::optional<T>& v) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) v = it->get<T>();
}

json confidences(const FieldConfidence& c) {
  json j = json::object();
  for (const auto& [k, v] : c) j[k] = number(v);
  return j;
}
FieldConfidence confidences_of(const json& j) {
  FieldConfidence c;
  for (auto it = j.begin(); it != j.end(); ++it) c[it.key()] = number_of(it.value());
  return c;
}

json measure_json(const Measure& m) {
  json j{{"status", m.status},
         {"text", m.text},
         {"confidence", number(m.confidence)},
         {"field_confidence", confidences(m.field_confidence)}};
  put(j, "department", m.department);
  put(j, "status_raw", m.status_raw);
  put(j, "date", m.date);
  put(j, "date_raw", m.date_raw);
  return j;
}
Measure measure_of(const json& j) {
  Measure m;
  m.status = j.at("status").get<std::string>();
  m.text = j.at("text").get<std::string>();
  m.confidence = number_of(j.at("confidence"));
  m.field_confidence = confidences_of(j.at("field_confidence"));
  get(j, "department", m.department);
  get(j, "status_raw", m.status_raw);
  get(j, "date", m.date);
  get(j, "date_raw", m.date_raw);
  return m;
}

json finding_json(const Finding& f) {
  json j{{"ordinal", f.ordinal},
         {"kind", f.kind},
         {"report_pages", f.report_pages},
         {"source_pages", f.source.pages},
         {"method", f.source.method},
         {"source_boxes", json::array()},
         {"confidence", number(f.confidence)},
         {"field_confidence", confidences(f.field_confidence)},
         {"measures", json::array()}};
  put(j, "ref", f.ref);
  put(j, "title", f.title);
  put(j, "summary", f.summary);
  for (const Measure& m : f.measures) j["measures"].push_back(measure_json(m));
  for (const SourceBox& b : f.source.boxes)
    j["source_boxes"].push_back(
        {{"page", b.page},
         {"box", {number(b.box.x0), number(b.box.y0), number(b.box.x1), number(b.box.y1)}},
         {"field", b.field}});
  return j;
}
Finding finding_of(const json& j) {
  Finding f;
  f.ordinal = j.at("ordinal").get<int>();
  f.kind = j.at("kind").get<std::string>();
  f.report_pages = j.at("report_pages").get<std::vector<int>>();
  f.source.pages = j.at("source_pages").get<std::vector<int>>();
  f.source.method = j.at("method").get<std::string>();
  f.confidence = number_of(j.at("confidence"));
  f.field_confidence = confidences_of(j.at("field_confidence"));
  get(j, "ref", f.ref);
  get(j, "title", f.title);
  get(j, "summary", f.summary);
  for (const json& m : j.at("measures")) f.measures.push_back(measure_of(m));
  for (const json& b : j.at("source_boxes")) {
    const json& box = b.at("box");
    f.source.boxes.push_back(
        {b.at("page").get<int>(),
         {number_of(box.at(0)), number_of(box.at(1)), number_of(box.at(2)), number_of(box.at(3))},
         b.at("field").get<std::string>()});
  }
  return f;
}

TextLayer text_layer_of(const std::string& name) {
  if (auto layer = text_layer_named(name)) return *layer;
  throw json::other_error::create(501, "unknown text layer verdict '" + name + "'", nullptr);
}

json route_json(const PageRoute& r) {
  json j{{"page", r.page},
         {"route", r.route},
         {"text_layer", text_layer_name(r.text_layer)},
         {"text_layer_reason", r.text_layer_reason},
         {"reason", r.reason}};
  put(j, "ocr_reason", r.ocr_reason);
  return j;
}
PageRoute route_of(const json& j) {
  PageRoute r;
  r.page = j.at("page").get<int>();
  r.route = j.at("route").get<std::string>();
  r.text_layer = text_layer_of(j.at("text_layer").get<std::string>());
  r.text_layer_reason = j.at("text_layer_reason").get<std::string>();
  r.reason = j.at("reason").get<std::string>();
  get(j, "ocr_reason", r.ocr_reason);
  return r;
}

}  // namespace

json extraction_to_json(const Extraction& e) {
  const DocumentInfo& d = e.document;
  json doc{{"sha256", d.sha256},
           {"file", d.file},
           {"pages", d.pages},
           {"field_confidence", confidences(d.field_confidence)}};
  put(doc, "municipality", d.municipality);
  put(doc, "municipality_code", d.municipality_code);
  put(doc, "prefecture", d.prefecture);
  put(doc, "audit_type", d.audit_type);
  put(doc, "audit_fiscal_year", d.audit_fiscal_year);
  put(doc, "title", d.title);
  put(doc, "theme", d.theme);
  put(doc, "report_number", d.report_number);
  put(doc, "notice_date", d.notice_date);
  put(doc, "department", d.department);
  json j{{"document", doc}, {"findings", json::array()}};
  for (const Finding& f : e.findings) j["findings"].push_back(finding_json(f));
  // Absent when empty, as a worker before page routes wrote it: either side reads the other.
  if (!e.page_routes.empty()) {
    json& routes = j["page_routes"] = json::array();
    for (const PageRoute& r : e.page_routes) routes.push_back(route_json(r));
  }
  return j;
}

Extraction extraction_from_json(const json& j) {
  Extraction e;
  const json& doc = j.at("document");
  DocumentInfo& d = e.document;
  d.sha256 = doc.at("sha256").get<std::string>();
  d.file = doc.at("file").get<std::string>();
  d.pages = doc.at("pages").get<int>();
  d.field_confidence = confidences_of(doc.at("field_confidence"));
  get(doc, "municipality", d.municipality);
  get(doc, "municipality_code", d.municipality_code);
  get(doc, "prefecture", d.prefecture);
  get(doc, "audit_type", d.audit_type);
  get(doc, "audit_fiscal_year", d.audit_fiscal_year);
  get(doc, "title", d.title);
  get(doc, "theme", d.theme);
  get(doc, "report_number", d.report_number);
  get(doc, "notice_date", d.notice_date);
  get(doc, "department", d.department);
  for (const json& f : j.at("findings")) e.findings.push_back(finding_of(f));
  if (auto routes = j.find("page_routes"); routes != j.end())
    for (const json& r : *routes) e.page_routes.push_back(route_of(r));
  return e;
}

}  // namespace kansa::worker
