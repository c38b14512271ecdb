#include "stitch.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kansa/edit_distance.hpp"

namespace kansa::tables {
namespace {

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

// Text of the anchor at exactly (row, col). (Table::text_at lives in kansa_core, which the
// plugin does not link.)
std::string anchor_text(const Table& t, int row, int col) {
  for (const Cell& c : t.cells)
    if (c.row == row && c.col == col) return c.text;
  return {};
}

bool same_columns(const FoundTable& a, const FoundTable& b) {
  if (a.ruled != b.ruled || a.col_edges.size() != b.col_edges.size()) return false;
  const double width = a.col_edges.back() - a.col_edges.front();
  const double tol = 4.0 + 0.01 * width;
  for (size_t i = 0; i < a.col_edges.size(); ++i)
    if (std::fabs(a.col_edges[i] - b.col_edges[i]) > tol) return false;
  return true;
}

// Rows [0, depth) of the first part form its header: as deep as its first row's tallest cell.
int header_depth(const Table& t) {
  int depth = 1;
  for (const Cell& c : t.cells)
    if (c.row == 0) depth = std::max(depth, c.rowspan);
  return depth;
}

// Code points of UTF-8 `s` (a malformed lead byte stands for itself).
std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto u = static_cast<unsigned char>(s[i]);
    const size_t n = (u & 0xE0) == 0xC0 ? 2 : (u & 0xF0) == 0xE0 ? 3 : (u & 0xF8) == 0xF0 ? 4 : 1;
    char32_t c = n == 2 ? (u & 0x1F) : n == 3 ? (u & 0x0F) : n == 4 ? (u & 0x07) : u;
    size_t k = 1;
    for (; k < n && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += k;
  }
  return out;
}

// 1 - Levenshtein distance / length of the longer text.
double similarity(const std::u32string& a, const std::u32string& b) {
  if (a.empty() && b.empty()) return 1.0;
  return 1.0 - static_cast<double>(kansa::edit_distance<char32_t>(a, b)) /
                   static_cast<double>(std::max(a.size(), b.size()));
}

// Whether the continuation's first `depth` rows repeat the first part's header. Read by OCR
// (or from a text layer without reliable Unicode), a repeated header rarely comes out
// identical ("指摘No" / "指摘№", a swapped glyph): the header texts, cell by cell in order and
// whitespace ignored, need only be similar (>= 0.8) as a whole, with the same cells filled.
bool repeats_header(const Table& first, const Table& next, int depth) {
  if (next.rows <= 0 || depth > next.rows || depth > first.rows) return false;
  constexpr double kLeastSimilarity = 0.8;
  std::u32string a_all, b_all;
  for (int r = 0; r < depth; ++r)
    for (int c = 0; c < first.cols; ++c) {
      const std::string a = squeeze(anchor_text(first, r, c)), b = squeeze(anchor_text(next, r, c));
      if (a.empty() != b.empty()) return false;
      a_all += code_points(a);
      b_all += code_points(b);
    }
  return !a_all.empty() && similarity(a_all, b_all) >= kLeastSimilarity;
}

// The continuation's row `row` finishes the previous row: first column empty, something else
// filled, and no cell of the row reaching further down.
bool continues_row(const Table& next, int row) {
  bool other_text = false;
  for (const Cell& c : next.cells) {
    if (c.row != row) continue;
    if (c.rowspan != 1) return false;
    if (c.col == 0 && !squeeze(c.text).empty()) return false;
    if (c.col > 0 && !squeeze(c.text).empty()) other_text = true;
  }
  return other_text;
}

void append(FoundTable& into, const FoundTable& next) {
  Table& t = into.table;
  const Table& u = next.table;
  int skip = 0;
  const int depth = header_depth(t);
  if (repeats_header(t, u, depth)) skip = depth;
  const int last_page = u.pages.back();
  if (skip < u.rows && t.rows > 0 && continues_row(u, skip)) {
    for (const Cell& c : u.cells) {
      if (c.row != skip) continue;
      Cell* above = nullptr;
      for (Cell& cand : t.cells)
        if (t.rows - 1 >= cand.row && t.rows - 1 < cand.row + cand.rowspan && c.col >= cand.col &&
            c.col < cand.col + cand.colspan)
          above = &cand;
      if (above == nullptr) continue;
      if (!c.text.empty()) above->text += (above->text.empty() ? "" : "\n") + c.text;
      above->last_page = last_page;
      above->confidence = std::min(above->confidence, c.confidence);
    }
    ++skip;
  }
  for (const Cell& c : u.cells) {
    if (c.row < skip) continue;
    Cell moved = c;
    moved.row = c.row - skip + t.rows;
    t.cells.push_back(moved);
  }
  t.rows += u.rows - skip;
  for (int p : u.pages)
    if (std::find(t.pages.begin(), t.pages.end(), p) == t.pages.end()) t.pages.push_back(p);
  t.confidence = std::min(t.confidence, u.confidence);
  into.box = next.box;
}

}  // namespace

std::vector<FoundTable> stitch_pages(std::vector<FoundTable> tables) {
  std::vector<FoundTable> out;
  int prev_page = 0;  // page of the previous input table
  for (FoundTable& next : tables) {
    const int page = next.table.pages.front();
    const bool first_on_page = page != prev_page;
    prev_page = next.table.pages.back();
    if (!out.empty() && first_on_page && out.back().table.pages.back() == page - 1 &&
        same_columns(out.back(), next)) {
      append(out.back(), next);
      continue;
    }
    out.push_back(std::move(next));
  }
  return out;
}

}  // namespace kansa::tables
