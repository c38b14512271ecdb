#include "page_cleanup.hpp"

#include <cmath>

namespace kansa::ocr {

PixPtr binarize(PIX* gray) {
  if (gray == nullptr) return nullptr;
  PixPtr normalised(pixBackgroundNormSimple(gray, nullptr, nullptr));
  PIX* source = normalised ? normalised.get() : gray;
  PIX* bin = nullptr;
  // One tile as large as the page: a global Otsu threshold on the normalised image. Small
  // tiles would pick a threshold inside the paper grain of empty regions.
  if (pixOtsuAdaptiveThreshold(source, pixGetWidth(source), pixGetHeight(source), 0, 0, 0.1f,
                               nullptr, &bin) != 0)
    return nullptr;
  return PixPtr(bin);
}

PixPtr binarize_faint(PIX* gray) {
  if (gray == nullptr) return nullptr;
  // pixBackgroundNormSimple maps the paper to 200: anything clearly darker is ink.
  PixPtr normalised(pixBackgroundNormSimple(gray, nullptr, nullptr));
  if (!normalised) return nullptr;
  return PixPtr(pixThresholdToBinary(normalised.get(), 170));
}

Deskewed deskew(PIX* gray, PIX* binary) {
  Deskewed out;
  l_float32 angle = 0, confidence = 0;
  // Leptonica's own threshold for a usable measurement (pixDeskew uses the same).
  constexpr double kMinConfidence = 3.0;
  if (binary != nullptr && pixFindSkew(binary, &angle, &confidence) == 0 &&
      confidence >= kMinConfidence && std::fabs(angle) >= 0.05) {
    constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
    PixPtr rotated(pixRotate(gray, static_cast<l_float32>(angle * kRadiansPerDegree),
                             L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
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

PixPtr remove_speckle(PIX* binary, int speck, int reach) {
  if (binary == nullptr) return nullptr;
  // Components larger than a speck one way or the other: glyphs, lines.
  PixPtr large(
      pixSelectBySize(binary, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (!large) return PixPtr(pixClone(binary));
  PixPtr specks(pixSubtract(nullptr, binary, large.get()));
  PixPtr near_ink(pixDilateBrick(nullptr, large.get(), 2 * reach + 1, 2 * reach + 1));
  if (!specks || !near_ink) return PixPtr(pixClone(binary));
  // Specks away from every glyph are noise.
  PixPtr isolated(pixSubtract(nullptr, specks.get(), near_ink.get()));
  if (!isolated) return PixPtr(pixClone(binary));
  return PixPtr(pixSubtract(nullptr, binary, isolated.get()));
}

}  // namespace kansa::ocr
