// Per-character folding shared by the normalizer and the scanners.
#pragma once

#include <optional>

namespace kansa::text {

// The unified ideograph a CJK Radicals Supplement look-alike stands for (⻑ U+2ED1 -> 長,
// ⻄ -> 西, ⻝ -> 食); nullopt for a code point the table does not cover. NFKC leaves these
// alone, but PDF text layers use them in place of the ideograph.
std::optional<char32_t> radical_supplement_to_ideograph(char32_t c);

// True for the circled numbers ①–⑳ (U+2460–U+2473) that normalization keeps as printed.
constexpr bool is_kept_circled_number(char32_t c) { return c >= 0x2460 && c <= 0x2473; }

// One code point as normalize() would see it, without changing the length of the text:
// full-width digits and letters to ASCII, U+3000 and other spaces to ' ', Kangxi and
// supplement radicals to ideographs. A code point whose NFKC form is not a single code point
// (or a kept circled number) is returned unchanged. For scanners that must keep offsets.
char32_t fold_char(char32_t c);

}  // namespace kansa::text
