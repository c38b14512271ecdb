// The inspect report in words: read from the JSON report, so that --json and the default
// output always say the same.
#include <map>
#include <string>

#include "cli/inspect_report.hpp"

namespace kansa::cli {

namespace {

using json = nlohmann::ordered_json;

constexpr size_t kTitleChars = 40;  // items' titles are shortened to this many characters
constexpr size_t kTextChars = 30;   // measure texts, when shown

// `s` cut to `n` characters (code points, not bytes), with an ellipsis when cut.
std::string shorten(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == n) return s.substr(0, i) + "…";
  }
  return s;
}

// The value of an optional field, "-" when null.
std::string value_of(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// "0.93", or "0.45 !" below the threshold.
std::string confidence_text(double v) { return fixed2(v) + (v < kDoubtfulConfidence ? " !" : ""); }

// "kind 0.45 !  ref 0.98  ..." for every field, by name.
std::string field_confidences(const json& fc) {
  std::map<std::string, double> by_name;
  for (const auto& [k, v] : fc.items()) by_name[k] = v.get<double>();
  std::string out;
  for (const auto& [k, v] : by_name) {
    if (!out.empty()) out += "  ";
    out += k + " " + confidence_text(v);
  }
  return out;
}

// "1-3, 7" for [1, 2, 3, 7] (increasing); "-" for none.
std::string pages_text(const json& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size();) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1].get<int>() == pages[j].get<int>() + 1) ++j;
    out += (out.empty() ? "" : ", ") + std::to_string(pages[i].get<int>());
    if (j > i) out += "-" + std::to_string(pages[j].get<int>());
    i = j + 1;
  }
  return out.empty() ? "-" : out;
}

void print_pages(const json& r, std::FILE* out) {
  std::fprintf(out, "Pages: %s\n", r["page_summary"].get<std::string>().c_str());
  for (const json& p : r["pages"]) {
    std::fprintf(out, "  page %4d  %-4s  %s", p["page"].get<int>(),
                 p["route"].get<std::string>().c_str(), p["reason"].get<std::string>().c_str());
    if (!p["ocr"].is_null()) std::fprintf(out, "; %s", p["ocr"].get<std::string>().c_str());
    std::fprintf(out, "\n");
  }
}

void print_tables(const json& r, std::FILE* out) {
  for (const json& t : r["tables"]) {
    std::string state =
        t["recognized"].get<bool>()
            ? (t["inherited"].get<bool>() ? "findings table, roles inherited" : "findings table")
        : t["label_column"].get<bool>() ? "label-value blocks, not read as a table"
                                        : "not a findings table";
    std::fprintf(out, "    table %d  pages %s  %d rows x %d cols  %s", t["table"].get<int>(),
                 pages_text(t["pages"]).c_str(), t["rows"].get<int>(), t["cols"].get<int>(),
                 state.c_str());
    if (!t["recognized"].get<bool>()) {
      std::fprintf(out, "\n");
      continue;
    }
    std::fprintf(out, ", %d items", t["findings"].get<int>());
    if (!t["header_row"].is_null())
      std::fprintf(out, ", header row %d", t["header_row"].get<int>());
    std::fprintf(out, "\n");
    for (const json& c : t["columns"]) {
      std::string roles;
      for (const json& m : c["roles"])
        roles += (roles.empty() ? "" : ", ") + m["role"].get<std::string>() + " " +
                 fixed2(m["score"].get<double>());
      std::fprintf(out, "      col %d  %s -> %s\n", c["col"].get<int>(),
                   ("\"" + shorten(c["header"].get<std::string>(), 16) + "\"").c_str(),
                   roles.empty() ? "(no role)" : roles.c_str());
    }
    const int repeated = t["repeated_headers"], merged = t["merged_rows"],
              continued = t["continuation_rows"];
    if (repeated + merged + continued > 0)
      std::fprintf(out,
                   "      rows: %d repeated headers skipped, %d cut by a page break and joined, "
                   "%d continuations appended\n",
                   repeated, merged, continued);
  }
}

