// Table ruling lines found in a binary page image by morphology, and the cells they enclose.
#pragma once

#include <vector>

#include "leptonica_raii.hpp"

namespace kansa::ocr {

struct RulingLines {
  std::vector<PixelRect> horizontal, vertical;  // one box per line, thickness included
  PixPtr mask;  // 1 bpp, the line pixels (same size as the page image)
};

// Opens `binary` with long thin structuring elements (horizontal ones at least 0.3 in,
// vertical ones at least 0.22 in: longer than any stroke of a glyph at text sizes), closes
// small breaks along each line, and keeps the components that stay thin (at most 0.04 in).
RulingLines find_ruling_lines(PIX* binary, double dpi);

struct Grid {
  PixelRect bounds;              // the table's extent
  std::vector<PixelRect> cells;  // interiors of the rectangles between its lines
};

// Tables from the ruling lines: each connected set of lines spanning at least 0.3 in both
// ways is one grid; its outline is closed (a table cut by a page break has no bottom line)
// and the white regions inside it are its cells, lines excluded.
std::vector<Grid> find_grids(const RulingLines& lines, double dpi);

}  // namespace kansa::ocr
