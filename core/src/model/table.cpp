#include "kansa/model.hpp"

namespace kansa {

const Cell* Table::covering(int r, int c) const {
  for (const Cell& cell : cells) {
    if (r >= cell.row && r < cell.row + cell.rowspan && c >= cell.col &&
        c < cell.col + cell.colspan)
      return &cell;
  }
  return nullptr;
}

std::string Table::text_at(int r, int c) const {
  for (const Cell& cell : cells)
    if (cell.row == r && cell.col == c) return cell.text;
  return {};
}

}  // namespace kansa
