// Turns painted path geometry (already in page coordinates: points, top-left origin,
// y down) into ruling lines. Pure geometry, no Poppler types.
#pragma once

#include <optional>
#include <span>

#include "kansa/plugin_abi.h"

namespace kansa::pdftext {

struct Point {
  double x = 0, y = 0;
};

struct RuleLimits {
  double min_length = 3.0;     // shorter marks (bullets, glyph-like dashes) are not rules
  double max_thickness = 3.0;  // a filled rectangle thicker than this is an area, not a rule
  bool areas = false;          // report such areas too (as boxes thick both ways)
};

// A stroked straight segment a-b drawn with line width `width` -> a rule box when it is
// horizontal or vertical (within a small tolerance) and at least `min_length` long. The box
// is centred on the segment and `width` thick (a zero "hairline" width counts as 0.1 pt).
std::optional<kansa_box> stroked_segment_rule(Point a, Point b, double width,
                                              const RuleLimits& limits);

// A filled polygon -> a rule box when it is an axis-aligned rectangle at most
// `max_thickness` thin and at least `min_length` long; with `areas`, a thicker such rectangle
// (a cell background, a table band) -> its box too, and the consumer tells rules from areas
// by thickness. `corners` are the subpath's points; a repeated first point at the end is
// allowed.
std::optional<kansa_box> filled_rectangle_rule(std::span<const Point> corners,
                                               const RuleLimits& limits);

// `box` cut to the page [0,width] x [0,height]; nullopt when nothing of it is on the page.
std::optional<kansa_box> clip_to_page(kansa_box box, double width, double height);

}  // namespace kansa::pdftext
