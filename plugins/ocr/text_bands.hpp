// Splitting a table cell into its text lines before recognition.
// Tesseract's own line finding (PSM 6) merges a short last line of a paragraph ("た。") into
// the long line above when the leading is tight, and then drops or scrambles its glyphs.
// Cells of these tables hold one column of horizontal text, so the lines are the bands of
// rows that hold ink, and each band can be read as one line (PSM 7).
#pragma once

#include <vector>

#include "leptonica_raii.hpp"

namespace kansa::ocr {

struct TextBand {
  int y0 = 0, y1 = 0;  // rows [y0, y1) of the page image
};

// The runs of rows of `cell` in `ink` (1 bpp, ink = 1, speckle and ruling lines removed) that
// hold ink, top to bottom: a row counts with at least two ink pixels, and a run may contain
// one empty row. Empty when the cell has no ink.
std::vector<TextBand> ink_bands(PIX* ink, const PixelRect& cell);

// Median height of `bands` (0 when there are none): over all cells of a page, the height of a
// line of text.
int typical_height(const std::vector<TextBand>& bands);

// Joins the bands lower than a third of `typical` (a stray dot, the ink of ・ or a quote mark
// alone on its rows, the top arc of ① cut off by binarization) to the nearest band when it is
// close (within half of `typical`); farther ones stay bands of their own.
void join_thin_bands(std::vector<TextBand>& bands, int typical);

}  // namespace kansa::ocr
