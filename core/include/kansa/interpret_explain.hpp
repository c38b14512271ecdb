// What interpretation recognized in a document, for `kansa inspect`: each table's header
// row and column roles, and the legend read from the text.
#pragma once

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
  int index = 0;            // position in Document::tables
  bool recognized = false;  // read as a findings table
  bool inherited = false;   // no header of its own: roles taken from the previous table
  int header_row = -1;
  int first_data_row = 0;
  std::vector<ColumnExplanation> columns;
  int findings = 0;  // findings read from this table
};

struct Explanation {
  std::vector<TableExplanation> tables;
  std::vector<std::pair<std::string, std::string>> legend;  // symbol -> status
};

// Same reading as interpret(); throws as interpret() does.
Explanation explain(const Document& doc, const Options& options);

}  // namespace kansa::interpret
