// UTF-8 decoding with byte offsets, for the hand-written scanners (era dates, page refs,
// municipality names) that must report where in the input they matched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kansa::text {

// One decoded code point and the bytes it came from.
struct CodePoint {
  char32_t c = 0;
  size_t offset = 0;  // byte offset in the input
  size_t length = 0;  // bytes consumed (1 for an invalid byte)
};

// Decodes `s`. Never fails: each byte that does not start a well-formed sequence (overlong,
// surrogate, beyond U+10FFFF, truncated) becomes one U+FFFD of length 1.
std::vector<CodePoint> decode_utf8(std::string_view s);

// Appends the UTF-8 encoding of `c` (U+FFFD for a surrogate or a value beyond U+10FFFF).
void append_utf8(std::string& out, char32_t c);

}  // namespace kansa::text
