// Decides whether a page's text layer can be trusted, from a tally of its glyphs.
// Pure logic: no Poppler types, so the rules are readable in one place.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "kansa/plugin_abi.h"

namespace kansa::pdftext {

// Where a font's Unicode text comes from.
enum class FontDecoding {
  kMapped,         // a ToUnicode map, or a CID collection Poppler maps (Adobe-Japan1, ...)
  kEncodingGuess,  // simple font without ToUnicode: text guessed from encoding/glyph names
  kRawCodeGuess    // CID font without ToUnicode, Identity collection: text = raw glyph code
};

// How a code point decoded from a glyph looks.
enum class CodePointClass {
  kWhitespace,  // U+0020, U+3000, tab, no-break space
  kGarbage,     // control, private use, U+FFFD, surrogate, out of range
  kSymbol,      // ASCII punctuation or Latin-1 / WinAnsi symbol
  kText         // anything else (letters, digits, CJK, Kangxi radicals, ...)
};
CodePointClass classify_code_point(char32_t c);

// Kana, CJK ideographs and radicals, CJK punctuation and full-width forms: what a raw
// code that happens to be Unicode decodes to in a Japanese document.
bool is_cjk(char32_t c);

// What the glyphs of one page decoded to. Filled while the page is drawn.
struct GlyphTally {
  std::size_t glyphs = 0;  // every drawn glyph except those decoding to whitespace
  // kMapped glyphs whose text cannot be text: no Unicode at all, U+FFFD, C0/C1 control
  // characters, private-use code points, `(cid:NN)` placeholders.
  std::size_t undecodable = 0;
  // kEncodingGuess glyphs decoding to garbage or ASCII punctuation / Latin-1 / WinAnsi
  // symbols: what a subset font's sequential codes (1, 2, 3, ...) turn into.
  std::size_t symbol_guesses = 0;
  // kRawCodeGuess glyphs that are not CJK: glyph ids read as if they were Unicode.
  std::size_t raw_code_guesses = 0;
  std::set<std::string> fonts_without_to_unicode;  // names (no subset prefix) of guessed fonts

  // Adds one glyph drawn with a font of `decoding` whose text is `u[0..u_len)`.
  void add_glyph(FontDecoding decoding, const unsigned int* u, int u_len,
                 const std::string& font_name);
};

// Number of characters in `text` that belong to `(cid:NN)` placeholders, the form other
// extractors (pdfminer) leave in text they re-embed.
std::size_t count_cid_placeholder_chars(std::u32string_view text);

struct TextLayerVerdict {
  kansa_text_layer layer = KANSA_TEXT_LAYER_USABLE;
  std::string reason;  // empty when usable
};

// ABSENT when the page has no glyphs. UNUSABLE when the share of glyphs that are
// undecodable or guessed badly reaches `unusable_threshold` (0..1]. USABLE otherwise.
TextLayerVerdict judge_text_layer(const GlyphTally& tally, double unusable_threshold);

}  // namespace kansa::pdftext
