#include "normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <vector>

namespace fixturegen {
namespace {

bool is_protected(char32_t c) { return c >= 0x2460 && c <= 0x24FF; }

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0x3000 || c == 0xA0;
}

std::u32string to_u32(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(u.char32At(i));
  return out;
}

std::string to_utf8(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// NFKC on the runs between protected characters.
std::u32string nfkc_keep_circled(const std::u32string& in) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU NFKC unavailable");
  std::u32string out, run;
  auto flush = [&] {
    if (run.empty()) return;
    icu::UnicodeString u;
    for (char32_t c : run) u.append(static_cast<UChar32>(c));
    icu::UnicodeString n = nfkc->normalize(u, err);
    if (U_FAILURE(err)) throw std::runtime_error("ICU NFKC failed");
    for (int32_t i = 0; i < n.length(); i = n.moveIndex32(i, 1)) out.push_back(n.char32At(i));
    run.clear();
  };
  for (char32_t c : in) {
    if (is_protected(c)) {
      flush();
      out.push_back(c);
    } else {
      run.push_back(c);
    }
  }
  flush();
  return out;
}

// Folds white space runs to one space and trims.
std::u32string fold(const std::u32string& s) {
  std::u32string out;
  for (char32_t c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

bool is_japanese(char32_t o) {
  return (o >= 0x3000 && o <= 0x30FF) || (o >= 0x31F0 && o <= 0x31FF) ||
         (o >= 0x3400 && o <= 0x4DBF) || (o >= 0x4E00 && o <= 0x9FFF) ||
         (o >= 0xF900 && o <= 0xFAFF) || (o >= 0xFF00 && o <= 0xFFEF) ||
         (o >= 0x2460 && o <= 0x24FF) || (o >= 0x2E80 && o <= 0x2FDF) || o == 0x203B;
}

std::string normalize(std::string_view raw) {
  std::u32string t = nfkc_keep_circled(to_u32(raw));
  std::u32string joined;
  size_t start = 0;
  while (start <= t.size()) {
    size_t end = t.find(U'\n', start);
    if (end == std::u32string::npos) end = t.size();
    std::u32string line = fold(t.substr(start, end - start));
    if (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (!line.empty()) {
      if (!joined.empty() && !(is_japanese(joined.back()) || is_japanese(line.front())))
        joined.push_back(' ');
      joined += line;
    }
    start = end + 1;
  }
  std::u32string folded = fold(joined);
  std::u32string out;
  for (size_t i = 0; i < folded.size(); ++i) {
    char32_t c = folded[i];
    if (c == ' ' && !out.empty() && i + 1 < folded.size() &&
        (is_japanese(out.back()) || is_japanese(folded[i + 1])))
      continue;
    out.push_back(c);
  }
  return to_utf8(out);
}

std::string normalize_compact(std::string_view raw) {
  std::u32string t = to_u32(normalize(raw));
  std::u32string out;
  for (char32_t c : t)
    if (c != ' ') out.push_back(c);
  return to_utf8(out);
}

}  // namespace fixturegen
