#include "orientation.hpp"

#include <algorithm>
#include <cmath>

namespace kansa::tables {
namespace {

// Downwards text becomes rightwards by (x, y) -> (y, W - x); upwards by (x, y) -> (H - y, x).
Box turn(const Box& b, const Page& page, TextRun run) {
  if (run == TextRun::Downwards) return {b.y0, page.width - b.x1, b.y1, page.width - b.x0};
  if (run == TextRun::Upwards) return {page.height - b.y1, b.x0, page.height - b.y0, b.x1};
  return b;
}

}  // namespace

TextRun text_run(const Page& page) {
  size_t right = 0, down = 0, up = 0;
  for (size_t i = 1; i < page.spans.size(); ++i) {
    const Box &a = page.spans[i - 1].box, &b = page.spans[i].box;
    const double size = std::max({a.width(), a.height(), 1.0});
    const double dx = b.cx() - a.cx(), dy = b.cy() - a.cy();
    if (std::hypot(dx, dy) > 1.5 * size) continue;  // not neighbours within a word
    if (dx > 2 * std::fabs(dy)) ++right;
    if (dy > 2 * std::fabs(dx)) ++down;
    if (-dy > 2 * std::fabs(dx)) ++up;
  }
  // Rotated text must clearly dominate: upright Japanese text also has vertical neighbours
  // (stacked short lines), so demand a large majority.
  if (down > 3 * (right + up) && down >= 10) return TextRun::Downwards;
  if (up > 3 * (right + down) && up >= 10) return TextRun::Upwards;
  return TextRun::Rightwards;
}

Page upright(const Page& page, TextRun run) {
  if (run == TextRun::Rightwards) return page;
  Page out = page;
  out.width = page.height;
  out.height = page.width;
  for (TextSpan& s : out.spans) s.box = turn(s.box, page, run);
  for (RuleLine& r : out.rules) r.box = turn(r.box, page, run);
  return out;
}

Box to_original(const Box& b, const Page& page, TextRun run) {
  if (run == TextRun::Downwards) return {page.width - b.y1, b.x0, page.width - b.y0, b.x1};
  if (run == TextRun::Upwards) return {b.y0, page.height - b.x1, b.y1, page.height - b.x0};
  return b;
}

}  // namespace kansa::tables
