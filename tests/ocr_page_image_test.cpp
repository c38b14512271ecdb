// The OCR plugin's shortcut for scans (plugins/ocr/page_image.hpp): a page that is one image
// placed over it pixel for pixel is decoded straight from the PDF, turned as it is placed,
// and matches what Poppler renders of it; every other page is left to the renderer. The PDFs
// are written here, each placing one grey image of known pixels in another way.
#include <PDFDoc.h>
#include <goo/GooString.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../plugins/ocr/page_image.hpp"
#include "../plugins/ocr/page_renderer.hpp"
#include "cli_support.hpp"
#include "pdf_writer.hpp"

namespace {

using kansa::ocr::Options;
using kansa::ocr::page_as_placed_image;
using kansa::ocr::PageRenderer;
using kansa::ocr::PixPtr;
using kansa::ocr::RenderedPage;
using kansa::testing::fixture;
using kansa::testing::pdf_of;
using kansa::testing::temp_dir;

// 300 x 200 pixels over 144 x 96 pt: 150 dpi, the lowest the renderer picks by default, so
// the page is drawn at the image's own resolution.
constexpr int kImageW = 300, kImageH = 200;

// The grey of image pixel (column i, row j): blocks of 10 x 10 pixels whose grey says where
// they are, so that any flip, turn or shift shows. At 1 bit, a checkerboard of blocks, wider
// on the left (a set bit is white in DeviceGray).
int sample(int bits, int i, int j) {
  if (bits == 8) return 30 + ((i / 10) * 37 + (j / 10) * 91) % 200;
  return (i / (i < 100 ? 20 : 10) + j / 10) % 2 == 0 ? 255 : 0;
}

std::string grey_samples(int bits) {
  std::string out;
  for (int j = 0; j < kImageH; ++j) {
    if (bits == 8) {
      for (int i = 0; i < kImageW; ++i) out += static_cast<char>(sample(8, i, j));
    } else {
      for (int i = 0; i < kImageW; i += 8) {
        unsigned char byte = 0;
        for (int b = 0; b < 8 && i + b < kImageW; ++b)
          if (sample(1, i + b, j) != 0) byte |= 0x80 >> b;
        out += static_cast<char>(byte);
      }
    }
  }
  return out;
}

// A one-page PDF of size `w` x `h` pt whose content is `content`, with `images` image
// XObjects /Im1, /Im2... (the same samples) and `page_extra` in the page dictionary.
std::string write_pdf(const std::string& path, double w, double h, const std::string& content,
                      const std::string& page_extra = "", int bits = 8, int images = 1) {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  std::string xobjects;
  for (int i = 0; i < images; ++i)
    xobjects += "/Im" + std::to_string(i + 1) + " " + std::to_string(5 + i) + " 0 R ";
  char box[96];
  std::snprintf(box, sizeof box, "[0 0 %g %g]", w, h);
  objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) +
                    " /Resources << /XObject << " + xobjects + ">> >> /Contents 4 0 R " +
                    page_extra + " >>");
  objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                    "\nendstream");
  const std::string samples = grey_samples(bits);
  for (int i = 0; i < images; ++i)
    objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(kImageW) +
                      " /Height " + std::to_string(kImageH) +
                      " /ColorSpace /DeviceGray /BitsPerComponent " + std::to_string(bits) +
                      " /Length " + std::to_string(samples.size()) + " >>\nstream\n" + samples +
                      "\nendstream");
  std::ofstream(path, std::ios::binary) << pdf_of(objects);
  return path;
}

// Page 1 of `path` as the plugin's renderer gives it, with or without the shortcut.
PixPtr rendered(const std::string& path, bool placed_images) {
  PageRenderer renderer;
  kansa_error error{};
  Options options;
  options.placed_images = placed_images;
  RenderedPage page;
  if (renderer.open(path, error) != KANSA_OK ||
      renderer.prepare(1, options, page, error) != KANSA_OK ||
      renderer.render(1, options, page, error) != KANSA_OK) {
    ADD_FAILURE() << path << ": " << error.message;
    return nullptr;
  }
  return std::move(page.gray);
}

