// Where the ink of a 1 bpp image (ink = 1) lies inside a rectangle: the one place that clips
// rectangles to the image and asks Leptonica, for speckle removal, text bands and cells.
#pragma once

#include "leptonica_raii.hpp"

namespace kansa::ocr {

// `r` cut to the image (zero size when it lies outside).
PixelRect clamped(PIX* image, const PixelRect& r);

// Ink pixels of `binary` inside `r` (0 outside the image or on failure).
int ink_count(PIX* binary, const PixelRect& r);

// The bounding box of the ink of `binary` inside `r`, in image coordinates; zero size when
// there is none.
PixelRect ink_extent(PIX* binary, const PixelRect& r);

}  // namespace kansa::ocr
