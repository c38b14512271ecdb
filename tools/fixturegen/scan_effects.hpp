// What a scanner does to a page, as pixel operations on an 8-bit grey image: the page drawn
// at the scan resolution and turned by a small angle, speckle noise, grain, paper tone and
// the 1-bit threshold. Every random choice comes from the Random handed in, so a seed gives
// the same pixels everywhere (no standard distribution, no floating-point noise table).
#pragma once

#include <cairo.h>

#include <cstdint>
#include <vector>

#include "random.hpp"

namespace fixturegen {

struct GrayImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // row after row, 0 black … 255 white
};

// Draws `drawing` (a page's vector drawing, in points, page_w × page_h) at `dpi` onto white,
// turned by `angle_deg` (clockwise as seen) about the page centre, as a sheet lying askew on
// the scanner glass. The drawing is rendered at full resolution, not resampled afterwards.
GrayImage render_turned(cairo_pattern_t* drawing, double page_w, double page_h, int dpi,
                        double angle_deg);

// Dust and toner dots: about `single_rate` of the pixels become isolated black pixels and
// about `blob_rate` of them the centres of black 3×3 specks.
void add_speckles(GrayImage& img, Random& rng, double single_rate, double blob_rate);

// Sensor grain: every pixel moves by an approximately normal amount of standard deviation
// `sigma` grey levels (the sum of four uniform draws: portable and cheap).
void add_grain(GrayImage& img, Random& rng, double sigma);

// Paper that is not quite white: levels scaled so that white becomes `white` (e.g. 242 = 95 %).
void paper_tone(GrayImage& img, uint8_t white);

// 1-bit: pixels darker than `level` become black (0), the rest white (255).
void threshold(GrayImage& img, uint8_t level);

}  // namespace fixturegen
