#include "segments.hpp"

#include <algorithm>

namespace kansa::tables {
namespace {

// Thicker than this both ways, a rule is a filled area (cell shading): its edges are rules.
constexpr double kMaxRuleThickness = 3.0;

std::vector<Segment> snap_and_join(std::vector<Segment> raw, double tol) {
  std::sort(raw.begin(), raw.end(),
            [](const Segment& a, const Segment& b) { return a.pos < b.pos; });
  std::vector<Segment> out;
  size_t i = 0;
  while (i < raw.size()) {
    // One cluster of (nearly) the same position, chained: each member within tol of the last.
    size_t j = i + 1;
    while (j < raw.size() && raw[j].pos - raw[j - 1].pos <= tol) ++j;
    double pos_sum = 0, weight = 0;
    for (size_t k = i; k < j; ++k) {
      const double len = std::max(raw[k].hi - raw[k].lo, 0.1);
      pos_sum += raw[k].pos * len;
      weight += len;
    }
    const double pos = pos_sum / weight;
    std::vector<Segment> cluster(raw.begin() + i, raw.begin() + j);
    std::sort(cluster.begin(), cluster.end(),
              [](const Segment& a, const Segment& b) { return a.lo < b.lo; });
    Segment cur{pos, cluster.front().lo, cluster.front().hi};
    for (size_t k = 1; k < cluster.size(); ++k) {
      if (cluster[k].lo <= cur.hi + tol) {
        cur.hi = std::max(cur.hi, cluster[k].hi);
      } else {
        out.push_back(cur);
        cur = {pos, cluster[k].lo, cluster[k].hi};
      }
    }
    out.push_back(cur);
    i = j;
  }
  std::sort(out.begin(), out.end(), [](const Segment& a, const Segment& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.lo < b.lo;
  });
  return out;
}

}  // namespace

bool is_area(const Box& box) {
  return box.width() > kMaxRuleThickness && box.height() > kMaxRuleThickness;
}

Segments merge_rules(const std::vector<RuleLine>& rules, double tolerance) {
  std::vector<Segment> h, v;
  for (const RuleLine& r : rules) {
    const Box& b = r.box;
    const double w = b.width(), ht = b.height();
    if (w <= kMaxRuleThickness && ht <= kMaxRuleThickness) continue;  // a dot
    if (ht <= kMaxRuleThickness && w > ht) {
      h.push_back({b.cy(), b.x0, b.x1});
    } else if (w <= kMaxRuleThickness && ht > w) {
      v.push_back({b.cx(), b.y0, b.y1});
    } else {
      h.push_back({b.y0, b.x0, b.x1});
      h.push_back({b.y1, b.x0, b.x1});
      v.push_back({b.x0, b.y0, b.y1});
      v.push_back({b.x1, b.y0, b.y1});
    }
  }
  return {snap_and_join(std::move(h), tolerance), snap_and_join(std::move(v), tolerance)};
}

}  // namespace kansa::tables
