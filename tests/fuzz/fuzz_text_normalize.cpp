// kansa::text::normalize and normalize_compact on arbitrary bytes: valid UTF-8 out, and the
// documented idempotence normalize(normalize(s)) == normalize(s).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "kansa/text.hpp"

namespace {

// Well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int n = c < 0x80             ? 0
                  : (c & 0xE0) == 0xC0 ? 1
                  : (c & 0xF0) == 0xE0 ? 2
                  : (c & 0xF8) == 0xF0 ? 3
                                       : -1;
    if (n < 0 || s.size() - i <= size_t(n)) return false;
    char32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
      const unsigned char t = s[i + k];
      if ((t & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += size_t(n) + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const std::string once = kansa::text::normalize(raw);
  FUZZ_CHECK(valid_utf8(once));
  FUZZ_CHECK(kansa::text::normalize(once) == once);
  const std::string compact = kansa::text::normalize_compact(raw);
  FUZZ_CHECK(valid_utf8(compact));
  FUZZ_CHECK(compact.find(' ') == std::string::npos);
  return 0;
}
