// Owning handles for Leptonica objects: every PIX/BOX/BOXA the plugin creates lives in one
// of these, so no early return or exception leaks an image.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace kansa::ocr {

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
struct BoxDeleter {
  void operator()(BOX* b) const { boxDestroy(&b); }
};
struct BoxaDeleter {
  void operator()(BOXA* b) const { boxaDestroy(&b); }
};

struct PixaDeleter {
  void operator()(PIXA* p) const { pixaDestroy(&p); }
};

struct NumaDeleter {
  void operator()(NUMA* n) const { numaDestroy(&n); }
};

using NumaPtr = std::unique_ptr<NUMA, NumaDeleter>;
using PixPtr = std::unique_ptr<PIX, PixDeleter>;
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

// A pixel rectangle (x, y, w, h), as Leptonica counts.
struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
};

inline BoxPtr make_box(const PixelRect& r) { return BoxPtr(boxCreate(r.x, r.y, r.w, r.h)); }

}  // namespace kansa::ocr
