#include "render_page.hpp"

#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <goo/GooString.h>
#include <png.h>
#include <splash/SplashBitmap.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "plugin_failure.hpp"
#include "poppler_document.hpp"
#include "poppler_runtime.hpp"
#include "resource_budget.hpp"

namespace kansa::pdftext {

namespace {

// libpng reports errors by longjmp to the setjmp in encode_png(), which holds no C++ object
// with a destructor between the setjmp and its end; the write callback never lets an
// exception into libpng's C frames either: it turns a failed allocation into png_error().
struct PngBuffer {
  std::vector<unsigned char> bytes;
};

void append_bytes(png_structp png, png_bytep data, png_size_t size) {
  auto* out = static_cast<PngBuffer*>(png_get_io_ptr(png));
  bool stored = true;
  try {
    out->bytes.insert(out->bytes.end(), data, data + size);
  } catch (...) {
    stored = false;
  }
  if (!stored) png_error(png, "out of memory");
}
void no_flush(png_structp) {}

// Encodes `rows` (RGB, 3 bytes a pixel) as a PNG into `out`. False when libpng fails (its
// message in `problem`). No C++ object with a destructor lives across the setjmp.
bool encode_png(const unsigned char* data, int width, int height, int row_bytes, PngBuffer& out,
                const char*& problem) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) {
    problem = "cannot create the PNG writer";
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    problem = "cannot create the PNG header";
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    problem = "libpng failed while encoding";
    return false;
  }
  png_set_write_fn(png, &out, &append_bytes, &no_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 6);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y)
    png_write_row(png, const_cast<png_bytep>(data + static_cast<std::ptrdiff_t>(y) * row_bytes));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

kansa_status render_unguarded(const Options& options, const char* path, int number, double dpi,
                              const kansa_image_sink& sink, kansa_error& error) {
  if (!(dpi > 0) || dpi > 1200)
    return fail(error, KANSA_ERR_INVALID_ARGUMENT, "%s: resolution %g dpi is not in (0, 1200]",
                path, dpi);
  ensure_poppler_initialised();
  ErrorCapture poppler_errors;
  sdk::PopplerDocument opened = sdk::open_poppler_document(path);
  PDFDoc* doc = opened.doc.get();
  if (!doc->isOk()) {
    const int code = doc->getErrorCode();
    if (code == errOpenFile || code == errFileIO)
      return fail(error, KANSA_ERR_IO, "%s: cannot open (Poppler error %d)", path, code);
    if (code == errEncrypted)
      return fail(error, KANSA_ERR_UNSUPPORTED, "%s: encrypted with a user password", path);
    return fail(error, KANSA_ERR_PARSE, "%s: not a readable PDF (Poppler error %d)", path, code);
  }
  if (number < 1 || number > doc->getNumPages())
    return fail(error, KANSA_ERR_INVALID_ARGUMENT, "%s: no page %d (the document has %d)", path,
                number, doc->getNumPages());
  Page* page = doc->getPage(number);
  if (page == nullptr)
    return fail(error, KANSA_ERR_PARSE, "%s: page %d cannot be read", path, number);
  std::optional<std::string> over = oversized_page(*page, options.max_page_side);
  FontProgramBudget font_budget(std::size_t(options.max_font_program_mb) << 20, FontUse::Drawing);
  if (!over) over = font_budget.check(*page);
  if (over) return fail(error, KANSA_ERR_RESOURCE, "%s: page %d: %s", path, number, over->c_str());
  const double w_px = page->getCropWidth() * dpi / 72.0, h_px = page->getCropHeight() * dpi / 72.0;
  if (!(w_px * h_px <= static_cast<double>(options.max_render_pixels)))
    return fail(error, KANSA_ERR_RESOURCE,
                "%s: page %d at %g dpi would be %.0f x %.0f pixels, over max_render_pixels = %lld",
                path, number, dpi, w_px, h_px, options.max_render_pixels);

  SplashColor paper = {0xff, 0xff, 0xff};
  SplashOutputDev dev(splashModeRGB8, 4, false, paper);
  dev.setFontAntialias(true);
  dev.setVectorAntialias(true);
  dev.startDoc(doc);
  doc->displayPage(&dev, number, dpi, dpi, /*rotate=*/0, /*useMediaBox=*/false, /*crop=*/true,
                   /*printing=*/false);
  SplashBitmap* bitmap = dev.getBitmap();
  if (bitmap == nullptr || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0)
    return fail(error, KANSA_ERR_INTERNAL, "%s: page %d: Poppler rendered nothing", path, number);

  PngBuffer png;
  const char* problem = nullptr;
  if (!encode_png(bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(),
                  bitmap->getRowSize(), png, problem))
    return fail(error, KANSA_ERR_INTERNAL, "%s: page %d: %s", path, number, problem);
  if (sink.write_png(sink.host_ctx, bitmap->getWidth(), bitmap->getHeight(), png.bytes.data(),
                     png.bytes.size()) != KANSA_OK)
    return fail(error, KANSA_ERR_ABORTED, "%s: page %d: the host refused the image", path, number);
  return KANSA_OK;
}

}  // namespace

kansa_status render_page_png(const Options& options, const char* path, int page, double dpi,
                             const kansa_image_sink& sink, kansa_error& error) {
  try {
    return render_unguarded(options, path, page, dpi, sink, error);
  } catch (const std::bad_alloc&) {
    return fail(error, KANSA_ERR_RESOURCE, "%s: page %d: out of memory", path, page);
  } catch (const std::exception& e) {
    return fail(error, KANSA_ERR_INTERNAL, "%s: page %d: %s", path, page, e.what());
  } catch (...) {
    return fail(error, KANSA_ERR_INTERNAL, "%s: page %d: unknown exception", path, page);
  }
}

}  // namespace kansa::pdftext
