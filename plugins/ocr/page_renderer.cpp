#include "page_renderer.hpp"

#include "image_budget.hpp"
#include "page_image.hpp"
#include "pixel_kernels.hpp"
#include "poppler_document.hpp"

#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <goo/GooString.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace kansa::ocr {

namespace {

// globalParams is shared with any other Poppler user in the process (the pdftext plugin
// creates it the same way); whoever comes first creates it.
void ensure_poppler_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
}

kansa_status fail(kansa_error& error, kansa_status status, const std::string& text) {
  std::snprintf(error.message, sizeof error.message, "%s", text.c_str());
  return status;
}

// Largest pixels-per-inch of the images the page's resources name directly (a scan is one
// full-page image). Sizes are matched long side to long side, so the placement's
// orientation does not matter.
double embedded_image_dpi(Page* page, double long_side_pt) {
  Dict* resources = page->getResourceDict();
  if (resources == nullptr || long_side_pt <= 0) return 0;
  Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict()) return 0;
  double best = 0;
  for (int i = 0; i < xobjects.dictGetLength(); ++i) {
    Object x = xobjects.dictGetVal(i);
    if (!x.isStream()) continue;
    Dict* d = x.streamGetDict();
    if (d == nullptr || !d->lookup("Subtype").isName("Image")) continue;
    Object w = d->lookup("Width"), h = d->lookup("Height");
    if (!w.isNum() || !h.isNum()) continue;
    const double long_px = std::max(w.getNum(), h.getNum());
    best = std::max(best, long_px / (long_side_pt / 72.0));
  }
  return best;
}

}  // namespace

PageRenderer::PageRenderer() = default;
PageRenderer::~PageRenderer() = default;

kansa_status PageRenderer::open(const std::string& path, kansa_error& error) {
  ensure_poppler_initialised();
  doc_.reset();  // before the bytes it reads
  sdk::PopplerDocument opened = sdk::open_poppler_document(path);
  bytes_ = std::move(opened.bytes);
  doc_ = std::move(opened.doc);
  if (!doc_->isOk()) {
    const int code = doc_->getErrorCode();
    doc_.reset();
    bytes_ = {};
    if (code == errOpenFile || code == errFileIO)
      return fail(error, KANSA_ERR_IO, "ocr: cannot open " + path);
    if (code == errEncrypted)
      return fail(error, KANSA_ERR_UNSUPPORTED, "ocr: " + path + " is encrypted");
    return fail(error, KANSA_ERR_PARSE, "ocr: " + path + " is damaged or not a PDF");
  }
  return KANSA_OK;
}

int PageRenderer::page_count() const { return doc_ ? doc_->getNumPages() : 0; }

kansa_status PageRenderer::prepare(int number, const Options& options, RenderedPage& out,
                                   kansa_error& error) {
  if (!doc_ || number < 1 || number > doc_->getNumPages())
    return fail(error, KANSA_ERR_INVALID_ARGUMENT,
                "ocr: page " + std::to_string(number) + " is not in the document");
  Page* page = doc_->getPage(number);
  if (page == nullptr)
    return fail(error, KANSA_ERR_PARSE, "ocr: page " + std::to_string(number) + " is unreadable");
  out.rotation = ((page->getRotate() % 360) + 360) % 360;
  const double crop_w = page->getCropWidth(), crop_h = page->getCropHeight();
  const bool turned = out.rotation == 90 || out.rotation == 270;
  out.width_pt = turned ? crop_h : crop_w;
  out.height_pt = turned ? crop_w : crop_h;
  if (!(out.width_pt > 0) || !(out.height_pt > 0))
    return fail(error, KANSA_ERR_PARSE, "ocr: page " + std::to_string(number) + " has no size");

  out.image_dpi = embedded_image_dpi(page, std::max(crop_w, crop_h));
  double dpi = out.image_dpi > 0 ? std::min(out.image_dpi, options.max_dpi) : options.default_dpi;
  dpi = std::max(dpi, std::min(options.min_dpi, options.max_dpi));
  const double area_in2 = (out.width_pt / 72.0) * (out.height_pt / 72.0);
  const double budget = static_cast<double>(options.max_pixels);
  if (area_in2 * dpi * dpi > budget) {
    const double fitting = std::floor(std::sqrt(budget / area_in2));
    if (fitting < options.min_dpi) {
      char text[512];
      std::snprintf(text, sizeof text,
                    "ocr: page %d (%.0f x %.0f pt) needs %.0f pixels at the minimum %.0f dpi, "
                    "over the pixel budget of %lld (option max_pixels)",
                    number, out.width_pt, out.height_pt,
                    area_in2 * options.min_dpi * options.min_dpi, options.min_dpi,
                    options.max_pixels);
      return fail(error, KANSA_ERR_RESOURCE, text);
    }
    dpi = fitting;
  }
  out.dpi = dpi;
  if (auto over = image_over_budget(*page, options.max_image_pixels))
    return fail(error, KANSA_ERR_RESOURCE, "ocr: page " + std::to_string(number) + ": " + *over);
  return KANSA_OK;
}

kansa_status PageRenderer::render(int number, const Options& options, RenderedPage& out,
                                  kansa_error& error) {
  if (!doc_ || number < 1 || number > doc_->getNumPages() || !(out.dpi > 0))
    return fail(error, KANSA_ERR_INVALID_ARGUMENT,
                "ocr: page " + std::to_string(number) + " was not prepared");
  const double dpi = out.dpi;
  if (options.placed_images)
    if (PixPtr image = page_as_placed_image(*doc_, number, dpi, options.max_image_pixels)) {
      pixSetResolution(image.get(), static_cast<int>(dpi), static_cast<int>(dpi));
      out.gray = std::move(image);
      return KANSA_OK;
    }
  SplashColor paper;
  paper[0] = 0xff;
  BudgetedSplashOutputDev dev(splashModeMono8, paper, options.max_image_pixels);
  dev.setFontAntialias(true);
  dev.setVectorAntialias(true);
  dev.startDoc(doc_.get());
  doc_->displayPage(&dev, number, dpi, dpi, 0, false, true, false,
                    &BudgetedSplashOutputDev::stop_requested, &dev);
  if (dev.refusal())
    return fail(error, KANSA_ERR_RESOURCE,
                "ocr: page " + std::to_string(number) + ": " + *dev.refusal());
  SplashBitmap* bitmap = dev.getBitmap();
  if (bitmap == nullptr || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0)
    return fail(error, KANSA_ERR_INTERNAL,
                "ocr: page " + std::to_string(number) + ": Poppler rendered nothing");
  PixPtr pix = gray_from_bytes(bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(),
                               bitmap->getRowSize());
  if (!pix)
    return fail(error, KANSA_ERR_RESOURCE,
                "ocr: page " + std::to_string(number) + ": cannot allocate the page image");
  pixSetResolution(pix.get(), static_cast<int>(dpi), static_cast<int>(dpi));
  out.gray = std::move(pix);
  return KANSA_OK;
}

}  // namespace kansa::ocr
