// UTF-8 <-> UTF-32 for the character-level scans of interpretation (labels, parentheses,
// suffixes). Invalid bytes decode to U+FFFD; that is all the robustness needed here because
// input text has already been through kansa::text::normalize.
#pragma once

#include <string>
#include <string_view>

#include "kansa/edit_distance.hpp"

namespace kansa::interpret {

std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);

inline bool starts_with(std::u32string_view s, std::u32string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
inline bool ends_with(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Opening and closing brackets after NFKC: ( ) and the Japanese 【】「」『』〔〕［］＜＞.
bool is_open_bracket(char32_t c);
bool is_close_bracket(char32_t c);
// The closing bracket matching `open`, or 0.
char32_t closing_of(char32_t open);

bool is_space(char32_t c);

// A dot or dash that OCR reads from a speck beside the text (. ・ - , 、 。 ー). Callers strip
// it only where the rest is still what they look for (a mark, a department, a heading).
inline bool is_speck_mark(char32_t c) {
  return c == U'.' || c == U'・' || c == U'-' || c == U',' || c == U'、' || c == U'。' ||
         c == U'ー';
}

// Levenshtein distance (insertions, deletions, substitutions) between two strings.
inline size_t edit_distance(std::u32string_view a, std::u32string_view b) {
  return kansa::edit_distance<char32_t>(a, b);
}
// The same when at most `most`, else most + 1 (cheap for strings of lengths far apart).
inline size_t edit_distance_at_most(std::u32string_view a, std::u32string_view b, size_t most) {
  return kansa::edit_distance_at_most<char32_t>(a, b, most);
}

// Circled numbers ①–⑳.
inline bool is_circled(char32_t c) { return c >= 0x2460 && c <= 0x2473; }

// Whether a line break between two printed lines joins them without a space: a neighbour
// of the break, as printed (before NFKC), is Japanese (full-width forms count: Ｕ\nＳＢ is
// USB). Lines normalized one by one have lost that, so callers joining them ask here.
bool tight_line_break(std::string_view raw_before, std::string_view raw_after);

// text::normalize(raw) with the first run of white space inside it kept as one space:
// normalization closes gaps next to Japanese characters, and such a gap is what sets a label
// apart from what follows (1　見出し, 所管部局　教育委員会).
std::u32string normalize_keeping_first_gap(std::string_view raw);

}  // namespace kansa::interpret
