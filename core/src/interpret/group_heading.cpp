#include "interpret/group_heading.hpp"

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

GroupHeadings::GroupHeadings(const std::vector<PageLine>& lines, const Vocabulary& vocab) {
  for (const PageLine& l : lines) {
    const std::u32string name = bracketed_name(l.line.text);
    if (name.empty()) continue;
    const double like = department_likeness(name, vocab);
    if (like == 0) continue;
    headings_.push_back({to_utf8(name), like * 0.92, l.page, l.line.box.y1});
  }
}

std::optional<GroupHeading> GroupHeadings::over(int page, double y) const {
  const GroupHeading* last = nullptr;
  for (const GroupHeading& h : headings_)
    if (h.page < page || (h.page == page && h.bottom <= y + 1)) last = &h;
  if (last == nullptr) return std::nullopt;
  return *last;
}

}  // namespace kansa::interpret
