#include "scan.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <regex>
#include <stdexcept>
#include <utility>

#include "canvas.hpp"
#include "random.hpp"
#include "scan_effects.hpp"

namespace fixturegen {
namespace {

// Noise rates as in the corpus's scans (corpus/_make/scan.sh): 0.04 % of the pixels isolated
// black dots, 0.004 % centres of 3×3 specks.
constexpr double kSingleSpeckRate = 0.0004, kBlobSpeckRate = 0.00004;
// A grey scanner: slight grain, paper at 95 % white, JPEG at quality 75.
constexpr double kGrainSigma = 2.0;
constexpr uint8_t kPaperWhite = 242;
constexpr int kJpegQuality = 75;
// A bilevel scanner's threshold: darker than 55 % grey is black (light shading drops out).
constexpr uint8_t kBilevelLevel = 141;

struct PixDestroy {
  void operator()(PIX* p) const { pixDestroy(&p); }
};

// The page image as a cairo surface (grey levels in RGB24), which is what cairo paints.
std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> to_surface(const GrayImage& img) {
  std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> s(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot create a scan image");
  cairo_surface_flush(s.get());
  unsigned char* data = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < img.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < img.width; ++x) {
      const uint32_t v = img.pixels[static_cast<size_t>(y) * img.width + x];
      row[x] = 0xff000000u | (v << 16) | (v << 8) | v;
    }
  }
  cairo_surface_mark_dirty(s.get());
  return s;
}

// Attaches the image's JPEG encoding (8-bit grey, baseline), so that the PDF holds the JPEG
// data as a scanner's PDF does (DCTDecode) rather than a lossless copy of the pixels.
void attach_jpeg(cairo_surface_t* surface, const GrayImage& img, int dpi) {
  std::unique_ptr<PIX, PixDestroy> pix(pixCreate(img.width, img.height, 8));
  if (!pix) throw std::runtime_error("cannot create a scan image");
  pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < img.width; ++x)
      SET_DATA_BYTE(line, x, img.pixels[static_cast<size_t>(y) * img.width + x]);
  }
  l_uint8* jpeg = nullptr;
  size_t size = 0;
  if (pixWriteMemJpeg(&jpeg, &size, pix.get(), kJpegQuality, 0) != 0 || jpeg == nullptr)
    throw std::runtime_error("cannot encode a scan image as JPEG");
  // cairo frees the data with lept_free when the surface goes.
  if (cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, jpeg, size, lept_free, jpeg) !=
      CAIRO_STATUS_SUCCESS) {
    lept_free(jpeg);
    throw std::runtime_error("cannot attach JPEG data");
  }
}

uint32_t page_seed(uint32_t seed, int page) {
  std::seed_seq seq{seed, static_cast<uint32_t>(page), 0x7363616eu};
  uint32_t out = 0;
  seq.generate(&out, &out + 1);
  return out;
}

}  // namespace

std::optional<ScanMode> scan_mode(const std::string& name) {
  for (const ScanMode& m : {ScanMode{"bilevel200", 200, true}, ScanMode{"gray200", 200, false},
                            ScanMode{"bilevel300", 300, true}, ScanMode{"gray300", 300, false}})
    if (m.name == name) return m;
  return std::nullopt;
}

std::string scan_mode_names() { return "bilevel200, gray200, bilevel300, gray300"; }

std::string scan_encoding(const ScanMode& mode) {
  return mode.bilevel ? "1-bit DeviceGray, Flate"
                      : "8-bit DeviceGray, JPEG quality " + std::to_string(kJpegQuality);
}

std::set<int> parse_page_list(const std::string& list) {
  static const std::regex kItem(R"(\s*([1-9][0-9]{0,3})(?:\s*-\s*([1-9][0-9]{0,3}))?\s*)");
  std::set<int> pages;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    std::smatch m;
    const std::string item = list.substr(start, comma - start);
    if (!std::regex_match(item, m, kItem))
      throw std::invalid_argument("bad page list '" + list + "' (e.g. 2 or 1,3-4)");
    const int first = std::stoi(m[1]);
    const int last = m[2].matched ? std::stoi(m[2]) : first;
    if (last < first) throw std::invalid_argument("bad page range in '" + list + "'");
    for (int p = first; p <= last; ++p) pages.insert(p);
    start = comma + 1;
  }
  return pages;
}

PageScanner::PageScanner(ScanMode mode, std::set<int> pages, uint32_t seed)
    : mode_(std::move(mode)), pages_(std::move(pages)), seed_(seed) {}

void PageScanner::scan(cairo_t* pdf, cairo_pattern_t* drawing, double page_w, double page_h,
                       int page) {
  Random rng(page_seed(seed_, page));
  // |angle| in [0.2, 1.5] degrees, either way; rounded so that meta.json states it exactly.
  const double magnitude = std::round((0.2 + 1.3 * rng.uniform()) * 100.0) / 100.0;
  const double angle = rng.chance(0.5) ? -magnitude : magnitude;
  GrayImage img = render_turned(drawing, page_w, page_h, mode_.dpi, angle);
  if (mode_.bilevel) {
    threshold(img, kBilevelLevel);
    add_speckles(img, rng, kSingleSpeckRate, kBlobSpeckRate);
  } else {
    add_speckles(img, rng, kSingleSpeckRate, kBlobSpeckRate);
    add_grain(img, rng, kGrainSigma);
    paper_tone(img, kPaperWhite);
  }
  // A black-and-white RGB24 image is written by cairo as a 1-bit DeviceGray image (Flate);
  // a grey one as the JPEG attached to it.
  auto surface = to_surface(img);
  if (!mode_.bilevel) attach_jpeg(surface.get(), img, mode_.dpi);
  cairo_save(pdf);
  cairo_scale(pdf, page_w / img.width, page_h / img.height);
  cairo_set_source_surface(pdf, surface.get(), 0, 0);
  // No /Interpolate, as a scanner's PDF.
  cairo_pattern_set_filter(cairo_get_source(pdf), CAIRO_FILTER_FAST);
  cairo_paint(pdf);
  cairo_restore(pdf);
  scanned_.push_back({page, angle});
}

}  // namespace fixturegen
