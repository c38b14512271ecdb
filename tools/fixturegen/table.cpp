#include "table.hpp"

#include <algorithm>
#include <stdexcept>

namespace fixturegen {

TableWriter::TableWriter(PdfCanvas& canvas, std::vector<Column> columns, TableStyle style,
                         double font_size)
    : canvas_(canvas), columns_(std::move(columns)), style_(style), font_size_(font_size) {
  if (columns_.empty()) throw std::invalid_argument("table without columns");
}

std::vector<double> TableWriter::column_x() const {
  double total = 0;
  for (const Column& c : columns_) total += c.weight;
  std::vector<double> xs{canvas_.left()};
  for (const Column& c : columns_)
    xs.push_back(xs.back() + canvas_.content_width() * c.weight / total);
  return xs;
}

void TableWriter::draw_cell_frame(double y, double height, bool fill, double gray) {
  cairo_t* cr = canvas_.cr();
  std::vector<double> xs = column_x();
  if (fill && gray < 1) {
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_rectangle(cr, xs.front(), y, xs.back() - xs.front(), height);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, style_.rule_width);
  for (double x : xs) {
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x, y + height);
  }
  cairo_move_to(cr, xs.front(), y);
  cairo_line_to(cr, xs.back(), y);
  cairo_move_to(cr, xs.front(), y + height);
  cairo_line_to(cr, xs.back(), y + height);
  cairo_stroke(cr);
}

void TableWriter::draw_header() {
  std::vector<double> xs = column_x();
  std::vector<TextBlock> blocks;
  double height = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    blocks.push_back(canvas_.text(columns_[i].header, font_size_,
                                  xs[i + 1] - xs[i] - 2 * style_.padding, Align::kCenter));
    height = std::max(height, blocks.back().height());
  }
  height += 2 * style_.padding;
  if (canvas_.y + height > canvas_.bottom()) canvas_.new_page();
  draw_cell_frame(canvas_.y, height, true, style_.header_gray);
  for (size_t i = 0; i < blocks.size(); ++i) {
    double dy = (height - blocks[i].height()) / 2;  // vertically centred
    blocks[i].draw(canvas_.cr(), xs[i] + style_.padding, canvas_.y + dy);
  }
  canvas_.y += height;
}

void TableWriter::begin() {
  draw_header();
  content_top_ = canvas_.y;
}

void TableWriter::next_page() {
  canvas_.new_page();
  if (style_.repeat_header) draw_header();
  content_top_ = canvas_.y;
}

RowPlacement TableWriter::add_row(const std::vector<std::string>& cells) {
  if (cells.size() != columns_.size()) throw std::invalid_argument("row has wrong cell count");
  std::vector<double> xs = column_x();
  std::vector<TextBlock> blocks;
  for (size_t i = 0; i < cells.size(); ++i)
    blocks.push_back(canvas_.text(cells[i], font_size_, xs[i + 1] - xs[i] - 2 * style_.padding,
                                  columns_[i].align));
  std::vector<int> next(cells.size(), 0);  // first line of each cell not yet drawn
  RowPlacement placement;
  const double pad = style_.padding;
  while (true) {
    double avail = canvas_.bottom() - canvas_.y - 2 * pad;
    // Lines that fit in each cell, and whether the whole rest of the row fits.
    std::vector<int> fit(cells.size());
    bool all_fit = true;
    int most = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      int k = next[i];
      while (k < blocks[i].line_count() &&
             blocks[i].line_bottom(k) - blocks[i].line_top(next[i]) <= avail)
        ++k;
      fit[i] = k;
      if (k < blocks[i].line_count()) all_fit = false;
      most = std::max(most, k - next[i]);
    }
    if (!all_fit && most < style_.min_lines_before_break) {
      // Too little room left: continue the row on the next page, unless this page holds
      // nothing but its header yet (then the row must start here).
      bool page_is_fresh = canvas_.y <= content_top_ + 0.5;
      if (page_is_fresh && most == 0)
        throw std::runtime_error("a table line does not fit on a page");
      if (!page_is_fresh) {
        next_page();
        continue;
      }
    }
    double used = 0;
    for (size_t i = 0; i < blocks.size(); ++i)
      if (fit[i] > next[i])
        used = std::max(used, blocks[i].line_bottom(fit[i] - 1) - blocks[i].line_top(next[i]));
    double height = used + 2 * pad;
    draw_cell_frame(canvas_.y, height, false, 1);
    for (size_t i = 0; i < blocks.size(); ++i)
      blocks[i].draw_lines(canvas_.cr(), xs[i] + pad, canvas_.y + pad, next[i], fit[i]);
    placement.pages.push_back(canvas_.page());
    canvas_.y += height;
    next = fit;
    if (all_fit) break;
    placement.split = true;
    next_page();
  }
  if (placement.split) ++split_rows_;
  return placement;
}

}  // namespace fixturegen