void print_layout(const json& r, std::FILE* out) {
  const json& l = r["layout"];
  std::fprintf(out, "Layout: %s", l["reading"].get<std::string>().c_str());
  if (!l["confidence"].is_null())
    std::fprintf(out, "  confidence %s", confidence_text(l["confidence"].get<double>()).c_str());
  std::fprintf(out, "\n  why:\n");
  for (const json& w : l["why"]) std::fprintf(out, "    - %s\n", w.get<std::string>().c_str());
  if (!r["tables"].empty()) {
    std::fprintf(out, "  tables:\n");
    print_tables(r, out);
  }
}

void print_legend(const json& r, std::FILE* out) {
  std::string legend;
  for (const json& e : r["legend"])
    legend += (legend.empty() ? "" : ", ") + e["symbol"].get<std::string>() + " = " +
              e["status"].get<std::string>();
  std::fprintf(out, "Legend: %s\n", legend.empty() ? "none read" : legend.c_str());
}

void print_document(const json& r, std::FILE* out) {
  const json& d = r["document"];
  const json& fc = d["field_confidence"];
  std::fprintf(out, "Document:\n");
  for (const char* field :
       {"title", "theme", "audit_type", "audit_fiscal_year", "report_number", "notice_date",
        "department", "municipality", "municipality_code", "prefecture"}) {
    std::fprintf(out, "  %-18s %s", field, value_of(d[field]).c_str());
    if (fc.contains(field))
      std::fprintf(out, "  (%s)", confidence_text(fc[field].get<double>()).c_str());
    std::fprintf(out, "\n");
  }
}

void print_items(const json& r, std::FILE* out) {
  std::fprintf(out, "Items: %zu  (field confidences below %.1f marked !)\n", r["items"].size(),
               kDoubtfulConfidence);
  for (const json& f : r["items"]) {
    std::fprintf(out, "  #%d  ref %s  %s  report pages %s  %s  confidence %s\n",
                 f["ordinal"].get<int>(), value_of(f["ref"]).c_str(),
                 f["kind"].get<std::string>().c_str(), pages_text(f["report_pages"]).c_str(),
                 f["source"]["method"].get<std::string>().c_str(),
                 fixed2(f["confidence"].get<double>()).c_str());
    std::fprintf(out, "      title: %s\n", shorten(value_of(f["title"]), kTitleChars).c_str());
    std::fprintf(out, "      fields: %s\n", field_confidences(f["field_confidence"]).c_str());
    int n = 0;
    for (const json& m : f["measures"]) {
      std::string status = m["status"].get<std::string>();
      if (!m["status_raw"].is_null())
        status += " (" + m["status_raw"].get<std::string>() + ")";
      else if (status != "unknown")
        status += " (inferred)";  // nothing printed: read from the measure text
      std::fprintf(out, "      measure %d: department %s | status %s | date %s  confidence %s\n",
                   ++n, value_of(m["department"]).c_str(), status.c_str(),
                   value_of(m["date"]).c_str(), fixed2(m["confidence"].get<double>()).c_str());
      std::fprintf(out, "        text: %s\n",
                   shorten(m["text"].get<std::string>(), kTextChars).c_str());
      std::fprintf(out, "        fields: %s\n", field_confidences(m["field_confidence"]).c_str());
    }
  }
}

}  // namespace

void print_inspect_report(const json& r, std::FILE* out) {
  std::fprintf(out, "%s  %s  pipeline %s\n", r["file"].get<std::string>().c_str(),
               r["sha256"].get<std::string>().c_str(), r["pipeline"].get<std::string>().c_str());
  print_pages(r, out);
  print_layout(r, out);
  print_legend(r, out);
  print_document(r, out);
  print_items(r, out);
}

}  // namespace kansa::cli
