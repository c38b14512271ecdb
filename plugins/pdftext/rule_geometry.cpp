#include "rule_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace kansa::pdftext {

namespace {

// How far a segment may lean and still count as horizontal/vertical: half a point, or 2%
// of its length for long lines drawn with rounding in their coordinates.
bool is_aligned(double along, double across) {
  return std::abs(across) <= std::max(0.5, 0.02 * std::abs(along));
}

constexpr double kHairline = 0.1;

}  // namespace

std::optional<kansa_box> stroked_segment_rule(Point a, Point b, double width,
                                              const RuleLimits& limits) {
  const double half = std::max(width, kHairline) / 2;
  const double dx = b.x - a.x, dy = b.y - a.y;
  if (std::abs(dx) >= limits.min_length && is_aligned(dx, dy)) {
    const double y = (a.y + b.y) / 2;
    return kansa_box{std::min(a.x, b.x), y - half, std::max(a.x, b.x), y + half};
  }
  if (std::abs(dy) >= limits.min_length && is_aligned(dy, dx)) {
    const double x = (a.x + b.x) / 2;
    return kansa_box{x - half, std::min(a.y, b.y), x + half, std::max(a.y, b.y)};
  }
  return std::nullopt;
}

std::optional<kansa_box> filled_rectangle_rule(std::span<const Point> corners,
                                               const RuleLimits& limits) {
  if (corners.size() == 5 && std::abs(corners[4].x - corners[0].x) < 1e-6 &&
      std::abs(corners[4].y - corners[0].y) < 1e-6) {
    corners = corners.first(4);
  }
  if (corners.size() != 4) return std::nullopt;
  kansa_box box{corners[0].x, corners[0].y, corners[0].x, corners[0].y};
  for (const Point& p : corners) {
    box.x0 = std::min(box.x0, p.x);
    box.y0 = std::min(box.y0, p.y);
    box.x1 = std::max(box.x1, p.x);
    box.y1 = std::max(box.y1, p.y);
  }
  // Every corner must sit on a corner of the bounding box, and consecutive corners must
  // share an x or a y: otherwise it is a rotated rectangle or another quadrilateral.
  constexpr double kTol = 0.01;
  auto near = [](double u, double v) { return std::abs(u - v) <= kTol; };
  for (std::size_t i = 0; i < 4; ++i) {
    const Point& p = corners[i];
    const Point& q = corners[(i + 1) % 4];
    if (!(near(p.x, box.x0) || near(p.x, box.x1)) || !(near(p.y, box.y0) || near(p.y, box.y1)))
      return std::nullopt;
    if (!near(p.x, q.x) && !near(p.y, q.y)) return std::nullopt;
  }
  const double w = box.x1 - box.x0, h = box.y1 - box.y0;
  if (std::min(w, h) > limits.max_thickness && !limits.areas) return std::nullopt;
  if (std::max(w, h) < limits.min_length) return std::nullopt;
  return box;
}

std::optional<kansa_box> clip_to_page(kansa_box box, double width, double height) {
  kansa_box out{std::max(box.x0, 0.0), std::max(box.y0, 0.0), std::min(box.x1, width),
                std::min(box.y1, height)};
  if (out.x0 > out.x1 || out.y0 > out.y1) return std::nullopt;
  return out;
}

}  // namespace kansa::pdftext
