#include "interpret/u32.hpp"

#include <algorithm>
#include <vector>

#include "kansa/text.hpp"

namespace kansa::interpret {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    out.push_back(ok ? cp : 0xFFFD);
    i += ok ? len : 1;
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

namespace {
constexpr char32_t kPairs[][2] = {{U'(', U')'},   {U'【', U'】'}, {U'「', U'」'}, {U'『', U'』'},
                                  {U'〔', U'〕'}, {U'[', U']'},   {U'<', U'>'},   {U'〈', U'〉'},
                                  {U'《', U'》'}, {U'（', U'）'}, {U'［', U'］'}, {U'＜', U'＞'}};
}

bool is_open_bracket(char32_t c) { return closing_of(c) != 0; }

bool is_close_bracket(char32_t c) {
  for (const auto& p : kPairs)
    if (p[1] == c) return true;
  return false;
}

char32_t closing_of(char32_t open) {
  for (const auto& p : kPairs)
    if (p[0] == open) return p[1];
  return 0;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

bool tight_line_break(std::string_view raw_before, std::string_view raw_after) {
  std::u32string a = to_u32(raw_before), b = to_u32(raw_after);
  size_t e = a.size();
  while (e > 0 && (is_space(a[e - 1]) || a[e - 1] == U'\r')) --e;
  size_t s = 0;
  while (s < b.size() && is_space(b[s])) ++s;
  return (e > 0 && text::is_japanese(a[e - 1])) || (s < b.size() && text::is_japanese(b[s]));
}

std::u32string normalize_keeping_first_gap(std::string_view raw) {
  const std::u32string u = to_u32(raw);
  size_t gap = 0;
  while (gap < u.size() && is_space(u[gap])) ++gap;
  while (gap < u.size() && !is_space(u[gap])) ++gap;
  size_t after = gap;
  while (after < u.size() && is_space(u[after])) ++after;
  if (after >= u.size()) return to_u32(text::normalize(raw));
  return to_u32(text::normalize(to_utf8(u.substr(0, gap))) + " " +
                text::normalize(to_utf8(u.substr(after))));
}

}  // namespace kansa::interpret
