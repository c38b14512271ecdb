#include "page_cleanup.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ink_geometry.hpp"
#include "pixel_kernels.hpp"

namespace kansa::ocr {

PixPtr normalize_background(PIX* gray) { return gray ? background_norm_simple(gray) : nullptr; }

PixPtr binarize(PIX* gray, PIX* normalised) {
  if (gray == nullptr) return nullptr;
  PIX* source = normalised ? normalised : gray;
  // A global Otsu threshold on the normalised image (small tiles would pick a threshold
  // inside the paper grain of empty regions): what pixOtsuAdaptiveThreshold gives with one
  // tile as large as the page, without its copying the page into a tile and back.
  int threshold = 0;
  if (!otsu_split_threshold(source, 0.1f, threshold)) return nullptr;
  return threshold_to_binary(source, threshold);
}

PixPtr binarize(PIX* gray) {
  PixPtr normalised = normalize_background(gray);
  return binarize(gray, normalised.get());
}

PixPtr binarize_faint(PIX* normalised) {
  if (normalised == nullptr) return nullptr;
  // The normalised paper is 200: anything clearly darker is ink.
  return threshold_to_binary(normalised, 170);
}

Deskewed deskew(PIX* gray, PIX* binary) {
  Deskewed out;
  l_float32 angle = 0, confidence = 0;
  // Leptonica's own threshold for a usable measurement (pixDeskew uses the same).
  constexpr double kMinConfidence = 3.0;
  if (binary != nullptr && pixFindSkew(binary, &angle, &confidence) == 0 &&
      confidence >= kMinConfidence && std::fabs(angle) >= 0.05) {
    constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
    PixPtr rotated = rotate_area_map_white(gray, static_cast<l_float32>(angle * kRadiansPerDegree));
    if (rotated) {
      out.gray = std::move(rotated);
      out.angle = angle;
      out.applied = true;
      return out;
    }
  }
  out.gray.reset(pixClone(gray));
  return out;
}

namespace {

// Ink pixels of `binary` inside the rectangle [x0, x1) x [y0, y1), clipped to the image.
int ink_in(PIX* binary, int x0, int y0, int x1, int y1) {
  return ink_count(binary, {x0, y0, x1 - x0, y1 - y0});
}

// Whether the speck `d` is a dot of a text line of `glyphs`: between two glyphs of its row,
// or before one glyph, level with its middle and about half an em off (・, a bullet), or
// after one, level with its foot (。 . ,). `em` is a glyph's width, `gap` the least distance
// to a neighbour. Glyphs past a ruling line of `barriers` (may be null) are another cell's:
// a dot by a cell's border is not between two glyphs because the next cell's text is near.
bool dot_of_a_line(const PixelRect& d, PIX* glyphs, PIX* barriers, int em, int gap);

bool dot_of_a_line(const PixelRect& d, PIX* glyphs, PIX* barriers, int em, int gap) {
  // The row's reach left and right of the speck, up to a ruling line.
  int left_x0 = d.x - em, right_x1 = d.right() + em;
  if (barriers != nullptr) {
    const PixelRect row{d.x - em, d.y - d.h, 2 * em + d.w, 3 * d.h};
    const PixelRect left_line = ink_extent(barriers, {row.x, row.y, em - gap, row.h});
    if (left_line.w > 0) left_x0 = std::max(left_x0, left_line.right());
    const PixelRect right_line = ink_extent(barriers, {d.right() + gap, row.y, em - gap, row.h});
    if (right_line.w > 0) right_x1 = std::min(right_x1, right_line.x);
  }
  const int left_x1 = d.x - gap, right_x0 = d.right() + gap;
  // Between two glyphs of its row (・ between words, the dots of ：, a decimal point).
  if (left_x0 < left_x1 && right_x0 < right_x1 &&
      ink_in(glyphs, left_x0, d.y - d.h, left_x1, d.bottom() + d.h) > 0 &&
      ink_in(glyphs, right_x0, d.y - d.h, right_x1, d.bottom() + d.h) > 0)
    return true;
  // At a line's end or start: placed as a glyph of the line would be.
  const int reach_y = d.h + em / 4;
  const double centre = d.y + d.h / 2.0;
  for (const bool left : {true, false}) {
    const int x0 = left ? left_x0 : right_x0;
    const int x1 = left ? left_x1 : right_x1;
    if (x0 >= x1) continue;
    const PixelRect beside = ink_extent(glyphs, {x0, d.y - reach_y, x1 - x0, d.h + 2 * reach_y});
    if (beside.h == 0) continue;
    const double height = beside.h;
    if (height < 2.0 * d.h) continue;  // not a glyph beside it
    const double at = (centre - beside.y) / height;
    // ・ opening a line (a bullet): centred in its em, so about half an em before the next
    // glyph's ink. A dot after a line's last glyph, level with its middle, is not kept: a
    // line ends with ・ only where a list wraps, and scan dust there read as 課・, について・.
    if (!left && at >= 0.3 && at <= 0.7) {
      const double away = beside.x - d.right();
      if (away >= 0.3 * height && away <= 0.9 * height) return true;
    }
    if (left && at >= 0.75 && at <= 1.05) return true;  // 。 . ,
  }
  return false;
}

}  // namespace

PixPtr remove_speckle(PIX* binary, const SpeckleScale& scale, PIX* barriers) {
  if (binary == nullptr) return nullptr;
  PixPtr out(pixCopy(nullptr, binary));
  if (!out) return nullptr;
  // Components no larger than a speck either way are candidates; the rest is glyphs and
  // lines.
  PixPtr small(pixSelectBySize(binary, scale.speck, scale.speck, 8, L_SELECT_IF_BOTH,
                               L_SELECT_IF_LTE, nullptr));
  if (!small) return out;
  PixPtr large(pixSubtract(nullptr, binary, small.get()));
  PIXA* raw_pixa = nullptr;
  BoxaPtr boxes(pixConnComp(small.get(), &raw_pixa, 8));
  PixaPtr pieces(raw_pixa);
  if (!large || !boxes || !pieces) return out;
  const int n = boxaGetCount(boxes.get());
  std::vector<PixelRect> at(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    PixelRect& b = at[static_cast<size_t>(i)];
    boxaGetBoxGeometry(boxes.get(), i, &b.x, &b.y, &b.w, &b.h);
  }
  const int r = scale.reach;
  // Other candidates within a stroke gap: the pieces of a hairline a bilevel scan broke up
  // (the circle of ①) lie in a chain, each with two neighbours or more; a speck that
  // rotation split in two has one.
  // Candidates by left edge, so that each looks only at those whose x range can come within
  // reach (a candidate is at most `speck` wide); a noisy page has thousands of them, and
  // comparing every pair was the plugin's largest cost after Tesseract.
  std::vector<int> by_x(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) by_x[static_cast<size_t>(i)] = i;
  std::sort(by_x.begin(), by_x.end(), [&](int a, int b) {
    return at[static_cast<size_t>(a)].x < at[static_cast<size_t>(b)].x;
  });
  const auto has_two_neighbours = [&](const PixelRect& b) {
    const int from_x = b.x - r - scale.speck;
    auto it = std::lower_bound(by_x.begin(), by_x.end(), from_x,
                               [&](int i, int x) { return at[static_cast<size_t>(i)].x < x; });
    int count = 0;
    for (; it != by_x.end(); ++it) {
      const PixelRect& o = at[static_cast<size_t>(*it)];
      if (o.x > b.right() + r) break;
      if (&o != &b && b.x <= o.right() + r && o.y <= b.bottom() + r && b.y <= o.bottom() + r &&
          ++count == 2)
        return true;
    }
    return false;
  };
  const int em = scale.em;
  for (int i = 0; i < n; ++i) {
    const PixelRect& b = at[static_cast<size_t>(i)];
    const int x = b.x, y = b.y, w = b.w, h = b.h;
    if (has_two_neighbours(b)) continue;
    PixPtr piece(pixaGetPix(pieces.get(), i, L_CLONE));
    if (!piece) continue;
    const auto erase = [&] {
      pixRasterop(out.get(), x, y, w, h, PIX_DST & PIX_NOT(PIX_SRC), piece.get(), 0, 0);
    };
    // A dust pixel is noise wherever it lies: no printed stroke is that small.
    if (w <= scale.dust && h <= scale.dust) {
      erase();
      continue;
    }
    // Part of a glyph: a glyph's ink within a stroke gap.
    if (ink_in(large.get(), x - r, y - r, x + w + r, y + h + r) > 0) continue;
    // A dot of a text line (see dot_of_a_line).
    if (dot_of_a_line({x, y, w, h}, large.get(), barriers, em, r)) continue;
    erase();
  }
  return out;
}

bool strokes_are_thin(PIX* binary) {
  if (binary == nullptr) return false;
  PixPtr core(pixErodeBrick(nullptr, binary, 3, 3));
  l_int32 ink = 0, inner = 0;
  if (!core || pixCountPixels(binary, &ink, nullptr) != 0 ||
      pixCountPixels(core.get(), &inner, nullptr) != 0 || ink == 0)
    return false;
  // Measured on text with the ruling lines taken out: a 1-bit 200 dpi scan of Mincho keeps
  // about 4% of its ink under a 3x3 erosion, a grey 300 dpi scan of it 13%.
  constexpr double kThinCoreShare = 0.08;
  return inner < kThinCoreShare * ink;
}

SpeckleScale SpeckleScale::at(double dpi) {
  const auto px = [dpi](double inches) {
    return std::max(1, static_cast<int>(std::lround(dpi * inches)));
  };
  return {std::max(2, px(0.025)), std::max(2, px(0.015)), px(0.16), std::max(1, px(0.006))};
}

}  // namespace kansa::ocr
