// Poppler side of the plugin: opens a PDF and renders single pages to 8-bit grey images at a
// resolution chosen from the page's scanned image, within a pixel budget.
#pragma once

#include <memory>
#include <string>

#include "file_bytes.hpp"
#include "kansa/plugin_abi.h"
#include "leptonica_raii.hpp"
#include "ocr_options.hpp"

class PDFDoc;

namespace kansa::ocr {

struct RenderedPage {
  PixPtr gray;          // 8 bpp, page as displayed (its /Rotate applied)
  double dpi = 0;       // pixels per inch both ways
  double width_pt = 0;  // displayed page size
  double height_pt = 0;
  int rotation = 0;      // the page's /Rotate, normalised to 0/90/180/270
  double image_dpi = 0;  // resolution of its largest embedded image, 0 if none
};

class PageRenderer {
 public:
  // Opens `path`. On failure returns non-OK with `error` filled; the renderer is unusable.
  kansa_status open(const std::string& path, kansa_error& error);
  PageRenderer();
  ~PageRenderer();
  PageRenderer(const PageRenderer&) = delete;
  PageRenderer& operator=(const PageRenderer&) = delete;

  int page_count() const;

  // Decides how page `number` (1-based) is to be rendered, without rendering it: fills `out`
  // but its image. The resolution is the embedded image's (capped at max_dpi; default_dpi
  // without an image); past max_pixels it is lowered. Refused with KANSA_ERR_RESOURCE: a
  // page that would need less than min_dpi (page size x resolution), and a page whose
  // resources hold an image over max_image_pixels (see image_budget.hpp). Every page to
  // read is prepared before any is rendered, so that a document over a budget is refused
  // before any work.
  kansa_status prepare(int number, const Options& options, RenderedPage& out, kansa_error& error);

  // Renders a prepared page into `page.gray`: a page that is one image placed over it pixel
  // for pixel is that image decoded (page_image.hpp; unless options.placed_images is off),
  // any other drawn by Poppler's Splash. An image over max_image_pixels met while rendering
  // (inline, in a pattern...) is not decoded: KANSA_ERR_RESOURCE.
  kansa_status render(int number, const Options& options, RenderedPage& page, kansa_error& error);

 private:
  sdk::FileBytes bytes_;  // what doc_ reads (declared first: destroyed after it)
  std::unique_ptr<PDFDoc> doc_;
};

}  // namespace kansa::ocr
