// Comparing exported findings with a golden file, field by field, for tests that drive the
// real binary (corpus and generated fixtures).
#pragma once

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kansa/text.hpp"

namespace kansa::testing {

inline std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

// Equality as the scorer sees it: strings compared after schema normalization.
inline bool same_value(const nlohmann::json& gold, const nlohmann::json& pred) {
  if (gold.is_string() && pred.is_string())
    return kansa::text::normalize(gold.get<std::string>()) ==
           kansa::text::normalize(pred.get<std::string>());
  return gold == pred;
}

struct FieldScore {
  int correct = 0, total = 0;
  std::vector<std::string> misses;
  void count(bool ok, const std::string& what) {
    ++total;
    if (ok)
      ++correct;
    else if (misses.size() < 15)
      misses.push_back(what);
  }
  double accuracy() const { return total ? double(correct) / total : 1.0; }
  std::string misses_text() const {
    std::string out;
    for (const auto& m : misses) out += "  " + m + "\n";
    return out;
  }
};

// Compares findings position by position (the golden files are in document order). As the
// scorer does, only the fields the gold gives count: a golden measure whose report prints no
// status has no `status` (the pipeline may infer one; findings-schema.md).
inline FieldScore compare(const std::vector<nlohmann::json>& gold,
                          const std::vector<nlohmann::json>& pred) {
  using json = nlohmann::json;
  FieldScore s;
  const auto field = [&](const json& g, const json& p, const char* k, const std::string& what) {
    if (g.contains(k)) s.count(p.contains(k) && same_value(g[k], p[k]), what);
  };
  const json pd = pred.empty() ? json::object() : pred[0]["document"];
  for (const char* k :
       {"municipality", "municipality_code", "prefecture", "audit_type", "audit_fiscal_year",
        "title", "theme", "report_number", "notice_date", "department"})
    field(gold[0]["document"], pd, k, std::string("document.") + k);
  for (size_t i = 0; i < gold.size(); ++i) {
    const json& g = gold[i];
    const json p = i < pred.size() ? pred[i] : json::object();
    const std::string at = "finding " + std::to_string(i + 1) + ".";
    for (const char* k : {"ref", "kind", "title", "summary", "report_pages"})
      field(g, p, k, at + k);
    const json& gm = g["measures"];
    const json pm = p.contains("measures") ? p["measures"] : json::array();
    s.count(gm.size() == pm.size(), at + "measures.count");
    for (size_t m = 0; m < gm.size(); ++m)
      for (const char* k : {"department", "status", "status_raw", "text", "date", "date_raw"})
        field(gm[m], m < pm.size() ? pm[m] : json::object(), k,
              at + "measure " + std::to_string(m + 1) + "." + k);
  }
  return s;
}

}  // namespace kansa::testing
