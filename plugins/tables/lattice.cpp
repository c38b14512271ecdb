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

// Builds the grid of one connected set of rules; false if it is no table.
bool build_grid(const Component& comp, const Page& page, const Options& opt, FoundTable& out) {
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
  xs = boundaries(std::move(xs), min_gap);
  ys = boundaries(std::move(ys), min_gap);
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
  if (rows < 1 || cols < 1 || rows * cols < 2) return false;

  // Slots not separated by a drawn edge belong to one cell.
  const double match = min_gap;  // a boundary may have moved by collapsing
  DisjointSets slots(static_cast<size_t>(rows * cols));
  auto id = [cols](int r, int c) { return static_cast<size_t>(r * cols + c); };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c + 1 < cols; ++c)
      if (coverage(comp.v, xs[c + 1], ys[r], ys[r + 1], match) < kEdgeCoverage)
        slots.unite(id(r, c), id(r, c + 1));
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c < cols; ++c)
      if (coverage(comp.h, ys[r + 1], xs[c], xs[c + 1], match) < kEdgeCoverage)
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
  t.confidence = framed ? 0.95 : 0.85;
  out.col_edges = xs;
  out.box = {xs.front(), ys.front(), xs.back(), ys.back()};
  out.ruled = true;
  return true;
}

}  // namespace

std::vector<FoundTable> find_lattice_tables(const Page& page, const Options& options) {
  const Segments segs = merge_rules(page.rules, options.snap_tolerance);
  std::vector<FoundTable> tables;
  for (const Component& comp : components(segs, options.snap_tolerance)) {
    FoundTable found;
    if (build_grid(comp, page, options, found)) tables.push_back(std::move(found));
  }
  std::sort(tables.begin(), tables.end(), [](const FoundTable& a, const FoundTable& b) {
    return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
  });
  return tables;
}

}  // namespace kansa::tables
