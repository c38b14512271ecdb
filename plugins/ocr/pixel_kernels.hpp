// Faster equivalents of the Leptonica operations that the page clean-up runs over every whole
// page, each giving the very same pixels (tests/ocr_pixel_kernels_test.cpp compares them with
// Leptonica's own on pages of every width modulo 4). Why: outside Tesseract, these were the
// largest costs of reading a scan (perf, 20 scanned pages: rotation 2.9%, background
// normalisation 3.2%, the grey histogram 1.6% of all samples), and Leptonica reaches each
// pixel through a per-pixel macro, with float arithmetic per pixel in the rotation.
//
// Contract common to all: 8 bpp grey images without a colour map (as the renderer makes);
// anything else is handed to Leptonica's own function.
#pragma once

#include "leptonica_raii.hpp"

namespace kansa::ocr {

// pixBackgroundNormSimple(gray, nullptr, nullptr): the background map and its inverse from
// Leptonica, the inverse applied here.
PixPtr background_norm_simple(PIX* gray);

// pixSplitDistributionFgBg(gray, score_fraction, 1, &threshold, ...)'s threshold: the same
// split of the same histogram, the histogram counted here. False on failure.
bool otsu_split_threshold(PIX* gray, float score_fraction, int& threshold);

// pixThresholdToBinary(gray, threshold): 1 (ink) where a pixel is below `threshold`.
PixPtr threshold_to_binary(PIX* gray, int threshold);

// pixRotate(gray, angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0): area-mapped rotation
// about the centre by `radians` (clockwise positive), white brought in, same size.
PixPtr rotate_area_map_white(PIX* gray, float radians);

// An 8 bpp Pix holding `height` rows of `width` grey bytes, `row_bytes` apart, from `bytes`
// (a Splash Mono8 bitmap). Null when it cannot be allocated.
PixPtr gray_from_bytes(const unsigned char* bytes, int width, int height, int row_bytes);

}  // namespace kansa::ocr
