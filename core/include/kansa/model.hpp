// The data model passed between pipeline stages: plain data, every value with its
// provenance (page, box, method, confidence). No library types here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kansa {

// PDF points, top-left origin of the displayed page, y down.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
};

struct TextSpan {
  std::string text;  // raw UTF-8 as extracted (not normalized)
  Box box;
  double font_size = 0;
  double confidence = 1.0;
};

struct RuleLine {
  Box box;
  bool horizontal() const { return box.width() >= box.height(); }
};

enum class TextLayer { Usable = 0, Absent = 1, Unusable = 2 };

// "usable", "absent", "unusable": the names a verdict is stored and sent under.
inline const char* text_layer_name(TextLayer layer) {
  switch (layer) {
    case TextLayer::Absent:
      return "absent";
    case TextLayer::Unusable:
      return "unusable";
    case TextLayer::Usable:
      break;
  }
  return "usable";
}
inline std::optional<TextLayer> text_layer_named(const std::string& name) {
  if (name == "usable") return TextLayer::Usable;
  if (name == "absent") return TextLayer::Absent;
  if (name == "unusable") return TextLayer::Unusable;
  return std::nullopt;
}

struct Page {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  int rotation = 0;
  std::vector<TextSpan> spans;
  std::vector<RuleLine> rules;
  TextLayer text_layer = TextLayer::Usable;
  std::string text_layer_reason;  // why the verdict, for routing and review
  std::string method = "text";    // "text" or "ocr": how this page's spans were obtained
  std::string ocr_reason;         // the OCR stage's own account, when it read the page
};

// An anchor cell: a merged cell appears once, at its top-left slot.
struct Cell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  int page = 0, last_page = 0;
  Box box;
  std::string text;  // raw, '\n' between lines
  double confidence = 1.0;
};

struct Table {
  std::vector<int> pages;
  int rows = 0, cols = 0;
  std::vector<Cell> cells;
  double confidence = 1.0;
  // The anchor cell covering slot (r, c), or nullptr.
  const Cell* covering(int r, int c) const;
  // Text of the anchor at exactly (r, c), or "" if none anchors there.
  std::string text_at(int r, int c) const;
};

struct Document {
  std::string path;
  std::string file;  // base name
  std::string sha256;
  std::vector<Page> pages;
  std::vector<Table> tables;
};

using FieldConfidence = std::map<std::string, double>;

struct Measure {
  std::optional<std::string> department;
  std::string status = "unknown";  // taken | not_taken | partially_taken | in_progress | unknown
  std::optional<std::string> status_raw;
  std::string text;
  std::optional<std::string> date;  // ISO yyyy-mm-dd
  std::optional<std::string> date_raw;
  double confidence = 0;
  FieldConfidence field_confidence;
};

// A region of a page that a finding was read from: a table cell, or the lines of a labelled
// block. Kept in the database for review (kansa review outlines them on the page image); not
// part of the kansa.finding/1 exports.
struct SourceBox {
  int page = 0;  // 1-based
  Box box;       // PDF points, as the page's spans (top-left origin, y down)
  // What was read from it, by the finding's field names: ref, pages, kind, title, summary,
  // item (kind, title and summary in one cell), measure, status, date, department, several
  // joined with '/' when one cell gives several ("status/date"); "other" for a labelled
  // value that is no field (指摘年月日).
  std::string field;
};

struct Provenance {
  std::vector<int> pages;
  std::string method = "text";  // text | ocr | mixed
  // Where on its pages: the cells of a table row (a cell broken across pages: its part on
  // its first page), or the line boxes of a block per page. Empty for findings stored
  // before schema 4.
  std::vector<SourceBox> boxes;
};

struct Finding {
  int ordinal = 0;
  std::optional<std::string> ref;
  std::string kind = "unknown";  // finding | opinion | unknown
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::vector<int> report_pages;
  std::vector<Measure> measures;
  Provenance source;
  double confidence = 0;
  FieldConfidence field_confidence;
};

struct DocumentInfo {
  std::string sha256;
  std::string file;
  int pages = 0;
  std::optional<std::string> municipality;
  std::optional<std::string> municipality_code;
  std::optional<std::string> prefecture;
  std::optional<std::string> audit_type;
  std::optional<int> audit_fiscal_year;
  std::optional<std::string> title;
  std::optional<std::string> theme;
  std::optional<std::string> report_number;
  std::optional<std::string> notice_date;
  std::optional<std::string> department;
  FieldConfidence field_confidence;
  // The publisher's date of the document (ISO), as an ingest manifest gives it. Not a field of
  // kansa.finding/1: kept in the database only (documents.published), not exported.
  std::optional<std::string> published;
};

// How one page of a document was read, and why: kept with the document for review
// (`kansa status --pages`).
struct PageRoute {
  int page = 0;                              // 1-based
  std::string route = "text";                // text | ocr | none (nothing read from it)
  TextLayer text_layer = TextLayer::Usable;  // the extractor's verdict on its text layer
  std::string text_layer_reason;             // the extractor's reason ("" when usable)
  std::optional<std::string> ocr_reason;     // the OCR stage's account, when it read the page
  std::string reason;                        // why this route, in words
};

// What the pipeline makes of one document.
struct Extraction {
  DocumentInfo document;
  std::vector<Finding> findings;
  std::vector<PageRoute> page_routes;  // one per page, by page number
};

}  // namespace kansa
