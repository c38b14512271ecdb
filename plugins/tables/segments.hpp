// Ruling lines -> merged horizontal and vertical segments.
#pragma once

#include <vector>

#include "kansa/model.hpp"

namespace kansa::tables {

// A horizontal segment lies at y = pos from x = lo to x = hi; a vertical one at x = pos from
// y = lo to y = hi.
struct Segment {
  double pos = 0, lo = 0, hi = 0;
};

struct Segments {
  std::vector<Segment> horizontal, vertical;
};

// A box thick both ways: a filled area (cell shading, a table row drawn as a coloured band),
// not a ruling line. Its edges may or may not be grid lines; the caller decides.
bool is_area(const Box& box);

// Classifies rules as horizontal or vertical (a filled rectangle thick both ways contributes
// its four edges), snaps parallel rules within `tolerance` to one position and joins collinear
// pieces that overlap or leave a gap of at most `tolerance`. Output sorted by (pos, lo).
Segments merge_rules(const std::vector<RuleLine>& rules, double tolerance);

}  // namespace kansa::tables
