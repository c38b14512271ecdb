#include "page_image.hpp"

#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace kansa::ocr {

namespace {

// Poppler output device that draws nothing: it watches what a page draws and keeps the image
// when the page is one image over the whole device page, pixel for pixel. Anything else
// spoils the page, and displayPage is asked to stop (stop_requested).
class PlacedImageProbe final : public OutputDev {
 public:
  explicit PlacedImageProbe(long long max_image_pixels) : max_image_pixels_(max_image_pixels) {}

  static bool stop_requested(void* probe) {
    return static_cast<PlacedImageProbe*>(probe)->spoiled_;
  }

  // The page's image, turned as placed; nullptr when the page is not one placed image.
  PixPtr take() { return spoiled_ ? nullptr : std::move(image_); }

  bool upsideDown() override { return true; }  // device y down, as Splash renders
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }

  void startPage(int, GfxState* state, XRef*) override {
    page_w_ = state->getPageWidth();
    page_h_ = state->getPageHeight();
  }

  void stroke(GfxState*) override { spoil(); }
  void fill(GfxState*) override { spoil(); }
  void eoFill(GfxState*) override { spoil(); }
  void drawChar(GfxState* state, double, double, double, double, double, double, CharCode, int,
                const Unicode*, int) override {
    // Render modes 3 and 7 paint nothing (7 only clips): an OCR layer over a scan.
    if ((state->getRender() & 3) != 3) spoil();
  }
  void setSoftMask(GfxState*, const double*, bool, Function*, GfxColor*) override { spoil(); }
  // Inline image data is left unread: the page is spoiled and display stops.
  void drawImageMask(GfxState*, Object*, Stream*, int, int, bool, bool, bool) override { spoil(); }
  void setSoftMaskFromImageMask(GfxState*, Object*, Stream*, int, int, bool, bool,
                                double*) override {
    spoil();
  }
  void drawMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int,
                       int, bool, bool) override {
    spoil();
  }
  void drawSoftMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*,
                           int, int, GfxImageColorMap*, bool) override {
    spoil();
  }

  void drawImage(GfxState* state, Object*, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool, const int* mask_colors,
                 bool inline_image) override {
    if (spoiled_ || image_ || inline_image || mask_colors != nullptr || color_map == nullptr ||
        !color_map->isOk() || width <= 0 || height <= 0 ||
        static_cast<long long>(width) * height > max_image_pixels_) {
      spoil();
      return;
    }
    const Placement placement = placement_of(state, width, height);
    if (!placement.fits) {
      spoil();
      return;
    }
    PixPtr decoded = decode(str, width, height, *color_map);
    if (!decoded) {
      spoil();
      return;
    }
    image_ = turned(std::move(decoded), placement);
    if (!image_) spoil();
  }

 private:
  // How the image's unit square lands on the device page: axis-aligned, the image's columns
  // along device x or y (`sideways`), each axis possibly reversed.
  struct Placement {
    bool fits = false, sideways = false, flip_x = false, flip_y = false;
  };

  void spoil() { spoiled_ = true; }

  Placement placement_of(GfxState* state, int width, int height) const {
    // Image space (u, v) in the unit square, v up: device x = a u + c v + e, y = b u + d v + f.
    const double* m = state->getCTM();
    const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    const double scale = std::max({std::fabs(a), std::fabs(b), std::fabs(c), std::fabs(d)});
    const double tiny = 1e-6 * scale;
    Placement p;
    if (std::fabs(b) <= tiny && std::fabs(c) <= tiny) {
      p.sideways = false;
    } else if (std::fabs(a) <= tiny && std::fabs(d) <= tiny) {
      p.sideways = true;
    } else {
      return p;  // rotated by another angle, or sheared
    }
    // Pixel for pixel: the image's columns span the device width, its rows the height.
    const double across = p.sideways ? std::fabs(c) : std::fabs(a);
    const double down = p.sideways ? std::fabs(b) : std::fabs(d);
    const int columns = p.sideways ? height : width, rows = p.sideways ? width : height;
    constexpr double kSlack = 1.5;  // device pixels: rounding of the page and image sizes
    if (std::fabs(across - columns) > kSlack || std::fabs(down - rows) > kSlack) return p;
    // Over the whole page, inside the clip.
    const std::array<double, 4> xs{e, a + e, c + e, a + c + e}, ys{f, b + f, d + f, b + d + f};
    const double x0 = *std::min_element(xs.begin(), xs.end());
    const double x1 = *std::max_element(xs.begin(), xs.end());
    const double y0 = *std::min_element(ys.begin(), ys.end());
    const double y1 = *std::max_element(ys.begin(), ys.end());
    if (std::fabs(x0) > kSlack || std::fabs(y0) > kSlack || std::fabs(x1 - page_w_) > kSlack ||
        std::fabs(y1 - page_h_) > kSlack)
      return p;
    double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    if (cx0 > kSlack || cy0 > kSlack || cx1 < page_w_ - kSlack || cy1 < page_h_ - kSlack) return p;
    // Image row 0 is v = 1 (the top of image space); column 0 is u = 0.
    if (p.sideways) {
      p.flip_x = c < 0;  // device x grows with v: image row 0 on the right unless reversed
      p.flip_y = b < 0;  // device y grows with u unless reversed
    } else {
      p.flip_x = a < 0;
      p.flip_y = d > 0;  // v up is device y down: row 0 on top unless reversed
    }
    p.fits = true;
    return p;
  }

  // The image's samples as 8-bit grey through its colour space and /Decode.
  static PixPtr decode(Stream* str, int width, int height, GfxImageColorMap& color_map) {
    const int comps = color_map.getNumPixelComps(), bits = color_map.getBits();
    PixPtr pix(pixCreate(width, height, 8));
    if (!pix) return nullptr;
    ImageStream samples(str, width, comps, bits);
    samples.reset();
    // One component of at most 8 bits (grey and bilevel scans): a table of its values.
    const bool table = comps == 1 && bits <= 8;
    std::array<l_uint32, 256> grey{};
    if (table)
      for (int value = 0; value < (1 << bits); ++value) {
        const unsigned char sample = static_cast<unsigned char>(value);
        GfxGray g;
        color_map.getGray(&sample, &g);
        grey[static_cast<size_t>(value)] = colToByte(g);
      }
    l_uint32* data = pixGetData(pix.get());
    const int wpl = pixGetWpl(pix.get());
    for (int y = 0; y < height; ++y) {
      unsigned char* line = samples.getLine();
      if (line == nullptr) {
        samples.close();
        return nullptr;
      }
      l_uint32* row = data + static_cast<std::ptrdiff_t>(y) * wpl;
      for (int x = 0; x < width; ++x) {
        if (table) {
          SET_DATA_BYTE(row, x, grey[line[x]]);
        } else {
          GfxGray g;
          color_map.getGray(line + static_cast<std::ptrdiff_t>(x) * comps, &g);
          SET_DATA_BYTE(row, x, colToByte(g));
        }
      }
    }
    samples.close();
    return pix;
  }

  // The decoded image turned and flipped as `p` places it on the device page.
  static PixPtr turned(PixPtr pix, const Placement& p) {
    if (p.sideways) {
      // Clockwise: image (column i, row j) to device (rows - 1 - j, i), which is where it
      // lands when device x falls with v (c > 0) and device y grows with u (b > 0).
      pix.reset(pixRotate90(pix.get(), 1));
      if (!pix) return nullptr;
    }
    if (p.flip_x) pix.reset(pixFlipLR(nullptr, pix.get()));
    if (pix && p.flip_y) pix.reset(pixFlipTB(nullptr, pix.get()));
    return pix;
  }

  long long max_image_pixels_;
  double page_w_ = 0, page_h_ = 0;  // device pixels
  bool spoiled_ = false;
  PixPtr image_;
};

}  // namespace

PixPtr page_as_placed_image(PDFDoc& doc, int number, double dpi, long long max_image_pixels) {
  PlacedImageProbe probe(max_image_pixels);
  doc.displayPage(&probe, number, dpi, dpi, 0, false, true, false,
                  &PlacedImageProbe::stop_requested, &probe);
  return probe.take();
}

}  // namespace kansa::ocr
