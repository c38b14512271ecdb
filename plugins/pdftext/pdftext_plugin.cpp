// kansa `pdftext` extractor: the text layer and ruling lines of a PDF, read with Poppler.
//
// How it works (one pass per page, no quadratic work):
//   PDFDoc::displayPage draws each page once into PageOutputDev, a subclass of Poppler's
//   TextOutputDev, at 72 dpi on the crop box with the page's /Rotate applied, so device
//   space is the ABI's page space (points, top-left origin, y down).
//   - Glyphs: TextOutputDev builds its TextPage as usual (font-aware glyph boxes,
//     duplicate/overstrike removal, reading order); each character of each TextWord of
//     makeWordList() becomes one span, with the box from TextWord::getCharBBox and the
//     word's font size.
//   - Ruling lines: the stroke()/fill()/eoFill() overrides read the current GfxPath and map
//     its points with the CTM (GfxState::transform). Every straight horizontal or vertical
//     segment of a stroked path is a rule with the transformed line width as thickness (so
//     the four edges of a stroked `re` rectangle are four rules); a filled axis-aligned
//     rectangle is a rule when it is at most `rule_max_thickness` thin (table borders drawn
//     as fills); a thicker one is an area (cell background, table row drawn as a coloured
//     band), reported as its box, thick both ways, unless `report_areas` is off: whether its
//     edges are grid lines is for the tables stage to judge. White or transparent paint is
//     ignored; rules are clipped to the page.
//   - Text-layer verdict: drawChar() tallies what every glyph decoded to before TextPage
//     sees it. No glyphs -> ABSENT. UNUSABLE when at least `unusable_threshold` of the
//     glyphs are bad: undecodable (no Unicode, U+FFFD, control, private use, `(cid:NN)`);
//     or, for simple fonts without a ToUnicode map, control / ASCII punctuation / Latin-1
//     symbols (what subset fonts with sequential codes decode to under WinAnsi); or, for
//     CID fonts without ToUnicode whose collection Poppler cannot map (Adobe-Identity),
//     anything but CJK (Poppler then reads glyph ids as Unicode). CID fonts of mapped
//     collections (Adobe-Japan1 via poppler-data) are trusted. Kangxi radicals and other
//     odd-but-real characters are text: normalisation deals with them later.
// Budgets (resource_budget.hpp), checked per page before drawing: a crop box beyond
// max_page_side points, or an embedded font program inflating beyond max_font_program_mb,
// refuses the document (RESOURCE) instead of letting Poppler allocate what it asks for.
// Poppler's error messages are routed to the failing call's message, never to stderr.
// render_page (ABI 1.2, for kansa review) draws one page with Poppler's SplashOutputDev at the
// resolution asked for, in the same displayed-page space, and encodes it as PNG with libpng.
#include <algorithm>
#include <memory>
#include <new>
#include <span>
#include <string>

#include <poppler-config.h>  // POPPLER_VERSION

#include "descriptor_base.hpp"
#include "error_message.hpp"
#include "extract_document.hpp"
#include "kansa/plugin_abi.h"
#include "pdftext_options.hpp"
#include "render_page.hpp"

namespace kansa::pdftext {
namespace {

struct Instance {
  Options options;
};

using sdk::write_message;

kansa_status create(const kansa_option* options, size_t option_count, void** instance,
                    kansa_error* error) {
  if (instance == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
  *instance = nullptr;
  try {
    auto made = std::make_unique<Instance>();
    std::string problem;
    if (option_count > 0 && options == nullptr) {
      write_message(error, "pdftext: options missing");
      return KANSA_ERR_INVALID_ARGUMENT;
    }
    if (!parse_options(std::span(options, option_count), made->options, problem)) {
      write_message(error, problem);
      return KANSA_ERR_INVALID_ARGUMENT;
    }
    *instance = made.release();
    return KANSA_OK;
  } catch (const std::bad_alloc&) {
    write_message(error, "pdftext: out of memory");
    return KANSA_ERR_RESOURCE;
  } catch (...) {
    write_message(error, "pdftext: unexpected failure creating the instance");
    return KANSA_ERR_INTERNAL;
  }
}

void destroy(void* instance) { delete static_cast<Instance*>(instance); }

kansa_status extract(void* instance, const char* path, const kansa_page_sink* sink,
                     kansa_error* error) {
  kansa_error scratch{};
  kansa_error& out = error != nullptr ? *error : scratch;
  if (instance == nullptr || path == nullptr || sink == nullptr || sink->begin_page == nullptr ||
      sink->add_span == nullptr || sink->add_rule == nullptr || sink->set_text_layer == nullptr) {
    write_message(&out, "pdftext: extract called with a null instance, path or sink callback");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  return extract_document(static_cast<const Instance*>(instance)->options, path, *sink, out);
}

kansa_status render_page(void* instance, const char* path, int32_t page, double dpi,
                         const kansa_image_sink* sink, kansa_error* error) {
  kansa_error scratch{};
  kansa_error& out = error != nullptr ? *error : scratch;
  if (instance == nullptr || path == nullptr || sink == nullptr || sink->write_png == nullptr) {
    write_message(&out, "pdftext: render_page called with a null instance, path or sink");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  return render_page_png(static_cast<const Instance*>(instance)->options, path, page, dpi, *sink,
                         out);
}

const std::string& library_version() {
  static const std::string version = std::string("poppler ") + POPPLER_VERSION;
  return version;
}

const kansa_plugin_descriptor& descriptor() {
  static const kansa_plugin_descriptor d = [] {
    kansa_plugin_descriptor made =
        sdk::descriptor_base({KANSA_KIND_EXTRACTOR, "pdftext", "1.0.0",
                              "Glyphs with boxes, ruling lines and a text-layer verdict per page, "
                              "read from the PDF's text layer with Poppler.",
                              library_version().c_str()},
                             option_specs(), &create, &destroy);
    made.extract = &extract;
    made.render_page = &render_page;
    return made;
  }();
  return d;
}

}  // namespace
}  // namespace kansa::pdftext

extern "C" KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_plugin_entry(void) {
  return &kansa::pdftext::descriptor();
}
