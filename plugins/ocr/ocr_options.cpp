#include "ocr_options.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <type_traits>

#include "error_message.hpp"
#include "option_values.hpp"

namespace kansa::ocr {

namespace {

using sdk::parse_flag;
using sdk::parse_number;

constexpr std::array<kansa_option_spec, 14> kSpecs{{
    {"language", KANSA_OPT_STRING, "jpn", "Tesseract language(s) to read with (jpn, jpn+eng)."},
    {"tessdata", KANSA_OPT_STRING, "",
     "Folder holding the .traineddata files; empty: Tesseract's default (TESSDATA_PREFIX)."},
    {"max_dpi", KANSA_OPT_DOUBLE, "300",
     "Highest rendering resolution. Pages are rendered at the resolution of their scanned "
     "image (capped here), or at default_dpi when they hold no image."},
    {"min_dpi", KANSA_OPT_DOUBLE, "150",
     "Lowest resolution a page may be downsampled to so as to stay within max_pixels; a page "
     "that would need less is refused (KANSA_ERR_RESOURCE)."},
    {"default_dpi", KANSA_OPT_DOUBLE, "300", "Resolution for pages without an embedded image."},
    {"read_dpi", KANSA_OPT_DOUBLE, "300",
     "Resolution Tesseract reads at: regions of a page rendered coarser are enlarged (with "
     "interpolation) to it, which reads the thin strokes of 200 dpi scans markedly better."},
    {"max_pixels", KANSA_OPT_INT, "40000000", "Pixel budget of one rendered page (>= 1)."},
    {"max_image_pixels", KANSA_OPT_INT, "200000000",
     "Image-pixel budget: a page drawing an image declared larger than this (width x height) "
     "is refused before it is rendered, since rendering decodes the whole image (>= 1)."},
    {"detect_orientation", KANSA_OPT_BOOL, "true",
     "Detect pages turned by 90/180/270 degrees and read them upright."},
    {"deskew", KANSA_OPT_BOOL, "true", "Measure and undo small rotations of the scan."},
    {"placed_images", KANSA_OPT_BOOL, "false",
     "Take a page that is one image placed over it pixel for pixel (a scan) straight from the "
     "PDF, decoded, instead of rendering it: about a tenth of the rendering time (some 6% of "
     "a scanned page's), but the pixels lack the slight resampling of Poppler's renderer "
     "that the plugin's clean-up was tuned on, and generated scans read a little worse "
     "(field accuracy about 1 point lower)."},
    {"dump_dir", KANSA_OPT_STRING, "",
     "For diagnosing misreadings: an existing folder where every region handed to Tesseract "
     "is written as NNNNNN.png with the text read in NNNNNN.txt. Empty: nothing written."},
    {"threads", KANSA_OPT_INT, "1",
     "Pages of one document read at once at most (1 to 256), each extra thread with its own "
     "Tesseract engines, made for the document and freed after it. Forced to 1 with dump_dir."},
    {"core_tokens", KANSA_OPT_STRING, "",
     "Set by `kansa ingest`: R,W, the descriptors of a pipe of lent cores (make's jobserver "
     "protocol, one byte a core). When set, a thread beyond the first reads a page only with a "
     "token taken from R, written back to W after the page. Empty: threads alone limits."},
}};

}  // namespace

std::span<const kansa_option_spec> option_specs() { return kSpecs; }

namespace {

bool read_all(const kansa_option* given, size_t count, Options& out, std::string& problem) {
  if (count > 0 && given == nullptr) {
    problem = "ocr: options missing";
    return false;
  }
  const auto read = [&out](std::string_view key, std::string_view value,
                           std::string_view& expectation) -> std::optional<bool> {
    if (key == "language") {
      out.language = value;
      expectation = "a Tesseract language name";
      return !value.empty();
    }
    if (key == "tessdata" || key == "dump_dir") {
      (key == "tessdata" ? out.tessdata : out.dump_dir) = value;
      return true;
    }
    if (key == "max_dpi" || key == "min_dpi" || key == "default_dpi" || key == "read_dpi") {
      double& target = key == "max_dpi"       ? out.max_dpi
                       : key == "min_dpi"     ? out.min_dpi
                       : key == "default_dpi" ? out.default_dpi
                                              : out.read_dpi;
      expectation = "a resolution between 30 and 1200 dpi";
      return parse_number(value, target) && target >= 30 && target <= 1200;
    }
    if (key == "max_pixels" || key == "max_image_pixels") {
      long long& target = key == "max_pixels" ? out.max_pixels : out.max_image_pixels;
      expectation = "an integer >= 1";
      return parse_number(value, target) && target >= 1;
    }
    if (key == "threads") {
      expectation = "an integer from 1 to 256";
      return parse_number(value, out.threads) && out.threads >= 1 && out.threads <= 256;
    }
    if (key == "core_tokens") {
      expectation = "empty or two descriptors R,W";
      if (value.empty()) return out.token_read_fd = out.token_write_fd = -1, true;
      const std::size_t comma = value.find(',');
      return comma != std::string_view::npos &&
             parse_number(value.substr(0, comma), out.token_read_fd) &&
             parse_number(value.substr(comma + 1), out.token_write_fd) && out.token_read_fd >= 0 &&
             out.token_write_fd >= 0;
    }
    if (key == "detect_orientation" || key == "deskew" || key == "placed_images") {
      expectation = "true or false";
      return parse_flag(value, key == "deskew"          ? out.deskew
                               : key == "placed_images" ? out.placed_images
                                                        : out.detect_orientation);
    }
    return std::nullopt;
  };
  if (!sdk::read_options(std::span(given, count), "ocr", problem, read)) return false;
  if (out.min_dpi > out.max_dpi) {
    problem = "ocr: min_dpi must not exceed max_dpi";
    return false;
  }
  return true;
}

}  // namespace

bool parse_options(const kansa_option* given, size_t count, Options& out, kansa_error* error) {
  std::string problem;
  if (read_all(given, count, out, problem)) return true;
  sdk::write_message(error, problem);
  return false;
}

}  // namespace kansa::ocr
