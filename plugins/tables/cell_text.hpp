// Text of table cells: each glyph belongs to the cell containing its centre.
#pragma once

#include <vector>

#include "kansa/model.hpp"

namespace kansa::tables {

// Sets text and confidence of every anchor cell of `table` from the spans whose centres lie in
// the cell's box (lines top to bottom, left to right, via kansa::layout). A cell whose glyphs
// are turned by a quarter (a vertical column heading in an upright table) is read along its
// run instead. Returns how many spans were placed in some cell.
size_t fill_cell_text(Table& table, const std::vector<TextSpan>& spans);

}  // namespace kansa::tables
