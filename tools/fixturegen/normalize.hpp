// Truth-side text normalization per the findings schema (shared/spec/findings-schema.md).
// Deliberately independent of kansa::text, so that the generated truth does not inherit a bug of
// the code under test. Mirrors corpus/_make/common.py norm(); where that script and the schema
// differ (a space with one Japanese neighbour), the phrase banks avoid producing such text.
#pragma once

#include <string>
#include <string_view>

namespace fixturegen {

// NFKC except circled numbers (U+2460..U+24FF kept); in-cell line breaks joined without a space
// when either side is Japanese; white space runs folded and trimmed; a space next to a Japanese
// character removed.
std::string normalize(std::string_view raw);

// normalize(), then every space removed (refs, department names).
std::string normalize_compact(std::string_view raw);

// Kana, kanji, CJK punctuation, full-width forms, enclosed numerals, ※.
bool is_japanese(char32_t c);

}  // namespace fixturegen
