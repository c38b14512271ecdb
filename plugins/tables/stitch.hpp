// Cross-page stitching: a table that continues on the next page is reported once.
#pragma once

#include <vector>

#include "found_table.hpp"

namespace kansa::tables {

// `tables` in document order (page, then top to bottom). The first table of a page continues
// the last table of the previous page when both are of the same kind (ruled or not) and have
// the same columns (count equal, every edge within a few points). When joined:
//  - a repeated header (the continuation's first rows fill the same cells as the first
//    table's header rows, with texts at least 0.8 similar, whitespace ignored: OCR and
//    broken text layers rarely repeat a header exactly) is dropped;
//  - a first row whose first column is empty is the rest of the previous page's last row: its
//    cells' text is appended (after '\n') to the cells above, whose last_page moves on;
//  - the remaining rows are appended; `pages` lists every page the table is on.
std::vector<FoundTable> stitch_pages(std::vector<FoundTable> tables);

}  // namespace kansa::tables
