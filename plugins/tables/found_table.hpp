// What the tables plugin finds on a page before cross-page stitching: a kansa::Table plus the
// geometry stitching needs (column edges, the table's box).
#pragma once

#include <vector>

#include "kansa/model.hpp"

namespace kansa::tables {

struct Options {
  double snap_tolerance = 2.0;  // points: rule ends and parallel rules closer than this meet
  int min_rows = 2;             // smaller grids are not reported
  bool stream = true;           // also look for tables without ruling lines
  bool stitch_pages = true;     // join a table continued on the next page
};

struct FoundTable {
  Table table;                    // rows, cols, anchor cells (page/last_page set), pages
  std::vector<double> col_edges;  // cols + 1 x positions, left to right
  Box box;                        // on the table's last page part
  bool ruled = true;              // lattice (true) or stream (false)
};

}  // namespace kansa::tables
