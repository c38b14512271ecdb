#include "lattice.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cell_text.hpp"
#include "segments.hpp"

namespace kansa::tables {
namespace {

// Shorter rule pieces are text decorations (underlines, strike-throughs), not grid lines.
constexpr double kMinSegmentLength = 4.0;
// A grid edge counts as drawn when rules cover at least this fraction of it.
constexpr double kEdgeCoverage = 0.5;

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(size_t a, size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<size_t> parent_;
};

bool crosses(const Segment& h, const Segment& v, double tol) {
  return v.pos >= h.lo - tol && v.pos <= h.hi + tol && h.pos >= v.lo - tol && h.pos <= v.hi + tol;
}

// Sorted positions with near-duplicates (double borders, snapping leftovers) collapsed; the
// outermost positions are kept so that the table keeps its extent.
std::vector<double> boundaries(std::vector<double> pos, double min_gap) {
  std::sort(pos.begin(), pos.end());
  std::vector<double> out;
  for (size_t i = 0; i < pos.size(); ++i) {
    if (out.empty() || pos[i] - out.back() >= min_gap) {
      out.push_back(pos[i]);
    } else if (i + 1 == pos.size() && out.size() > 1) {
      out.back() = pos[i];
    }
  }
  return out;
}

// Two boundaries closer than the text is tall, with no glyph between them, are one thick rule
// drawn double (or as a band between two hairlines): the slot between them is no row (column,
// with `across` false) and the pair becomes one boundary. `box` is the table's extent; slivers
// wider than `max_width` are kept, so that the merged boundary stays within reach of both
// rules when edges are checked for being drawn.
std::vector<double> without_empty_slivers(const std::vector<double>& edges,
                                          const std::vector<TextSpan>& spans, const Box& box,
                                          bool across, double max_width) {
  std::vector<double> heights, centres;
  for (const TextSpan& s : spans) {
    const double x = s.box.cx(), y = s.box.cy();
    if (s.text == " " || x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1) continue;
    heights.push_back(s.font_size > 0 ? s.font_size : std::max(s.box.width(), s.box.height()));
    centres.push_back(across ? y : x);
  }
  if (heights.empty() || edges.size() < 3) return edges;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const double sliver = std::min(0.9 * heights[heights.size() / 2], max_width);
  std::vector<double> out{edges.front()};
  for (size_t i = 1; i < edges.size(); ++i) {
    const double a = out.back(), b = edges[i];
    const bool empty =
        std::none_of(centres.begin(), centres.end(), [&](double c) { return c > a && c < b; });
    const bool keeps_a_slot = out.size() > 1 || i + 1 < edges.size();
    if (b - a < sliver && empty && keeps_a_slot) {
      out.back() = (a + b) / 2;
    } else {
      out.push_back(b);
    }
  }
  return out;
}

// Fraction of [a, b] covered by segments lying within `tol` of position `at`.
double coverage(const std::vector<Segment>& segs, double at, double a, double b, double tol) {
  if (b <= a) return 1.0;
  std::vector<std::pair<double, double>> parts;
  for (const Segment& s : segs)
    if (std::fabs(s.pos - at) <= tol) {
      const double lo = std::max(a, s.lo), hi = std::min(b, s.hi);
      if (hi > lo) parts.push_back({lo, hi});
    }
  std::sort(parts.begin(), parts.end());
  double covered = 0, reach = a;
  for (auto [lo, hi] : parts) {
    lo = std::max(lo, reach);
    if (hi > lo) covered += hi - lo;
    reach = std::max(reach, hi);
  }
  return covered / (b - a);
}

struct Component {
  std::vector<Segment> h, v;
};

std::vector<Component> components(const Segments& segs, double tol) {
  std::vector<Segment> h, v;
  for (const Segment& s : segs.horizontal)
    if (s.hi - s.lo >= kMinSegmentLength) h.push_back(s);
  for (const Segment& s : segs.vertical)
    if (s.hi - s.lo >= kMinSegmentLength) v.push_back(s);
  DisjointSets sets(h.size() + v.size());
  for (size_t i = 0; i < h.size(); ++i)
    for (size_t j = 0; j < v.size(); ++j)
      if (crosses(h[i], v[j], tol)) sets.unite(i, h.size() + j);
  std::vector<Component> comps(h.size() + v.size());
  for (size_t i = 0; i < h.size(); ++i) comps[sets.find(i)].h.push_back(h[i]);
  for (size_t j = 0; j < v.size(); ++j) comps[sets.find(h.size() + j)].v.push_back(v[j]);
  std::vector<Component> out;
  for (Component& c : comps)
    if (c.h.size() >= 2 && c.v.size() >= 2) out.push_back(std::move(c));
  return out;
}

// Where a grid's lines come from. Filled areas (cell backgrounds, bands) also frame single
// boxes, panels, tabs and stacked bars, so a grid of them must have at least two rows and two
// columns (a column of bands is zebra striping over what may be an unruled table) and be
// largely painted.
enum class GridKind { Ruled, Filled };

// True if one of `areas` covers both points: two slots painted as one cell.
bool painted_together(const std::vector<RuleLine>& areas, double ax, double ay, double bx,
                      double by) {
  return std::any_of(areas.begin(), areas.end(), [&](const RuleLine& a) {
    const Box& b = a.box;
    return ax > b.x0 && ax < b.x1 && ay > b.y0 && ay < b.y1 && bx > b.x0 && bx < b.x1 &&
           by > b.y0 && by < b.y1;
  });
}

// Builds the grid of one connected set of rules (for a Filled grid, with the areas among
// them); false if it is no table.
bool build_grid(const Component& comp, const Page& page, const Options& opt, GridKind kind,
                const std::vector<RuleLine>& areas, FoundTable& out) {
  const double tol = opt.snap_tolerance;
  Box box{1e300, 1e300, -1e300, -1e300};
  for (const Segment& s : comp.h) {
    box.x0 = std::min(box.x0, s.lo), box.x1 = std::max(box.x1, s.hi);
    box.y0 = std::min(box.y0, s.pos), box.y1 = std::max(box.y1, s.pos);
  }
  for (const Segment& s : comp.v) {
    box.y0 = std::min(box.y0, s.lo), box.y1 = std::max(box.y1, s.hi);
    box.x0 = std::min(box.x0, s.pos), box.x1 = std::max(box.x1, s.pos);
  }
  const double min_gap = std::max(2.5 * tol, 4.0);
  std::vector<double> xs{box.x0, box.x1}, ys{box.y0, box.y1};
  for (const Segment& s : comp.v) xs.push_back(s.pos);
  for (const Segment& s : comp.h) ys.push_back(s.pos);
  xs = without_empty_slivers(boundaries(std::move(xs), min_gap), page.spans, box, false,
                             2 * min_gap);
  ys =
      without_empty_slivers(boundaries(std::move(ys), min_gap), page.spans, box, true, 2 * min_gap);
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
  if (rows < 1 || cols < 1 || rows * cols < 2) return false;
  if (kind == GridKind::Filled && (rows < 2 || cols < 2)) return false;
  if (kind == GridKind::Filled) {
    // Tables drawn with fills are mostly painted (every cell, or every other row); a tab or
    // a sidebar box meeting page-frame rules is not.
    double paint = 0;
    for (const RuleLine& a : areas) {
      const double w = std::min(a.box.x1, xs.back()) - std::max(a.box.x0, xs.front());
      const double h = std::min(a.box.y1, ys.back()) - std::max(a.box.y0, ys.front());
      if (w > 0 && h > 0) paint += w * h;
    }
    if (paint < 0.3 * (xs.back() - xs.front()) * (ys.back() - ys.front())) return false;
  }

  // Slots not separated by a drawn edge belong to one cell. In a grid of filled cells the
  // unpainted gaps (white rows between coloured ones) have no edges of their own, so there
  // slots are one cell only where one area paints both.
  const double match = min_gap;  // a boundary may have moved by collapsing
  DisjointSets slots(static_cast<size_t>(rows * cols));
  auto id = [cols](int r, int c) { return static_cast<size_t>(r * cols + c); };
  auto mid = [](const std::vector<double>& v, int i) { return (v[i] + v[i + 1]) / 2; };
  const bool filled = kind == GridKind::Filled;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c + 1 < cols; ++c)
      if (coverage(comp.v, xs[c + 1], ys[r], ys[r + 1], match) < kEdgeCoverage &&
          (!filled || painted_together(areas, mid(xs, c), mid(ys, r), mid(xs, c + 1), mid(ys, r))))
        slots.unite(id(r, c), id(r, c + 1));
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c < cols; ++c)
      if (coverage(comp.h, ys[r + 1], xs[c], xs[c + 1], match) < kEdgeCoverage &&
          (!filled || painted_together(areas, mid(xs, c), mid(ys, r), mid(xs, c), mid(ys, r + 1))))
        slots.unite(id(r, c), id(r + 1, c));

