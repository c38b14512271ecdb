// The engine of the kansa `ocr` plugin (libkansa_ocr_engine.so): reads pages from their
// images, for pages whose text layer is missing or unusable. It is the library that links
// Tesseract, Leptonica and Poppler's renderer; the plugin itself (ocr_plugin.cpp) loads it on
// the first page to read, so that a worker whose documents all have a usable text layer never
// maps those libraries. Its descriptor has the plugin's own shape (create, destroy,
// recognize), taken by the plugin through kansa_ocr_engine_entry.
//
// Per page (see read_page.cpp):
//   render with Poppler (SplashOutputDev, 8-bit grey) at the resolution of the page's scanned
//   image, at most max_dpi (default_dpi for vector pages), within the max_pixels budget ->
//   binarize (Leptonica: background normalisation + Otsu) -> deskew (pixFindSkew, rotate
//   about the centre, so the page frame stays the page's) -> speckle removal -> ruling lines
//   (morphological opening with long thin bricks, components -> boxes) -> grid cells (white regions
//   enclosed by the lines) -> Tesseract on each text line of each cell (bands of inked rows, PSM 7;
//   a cell of one line, or a band too tall for one line, as a block, PSM 6) and on the rest
//   of the page with the tables blanked (PSM 3) -> one span per recognized symbol (boxes in
//   the recognizer's reading order, see recognizer.cpp), one rule per line, all in page
//   points of the upright, deskewed image. When that reading is doubtful (low confidence),
//   Tesseract's orientation detection decides whether the page is turned by 90/180/270, and a
//   turned page is read again turned back.
// Tesseract's engines are initialized on the first page to read, once per instance. Pages of
// one document may be read on several threads (option threads; see page_threads.hpp).
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <vector>

#include "error_message.hpp"
#include "kansa/plugin_abi.h"
#include "leptonica_raii.hpp"
#include "ocr_identity.hpp"
#include "ocr_options.hpp"
#include "page_renderer.hpp"
#include "page_threads.hpp"
#include "read_page.hpp"
#include "recognizer.hpp"

namespace kansa::ocr {
namespace {

struct Instance {
  explicit Instance(const Options& o) : options(o), recognizer(o) {}
  Options options;
  Recognizer recognizer;
};

using sdk::write_message;

// Leptonica warns on stderr about conditions the plugin handles; errors still show.
void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_ERROR); });
}

kansa_status create(const kansa_option* options, size_t option_count, void** instance,
                    kansa_error* error) {
  if (instance == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
  *instance = nullptr;
  try {
    Options parsed;
    if (!parse_options(options, option_count, parsed, error)) return KANSA_ERR_INVALID_ARGUMENT;
    quiet_leptonica();
    *instance = new Instance(parsed);
    return KANSA_OK;
  } catch (const std::bad_alloc&) {
    write_message(error, "ocr: out of memory");
    return KANSA_ERR_RESOURCE;
  } catch (...) {
    write_message(error, "ocr: unexpected failure creating the instance");
    return KANSA_ERR_INTERNAL;
  }
}

void destroy(void* instance) { delete static_cast<Instance*>(instance); }

kansa_status recognize_pages(Instance& self, const char* path, std::span<const int32_t> pages,
                             const kansa_page_sink& sink, kansa_error& error) {
  PageRenderer renderer;
  if (kansa_status st = renderer.open(path, error); st != KANSA_OK) return st;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i] < 1 || pages[i] > renderer.page_count() || (i > 0 && pages[i] <= pages[i - 1])) {
      write_message(&error, "ocr: page list must be ascending page numbers of the document (got " +
                                std::to_string(pages[i]) + ")");
      return KANSA_ERR_INVALID_ARGUMENT;
    }
  }
  // Every page's budgets before any page is rendered: a document over one is refused
  // before any work.
  for (const int32_t number : pages) {
    RenderedPage probe;
    if (kansa_status st = renderer.prepare(number, self.options, probe, error); st != KANSA_OK)
      return st;
  }
  return read_pages(self.options, renderer, self.recognizer, pages, sink, error);
}

kansa_status recognize(void* instance, const char* path, const int32_t* pages, size_t page_count,
                       const kansa_page_sink* sink, kansa_error* error) {
  kansa_error scratch{};
  kansa_error& out = error != nullptr ? *error : scratch;
  if (instance == nullptr || path == nullptr || sink == nullptr || sink->begin_page == nullptr ||
      sink->add_span == nullptr || sink->add_rule == nullptr || sink->set_text_layer == nullptr ||
      (page_count > 0 && pages == nullptr)) {
    write_message(&out, "ocr: recognize called with a null instance, path, page list or sink");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  try {
    return recognize_pages(*static_cast<Instance*>(instance), path, std::span(pages, page_count),
                           *sink, out);
  } catch (const std::bad_alloc&) {
    write_message(&out, "ocr: out of memory");
    return KANSA_ERR_RESOURCE;
  } catch (const std::exception& e) {
    write_message(&out, std::string("ocr: unexpected failure: ") + e.what());
    return KANSA_ERR_INTERNAL;
  } catch (...) {
    write_message(&out, "ocr: unexpected failure");
    return KANSA_ERR_INTERNAL;
  }
}

const std::string& library_version() {
  static const std::string version = std::string("tesseract ") + tesseract::TessBaseAPI::Version() +
                                     ", leptonica " + std::to_string(LIBLEPT_MAJOR_VERSION) + "." +
                                     std::to_string(LIBLEPT_MINOR_VERSION) + "." +
                                     std::to_string(LIBLEPT_PATCH_VERSION);
  return version;
}

const kansa_plugin_descriptor& descriptor() {
  static const kansa_plugin_descriptor d =
      describe(library_version().c_str(), &create, &destroy, &recognize);
  return d;
}

}  // namespace
}  // namespace kansa::ocr

extern "C" KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_ocr_engine_entry(void) {
  return &kansa::ocr::descriptor();
}
