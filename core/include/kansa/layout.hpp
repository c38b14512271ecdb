// Geometry of text: glyph spans grouped into lines, lines into text, in reading order.
// Shared by the core (text outside tables) and the tables plugin (text inside cells).
#pragma once

#include <string>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::layout {

struct Line {
  Box box;
  std::string text;  // raw glyph text joined; a space where the gap is wide
  double font_size = 0;
  double confidence = 1.0;  // mean of the spans'
};

// Groups `spans` (any order) into horizontal lines, top to bottom, each left to right.
// Spans whose vertical centres lie within half a line height share a line. A space is
// inserted where the horizontal gap exceeds a fraction of the font size.
std::vector<Line> assemble_lines(const std::vector<TextSpan>& spans);

// The grouping assemble_lines() uses, as indices into `spans`: one vector per line, lines top
// to bottom, indices left to right. Exposed so that callers can cut lines further (columns).
std::vector<std::vector<size_t>> group_into_lines(const std::vector<TextSpan>& spans);

// assemble_lines() joined with '\n'.
std::string text_of(const std::vector<TextSpan>& spans);

}  // namespace kansa::layout
