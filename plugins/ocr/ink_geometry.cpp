#include "ink_geometry.hpp"

#include <algorithm>

namespace kansa::ocr {

namespace {

// The part of `binary` under `r` (already clamped and not empty), or null.
PixPtr part_under(PIX* binary, const PixelRect& r) {
  BoxPtr box = make_box(r);
  return PixPtr(pixClipRectangle(binary, box.get(), nullptr));
}

}  // namespace

PixelRect clamped(PIX* image, const PixelRect& r) {
  const int x0 = std::max(0, r.x), y0 = std::max(0, r.y);
  const int x1 = std::min(static_cast<int>(pixGetWidth(image)), r.right());
  const int y1 = std::min(static_cast<int>(pixGetHeight(image)), r.bottom());
  if (x1 <= x0 || y1 <= y0) return {x0, y0, 0, 0};
  return {x0, y0, x1 - x0, y1 - y0};
}

int ink_count(PIX* binary, const PixelRect& r) {
  const PixelRect c = clamped(binary, r);
  if (c.w == 0) return 0;
  PixPtr part = part_under(binary, c);
  l_int32 ink = 0;
  if (!part || pixCountPixels(part.get(), &ink, nullptr) != 0) return 0;
  return ink;
}

PixelRect ink_extent(PIX* binary, const PixelRect& r) {
  const PixelRect c = clamped(binary, r);
  if (c.w == 0) return c;
  PixPtr part = part_under(binary, c);
  BOX* raw = nullptr;
  if (!part || pixClipToForeground(part.get(), nullptr, &raw) != 0 || raw == nullptr)
    return {c.x, c.y, 0, 0};
  BoxPtr fg(raw);
  l_int32 x = 0, y = 0, w = 0, h = 0;
  boxGetGeometry(fg.get(), &x, &y, &w, &h);
  return {c.x + x, c.y + y, w, h};
}

}  // namespace kansa::ocr
