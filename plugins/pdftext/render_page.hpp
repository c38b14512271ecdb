// Renders one page of a PDF to a PNG with Poppler's Splash rasterizer (kansa review's page
// images; kansa_plugin_descriptor::render_page).
#pragma once

#include "kansa/plugin_abi.h"
#include "pdftext_options.hpp"

namespace kansa::pdftext {

// Contract of kansa_plugin_descriptor::render_page. Never throws. The image is the page as
// displayed (crop box, /Rotate applied), RGB, `dpi` pixels per inch, so point (x, y) of the
// extractor's coordinates is pixel (x * dpi / 72, y * dpi / 72). On failure fills `error`
// (naming the file and page) and returns:
//   INVALID_ARGUMENT  no such page, or a resolution outside (0, 1200]
//   IO / PARSE / UNSUPPORTED  as extract_document()
//   RESOURCE  a crop box over max_page_side, a font program over max_font_program_mb, an
//             image over max_render_pixels, or out of memory
//   ABORTED   the sink refused the image
kansa_status render_page_png(const Options& options, const char* path, int page, double dpi,
                             const kansa_image_sink& sink, kansa_error& error);

}  // namespace kansa::pdftext