  // Each group becomes its bounding rectangle of slots, anchored at the top-left slot.
  std::vector<int> r0(rows * cols, rows), c0(rows * cols, cols), r1(rows * cols, -1),
      c1(rows * cols, -1);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const size_t g = slots.find(id(r, c));
      r0[g] = std::min(r0[g], r), c0[g] = std::min(c0[g], c);
      r1[g] = std::max(r1[g], r), c1[g] = std::max(c1[g], c);
    }
  Table& t = out.table;
  t.rows = rows;
  t.cols = cols;
  t.pages = {page.number};
  std::vector<bool> claimed(rows * cols, false);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const size_t g = slots.find(id(r, c));
      if (r0[g] != r || c0[g] != c || claimed[id(r, c)]) continue;
      Cell cell;
      cell.row = r, cell.col = c;
      cell.rowspan = r1[g] - r + 1, cell.colspan = c1[g] - c + 1;
      for (int rr = r; rr <= r1[g]; ++rr)
        for (int cc = c; cc <= c1[g]; ++cc) claimed[id(rr, cc)] = true;
      cell.page = cell.last_page = page.number;
      cell.box = {xs[c], ys[r], xs[c1[g] + 1], ys[r1[g] + 1]};
      t.cells.push_back(cell);
    }
  if (t.cells.size() < 2) return false;
  fill_cell_text(t, page.spans);
  const bool has_text =
      std::any_of(t.cells.begin(), t.cells.end(), [](const Cell& c) { return !c.text.empty(); });
  if (!has_text) return false;

  // A frame drawn on all four sides is the surest sign of a real table.
  const bool framed = coverage(comp.v, xs.front(), ys.front(), ys.back(), match) > 0.9 &&
                      coverage(comp.v, xs.back(), ys.front(), ys.back(), match) > 0.9 &&
                      coverage(comp.h, ys.front(), xs.front(), xs.back(), match) > 0.9 &&
                      coverage(comp.h, ys.back(), xs.front(), xs.back(), match) > 0.9;
  t.confidence = kind == GridKind::Filled ? 0.85 : framed ? 0.95 : 0.85;
  out.col_edges = xs;
  out.box = {xs.front(), ys.front(), xs.back(), ys.back()};
  out.ruled = true;
  return true;
}

}  // namespace