// Page 1 of `path` decoded by the shortcut at `dpi`; nullptr when it declines.
PixPtr placed(const std::string& path, double dpi = 150) {
  PageRenderer renderer;  // sets up Poppler's global parameters
  kansa_error error{};
  EXPECT_EQ(renderer.open(path, error), KANSA_OK) << error.message;
  PDFDoc doc(std::make_unique<GooString>(path));
  EXPECT_TRUE(doc.isOk()) << path;
  return page_as_placed_image(doc, 1, dpi, 200'000'000);
}

// Mean absolute grey difference of two images, over the size they share.
double mean_difference(PIX* a, PIX* b) {
  const int w = std::min(pixGetWidth(a), pixGetWidth(b));
  const int h = std::min(pixGetHeight(a), pixGetHeight(b));
  double sum = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_uint32 va = 0, vb = 0;
      pixGetPixel(a, x, y, &va);
      pixGetPixel(b, x, y, &vb);
      sum += std::abs(static_cast<int>(va) - static_cast<int>(vb));
    }
  return sum / (static_cast<double>(w) * h);
}

// Image pixel (column i, row j) shown at page pixel (x, y).
using Shown = std::pair<int, int> (*)(int x, int y);

struct Placement {
  const char* name;
  double w, h;  // page, pt
  const char* cm;
  const char* page_extra;
  int bits;
  Shown shown;  // worked out by hand from the placement
};

constexpr int W = kImageW, H = kImageH;

// Each way of placing the image over the whole page: decoded, every pixel is the image's
// pixel that lands there, and Poppler's rendering agrees but for its resampling.
TEST(OcrPlacedImage, DecodedAsPlaced) {
  const std::string dir = temp_dir("placed-image");
  const std::vector<Placement> placements{
      {"upright", 144, 96, "144 0 0 96 0 0 cm", "", 8,
       [](int x, int y) {
         return std::pair{x, y};
       }},
      {"upright-bilevel", 144, 96, "144 0 0 96 0 0 cm", "", 1,
       [](int x, int y) {
         return std::pair{x, y};
       }},
      {"page-rotate-90", 144, 96, "144 0 0 96 0 0 cm", "/Rotate 90", 8,
       [](int x, int y) {
         return std::pair{y, H - 1 - x};
       }},
      {"page-rotate-180", 144, 96, "144 0 0 96 0 0 cm", "/Rotate 180", 8,
       [](int x, int y) {
         return std::pair{W - 1 - x, H - 1 - y};
       }},
      {"mirrored", 144, 96, "-144 0 0 96 144 0 cm", "", 8,
       [](int x, int y) {
         return std::pair{W - 1 - x, y};
       }},
      {"upside-down", 144, 96, "144 0 0 -96 0 96 cm", "", 8,
       [](int x, int y) {
         return std::pair{x, H - 1 - y};
       }},
      {"sideways-left", 96, 144, "0 144 -96 0 96 0 cm", "", 8,
       [](int x, int y) {
         return std::pair{W - 1 - y, x};
       }},
      {"sideways-right", 96, 144, "0 -144 96 0 0 144 cm", "", 8,
       [](int x, int y) {
         return std::pair{y, H - 1 - x};
       }},
  };
  for (const Placement& p : placements) {
    SCOPED_TRACE(p.name);
    const std::string pdf =
        write_pdf(dir + "/" + p.name + ".pdf", p.w, p.h, std::string("q ") + p.cm + " /Im1 Do Q",
                  p.page_extra, p.bits);
    PixPtr direct = placed(pdf);
    ASSERT_TRUE(direct) << "the shortcut declined a page that is one placed image";
    ASSERT_EQ(pixGetDepth(direct.get()), 8);
    const int w = pixGetWidth(direct.get()), h = pixGetHeight(direct.get());
    const bool sideways = std::string(p.page_extra) == "/Rotate 90" || p.w < p.h;
    ASSERT_EQ(w, sideways ? H : W);
    ASSERT_EQ(h, sideways ? W : H);
    int wrong = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const auto [i, j] = p.shown(x, y);
        l_uint32 v = 0;
        pixGetPixel(direct.get(), x, y, &v);
        wrong += static_cast<int>(v) != sample(p.bits, i, j);
      }
    EXPECT_EQ(wrong, 0) << "pixels that are not the image's pixel placed there";
    // Poppler's rendering: the same but for the resampling of its image scaler (upright
    // images drift by up to a pixel across the image, which blurs block edges).
    PixPtr splash = rendered(pdf, false);
    ASSERT_TRUE(splash);
    EXPECT_LT(mean_difference(direct.get(), splash.get()), p.bits == 8 ? 10.0 : 30.0);
    // The renderer takes the shortcut when asked: the same pixels as decoded here.
    PixPtr via_renderer = rendered(pdf, true);
    ASSERT_TRUE(via_renderer);
    EXPECT_EQ(mean_difference(direct.get(), via_renderer.get()), 0.0);
  }
}

