#include "ref_mending.hpp"

#include <optional>
#include <set>
#include <string>

#include "interpret/u32.hpp"

namespace kansa::interpret {

namespace {

// A ref split as prefix + bracketed number: 2(4) -> "2", 4.
struct NumberedRef {
  std::u32string prefix;
  int number = 0;
  bool clean = false;  // both brackets, digits: as printed
};

bool is_open(char32_t c) { return c == U'(' || c == U'（'; }
bool is_close(char32_t c) { return c == U')' || c == U'）'; }

std::optional<NumberedRef> split(const std::string& ref) {
  std::u32string s = to_u32(ref);
  size_t end = s.size();
  const bool closed = end > 0 && is_close(s[end - 1]);
  if (closed) --end;
  NumberedRef out;
  bool circled = false;
  size_t start = end;
  if (start > 0 && is_circled(s[start - 1])) {
    circled = true;
    out.number = static_cast<int>(s[start - 1] - 0x2460 + 1);
    --start;
  } else {
    while (start > 0 && end - start < 3 && s[start - 1] >= U'0' && s[start - 1] <= U'9') --start;
    if (start == end) return std::nullopt;
    out.number = std::stoi(to_utf8(s.substr(start, end - start)));
  }
  const bool opened = start > 0 && is_open(s[start - 1]);
  if (opened) --start;
  out.prefix = s.substr(0, start);
  out.clean = opened && closed && !circled;
  // A number without any bracket, or a circled one alone, may be printed so: not mangled.
  if (!out.clean && !opened && !closed && !(circled && !out.prefix.empty())) return std::nullopt;
  return out;
}

}  // namespace

void mend_bracketed_refs(std::vector<Finding>& findings) {
  std::set<std::u32string> clean_prefixes;
  for (const Finding& f : findings)
    if (f.ref)
      if (auto r = split(*f.ref); r && r->clean) clean_prefixes.insert(r->prefix);
  if (clean_prefixes.empty()) return;
  for (Finding& f : findings) {
    if (!f.ref || f.source.method == "text") continue;
    const auto r = split(*f.ref);
    if (!r || r->clean || !clean_prefixes.count(r->prefix)) continue;
    f.ref = to_utf8(r->prefix) + "(" + std::to_string(r->number) + ")";
    f.field_confidence["ref"] *= 0.8;
  }
}

}  // namespace kansa::interpret
