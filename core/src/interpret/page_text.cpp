#include "interpret/page_text.hpp"

#include <algorithm>

namespace kansa::interpret {

namespace {

bool inside(const Box& b, double x, double y) {
  return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
}

}  // namespace

std::vector<TextSpan> spans_in(const Page& page, const Box& box) {
  std::vector<TextSpan> out;
  for (const TextSpan& s : page.spans)
    if (inside(box, s.box.cx(), s.box.cy())) out.push_back(s);
  return out;
}

std::vector<PageLine> lines_outside_tables(const Document& doc, const std::vector<bool>& counted) {
  std::vector<PageLine> out;
  for (const Page& page : doc.pages) {
    // Regions covered by tables on this page: each table's cells here, grown to the page top
    // when a cell from an earlier page continues onto this one.
    std::vector<Box> regions;
    for (size_t ti = 0; ti < doc.tables.size(); ++ti) {
      const Table& t = doc.tables[ti];
      if (ti < counted.size() && !counted[ti]) continue;
      bool any = false, continued = false;
      Box r{1e18, 1e18, -1e18, -1e18};
      for (const Cell& c : t.cells) {
        int last = std::max(c.page, c.last_page);
        if (c.page == page.number) {
          any = true;
          r.x0 = std::min(r.x0, c.box.x0);
          r.y0 = std::min(r.y0, c.box.y0);
          r.x1 = std::max(r.x1, c.box.x1);
          r.y1 = std::max(r.y1, c.box.y1);
        } else if (c.page < page.number && last >= page.number) {
          continued = true;
        }
      }
      if (continued && any) r.y0 = 0;
      if (any) regions.push_back(r);
    }
    std::vector<TextSpan> free;
    for (const TextSpan& s : page.spans) {
      bool covered = false;
      for (const Box& b : regions) covered = covered || inside(b, s.box.cx(), s.box.cy());
      if (!covered) free.push_back(s);
    }
    for (layout::Line& l : layout::assemble_lines(free))
      out.push_back({page.number, page.height, std::move(l)});
  }
  return out;
}

}  // namespace kansa::interpret
