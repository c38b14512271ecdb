// Ruled tables drawn on a PdfCanvas: a shaded header row (repeated on each page or only on the
// first), body rows whose cells wrap their text, and rows that break across a page boundary with
// the rest of every cell continuing at the top of the next page.
#pragma once

#include <string>
#include <vector>

#include "canvas.hpp"

namespace fixturegen {

struct Column {
  std::string header;  // '\n' for a multi-line header
  double weight;       // share of the table width
  Align align = Align::kLeft;
};

struct TableStyle {
  bool repeat_header = true;
  double padding = 4;
  double header_gray = 0.85;  // 1 = no shading
  double rule_width = 0.6;
  int min_lines_before_break = 2;  // a row starts on the next page if fewer lines fit
};

// Where one drawn row ended up.
struct RowPlacement {
  std::vector<int> pages;  // 1-based PDF pages the row occupies
  bool split = false;      // true when the row breaks across a page boundary
};

class TableWriter {
 public:
  TableWriter(PdfCanvas& canvas, std::vector<Column> columns, TableStyle style, double font_size);
  // Draws the header row at the cursor (moving to a new page if it does not fit).
  void begin();
  // Draws one body row of cells (one string per column, '\n' = line break).
  RowPlacement add_row(const std::vector<std::string>& cells);

  int split_rows() const { return split_rows_; }

 private:
  void draw_header();
  void next_page();  // new page, header repeated if the style says so
  void draw_cell_frame(double y, double height, bool fill, double gray);
  std::vector<double> column_x() const;

  PdfCanvas& canvas_;
  std::vector<Column> columns_;
  TableStyle style_;
  double font_size_;
  int split_rows_ = 0;
  double content_top_ = 0;  // cursor y below the header on the current page
};

}  // namespace fixturegen
