#include "cell_text.hpp"

#include <algorithm>

#include "kansa/layout.hpp"

namespace kansa::tables {
namespace {

// A glyph turned by a quarter has a box as wide as an upright one is tall and as tall as its
// advance: mostly wider than tall, which upright glyphs (Latin or CJK) never clearly are.
bool wide_glyph(const TextSpan& s) { return s.box.width() > 1.2 * s.box.height(); }
bool tall_glyph(const TextSpan& s) { return s.box.height() > 1.2 * s.box.width(); }

// The spans of a cell whose text runs up or down (two glyphs or more, most of them wide and
// hardly any tall: wide letters such as 'm' turned come out about square),
// turned so that it runs rightwards: then the usual line assembly reads it. Whether it runs
// up or down comes from the order the extractor gave the glyphs in (reading order). Empty if
// the cell's text is upright.
std::vector<TextSpan> turned_upright(const std::vector<TextSpan>& spans) {
  size_t wide = 0, tall = 0, glyphs = 0;
  for (const TextSpan& s : spans)
    if (s.text != " ") ++glyphs, wide += wide_glyph(s), tall += tall_glyph(s);
  if (glyphs < 2 || 3 * wide < 2 * glyphs || 10 * tall > glyphs) return {};
  double rise = 0;  // sum of the vertical steps between successive glyphs of one run
  for (size_t i = 1; i < spans.size(); ++i) {
    const Box &a = spans[i - 1].box, &b = spans[i].box;
    if (std::max(a.x0, b.x0) < std::min(a.x1, b.x1)) rise += b.cy() - a.cy();
  }
  if (rise == 0) return {};
  const bool upwards = rise < 0;
  std::vector<TextSpan> out = spans;
  for (TextSpan& s : out) {
    const Box b = s.box;
    // Upwards: the bottom becomes the left, the left the top; downwards the other way round.
    s.box = upwards ? Box{-b.y1, b.x0, -b.y0, b.x1} : Box{b.y0, -b.x1, b.y1, -b.x0};
  }
  return out;
}

}  // namespace

size_t fill_cell_text(Table& table, const std::vector<TextSpan>& spans) {
  std::vector<std::vector<TextSpan>> per_cell(table.cells.size());
  size_t placed = 0;
  for (const TextSpan& s : spans) {
    const double x = s.box.cx(), y = s.box.cy();
    for (size_t i = 0; i < table.cells.size(); ++i) {
      const Box& b = table.cells[i].box;
      if (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1) {
        per_cell[i].push_back(s);
        ++placed;
        break;
      }
    }
  }
  for (size_t i = 0; i < table.cells.size(); ++i) {
    Cell& cell = table.cells[i];
    const std::vector<TextSpan> turned = turned_upright(per_cell[i]);
    cell.text = layout::text_of(turned.empty() ? per_cell[i] : turned);
    double conf = 1.0;
    if (!per_cell[i].empty()) {
      conf = 0;
      for (const TextSpan& s : per_cell[i]) conf += s.confidence;
      conf /= per_cell[i].size();
    }
    cell.confidence = conf;
  }
  return placed;
}

}  // namespace kansa::tables
