// Image clean-up of a rendered page: binarization, skew measurement and correction, speckle
// removal. Everything here is Leptonica on 8 bpp grey / 1 bpp images (ink = 1).
#pragma once

#include "leptonica_raii.hpp"

namespace kansa::ocr {

// `gray` with its background normalised: uneven paper tone and shading flattened, the paper
// at 200. The binary, faint and text images of a page are all made from it, so it is made
// once per grey image. Null on failure.
PixPtr normalize_background(PIX* gray);

// Black-on-white 1 bpp image of a grey page: one Otsu threshold for the page over its
// normalised image `normalised` (from normalize_background; when null, over `gray` itself).
// Null on failure.
PixPtr binarize(PIX* gray, PIX* normalised);
// The same, normalising `gray` first.
PixPtr binarize(PIX* gray);

// Like binarize() but keeping faint ink too (threshold near the paper tone): thin ruling
// lines that scanning or rotation turned light grey. Noisier; only long structures taken
// from it are trusted. Made from the normalised image; null when it is null.
PixPtr binarize_faint(PIX* normalised);

struct Deskewed {
  PixPtr gray;           // same size as the input, rotated about its centre
  double angle = 0;      // degrees the content was rotated by to make lines level
  bool applied = false;  // false when no confident skew was found
};

// Measures the skew of the text lines of `binary` (pixFindSkew, within +-7 degrees) and
// rotates `gray` about its centre to undo it, bringing in white. Angles below 0.05 degrees,
// or found with low confidence, are left alone.
Deskewed deskew(PIX* gray, PIX* binary);

// Sizes of speckle removal, in pixels.
struct SpeckleScale {
  int speck = 0;  // a candidate is at most this large both ways
  int reach = 0;  // ink this near makes it part of a glyph (a stroke gap, not a glyph gap)
  int em = 0;     // ink this far on both sides in its row makes it a dot inside a text line
  int dust = 0;   // a candidate at most this large both ways is noise wherever it lies
  static SpeckleScale at(double dpi);  // for printed text of about 9-12 pt scanned at `dpi`
};

// Removes specks: components at most `speck` pixels both ways with no other ink within
// `reach` pixels and not sitting between two glyphs of a text line. Small parts of glyphs
// (dakuten) sit near their glyph, the pieces of a thin stroke that a bilevel scan broke up
// (the circle of ①) sit near each other, and ・ or a decimal point has glyphs left and
// right: they stay. A speck a few pixels from a text line goes. `barriers` (the ruling lines,
// may be null) bound a text line: ink past them is another cell's.
PixPtr remove_speckle(PIX* binary, const SpeckleScale& scale, PIX* barriers = nullptr);

// Whether the strokes of the ink in `binary` (text, without ruling lines) are mostly one or
// two pixels wide, as a bilevel scan at 200 dpi leaves them: little of the ink survives an
// erosion by 3x3.
bool strokes_are_thin(PIX* binary);

}  // namespace kansa::ocr
