// Which column of a table holds what: the header row is found and each header's text is
// matched against the vocabulary's column headers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpret/vocabulary.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

// Roles: ref, pages, item, summary, title, kind, department, measure, status, date, and
// status_flag (a column headed by a status word itself; `value` is that status).
struct RoleMatch {
  std::string role;
  double score = 0;    // evidence in [0, 1]: 1 = a primary header exactly
  bool exact = false;  // the whole header is this vocabulary entry
  std::string value;   // status_flag: the status
};

struct ColumnInfo {
  int col = 0;
  std::string header;  // normalized header text ("" if none)
  std::vector<RoleMatch> roles;
};

struct TableLayout {
  bool recognized = false;
  int header_row = -1;  // -1: no header in this table (roles inherited)
  int first_data_row = 0;
  std::vector<ColumnInfo> columns;
  std::vector<std::u32string> header_keys;  // compact header text per column, to spot repeats

  // The column carrying `role` with the best score, or -1.
  int column_of(const std::string& role) const;
  const RoleMatch* match(int col, const std::string& role) const;
  bool has(const std::string& role) const { return column_of(role) >= 0; }
};

// Roles named by one header text (may be several: 措置分類 措置日 (予定日)).
std::vector<RoleMatch> match_header(std::string_view header, const Vocabulary& vocab);

// Finds the header row among the first rows of `table` and the role of each column.
// `recognized` is false when no row looks like a header of a findings table.
TableLayout recognize_columns(const Table& table, const Vocabulary& vocab);

// True when row `r` repeats the header (a header row printed again on a later page).
bool is_repeated_header(const Table& table, int r, const TableLayout& layout,
                        const Vocabulary& vocab);

}  // namespace kansa::interpret
