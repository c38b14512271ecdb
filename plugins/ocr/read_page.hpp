// One page from its rendering to what the sink receives: orientation, deskew, clean-up,
// ruling lines, cell-by-cell and out-of-grid recognition.
#pragma once

#include <string>
#include <vector>

#include "kansa/plugin_abi.h"
#include "page_renderer.hpp"
#include "recognizer.hpp"
#include "ruling_lines.hpp"

namespace kansa::ocr {

struct PageReading {
  double width_pt = 0, height_pt = 0;  // upright page (a quarter turn swaps the sides)
  int rotation = 0;                    // the page's /Rotate plus the turn applied here
  double dpi = 0;
  double skew_degrees = 0;  // rotation undone by deskewing
  int quarter_turns = 0;    // clockwise quarter turns applied to read the page upright
  double px_to_pt_x = 1, px_to_pt_y = 1;
  std::vector<Glyph> glyphs;  // pixels of the upright, deskewed image
  std::vector<PixelRect> rules;
};

// Reads `page`. False with `problem` set when an image operation fails outright.
bool read_page(RenderedPage& page, const Options& options, Recognizer& recognizer, PageReading& out,
               std::string& problem);

// Reports `reading` as page `number` to `sink`; false when the sink says stop.
bool report_page(const PageReading& reading, int number, const kansa_page_sink& sink);

}  // namespace kansa::ocr
