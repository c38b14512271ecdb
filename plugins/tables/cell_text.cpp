#include "cell_text.hpp"

#include "kansa/layout.hpp"

namespace kansa::tables {

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
    cell.text = layout::text_of(per_cell[i]);
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
