// Tables without ruling lines ("stream"): text aligned in whitespace-separated columns.
#pragma once

#include <vector>

#include "found_table.hpp"
#include "kansa/model.hpp"

namespace kansa::tables {

// Finds unruled tables among the glyphs of `page` whose centres lie outside `taken` (the boxes
// of tables already found). A candidate is a run of consecutive text lines most of which break
// into several chunks at wide gaps, with the gaps lining up into column gutters. Emitted only
// when the evidence is strong (several rows, most rows filling two or more columns, not two
// columns of running prose), one row per text line.
std::vector<FoundTable> find_stream_tables(const Page& page, const std::vector<Box>& taken,
                                           const Options& options);

}  // namespace kansa::tables
