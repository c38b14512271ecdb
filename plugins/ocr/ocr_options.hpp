// Options of the `ocr` plugin: declaration (for the host) and parsing (in create()).
#pragma once

#include <span>
#include <string>

#include "kansa/plugin_abi.h"

namespace kansa::ocr {

struct Options {
  std::string language = "jpn";              // Tesseract language(s), e.g. "jpn" or "jpn+eng"
  std::string tessdata;                      // tessdata folder; empty: Tesseract's default
  double max_dpi = 300;                      // rendering resolution cap
  double min_dpi = 150;                      // below this a page is refused rather than downsampled
  double default_dpi = 300;                  // pages without embedded images (vector text)
  double read_dpi = 300;                     // regions of coarser images are enlarged to this
  long long max_pixels = 40'000'000;         // per rendered page
  long long max_image_pixels = 200'000'000;  // per image the page draws (declared size)
  bool detect_orientation = true;
  bool deskew = true;
  bool placed_images = false;  // a page that is one placed image: decoded, not rendered
  std::string dump_dir;        // diagnosis: every region read is written here with its text
  int threads = 1;             // pages read at once at most (each thread its own Tesseract engines)
  int token_read_fd = -1, token_write_fd = -1;  // core_tokens: the host's lent cores, if any
};

std::span<const kansa_option_spec> option_specs();

// Fills `out` from the options the host gave (`count` of them at `given`; undeclared keys
// were rejected by the host, they are refused here too). On a bad value, or options missing,
// returns false with the problem written into `error`.
bool parse_options(const kansa_option* given, size_t count, Options& out, kansa_error* error);

}  // namespace kansa::ocr
