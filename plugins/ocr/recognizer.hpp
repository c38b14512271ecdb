// Tesseract side of the plugin: one recognition engine and one orientation engine, each
// initialised on first use and then reused for every region of every page.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "circled_number.hpp"
#include "leptonica_raii.hpp"
#include "ocr_options.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace kansa::ocr {

// One recognized symbol, in pixels of the page image the region was cut from.
struct Glyph {
  std::string text;                       // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x from the symbol, y from its text line
  double line_height = 0;                 // pixels
  double confidence = 0;                  // 0..1
};

// Where a Recognizer's time went (steady clock, seconds): the figure that bounds the plugin is
// `recognize_s`, Tesseract's own time on the regions it was handed.
struct RecognizerTimes {
  double init_s = 0;       // loading the language, digits and orientation models
  double recognize_s = 0;  // inside Tesseract: a region's SetImage, Recognize and results,
                           // and the digits engine's reading of circled numbers' digits
  double osd_s = 0;        // orientation detection
  long regions = 0;        // regions handed to Recognize

  RecognizerTimes& operator+=(const RecognizerTimes& o) {
    init_s += o.init_s;
    recognize_s += o.recognize_s;
    osd_s += o.osd_s;
    regions += o.regions;
    return *this;
  }
};

class Recognizer {
 public:
  explicit Recognizer(const Options& options);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // Loads the language model (once). False with `problem` set when it cannot.
  bool ready(std::string& problem);

  // Reads `region` (1 bpp with ink = 1, or 8 bpp grey) with page segmentation mode `psm`
  // (tesseract::PageSegMode) and appends its symbols to `out`, shifted by (`x`, `y`): the region's
  // place in the page image. `dpi` is the image resolution (Tesseract scales its expectations by
  // it). `thicken` widens the strokes by a pixel of the reading resolution first.
  void read(PIX* region, int psm, double dpi, int x, int y, std::vector<Glyph>& out,
            bool thicken = false);

  // The circled number (①) that is all the ink of `region` (cut at `x`, `y` of the page
  // image), read from the digit inside its ring (see circled_number.hpp), for a lone mark
  // Tesseract read as something else (U), し), nothing); nothing when it is not one.
  std::optional<Glyph> read_circled(PIX* region, double dpi, int x, int y, bool thicken);

  // Clockwise quarter turns (0..3) the content of `binary` shows, as Tesseract's
  // orientation detection sees it; 0 when it is unsure or has no orientation data.
  int detect_quarter_turns(PIX* binary, double dpi);

  // Its own times and its circled-number reader's.
  RecognizerTimes times() const;

 private:
  // `region` as Tesseract is given it: enlarged to options_.read_dpi by `scale`, thickened
  // when asked, with a white border.
  PixPtr prepare(PIX* region, double dpi, bool thicken, double& scale) const;

  // Writes `region` (cut at `x`, `y` of the page image) and the glyphs read from it (from index
  // `first`) to options_.dump_dir.
  void dump(PIX* region, int psm, int x, int y, const std::vector<Glyph>& glyphs, size_t first);

  Options options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;
  CircledNumberReader circled_;  // second look at what may be a circled number (①)
  bool osd_failed_ = false;
  int dumped_ = 0;  // regions written to options_.dump_dir
  RecognizerTimes times_;
};

}  // namespace kansa::ocr
