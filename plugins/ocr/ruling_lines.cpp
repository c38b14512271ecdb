#include "ruling_lines.hpp"

#include <algorithm>
#include <cmath>

namespace kansa::ocr {

namespace {

int inches(double dpi, double in) { return std::max(1, static_cast<int>(std::lround(dpi * in))); }

std::vector<PixelRect> boxes_of(PIX* pix) {
  std::vector<PixelRect> out;
  BoxaPtr boxa(pixConnCompBB(pix, 8));
  if (!boxa) return out;
  const int n = boxaGetCount(boxa.get());
  for (int i = 0; i < n; ++i) {
    PixelRect r;
    if (boxaGetBoxGeometry(boxa.get(), i, &r.x, &r.y, &r.w, &r.h) == 0) out.push_back(r);
  }
  return out;
}

// Opening with a `length` x 1 (or 1 x `length`) brick keeps runs of ink at least that long;
// the closing then bridges breaks of up to `gap` pixels (binarization, JPEG) along the line.
// The opening is Leptonica's DWA composite one (called as such: pixOpenBrickDwa prints an
// error for each length its table of bricks lacks): a long brick as a short brick and a comb,
// about a tenth of the rasterops of pixOpenBrick's one shift per pixel of length, which made
// it the plugin's largest cost after Tesseract; its length may differ by a pixel or two
// where `length` does not factor, which a threshold of 0.2-0.3 inch does not feel.
PixPtr line_pixels(PIX* binary, int length, int gap, bool horizontal) {
  PixPtr opened(horizontal ? pixOpenCompBrickExtendDwa(nullptr, binary, length, 1)
                           : pixOpenCompBrickExtendDwa(nullptr, binary, 1, length));
  if (!opened) return nullptr;
  return PixPtr(horizontal ? pixCloseSafeBrick(nullptr, opened.get(), gap, 1)
                           : pixCloseSafeBrick(nullptr, opened.get(), 1, gap));
}

bool contains(const PixelRect& outer, const PixelRect& inner) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

}  // namespace

RulingLines find_ruling_lines(PIX* binary, double dpi) {
  RulingLines out;
  const int w = pixGetWidth(binary), h = pixGetHeight(binary);
  out.mask.reset(pixCreate(w, h, 1));
  if (!out.mask) return out;
  const int gap = inches(dpi, 0.02), thickest = inches(dpi, 0.04);
  const int h_length = inches(dpi, 0.3), v_length = inches(dpi, 0.22);
  for (bool horizontal : {true, false}) {
    PixPtr pixels = line_pixels(binary, horizontal ? h_length : v_length, gap, horizontal);
    if (!pixels) continue;
    for (const PixelRect& r : boxes_of(pixels.get())) {
      const int length = horizontal ? r.w : r.h, thickness = horizontal ? r.h : r.w;
      if (length < (horizontal ? h_length : v_length) || thickness > thickest) continue;
      (horizontal ? out.horizontal : out.vertical).push_back(r);
      BoxPtr box = make_box(r);
      // Only this component's pixels, not the whole rectangle (a line is never perfectly
      // straight in a scan).
      PixPtr part(pixClipRectangle(pixels.get(), box.get(), nullptr));
      if (part)
        pixRasterop(out.mask.get(), r.x, r.y, r.w, r.h, PIX_SRC | PIX_DST, part.get(), 0, 0);
    }
  }
  return out;
}

std::vector<Grid> find_grids(const RulingLines& lines, double dpi) {
  std::vector<Grid> grids;
  if (!lines.mask) return grids;
  // Lines that stop a few pixels short of a crossing line still belong to one table.
  const int join = inches(dpi, 0.01) * 2 + 1;
  PixPtr joined(pixDilateBrickDwa(nullptr, lines.mask.get(), join, join));
  if (!joined) return grids;
  const int smallest_table = inches(dpi, 0.3);
  for (const PixelRect& r : boxes_of(joined.get()))
    if (r.w >= smallest_table && r.h >= smallest_table) grids.push_back({r, {}});
  if (grids.empty()) return grids;
  for (const Grid& g : grids) {
    BoxPtr box = make_box(g.bounds);
    pixRenderBox(joined.get(), box.get(), 2, L_SET_PIXELS);
  }
  PixPtr white(pixInvert(nullptr, joined.get()));
  if (!white) return grids;
  BoxaPtr regions(pixConnCompBB(white.get(), 4));
  if (!regions) return grids;
  const int smallest_cell = inches(dpi, 0.04);
  const int n = boxaGetCount(regions.get());
  for (int i = 0; i < n; ++i) {
    PixelRect r;
    if (boxaGetBoxGeometry(regions.get(), i, &r.x, &r.y, &r.w, &r.h) != 0) continue;
    if (r.w < smallest_cell || r.h < smallest_cell) continue;  // between double lines
    for (Grid& g : grids)
      if (contains(g.bounds, r)) {
        g.cells.push_back(r);
        break;
      }
  }
  return grids;
}

}  // namespace kansa::ocr
