// Lower-case hexadecimal of bytes (SHA-256 digests as stored and compared).
#pragma once

#include <string>

namespace kansa::text {

inline std::string hex(const unsigned char* bytes, unsigned length) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned i = 0; i < length; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace kansa::text
