#include "scan_effects.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "canvas.hpp"

namespace fixturegen {

GrayImage render_turned(cairo_pattern_t* drawing, double page_w, double page_h, int dpi,
                        double angle_deg) {
  GrayImage img;
  img.width = static_cast<int>(std::lround(page_w / 72.0 * dpi));
  img.height = static_cast<int>(std::lround(page_h / 72.0 * dpi));
  std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot create a scan image");
  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    const double cx = img.width / 2.0, cy = img.height / 2.0;
    cairo_translate(cr.get(), cx, cy);
    cairo_rotate(cr.get(), angle_deg * M_PI / 180.0);
    cairo_translate(cr.get(), -cx, -cy);
    cairo_scale(cr.get(), img.width / page_w, img.height / page_h);
    cairo_set_source(cr.get(), drawing);
    cairo_paint(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error("cannot draw a scan image");
  }
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  img.pixels.resize(static_cast<size_t>(img.width) * img.height);
  for (int y = 0; y < img.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < img.width; ++x) {
      const uint32_t p = row[x];
      const uint32_t r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
      img.pixels[static_cast<size_t>(y) * img.width + x] =
          static_cast<uint8_t>((r * 299 + g * 587 + b * 114 + 500) / 1000);
    }
  }
  return img;
}

void add_speckles(GrayImage& img, Random& rng, double single_rate, double blob_rate) {
  const double area = static_cast<double>(img.width) * img.height;
  const int singles = static_cast<int>(std::lround(area * single_rate));
  const int blobs = static_cast<int>(std::lround(area * blob_rate));
  for (int i = 0; i < singles; ++i) {
    const int x = rng.range(0, img.width - 1), y = rng.range(0, img.height - 1);
    img.pixels[static_cast<size_t>(y) * img.width + x] = 0;
  }
  for (int i = 0; i < blobs; ++i) {
    const int cx = rng.range(0, img.width - 1), cy = rng.range(0, img.height - 1);
    for (int y = std::max(0, cy - 1); y <= std::min(img.height - 1, cy + 1); ++y)
      for (int x = std::max(0, cx - 1); x <= std::min(img.width - 1, cx + 1); ++x)
        img.pixels[static_cast<size_t>(y) * img.width + x] = 0;
  }
}

void add_grain(GrayImage& img, Random& rng, double sigma) {
  // The sum of four uniforms has mean 2 and variance 1/3.
  const double scale = std::sqrt(3.0) * sigma;
  for (uint8_t& p : img.pixels) {
    const double n = (rng.uniform() + rng.uniform() + rng.uniform() + rng.uniform() - 2.0) * scale;
    p = static_cast<uint8_t>(std::clamp(std::lround(p + n), 0L, 255L));
  }
}

void paper_tone(GrayImage& img, uint8_t white) {
  for (uint8_t& p : img.pixels) p = static_cast<uint8_t>((p * white + 127) / 255);
}

void threshold(GrayImage& img, uint8_t level) {
  for (uint8_t& p : img.pixels) p = p < level ? 0 : 255;
}

}  // namespace fixturegen