std::vector<FoundTable> find_lattice_tables(const Page& page, const Options& options) {
  const double tol = options.snap_tolerance;
  std::vector<RuleLine> rules, areas;
  for (const RuleLine& r : page.rules) (is_area(r.box) ? areas : rules).push_back(r);
  std::vector<FoundTable> tables;
  for (const Component& comp : components(merge_rules(rules, tol), tol)) {
    FoundTable found;
    if (build_grid(comp, page, options, GridKind::Ruled, {}, found))
      tables.push_back(std::move(found));
  }

  // Areas: inside a ruled table they are cell shading, whose edges would only add false grid
  // lines. Elsewhere a table may be drawn with filled cells or bands alone, so their edges
  // (with any stray rules there) are tried as rules too.
  auto in_ruled_table = [&](const Box& b) {
    return std::any_of(tables.begin(), tables.end(), [&](const FoundTable& t) {
      return b.cx() >= t.box.x0 - tol && b.cx() <= t.box.x1 + tol && b.cy() >= t.box.y0 - tol &&
             b.cy() <= t.box.y1 + tol;
    });
  };
  std::vector<RuleLine> painted;
  for (const RuleLine& a : areas)
    if (!in_ruled_table(a.box)) painted.push_back(a);
  if (!painted.empty()) {
    std::vector<RuleLine> outside = painted;
    for (const RuleLine& r : rules)
      if (!in_ruled_table(r.box)) outside.push_back(r);
    const size_t ruled = tables.size();
    for (const Component& comp : components(merge_rules(outside, tol), tol)) {
      FoundTable found;
      if (!build_grid(comp, page, options, GridKind::Filled, painted, found)) continue;
      const bool overlaps = std::any_of(tables.begin(), tables.begin() + ruled, [&](auto& t) {
        return found.box.x0 < t.box.x1 && t.box.x0 < found.box.x1 && found.box.y0 < t.box.y1 &&
               t.box.y0 < found.box.y1;
      });
      if (!overlaps) tables.push_back(std::move(found));
    }
  }
  std::sort(tables.begin(), tables.end(), [](const FoundTable& a, const FoundTable& b) {
    return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
  });
  return tables;
}

}  // namespace kansa::tables
