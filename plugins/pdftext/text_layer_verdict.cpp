#include "text_layer_verdict.hpp"

#include <algorithm>
#include <cmath>

namespace kansa::pdftext {

CodePointClass classify_code_point(char32_t c) {
  if (c == U' ' || c == U'\t' || c == 0xA0 || c == 0x3000) return CodePointClass::kWhitespace;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return CodePointClass::kGarbage;
  if (c == 0xFFFD || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return CodePointClass::kGarbage;
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return CodePointClass::kGarbage;
  const bool ascii_punct = (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  if (ascii_punct) return CodePointClass::kSymbol;
  if (c >= 0xA1 && c <= 0xBF) return CodePointClass::kSymbol;  // ¡ ¢ £ ... ¿
  if (c == 0xD7 || c == 0xF7) return CodePointClass::kSymbol;  // × ÷
  // What WinAnsi 0x80-0x9F decodes to: ƒ ˆ ˜ and the General Punctuation block (• † ‰ ™ ...).
  if (c == 0x192 || c == 0x2C6 || c == 0x2DC || (c >= 0x2013 && c <= 0x203A) || c == 0x20AC ||
      c == 0x2122)
    return CodePointClass::kSymbol;
  return CodePointClass::kText;
}

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // CJK and Kangxi radicals
         (c >= 0x3000 && c <= 0x30FF) ||  // CJK punctuation, hiragana, katakana
         (c >= 0x3400 && c <= 0x4DBF) ||  // extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width and half-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // extensions B..
}

void GlyphTally::add_glyph(FontDecoding decoding, const unsigned int* u, int u_len,
                           const std::string& font_name) {
  bool whitespace = u_len > 0, garbage = u_len <= 0, symbol = false, cjk = u_len > 0;
  for (int i = 0; i < u_len; ++i) {
    const char32_t c = static_cast<char32_t>(u[i]);
    const CodePointClass cls = classify_code_point(c);
    whitespace = whitespace && cls == CodePointClass::kWhitespace;
    garbage = garbage || cls == CodePointClass::kGarbage;
    symbol = symbol || cls == CodePointClass::kSymbol;
    cjk = cjk && is_cjk(c);
  }
  if (whitespace) return;
  ++glyphs;
  switch (decoding) {
    case FontDecoding::kMapped:
      if (garbage) ++undecodable;
      return;
    case FontDecoding::kEncodingGuess:
      if (!garbage && !symbol) return;
      ++symbol_guesses;
      break;
    case FontDecoding::kRawCodeGuess:
      if (cjk) return;
      ++raw_code_guesses;
      break;
  }
  fonts_without_to_unicode.insert(font_name);
}

std::size_t count_cid_placeholder_chars(std::u32string_view text) {
  static constexpr std::u32string_view kOpen = U"(cid:";
  std::size_t count = 0;
  for (std::size_t at = text.find(kOpen); at != std::u32string_view::npos;
       at = text.find(kOpen, at + 1)) {
    std::size_t end = at + kOpen.size();
    while (end < text.size() && text[end] >= U'0' && text[end] <= U'9') ++end;
    if (end > at + kOpen.size() && end < text.size() && text[end] == U')') {
      count += end + 1 - at;
    }
  }
  return count;
}

namespace {

std::string join_names(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

TextLayerVerdict judge_text_layer(const GlyphTally& tally, double unusable_threshold) {
  if (tally.glyphs == 0) return {KANSA_TEXT_LAYER_ABSENT, "no text on the page"};
  const std::size_t bad = tally.undecodable + tally.symbol_guesses + tally.raw_code_guesses;
  const double share = static_cast<double>(bad) / static_cast<double>(tally.glyphs);
  if (share < unusable_threshold) return {};

  std::string reason;
  if (tally.symbol_guesses + tally.raw_code_guesses > 0) {
    reason = "fonts without ToUnicode: " + join_names(tally.fonts_without_to_unicode) + "; ";
  }
  reason += std::to_string(std::lround(100 * share)) + "% of characters are ";
  const std::size_t worst =
      std::max({tally.undecodable, tally.symbol_guesses, tally.raw_code_guesses});
  if (worst == tally.symbol_guesses) {
    reason += "control/ASCII punctuation/symbols";
  } else if (worst == tally.raw_code_guesses) {
    reason += "raw glyph codes, not text";
  } else {
    reason += "undecodable (control, private-use, U+FFFD or cid codes)";
  }
  return {KANSA_TEXT_LAYER_UNUSABLE, reason};
}

}  // namespace kansa::pdftext
