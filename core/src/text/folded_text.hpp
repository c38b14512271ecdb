// Input text as folded code points with their byte offsets: the common ground of the
// hand-written scanners (era dates, page refs). Folding (fold_char) turns full-width digits
// into ASCII and radicals into ideographs while keeping one entry per input code point, so
// that a match can be reported as a byte range of the original text.
#pragma once

#include <string_view>
#include <vector>

#include "text/char_fold.hpp"
#include "text/utf8.hpp"

namespace kansa::text {

class FoldedText {
 public:
  explicit FoldedText(std::string_view s) : cps_(decode_utf8(s)) {
    for (auto& cp : cps_) cp.c = fold_char(cp.c);
  }

  size_t size() const { return cps_.size(); }
  // The folded code point at i; U+0000 past the end, so lookahead needs no bounds checks.
  char32_t at(size_t i) const { return i < cps_.size() ? cps_[i].c : U'\0'; }
  // Byte offset of code point i in the input (the input's size past the end).
  size_t offset(size_t i) const {
    if (i < cps_.size()) return cps_[i].offset;
    return cps_.empty() ? 0 : cps_.back().offset + cps_.back().length;
  }

 private:
  std::vector<CodePoint> cps_;
};

inline bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_ascii_alpha(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
// Layout white space a scanner may step over inside a date or a page list.
inline bool is_layout_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r';
}

}  // namespace kansa::text
