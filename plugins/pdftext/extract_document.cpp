#include "extract_document.hpp"

#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <UnicodeMapFuncs.h>
#include <goo/GooString.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>

#include "page_output_dev.hpp"
#include "plugin_failure.hpp"
#include "poppler_document.hpp"
#include "poppler_runtime.hpp"
#include "resource_budget.hpp"

namespace kansa::pdftext {

namespace {

const char* describe_poppler_error(int code) {
  switch (code) {
    case errOpenFile:
      return "couldn't open the file";
    case errBadCatalog:
      return "couldn't read the page catalog";
    case errDamaged:
      return "damaged file or not a PDF";
    case errEncrypted:
      return "encrypted";
    case errFileIO:
      return "file I/O error";
    default:
      return "unknown error";
  }
}

int normalised_rotation(int degrees) { return ((degrees % 360) + 360) % 360; }

// Reports the page just drawn into `dev`. Returns false as soon as the sink says stop.
bool report_page(PageOutputDev& dev, int number, int rotation, double unusable_threshold,
                 const kansa_page_sink& sink) {
  const double width = dev.page_width(), height = dev.page_height();
  if (sink.begin_page(sink.host_ctx, number, width, height, rotation) != KANSA_OK) return false;

  // Words come in Poppler's reading order; each character of a word is one glyph span.
  std::unique_ptr<TextWordList> words = dev.makeWordList();
  char utf8[8];
  std::u32string page_text;
  for (int w = 0; w < words->getLength(); ++w) {
    const TextWord* word = words->get(w);
    for (int i = 0; i < word->getLength(); ++i) {
      const char32_t c = static_cast<char32_t>(*word->getChar(i));
      page_text += c;
      kansa_box box;
      word->getCharBBox(i, &box.x0, &box.y0, &box.x1, &box.y1);
      auto on_page = clip_to_page(box, width, height);
      if (!on_page) continue;  // drawn outside the crop box: not displayed
      // Poppler's own encoder; a value that is not a Unicode scalar becomes U+FFFD.
      const bool scalar = c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
      const int n = scalar ? mapUTF8(static_cast<Unicode>(c), utf8, sizeof utf8 - 1) : 0;
      if (n > 0) {
        utf8[n] = '\0';
      } else {
        std::snprintf(utf8, sizeof utf8, "\xEF\xBF\xBD");
      }
      const kansa_span span{utf8, *on_page, word->getFontSize(), 1.0};
      if (sink.add_span(sink.host_ctx, &span) != KANSA_OK) return false;
    }
  }
  for (const kansa_box& box : dev.rules()) {
    const kansa_rule rule{box};
    if (sink.add_rule(sink.host_ctx, &rule) != KANSA_OK) return false;
  }

  GlyphTally& tally = dev.tally();
  tally.undecodable += count_cid_placeholder_chars(page_text);
  const TextLayerVerdict verdict = judge_text_layer(tally, unusable_threshold);
  return sink.set_text_layer(sink.host_ctx, verdict.layer,
                             verdict.reason.empty() ? nullptr : verdict.reason.c_str()) == KANSA_OK;
}

kansa_status extract_unguarded(const Options& options, const char* path,
                               const kansa_page_sink& sink, kansa_error& error) {
  ensure_poppler_initialised();
  ErrorCapture poppler_errors;
  sdk::PopplerDocument opened = sdk::open_poppler_document(path);
  PDFDoc* doc = opened.doc.get();
  if (!doc->isOk()) {
    const int code = doc->getErrorCode();
    const std::string& detail = poppler_errors.first_message();
    const char* sep = detail.empty() ? "" : ": ";
    if (code == errOpenFile || code == errFileIO) {
      return fail(error, KANSA_ERR_IO, "%s: cannot open (Poppler error %d, %s)%s%s", path, code,
                  describe_poppler_error(code), sep, detail.c_str());
    }
    if (code == errEncrypted) {
      return fail(error, KANSA_ERR_UNSUPPORTED,
                  "%s: encrypted with a user password (Poppler error %d)", path, code);
    }
    return fail(error, KANSA_ERR_PARSE, "%s: not a readable PDF (Poppler error %d, %s)%s%s", path,
                code, describe_poppler_error(code), sep, detail.c_str());
  }
  const int pages = doc->getNumPages();
  if (pages <= 0) return fail(error, KANSA_ERR_PARSE, "%s: PDF has no pages", path);
  if (pages > options.max_pages) {
    return fail(error, KANSA_ERR_RESOURCE, "%s: %d pages exceed max_pages = %d", path, pages,
                options.max_pages);
  }

  FontProgramBudget font_budget(std::size_t(options.max_font_program_mb) << 20, FontUse::Text);
  PageOutputDev dev(
      RuleLimits{options.min_rule_length, options.rule_max_thickness, options.report_areas});
  for (int number = 1; number <= pages; ++number) {
    // Without a page object displayPage draws nothing and `dev` would still hold the
    // previous page.
    Page* page = doc->getPage(number);
    if (page == nullptr) {
      const std::string& detail = poppler_errors.first_message();
      return fail(error, KANSA_ERR_PARSE, "%s: page %d cannot be read%s%s", path, number,
                  detail.empty() ? "" : ": ", detail.c_str());
    }
    // Budgets before drawing: Poppler would allocate whatever the page asks for.
    std::optional<std::string> over = oversized_page(*page, options.max_page_side);
    if (!over) over = font_budget.check(*page);
    if (over) {
      return fail(error, KANSA_ERR_RESOURCE, "%s: page %d: %s", path, number, over->c_str());
    }
    doc->displayPage(&dev, number, 72, 72, /*rotate=*/0, /*useMediaBox=*/false, /*crop=*/true,
                     /*printing=*/false);
    const int rotation = normalised_rotation(doc->getPageRotate(number));
    if (!report_page(dev, number, rotation, options.unusable_threshold, sink)) {
      return fail(error, KANSA_ERR_ABORTED, "%s: stopped by the host at page %d", path, number);
    }
  }
  return KANSA_OK;
}

}  // namespace

kansa_status extract_document(const Options& options, const char* path, const kansa_page_sink& sink,
                              kansa_error& error) {
  try {
    return extract_unguarded(options, path, sink, error);
  } catch (const std::bad_alloc&) {
    return fail(error, KANSA_ERR_RESOURCE, "%s: out of memory", path);
  } catch (const std::exception& e) {
    return fail(error, KANSA_ERR_INTERNAL, "%s: %s", path, e.what());
  } catch (...) {
    return fail(error, KANSA_ERR_INTERNAL, "%s: unknown exception", path);
  }
}

}  // namespace kansa::pdftext
