// Image clean-up of a rendered page: binarization, skew measurement and correction, speckle
// removal. Everything here is Leptonica on 8 bpp grey / 1 bpp images (ink = 1).
#pragma once

#include "leptonica_raii.hpp"

namespace kansa::ocr {

// Black-on-white 1 bpp image of `gray`: background normalised (uneven paper tone, shading)
// then one Otsu threshold for the page. Null on failure.
PixPtr binarize(PIX* gray);

// Like binarize() but keeping faint ink too (threshold near the paper tone): thin ruling
// lines that scanning or rotation turned light grey. Noisier; only long structures taken
// from it are trusted.
PixPtr binarize_faint(PIX* gray);

struct Deskewed {
  PixPtr gray;           // same size as the input, rotated about its centre
  double angle = 0;      // degrees the content was rotated by to make lines level
  bool applied = false;  // false when no confident skew was found
};

// Measures the skew of the text lines of `binary` (pixFindSkew, within +-7 degrees) and
// rotates `gray` about its centre to undo it, bringing in white. Angles below 0.05 degrees,
// or found with low confidence, are left alone.
Deskewed deskew(PIX* gray, PIX* binary);

// Removes isolated specks: components at most `speck` pixels both ways with no other ink
// within `reach` pixels. Small parts of glyphs (dakuten, dots of punctuation) sit near
// their glyph and stay.
PixPtr remove_speckle(PIX* binary, int speck, int reach);

}  // namespace kansa::ocr
