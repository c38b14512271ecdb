#include "truth.hpp"

#include <nlohmann/json.hpp>

#include "normalize.hpp"

namespace fixturegen {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::string& raw, bool compact = false) {
  if (raw.empty()) return nullptr;
  return compact ? normalize_compact(raw) : normalize(raw);
}

Json document_json(const Document& doc) {
  Json d;
  d["municipality"] = doc.municipality.name;
  d["municipality_code"] = doc.municipality.code;
  d["prefecture"] = doc.municipality.prefecture;
  d["audit_type"] = doc.audit_type;
  d["audit_fiscal_year"] = doc.audit_fiscal_year;
  d["title"] = normalize(doc.title);
  d["theme"] = nullable(doc.theme);
  d["report_number"] = nullable(doc.report_number);
  if (doc.notice_date && doc.notice_date->iso())
    d["notice_date"] = *doc.notice_date->iso();
  else
    d["notice_date"] = nullptr;
  d["department"] = nullable(doc.department, true);
  return d;
}

Json measure_json(const Measure& m) {
  Json j;
  j["department"] = nullable(m.department, true);
  // A status the report does not print is not scored (findings-schema.md: the pipeline may
  // infer one from the text), so the truth gives none; status_raw says nothing was printed.
  if (!m.status_raw.empty()) j["status"] = status_name(m.status);
  j["status_raw"] = nullable(m.status_raw);
  j["text"] = normalize(m.text);
  if (m.date && m.date->iso())
    j["date"] = *m.date->iso();
  else
    j["date"] = nullptr;
  j["date_raw"] = nullable(m.date_raw);
  return j;
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::kTaken:
      return "taken";
    case Status::kNotTaken:
      return "not_taken";
    case Status::kPartiallyTaken:
      return "partially_taken";
    case Status::kInProgress:
      return "in_progress";
    case Status::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kFinding:
      return "finding";
    case Kind::kOpinion:
      return "opinion";
    case Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string findings_jsonl(const Document& doc) {
  const Json d = document_json(doc);
  std::string out;
  int ordinal = 0;
  for (const Finding& f : doc.findings) {
    Json r;
    r["schema"] = "kansa.finding/1";
    r["document"] = d;
    r["ordinal"] = ++ordinal;
    r["ref"] = nullable(f.ref, true);
    r["kind"] = kind_name(f.kind);
    r["title"] = normalize(f.title);
    r["summary"] = nullable(f.summary);
    r["report_pages"] = f.report_pages;
    Json ms = Json::array();
    for (const Measure& m : f.measures) ms.push_back(measure_json(m));
    r["measures"] = ms;
    out += r.dump() + "\n";
  }
  return out;
}

std::string meta_json(const Document& doc, const std::string& source_note) {
  Json m;
  m["municipality"] = doc.municipality.name;
  m["municipality_code"] = doc.municipality.code;
  m["prefecture"] = doc.municipality.prefecture;
  m["source_note"] = source_note;
  return m.dump(2) + "\n";
}

}  // namespace fixturegen
