// The OCR plugin's faster page operations (plugins/ocr/pixel_kernels.hpp) give the very same
// pixels as the Leptonica functions they stand in for: on page-like images (paper grain,
// uneven tone, dark strokes, ruled lines) of every width modulo 4 and several sizes, and for
// skew angles on both sides, including those Leptonica leaves unrotated.
#include "../plugins/ocr/pixel_kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

using kansa::ocr::BoxPtr;
using kansa::ocr::PixPtr;

// A grey page-like image: paper with a tone that drifts across the page and grain, a few
// dark text-like strokes and ruled lines, some pure white and black.
PixPtr page_like(int w, int h, unsigned seed) {
  PixPtr pix(pixCreate(w, h, 8));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> grain(-12, 12);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int v = 215 + (x * 30) / w - (y * 25) / h + grain(rng);
      if ((x / 7 + y / 11) % 9 == 0 && (y % 23) < 15) v = 40 + grain(rng) * 3;  // strokes
      if (y % 97 == 5 || x % 131 == 3) v = 20;                                  // rules
      if ((x + y) % 211 == 0) v = 255;
      pixSetPixel(pix.get(), x, y, static_cast<l_uint32>(std::clamp(v, 0, 255)));
    }
  pixSetResolution(pix.get(), 300, 300);
  return pix;
}

bool same_pixels(PIX* a, PIX* b) {
  l_int32 same = 0;
  return a != nullptr && b != nullptr && pixEqual(a, b, &same) == 0 && same == 1;
}

class PixelKernels : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(PixelKernels, BackgroundNormalisationEqualsLeptonica) {
  const auto [w, h] = GetParam();
  PixPtr page = page_like(w, h, static_cast<unsigned>(w * 7 + h));
  PixPtr ours = kansa::ocr::background_norm_simple(page.get());
  PixPtr theirs(pixBackgroundNormSimple(page.get(), nullptr, nullptr));
  EXPECT_TRUE(same_pixels(ours.get(), theirs.get())) << w << "x" << h;
}

TEST_P(PixelKernels, OtsuThresholdAndBinaryEqualLeptonica) {
  const auto [w, h] = GetParam();
  PixPtr page = page_like(w, h, static_cast<unsigned>(w + h));
  for (const float fraction : {0.0f, 0.1f, 0.3f}) {
    int ours = -1;
    l_int32 theirs = -2;
    ASSERT_TRUE(kansa::ocr::otsu_split_threshold(page.get(), fraction, ours));
    ASSERT_EQ(pixSplitDistributionFgBg(page.get(), fraction, 1, &theirs, nullptr, nullptr, nullptr),
              0);
    EXPECT_EQ(ours, theirs) << w << "x" << h << " fraction " << fraction;
  }
  for (const int threshold : {0, 1, 100, 128, 199, 255, 256}) {
    PixPtr ours = kansa::ocr::threshold_to_binary(page.get(), threshold);
    PixPtr theirs(pixThresholdToBinary(page.get(), threshold));
    EXPECT_TRUE(same_pixels(ours.get(), theirs.get())) << w << "x" << h << " at " << threshold;
    EXPECT_EQ(pixGetXRes(ours.get()), 300);
  }
}

TEST_P(PixelKernels, RotationEqualsLeptonica) {
  const auto [w, h] = GetParam();
  PixPtr page = page_like(w, h, static_cast<unsigned>(3 * w + h));
  constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
  // Degrees as deskew measures them; 0.05 degrees is below Leptonica's smallest rotation.
  for (const double degrees : {0.05, -0.06, 0.1, -0.35, 0.77, -1.5, 3.0, -6.9}) {
    const auto radians = static_cast<l_float32>(degrees * kRadiansPerDegree);
    PixPtr ours = kansa::ocr::rotate_area_map_white(page.get(), radians);
    PixPtr theirs(pixRotate(page.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    EXPECT_TRUE(same_pixels(ours.get(), theirs.get())) << w << "x" << h << " " << degrees;
  }
}

TEST_P(PixelKernels, BytesToPixKeepsEveryPixel) {
  const auto [w, h] = GetParam();
  const int row = w + 5;  // rows with padding, as Splash pads them
  std::vector<unsigned char> bytes(static_cast<size_t>(row) * h);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i * 31 + i / 7);
  PixPtr pix = kansa::ocr::gray_from_bytes(bytes.data(), w, h, row);
  ASSERT_TRUE(pix);
  for (int y = 0; y < h; y += 7)
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(pix.get(), x, y, &v);
      ASSERT_EQ(v, bytes[static_cast<size_t>(y) * row + x]) << x << "," << y;
    }
}

// Pages whose background map has holes to fill (a dark band over whole tiles) or cannot be
// made at all (all dark): the same as Leptonica, whose fallback is the page as it is.
TEST(PixelKernelsEdges, BackgroundOfDarkPagesEqualsLeptonica) {
  PixPtr banded = page_like(400, 300, 5);
  pixSetInRectArbitrary(banded.get(), BoxPtr(boxCreate(0, 90, 400, 70)).get(), 10);
  PixPtr dark(pixCreate(200, 150, 8));
  pixSetAllArbitrary(dark.get(), 20);
  for (PIX* page : {banded.get(), dark.get()}) {
    PixPtr ours = kansa::ocr::background_norm_simple(page);
    PixPtr theirs(pixBackgroundNormSimple(page, nullptr, nullptr));
    EXPECT_TRUE(same_pixels(ours.get(), theirs.get())) << pixGetWidth(page);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, PixelKernels,
                         ::testing::Values(std::pair{640, 480}, std::pair{641, 333},
                                           std::pair{642, 500}, std::pair{643, 211},
                                           std::pair{1275, 1650}, std::pair{9, 17}));

}  // namespace
