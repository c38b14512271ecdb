// Text outside tables: the title, preface, legend and header block of a document.
#pragma once

#include <string>
#include <vector>

#include "kansa/layout.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

struct PageLine {
  int page = 0;  // 1-based
  double page_height = 0;
  layout::Line line;
};

// Lines of every page, top to bottom, made of the spans that lie outside all table cells
// (and outside the region a table continues into at the top of a page). With `counted`
// non-empty, only tables i with counted[i] true are cut out: the text of the others is read
// as lines like any other.
std::vector<PageLine> lines_outside_tables(const Document& doc,
                                           const std::vector<bool>& counted = {});

// Spans of `page` whose centre lies inside `box`.
std::vector<TextSpan> spans_in(const Page& page, const Box& box);

}  // namespace kansa::interpret
