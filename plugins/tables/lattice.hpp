// Ruled ("lattice") tables: grids drawn with ruling lines.
#pragma once

#include <vector>

#include "found_table.hpp"
#include "kansa/model.hpp"

namespace kansa::tables {

// Finds the ruled tables of one page, top to bottom. A table is a connected set of horizontal
// and vertical rules; its row and column boundaries are the rules' positions; grid slots not
// separated by an actual rule segment form one merged cell (rowspan/colspan). Cell text comes
// from the glyphs whose centres fall in the cell. Grids of a single slot and grids without any
// text are not tables.
std::vector<FoundTable> find_lattice_tables(const Page& page, const Options& options);

}  // namespace kansa::tables
