// normalize(): the findings schema's text normalization (spec/findings-schema.md,
// "Normalization rules"), kept in step with the scorer's norm() and the corpus builder's
// norm(): NFKC with ①–⑳ kept, radical look-alikes mapped, white space folded and trimmed,
// white space next to a Japanese character dropped.
//
// A line break is just white space here: the join rule (no space when a neighbour is
// Japanese, one space otherwise) is exactly what the white-space rule yields.

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "kansa/text.hpp"
#include "text/char_fold.hpp"
#include "text/icu_normalizers.hpp"

namespace kansa::text {
namespace {

// White space as Python's str.isspace() sees it after NFKC (the scorer folds `\s+`).
bool is_space(UChar32 c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// Invisible characters a text layer leaves between glyphs; they never carry meaning.
bool is_dropped(UChar32 c) { return c == 0x200B || c == 0xFEFF; }

bool all_ascii(std::string_view s) {
  for (unsigned char b : s) {
    if (b >= 0x80) return false;
  }
  return true;
}

// ASCII input: NFKC is the identity and nothing is Japanese, so only fold white space.
std::string normalize_ascii(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (char ch : raw) {
    if (is_space(static_cast<unsigned char>(ch))) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += ch;
  }
  return out;
}

// Radical look-alikes NFKC does not touch. They are all in the BMP, so a UTF-16 unit is
// replaced in place.
void map_radical_supplement(icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); ++i) {
    const char16_t unit = s.charAt(i);
    if (unit < 0x2E80 || unit > 0x2EFF) continue;
    if (auto ideograph = radical_supplement_to_ideograph(unit)) {
      s.setCharAt(i, static_cast<char16_t>(*ideograph));
    }
  }
}

// Folds white space and drops it next to Japanese characters. Returns true when a dropped
// space stood before a character that may compose with what now precedes it, so that one
// more NFKC pass is needed to stay idempotent (か + space + U+3099).
bool fold_spaces(const icu::UnicodeString& in, icu::UnicodeString& out) {
  out.remove();
  bool pending_space = false;  // white space seen since the last kept character
  bool removed = false;        // something was dropped since the last kept character
  bool needs_recompose = false;
  UChar32 prev = 0;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (is_dropped(c) || is_space(c)) {
      pending_space = pending_space || is_space(c);
      removed = true;
      continue;
    }
    if (pending_space && !out.isEmpty() && !is_japanese(static_cast<char32_t>(prev)) &&
        !is_japanese(static_cast<char32_t>(c))) {
      out.append(u' ');
    } else if (removed && !out.isEmpty() && !nfkc().hasBoundaryBefore(c)) {
      needs_recompose = true;
    }
    pending_space = false;
    removed = false;
    out.append(c);
    prev = c;
  }
  return needs_recompose;
}

// In-cell line breaks are joined without a space when a neighbour is a Japanese character
// as printed (corpus rule; full-width forms count, even those NFKC turns into ASCII:
// 記録媒体(Ｕ\nＳＢ) -> (USB), not (U SB)). Drops every white-space run that holds a line
// break and has such a neighbour; other runs are left to fold_spaces().
void join_japanese_line_breaks(icu::UnicodeString& s) {
  icu::UnicodeString out;
  UChar32 prev = 0;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    if (!is_space(c)) {
      out.append(c);
      prev = c;
      i += U16_LENGTH(c);
      continue;
    }
    int32_t j = i;
    bool line_break = false;
    while (j < s.length() && is_space(s.char32At(j))) {
      const UChar32 w = s.char32At(j);
      line_break = line_break || w == u'\n' || w == u'\r';
      j += U16_LENGTH(w);
    }
    const UChar32 next = j < s.length() ? s.char32At(j) : 0;
    const bool japanese_neighbour = (prev != 0 && is_japanese(static_cast<char32_t>(prev))) ||
                                    (next != 0 && is_japanese(static_cast<char32_t>(next)));
    if (!(line_break && japanese_neighbour)) out.append(s, i, j - i);
    i = j;
  }
  s = out;
}

// The characters normalize() leaves as they are, whatever surrounds them: printable ASCII but
// the space, hiragana, katakana, the prolonged sound mark and the unified ideographs. NFKC
// maps none of them, none composes with a neighbour, and none is white space, invisible, a
// radical look-alike or a circled number. (text_test.cpp checks each against ICU.)
bool is_stable(char32_t c) {
  return (c >= 0x21 && c <= 0x7E) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
         c == 0x30FC || (c >= 0x4E00 && c <= 0x9FFF);
}

// Valid UTF-8 made of stable characters only: most cell text of a report, and every
// municipality name, which the registry normalizes at each worker's start.
bool all_stable(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      if (!is_stable(*p++)) return false;
      continue;
    }
    // Every stable character beyond ASCII takes three bytes (U+0800..U+FFFF).
    if ((*p & 0xF0) != 0xE0 || end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
      return false;
    const char32_t c = char32_t(*p & 0x0F) << 12 | char32_t(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    if (!is_stable(c)) return false;
    p += 3;
  }
  return true;
}

}  // namespace

bool is_japanese(char32_t c) {
  return (c >= 0x3000 && c <= 0x30FF) ||  // CJK symbols & punctuation, kana
         (c >= 0x31F0 && c <= 0x31FF) ||  // katakana phonetic extensions
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFF00 && c <= 0xFFEF) ||  // half-width and full-width forms
         (c >= 0x2460 && c <= 0x24FF) ||  // enclosed alphanumerics (①)
         (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x25A0 && c <= 0x25FF) ||  // geometric shapes used as marks (○ ● ◎ △ □)
         c == 0x203B ||                   // ※
         (c >= 0x20000 && c <= 0x3FFFF);  // CJK extensions B and later
}

std::string normalize(std::string_view raw) {
  if (all_stable(raw)) return std::string(raw);
  if (all_ascii(raw)) return normalize_ascii(raw);

  // Invalid UTF-8 becomes U+FFFD here.
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  map_radical_supplement(text);
  join_japanese_line_breaks(text);

  const icu::Normalizer2& normalizer = nfkc_keeping_circled_numbers();
  icu::UnicodeString folded;
  for (int pass = 0; pass < 4; ++pass) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = normalizer.normalize(text, status);
    if (U_FAILURE(status)) normalized = text;  // only on memory exhaustion; keep the text
    if (!fold_spaces(normalized, folded)) break;
    text = folded;
  }

  std::string out;
  out.reserve(raw.size());
  folded.toUTF8String(out);
  return out;
}

std::string normalize_compact(std::string_view raw) {
  std::string s = normalize(raw);
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch != ' ') out += ch;
  }
  return out;
}

}  // namespace kansa::text