// Pages that are more than one image placed pixel for pixel over them are rendered.
TEST(OcrPlacedImage, DeclinesEverythingElse) {
  const std::string dir = temp_dir("placed-image-declined");
  struct Other {
    const char* name;
    double w, h;  // page, pt
    const char* cm;
  };
  const std::vector<Other> others{
      {"margin", 164, 116, "144 0 0 96 10 10 cm"},
      {"skewed", 144, 96, "143.9 1.5 -1 95.9 0.5 0 cm"},
      {"half-resolution", 288, 192, "288 0 0 192 0 0 cm"},
  };
  for (const Other& p : others) {
    SCOPED_TRACE(p.name);
    const std::string pdf =
        write_pdf(dir + "/" + p.name + ".pdf", p.w, p.h, std::string("q ") + p.cm + " /Im1 Do Q");
    EXPECT_FALSE(placed(pdf));
    EXPECT_TRUE(rendered(pdf, true));  // still read, by rendering
  }
  const std::string upright = "q 144 0 0 96 0 0 cm /Im1 Do Q";
  EXPECT_FALSE(placed(write_pdf(dir + "/stroke.pdf", 144, 96, upright + " 0 0 m 50 50 l S")));
  EXPECT_FALSE(placed(write_pdf(dir + "/two-images.pdf", 144, 96,
                                upright + " q 144 0 0 96 0 0 cm /Im2 Do Q", "", 8, 2)));
  EXPECT_FALSE(placed(
      write_pdf(dir + "/clipped.pdf", 144, 96, "q 0 0 72 96 re W n 144 0 0 96 0 0 cm /Im1 Do Q")));
  // A report with a text layer, and one whose glyphs have no Unicode (both drawn text).
  EXPECT_FALSE(placed(fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf")));
  EXPECT_FALSE(placed(fixture("corpus/osaka-kenko-r5-notounicode/osaka-kenko-r5-notounicode.pdf")));
}

// The corpus scan: each page one JPEG placed over it.
TEST(OcrPlacedImage, TakesTheCorpusScanStraightFromThePdf) {
  const std::string pdf = fixture("corpus/osaka-kenko-r5-scan/osaka-kenko-r5-scan.pdf");
  PixPtr direct = placed(pdf, 300);
  ASSERT_TRUE(direct);
  PixPtr splash = rendered(pdf, false);
  ASSERT_TRUE(splash);
  // Poppler's page is 2480.3 pixels high (the image 2481), and it resamples the image.
  EXPECT_EQ(pixGetWidth(direct.get()), pixGetWidth(splash.get()));
  EXPECT_LE(std::abs(pixGetHeight(direct.get()) - pixGetHeight(splash.get())), 1);
  EXPECT_LT(mean_difference(direct.get(), splash.get()), 8.0);
}

}  // namespace
