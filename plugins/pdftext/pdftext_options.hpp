// The plugin's options: declared schema, and parsing of the host's strings into values.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "kansa/plugin_abi.h"

namespace kansa::pdftext {

struct Options {
  int max_pages = 2000;             // documents with more pages are refused (RESOURCE)
  double min_rule_length = 3.0;     // points
  double rule_max_thickness = 3.0;  // points; thicker filled rectangles are areas
  bool report_areas = true;         // areas are reported too, as boxes thick both ways
  double unusable_threshold = 0.3;  // share of suspicious glyphs that makes a page UNUSABLE
  double max_page_side = 14400;     // points; a larger crop box is refused (RESOURCE)
  int max_font_program_mb = 64;     // an embedded font inflating further is refused (RESOURCE)
  long long max_render_pixels = 50'000'000;  // render_page refuses a larger image (RESOURCE)
};

// The declared schema (static storage), defaults matching Options{}.
std::span<const kansa_option_spec> option_specs();

// Parses `given` over the defaults. On failure returns false and sets `problem` to a
// sentence naming the option and the bad value.
bool parse_options(std::span<const kansa_option> given, Options& out, std::string& problem);

}  // namespace kansa::pdftext
