// kansa.finding/1: one JSON object per finding, keys in the order of the schema
// (findings-schema.md), empty optionals as null, confidences rounded to 3 decimals.
#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>

#include "kansa/store.hpp"
#include "store/json_values.hpp"

namespace kansa::store {

namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json or_null(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Keys named in `order` first, in that order (the schema's field order), then any other
// key alphabetically, so that a new field never disappears from the export.
Json confidences(const FieldConfidence& values, std::initializer_list<std::string_view> order) {
  Json object = Json::object();
  for (std::string_view key : order) {
    const auto it = values.find(std::string(key));
    if (it != values.end()) object[it->first] = round_confidence(it->second);
  }
  for (const auto& [key, value] : values) {
    if (std::find(order.begin(), order.end(), key) == order.end())
      object[key] = round_confidence(value);
  }
  return object;
}

Json document_json(const DocumentInfo& document) {
  Json object = Json::object();
  object["sha256"] = document.sha256;
  object["file"] = document.file;
  object["pages"] = document.pages;
  object["municipality"] = or_null(document.municipality);
  object["municipality_code"] = or_null(document.municipality_code);
  object["prefecture"] = or_null(document.prefecture);
  object["audit_type"] = or_null(document.audit_type);
  object["audit_fiscal_year"] = or_null(document.audit_fiscal_year);
  object["title"] = or_null(document.title);
  object["theme"] = or_null(document.theme);
  object["report_number"] = or_null(document.report_number);
  object["notice_date"] = or_null(document.notice_date);
  object["department"] = or_null(document.department);
  return object;
}

Json measure_json(const Measure& measure) {
  Json object = Json::object();
  object["department"] = or_null(measure.department);
  object["status"] = measure.status;
  object["status_raw"] = or_null(measure.status_raw);
  object["text"] = measure.text;
  object["date"] = or_null(measure.date);
  object["date_raw"] = or_null(measure.date_raw);
  object["confidence"] = round_confidence(measure.confidence);
  object["field_confidence"] = confidences(
      measure.field_confidence, {"department", "status", "status_raw", "text", "date", "date_raw"});
  return object;
}

}  // namespace

std::string finding_json(const DocumentInfo& document, const Finding& finding) {
  Json object = Json::object();
  object["schema"] = "kansa.finding/1";
  object["document"] = document_json(document);
  object["ordinal"] = finding.ordinal;
  object["ref"] = or_null(finding.ref);
  object["kind"] = finding.kind;
  object["title"] = or_null(finding.title);
  object["summary"] = or_null(finding.summary);
  object["report_pages"] = finding.report_pages;
  Json measures = Json::array();
  for (const Measure& measure : finding.measures) measures.push_back(measure_json(measure));
  object["measures"] = std::move(measures);
  object["source"] = Json{{"pages", finding.source.pages}, {"method", finding.source.method}};
  object["confidence"] = round_confidence(finding.confidence);
  object["field_confidence"] =
      confidences(finding.field_confidence,
                  {"ref", "kind", "title", "summary", "report_pages", "measures", "source"});
  // UTF-8 as is (no \u escapes). Bytes that are not UTF-8 cannot be JSON: they become
  // U+FFFD rather than failing a whole export over one bad string.
  return object.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace kansa::store
