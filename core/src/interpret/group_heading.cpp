#include "interpret/group_heading.hpp"

#include <algorithm>
#include <limits>

#include "interpret/measure_split.hpp"
#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

// The name inside a line that is nothing but one bracketed name: 【土木部】 / (土木部) /
// 〔土木部〕; empty otherwise.
std::u32string bracketed_name(const std::string& line) {
  const std::u32string u = to_u32(text::normalize_compact(line));
  if (u.size() < 3 || !is_open_bracket(u.front()) || !is_close_bracket(u.back())) return {};
  std::u32string name = u.substr(1, u.size() - 2);
  for (char32_t c : name)
    if (is_open_bracket(c) || is_close_bracket(c)) return {};
  return name;
}

}  // namespace

std::optional<GroupHeading> group_heading_above(const Table& table,
                                                const std::vector<PageLine>& lines,
                                                const Vocabulary& vocab) {
  if (table.pages.empty()) return std::nullopt;
  const int page = table.pages.front();
  double top = std::numeric_limits<double>::max();
  for (const Cell& c : table.cells)
    if (c.page == page) top = std::min(top, c.box.y0);
  if (top == std::numeric_limits<double>::max()) return std::nullopt;
  const PageLine* nearest = nullptr;
  for (const PageLine& l : lines)
    if (l.page == page && l.line.box.y1 <= top + 1 &&
        (nearest == nullptr || l.line.box.y1 > nearest->line.box.y1))
      nearest = &l;
  if (nearest == nullptr) return std::nullopt;
  // Just above: within three lines' height of the table's top.
  const double height = std::max(nearest->line.box.height(), nearest->line.font_size);
  if (top - nearest->line.box.y1 > 3 * height) return std::nullopt;
  const std::u32string name = bracketed_name(nearest->line.text);
  if (name.empty()) return std::nullopt;
  const double like = department_likeness(name, vocab);
  if (like == 0) return std::nullopt;
  return GroupHeading{to_utf8(name), like * 0.92};
}

}  // namespace kansa::interpret
