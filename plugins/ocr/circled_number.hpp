// Circled numbers (① … ⑳) read from the digit inside the ring.
//
// Many reports mark each measure's status with a circled number explained by a legend
// (①措置済 ②措置中 ③未措置). Tesseract's Japanese model reads such a lone mark in a 200 dpi
// scan as ③, ⑧, 6 or ® with high confidence whatever the digit inside, so that the status of
// whole tables came out wrong. The digit alone, cut out of its ring, reads reliably with a
// digits-only engine. This reader checks a glyph's ink for the shape of a circled number (a
// ring around separate ink) and, when it has it, reads the digit inside.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "leptonica_raii.hpp"
#include "ocr_options.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace kansa::ocr {

class CircledNumberReader {
 public:
  explicit CircledNumberReader(const Options& options);
  ~CircledNumberReader();
  CircledNumberReader(const CircledNumberReader&) = delete;
  CircledNumberReader& operator=(const CircledNumberReader&) = delete;

  struct Reading {
    std::string text;  // the circled number, UTF-8 (①)
    double confidence = 0;
  };

  // Whether `text` is one circled number, ① to ⑳.
  static bool is_circled_number(std::string_view text);

  // The plain number (3) when Tesseract read a circled number (③) from a glyph box too narrow
  // for a ring (`w` x `h` pixels): a digit between brackets, (3), reads as (③) otherwise.
  static std::optional<std::string> as_plain_number(std::string_view text, int w, int h);

  // Whether Tesseract's reading `text` of a glyph may be a misread circled number worth the
  // check: a circled number itself, or a symbol a ring with a digit is read as (Q, 6, ®).
  static bool worth_checking(std::string_view text);

  // The circled number drawn in `box` (l, t, r, b) of `image` (1 bpp ink = 1, or 8 bpp grey),
  // or nothing when the ink there is not a ring around a number or the number cannot be read.
  std::optional<Reading> read(PIX* image, int l, int t, int r, int b);

  // The same for all the ink of `image` (a cell's text, white around it), whose extent is
  // set in `l`, `t`, `w`, `h`.
  std::optional<Reading> read_all(PIX* image, int& l, int& t, int& w, int& h);

  // Seconds (steady clock) the digits engine spent loading, and reading the digit images it
  // was handed: Tesseract's own time, which the plugin's statistics count as such.
  double init_seconds() const { return init_s_; }
  double engine_seconds() const { return engine_s_; }

 private:
  bool ready();

  Options options_;
  std::unique_ptr<tesseract::TessBaseAPI> digits_;
  bool failed_ = false;  // the digits engine cannot be loaded: never try again
  double init_s_ = 0, engine_s_ = 0;
};

}  // namespace kansa::ocr
