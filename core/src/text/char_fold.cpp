#include "text/char_fold.hpp"

#include <unicode/unistr.h>

#include "text/icu_normalizers.hpp"

namespace kansa::text {

char32_t fold_char(char32_t c) {
  if (c < 0x80 || is_kept_circled_number(c)) return c;
  if (auto ideograph = radical_supplement_to_ideograph(c)) return *ideograph;
  if (c == 0x3000 || c == 0x00A0) return U' ';
  icu::UnicodeString decomposition;
  if (!nfkc().getDecomposition(static_cast<UChar32>(c), decomposition)) return c;
  // Only one-to-one mappings keep offsets intact (Ｒ -> R, ６ -> 6, ⽉ -> 月).
  if (decomposition.countChar32() != 1) return c;
  return static_cast<char32_t>(decomposition.char32At(0));
}

}  // namespace kansa::text
