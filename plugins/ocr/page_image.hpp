// A scanned page's image taken straight from the PDF. A scan is, nearly always, one image
// placed over the whole page and nothing else drawn; rendering it at the image's own
// resolution only resamples it onto the same pixel grid (Poppler's Splash spent about as much
// time on that as all the plugin's image clean-up). Here the image is decoded to grey and
// turned as it is placed, when the page is exactly that; every other page is rendered.
#pragma once

#include "leptonica_raii.hpp"

class PDFDoc;

namespace kansa::ocr {

// The page `number` (1-based) of `doc` as an 8-bit grey image `dpi` pixels per inch, as it is
// displayed (its /Rotate applied), when the page draws one image XObject covering it pixel for
// pixel at that resolution (within a pixel each way) and nothing visible besides; nullptr
// otherwise: more or other marks (paths, visible text, masks, inline images), an image
// placed skewed, with a margin or at another resolution, or one over `max_image_pixels`.
// Invisible text (an OCR layer) does not count as a mark.
PixPtr page_as_placed_image(PDFDoc& doc, int number, double dpi, long long max_image_pixels);

}  // namespace kansa::ocr
