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

  // OCR reads 1 as I, l or |, 0 as O, and a dash between two numbers as 一 or ー: such a
  // character next to a digit (the dash: between two) becomes what it stands for. For
  // scanners of numbers (page lists), not for words.
  void mend_digit_lookalikes() {
    const auto digit = [this](size_t i) {
      return i < cps_.size() && cps_[i].c >= U'0' && cps_[i].c <= U'9';
    };
    for (size_t i = 0; i < cps_.size(); ++i) {
      char32_t& c = cps_[i].c;
      const bool beside = (i > 0 && digit(i - 1)) || digit(i + 1);
      const bool between = i > 0 && digit(i - 1) && digit(i + 1);
      if (beside && (c == U'I' || c == U'l' || c == U'|'))
        c = U'1';
      else if (beside && (c == U'O' || c == U'o'))
        c = U'0';
      else if (between && (c == U'一' || c == U'ー'))
        c = U'-';
    }
  }
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
