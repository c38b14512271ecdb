#include "cli/inspect_report.hpp"

#include <algorithm>

#include "cli/page_routes_view.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

namespace {

using json = nlohmann::ordered_json;
using interpret::BlockExplanation;
using interpret::Explanation;
using interpret::TableExplanation;

template <typename T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json confidences(const FieldConfidence& fc) {
  json j = json::object();
  for (const auto& [k, v] : fc) j[k] = v;
  return j;
}

// Field names whose confidence is below kDoubtfulConfidence.
json doubtful(const FieldConfidence& fc) {
  json j = json::array();
  for (const auto& [k, v] : fc)
    if (v < kDoubtfulConfidence) j.push_back(k);
  return j;
}

std::string table_name(int index) { return "table " + std::to_string(index + 1); }

std::string page_span(const std::vector<int>& pages) {
  if (pages.empty()) return "no page";
  auto [lo, hi] = std::minmax_element(pages.begin(), pages.end());
  return *lo == *hi ? "page " + std::to_string(*lo)
                    : "pages " + std::to_string(*lo) + "-" + std::to_string(*hi);
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

json table_json(const TableExplanation& t) {
  json j;
  j["table"] = t.index + 1;
  j["pages"] = t.pages;
  j["rows"] = t.rows;
  j["cols"] = t.cols;
  j["recognized"] = t.recognized;
  j["inherited"] = t.inherited;
  j["label_column"] = t.label_column;
  j["header_row"] = t.header_row >= 0 ? json(t.header_row + 1) : json(nullptr);  // 1-based
  j["first_data_row"] = t.first_data_row + 1;
  j["columns"] = json::array();
  for (const auto& c : t.columns) {
    json roles = json::array();
    for (const auto& [role, score] : c.roles) roles.push_back({{"role", role}, {"score", score}});
    j["columns"].push_back({{"col", c.col + 1}, {"header", c.header}, {"roles", roles}});
  }
  j["findings"] = t.findings;
  j["repeated_headers"] = t.repeated_headers;
  j["merged_rows"] = t.merged_rows;
  j["continuation_rows"] = t.continuation_rows;
  return j;
}

json blocks_json(const BlockExplanation& b) {
  if (!b.tried) return nullptr;
  json j;
  j["chosen"] = b.chosen;
  j["kind"] = b.kind.empty() ? json(nullptr) : json(b.kind);
  j["fit"] = b.fit;
  j["min_fit"] = b.min_fit;
  j["items"] = b.items;
  j["complete_items"] = b.complete_items;
  j["heading_items"] = b.heading_items;
  j["parent_headings"] = b.parent_headings;
  j["labels"] = json::array();
  for (const auto& l : b.labels)
    j["labels"].push_back({{"label", l.label},
                           {"role", l.role},
                           {"count", l.count},
                           {"inline_values", l.inline_values}});
  j["groups"] = b.groups;
  return j;
}

// The evidence for the layout chosen, in sentences.
json reasons(const Explanation& e) {
  json why = json::array();
  int findings_tables = 0, label_columns = 0;
  for (const TableExplanation& t : e.tables) {
    if (t.label_column) ++label_columns;
    if (!t.recognized) continue;
    ++findings_tables;
    if (t.inherited) {
      why.push_back(table_name(t.index) + " (" + page_span(t.pages) +
                    ") has no header of its own and is as wide as the findings table before it: "
                    "read with its column roles");
      continue;
    }
    int matched = 0;
    std::vector<std::string> roles;
    for (const auto& c : t.columns) {
      if (c.roles.empty()) continue;
      ++matched;
      for (const auto& r : c.roles)
        if (std::find(roles.begin(), roles.end(), r.first) == roles.end()) roles.push_back(r.first);
    }
    std::string list;
    for (const std::string& r : roles) list += (list.empty() ? "" : ", ") + r;
    why.push_back(table_name(t.index) + " (" + page_span(t.pages) + ") is a findings table: row " +
                  std::to_string(t.header_row + 1) + " names " + std::to_string(matched) + " of " +
                  std::to_string(t.cols) + " columns (" + list + ")");
  }
  if (findings_tables == 0)
    why.push_back(e.tables.empty() ? "no table was found"
                                   : "none of the " + std::to_string(e.tables.size()) +
                                         " tables has a header row naming what was found or done");
  if (label_columns > 0)
    why.push_back(std::to_string(label_columns) +
                  (label_columns == 1 ? " table is" : " tables are") +
                  " label-value blocks cut into a table (block labels in the first column)");
  const BlockExplanation& b = e.blocks;
  if (!b.tried) {
    why.push_back("block reading not tried: a findings table was found");
    return why;
  }
  if (b.items == 0) {
    why.push_back("block reading found no item (" + std::to_string(b.labels.size()) +
                  " kinds of block label seen)");
    return why;
  }
  std::string labels;
  for (const auto& l : b.labels)
    labels +=
        (labels.empty() ? "" : ", ") + l.label + " (" + l.role + ") x" + std::to_string(l.count);
  why.push_back("block reading: " + std::to_string(b.items) + " items, " +
                std::to_string(b.complete_items) + " with the auditors' text or a heading and a " +
                "measure: fit " + fixed2(b.fit) + (b.chosen ? " >= " : " < ") + fixed2(b.min_fit) +
                (b.chosen ? ", chosen" : ", not chosen"));
  if (!labels.empty()) why.push_back("block labels seen: " + labels);
  int text_labels = 0, inline_values = 0;
  for (const auto& l : b.labels)
    if (l.role == "finding" || l.role == "opinion" || l.role == "measure") {
      text_labels += l.count;
      inline_values += l.inline_values;
    }
  if (text_labels > 0)
    why.push_back(std::to_string(inline_values) + " of " + std::to_string(text_labels) +
                  " labels of the items' texts (finding, opinion, measure) have their value beside "
                  "them rather than below: " +
                  b.kind);
  why.push_back(std::to_string(b.heading_items) + " of " + std::to_string(b.items) +
                " items open with a numbered heading" +
                (b.parent_headings > 0
                     ? " (" + std::to_string(b.parent_headings) + " headings head other headings)"
                     : std::string()));
  if (!b.groups.empty()) {
    std::string groups;
    for (const std::string& g : b.groups) groups += (groups.empty() ? "" : ", ") + g;
    why.push_back("department group headings: " + groups);
  }
  return why;
}

json layout_json(const Explanation& e) {
  json j;
  j["chosen"] = e.layout;
  std::string reading = e.layout == "table"    ? "table reading"
                        : e.layout == "blocks" ? "block reading (" + e.blocks.kind + ")"
                                               : "nothing recognized";
  j["reading"] = reading;
  j["block_kind"] = e.layout == "blocks" ? json(e.blocks.kind) : json(nullptr);
  j["confidence"] = optional_json(e.layout_confidence);
  j["why"] = reasons(e);
  // What the confidence is made of (layout_confidence() in interpret.cpp).
  if (e.layout == "table")
    j["why"].push_back(
        "confidence: the best role score of each header cell that names a role (1 = a "
        "primary header word exactly), averaged per table (x0.9 when only two columns match), "
        "tables weighed by their items");
  else if (e.layout == "blocks")
    j["why"].push_back("confidence: the block reading's fit");
  return j;
}

json document_json(const DocumentInfo& d) {
  json j;
  j["title"] = optional_json(d.title);
  j["theme"] = optional_json(d.theme);
  j["audit_type"] = optional_json(d.audit_type);
  j["audit_fiscal_year"] = optional_json(d.audit_fiscal_year);
  j["report_number"] = optional_json(d.report_number);
  j["notice_date"] = optional_json(d.notice_date);
  j["department"] = optional_json(d.department);
  j["municipality"] = optional_json(d.municipality);
  j["municipality_code"] = optional_json(d.municipality_code);
  j["prefecture"] = optional_json(d.prefecture);
  j["field_confidence"] = confidences(d.field_confidence);
  j["doubtful"] = doubtful(d.field_confidence);
  return j;
}

// Field names of a serialized `field_confidence` object below kDoubtfulConfidence.
json doubtful_of(const json& field_confidence) {
  json j = json::array();
  for (const auto& [k, v] : field_confidence.items())
    if (v.get<double>() < kDoubtfulConfidence) j.push_back(k);
  return j;
}

// An item as `export --format jsonl` writes it (store::finding_json: the schema's keys and
// rounding), without the document it repeats, plus the fields below the doubt line.
json item_json(const DocumentInfo& document, const Finding& f) {
  json j = json::parse(store::finding_json(document, f));
  j.erase("schema");
  j.erase("document");
  j["doubtful"] = doubtful_of(j["field_confidence"]);
  for (json& m : j["measures"]) m["doubtful"] = doubtful_of(m["field_confidence"]);
  return j;
}

}  // namespace

json inspect_report(const InspectInput& in) {
  const Document& doc = *in.doc;
  const Extraction& ex = *in.extraction;
  const Explanation& e = *in.explanation;
  json r;
  r["file"] = doc.path;
  r["sha256"] = doc.sha256;
  r["pipeline"] = in.pipeline;
  r["doubtful_below"] = kDoubtfulConfidence;
  r["page_summary"] = route_counts(ex.page_routes);
  r["pages"] = json::array();
  for (const PageRoute& p : ex.page_routes)
    r["pages"].push_back({{"page", p.page},
                          {"route", p.route},
                          {"text_layer", text_layer_name(p.text_layer)},
                          {"reason", p.reason},
                          {"ocr", optional_json(p.ocr_reason)}});
  r["layout"] = layout_json(e);
  r["tables"] = json::array();
  for (const TableExplanation& t : e.tables) r["tables"].push_back(table_json(t));
  r["blocks"] = blocks_json(e.blocks);
  r["legend"] = json::array();
  for (const auto& [symbol, status] : e.legend)
    r["legend"].push_back({{"symbol", symbol}, {"status", status}});
  r["document"] = document_json(ex.document);
  r["items"] = json::array();
  for (const Finding& f : ex.findings) r["items"].push_back(item_json(ex.document, f));
  return r;
}

}  // namespace kansa::cli
