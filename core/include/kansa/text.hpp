// Text normalization as the findings schema defines it (../shared/spec/findings-schema.md).
#pragma once

#include <string>
#include <string_view>

namespace kansa::text {

// NFKC except circled numbers ①–⑳ (kept), Kangxi radicals and CJK Radicals Supplement
// look-alikes folded to unified ideographs, line breaks joined (no space next to a Japanese
// character, one space between two non-Japanese ones), runs of white space folded and
// trimmed, white space next to a Japanese character removed. Invalid UTF-8 bytes become
// U+FFFD. Idempotent: normalize(normalize(s)) == normalize(s).
std::string normalize(std::string_view raw);

// normalize(), then every white space removed (refs, department names).
std::string normalize_compact(std::string_view raw);

// Kana, kanji, CJK punctuation and symbols, full-width forms, circled numbers.
bool is_japanese(char32_t c);

}  // namespace kansa::text
