#include "stream.hpp"

#include <algorithm>
#include <cmath>

#include "cell_text.hpp"
#include "kansa/layout.hpp"

namespace kansa::tables {
namespace {

// A gap wider than this many font sizes separates two chunks of a line (column candidates);
// word spaces are far narrower.
constexpr double kChunkGapEm = 0.9;
// Lines further apart than this many line heights do not belong to one table.
constexpr double kMaxLineGapEm = 1.6;
// Gutters are measured on a grid of this many points.
constexpr double kBin = 0.5;

bool blank(const std::string& t) {
  return t.empty() || t == " " || t == "\t" || t == "\xE3\x80\x80";  // U+3000 ideographic space
}

struct Chunk {
  double x0, x1;
};

struct TextLine {
  std::vector<size_t> spans;  // indices into the page's free spans, left to right
  std::vector<Chunk> chunks;
  Box box;
  double size = 0;  // median glyph height
};

std::vector<TextLine> text_lines(const std::vector<TextSpan>& spans) {
  std::vector<TextLine> lines;
  for (std::vector<size_t>& members : layout::group_into_lines(spans)) {
    TextLine line;
    std::vector<double> heights;
    for (size_t i : members)
      if (!blank(spans[i].text)) {
        line.spans.push_back(i);
        heights.push_back(spans[i].font_size > 0 ? spans[i].font_size : spans[i].box.height());
      }
    if (line.spans.empty()) continue;
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    line.size = std::max(heights[heights.size() / 2], 1.0);
    line.box = spans[line.spans.front()].box;
    for (size_t i : line.spans) {
      const Box& b = spans[i].box;
      line.box = {std::min(line.box.x0, b.x0), std::min(line.box.y0, b.y0),
                  std::max(line.box.x1, b.x1), std::max(line.box.y1, b.y1)};
      if (!line.chunks.empty() && b.x0 - line.chunks.back().x1 <= kChunkGapEm * line.size) {
        line.chunks.back().x1 = std::max(line.chunks.back().x1, b.x1);
      } else {
        line.chunks.push_back({b.x0, b.x1});
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// Column gutters of a block: x ranges that (almost) no multi-chunk line covers with text.
std::vector<double> gutters(const std::vector<const TextLine*>& multi, double x0, double x1,
                            double min_width) {
  const size_t bins = static_cast<size_t>((x1 - x0) / kBin) + 1;
  std::vector<int> count(bins, 0);
  for (const TextLine* line : multi)
    for (const Chunk& ch : line->chunks) {
      const size_t a = static_cast<size_t>((ch.x0 - x0) / kBin);
      const size_t b = std::min(bins - 1, static_cast<size_t>((ch.x1 - x0) / kBin));
      for (size_t k = a; k <= b; ++k) ++count[k];
    }
  const int allowed = static_cast<int>(multi.size() / 10);  // a few spanning cells are fine
  std::vector<double> seps;
  size_t k = 0;
  while (k < bins) {
    if (count[k] > allowed) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < bins && count[e] <= allowed) ++e;
    const double width = (e - k) * kBin;
    if (k > 0 && e < bins && width >= min_width) seps.push_back(x0 + (k + e) / 2.0 * kBin);
    k = e;
  }
  return seps;
}

size_t filled_columns(const TextLine& line, const std::vector<double>& seps) {
  std::vector<bool> filled(seps.size() + 1, false);
  for (const Chunk& ch : line.chunks) {
    const double c = (ch.x0 + ch.x1) / 2;
    filled[std::upper_bound(seps.begin(), seps.end(), c) - seps.begin()] = true;
  }
  return static_cast<size_t>(std::count(filled.begin(), filled.end(), true));
}

bool evaluate_block(const std::vector<const TextLine*>& block, const std::vector<TextSpan>& spans,
                    const Page& page, const Options& opt, FoundTable& out) {
  std::vector<const TextLine*> multi;
  for (const TextLine* line : block)
    if (line->chunks.size() >= 2) multi.push_back(line);
  if (multi.size() < static_cast<size_t>(std::max(3, opt.min_rows))) return false;
  double x0 = 1e300, x1 = -1e300, size = 0;
  for (const TextLine* line : block) {
    x0 = std::min(x0, line->box.x0), x1 = std::max(x1, line->box.x1);
    size += line->size;
  }
  size /= block.size();
  const std::vector<double> seps = gutters(multi, x0, x1, 0.6 * size);
  if (seps.empty()) return false;
  size_t two_plus = 0;
  for (const TextLine* line : block) two_plus += filled_columns(*line, seps) >= 2;
  const double filled_share = static_cast<double>(two_plus) / block.size();
  if (filled_share < 0.6) return false;
  const size_t cols = seps.size() + 1;
  if (cols == 2) {
    // Two columns need more evidence: numbered lists and two-column prose look like this.
    if (multi.size() < 5 || filled_share < 0.8) return false;
    double wide = 0;
    for (const TextLine* line : multi)
      for (const Chunk& ch : line->chunks) wide += (ch.x1 - ch.x0) > 0.3 * page.width;
    if (wide > 0.5 * multi.size()) return false;
  }

  Table& t = out.table;
  t.rows = static_cast<int>(block.size());
  t.cols = static_cast<int>(cols);
  t.pages = {page.number};
  std::vector<double> xs{x0 - 1};
  xs.insert(xs.end(), seps.begin(), seps.end());
  xs.push_back(x1 + 1);
  std::vector<double> ys{block.front()->box.y0 - 1};
  for (size_t i = 1; i < block.size(); ++i)
    ys.push_back((block[i - 1]->box.y1 + block[i]->box.y0) / 2);
  ys.push_back(block.back()->box.y1 + 1);
  for (int r = 0; r < t.rows; ++r)
    for (int c = 0; c < t.cols; ++c) {
      Cell cell;
      cell.row = r, cell.col = c;
      cell.page = cell.last_page = page.number;
      cell.box = {xs[c], ys[r], xs[c + 1], ys[r + 1]};
      t.cells.push_back(cell);
    }
  std::vector<TextSpan> mine;
  for (const TextLine* line : block)
    for (size_t i : line->spans) mine.push_back(spans[i]);
  fill_cell_text(t, mine);
  t.confidence = std::min(0.8, 0.4 + 0.4 * filled_share);
  out.col_edges = xs;
  out.box = {xs.front(), ys.front(), xs.back(), ys.back()};
  out.ruled = false;
  return true;
}

}  // namespace

std::vector<FoundTable> find_stream_tables(const Page& page, const std::vector<Box>& taken,
                                           const Options& options) {
  std::vector<TextSpan> free;
  for (const TextSpan& s : page.spans) {
    const double x = s.box.cx(), y = s.box.cy();
    const bool inside = std::any_of(taken.begin(), taken.end(), [&](const Box& b) {
      return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
    });
    if (!inside) free.push_back(s);
  }
  const std::vector<TextLine> lines = text_lines(free);

  // Blocks: runs of close lines; two single-chunk lines in a row (prose) end a block.
  std::vector<FoundTable> tables;
  std::vector<const TextLine*> block;
  auto flush = [&]() {
    while (!block.empty() && block.back()->chunks.size() < 2) block.pop_back();
    while (!block.empty() && block.front()->chunks.size() < 2) block.erase(block.begin());
    FoundTable found;
    if (!block.empty() && evaluate_block(block, free, page, options, found))
      tables.push_back(std::move(found));
    block.clear();
  };
  for (const TextLine& line : lines) {
    if (!block.empty()) {
      const TextLine& prev = *block.back();
      const double gap = line.box.y0 - prev.box.y1;
      const bool prose = line.chunks.size() < 2 && prev.chunks.size() < 2;
      if (gap > kMaxLineGapEm * std::max(line.size, prev.size) || prose) flush();
    }
    block.push_back(&line);
  }
  flush();
  return tables;
}

}  // namespace kansa::tables
