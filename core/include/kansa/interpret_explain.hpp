// What interpretation recognized in a document, for `kansa inspect`: the layout chosen (table
// reading or block reading) and the evidence for it: each table's header row and column
// roles, the block labels and headings seen, and the legend read from the text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kansa/interpret.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

struct ColumnExplanation {
  int col = 0;
  std::string header;  // normalized header text
  // role name and match score; status_flag roles are written "status_flag:<status>".
  std::vector<std::pair<std::string, double>> roles;
};

struct TableExplanation {
  int index = 0;  // position in Document::tables
  std::vector<int> pages;
  int rows = 0, cols = 0;
  bool recognized = false;  // read as a findings table
  bool inherited = false;   // no header of its own: roles taken from the previous table
  // A header row matched, but the first column holds block labels (指摘事項 | …, 措置の内容 |
  // …): a label-value layout cut into a table, so not a findings table.
  bool label_column = false;
  int header_row = -1;
  int first_data_row = 0;
  std::vector<ColumnExplanation> columns;
  int findings = 0;           // findings read from this table
  int repeated_headers = 0;   // rows skipped as the header printed again
  int merged_rows = 0;        // rows read with the row before them (cut by a page break)
  int continuation_rows = 0;  // rows appended to the previous finding's last measure
};

// A block label seen in the text (指摘事項, ［措置結果］ ...), what it stands for and how often.
struct BlockLabelSeen {
  std::string label;  // the vocabulary entry matched (compact-normalized)
  std::string role;   // finding, opinion, measure, measure_date, other_date, status, department
  int count = 0;
  int inline_values = 0;  // lines with the value beside the label (指摘事項  …), not below it
};

// The block reader's account. Tried only when no table is a findings table.
struct BlockExplanation {
  bool tried = false;
  bool chosen = false;  // its findings are the document's
  double fit = 0;       // share of items with the auditors' text (or a heading) and a measure
  double min_fit = 0;   // the least fit for which the reading is chosen
  // "label-value blocks" when most labels of the items' texts (finding, opinion, measure)
  // have the value beside them (指摘事項  …, a form), "heading blocks" when they head a
  // paragraph below them (［監査結果］ over its text); "" when no item was found.
  std::string kind;
  int items = 0;            // items with a text or a measure block
  int complete_items = 0;   // items with both
  int heading_items = 0;    // items opened by a numbered heading ((1) …, ア …)
  int parent_headings = 0;  // headings over other headings (⑴ over ア): part of their refs
  std::vector<BlockLabelSeen> labels;
  std::vector<std::string> groups;  // department group headings (【土木部】), in order
};

struct Explanation {
  // "table" (findings tables read row by row), "blocks" (block reading), "none".
  std::string layout = "none";
  // Confidence of the choice, from the evidence (see layout_confidence() in interpret.cpp);
  // nullopt when nothing was recognized.
  std::optional<double> layout_confidence;
  std::vector<TableExplanation> tables;
  BlockExplanation blocks;
  std::vector<std::pair<std::string, std::string>> legend;  // symbol -> status
};

// Same reading as interpret(); throws as interpret() does.
Explanation explain(const Document& doc, const Options& options);

}  // namespace kansa::interpret
