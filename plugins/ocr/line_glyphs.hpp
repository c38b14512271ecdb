// The symbols of one text line as the recognizer hands them on: boxes fit for geometric line
// assembly downstream (which knows only "a visible gap is a space") and the readings of a
// line that its neighbours settle. Pure functions of the glyphs, no Tesseract.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "recognizer.hpp"

namespace kansa::ocr {

// First code point of UTF-8 `s` (0 if malformed).
inline char32_t first_code_point(const char* s) {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  if (u[0] < 0x80) return u[0];
  if ((u[0] & 0xE0) == 0xC0 && u[1]) return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
  if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2])
    return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3])
    return ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
  return 0;
}

// Full-width characters (CJK punctuation, kana, ideographs, full-width forms) occupy a
// square em whatever their ink: イ, ー and 、 have narrow ink boxes, and the gaps between
// ink boxes would read as spaces downstream.
inline bool is_full_width(char32_t c) {
  return c >= 0x2E80 && c <= 0xFFEF && !(c >= 0xFF61 && c <= 0xFFDC);
}

inline bool is_ascii_alnum(const std::string& s) {
  return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0]));
}

inline bool is_ascii_digit(const std::string& s) {
  return s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0]));
}

inline bool is_katakana(const std::string& s) {
  const char32_t c = first_code_point(s.c_str());
  return (c >= U'ァ' && c <= U'ヺ') || c == U'ー';
}

// The kanji 一 and the long-vowel mark ー are one horizontal stroke each, and the model takes
// one for the other. ー only lengthens the katakana before it: one after anything else
// that no katakana follows is 一 (ー部措置, のー部). Between two katakana 一 is ー (サ一ビス);
// before a kanji it stays (データ一覧).
inline void settle_one_or_long_vowel(std::vector<Glyph>& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    const bool after_katakana = i > 0 && is_katakana(line[i - 1].text);
    const bool before_katakana = i + 1 < line.size() && is_katakana(line[i + 1].text);
    if (line[i].text == "ー" && !after_katakana && !before_katakana)
      line[i].text = "一";
    else if (line[i].text == "一" && after_katakana && before_katakana)
      line[i].text = "ー";
  }
}

inline bool is_ideograph(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

inline bool is_dash(const std::string& s) {
  return s == "-" || s == "‐" || s == "−" || s == "－" || s == "―" || s == "—";
}

// The kanji 一 is one horizontal stroke, and in a thin scan the model reads it as a hyphen or
// two (一致 as -致 or --致). A run of one or two dashes between a full-width character and a
// kanji is 一: Japanese text sets no hyphen there (codes such as 契約事務-2 end in a digit).
inline void settle_dash_between_kanji(std::vector<Glyph>& line) {
  for (size_t i = 1; i < line.size(); ++i) {
    if (!is_dash(line[i].text) || !is_full_width(first_code_point(line[i - 1].text.c_str())))
      continue;
    size_t end = i + 1;
    if (end < line.size() && is_dash(line[end].text)) ++end;
    if (end >= line.size() || !is_ideograph(first_code_point(line[end].text.c_str()))) continue;
    Glyph& one = line[i];
    one.text = "一";
    for (size_t k = i + 1; k < end; ++k) {
      one.x1 = line[k].x1;
      one.confidence = std::min(one.confidence, line[k].confidence);
    }
    line.erase(line.begin() + static_cast<std::ptrdiff_t>(i + 1),
               line.begin() + static_cast<std::ptrdiff_t>(end));
  }
}

inline bool is_ascii_letter(const std::string& s) {
  return s.size() == 1 && std::isalpha(static_cast<unsigned char>(s[0]));
}

// Digits and Latin capitals that share a shape (0/O, 1/I/l) are read by what stands beside
// them: a zero beside a letter and no digit is O (0S for OS), an O or I beside a digit and
// no letter is 0 or 1 (2O日, I0年). Beside neither (alone, between kana) they stay.
inline void settle_digit_or_letter(std::vector<Glyph>& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    bool digit_beside = false, letter_beside = false;
    for (const size_t j : {i - 1, i + 1}) {
      if (j >= line.size()) continue;  // i - 1 wraps past the start
      digit_beside = digit_beside || is_ascii_digit(line[j].text);
      letter_beside = letter_beside || is_ascii_letter(line[j].text);
    }
    std::string& t = line[i].text;
    if (letter_beside && !digit_beside) {
      if (t == "0") t = "O";
    } else if (digit_beside && !letter_beside) {
      if (t == "O" || t == "o") t = "0";
      if (t == "I" || t == "l") t = "1";
    }
  }
}

// Readies the symbols of one recognized text line (in Tesseract's reading order, with word
// numbers `words`, `line_height` pixels high) for geometric line assembly downstream:
//  - the LSTM engine's symbol boxes are approximate and neighbours' boxes are sometimes
//    swapped, while its reading order is right: the boxes, ordered by centre, are handed out
//    in reading order;
//  - full-width characters get a full em (the line's height) about their centre;
//  - within one word the gap to the next symbol is closed (narrow digits such as "11" would
//    otherwise read as "1 1"), and so is a gap of less than half an em between words unless
//    both sides are Latin letters or digits: Japanese text has no spaces, while brackets and
//    digits around it ("(USB) 5本") have narrow boxes. Other gaps may become spaces;
//  - a gap of less than an em between two digits is closed too: Japanese print sets digits
//    full-width (令和４年１２月), whose narrow ink leaves about half an em between two of
//    them, and Tesseract often makes each its own word ("1 2月", "第1 6 7条"). A number is
//    never split by less than a character. Wider gaps between full-width characters are left
//    alone, although box errors make some: a gap sets labels apart (キ　庁用車…, 1　【意見】,
//    所管部　健康福祉部), and closing gaps up to an em lost those (measured: generated
//    label-blocks and column-table scans lost a fifth of their fields).
//  - 一 and ー or a hyphen, 0 and O, 1 and I are told apart by their neighbours
//    (settle_dash_between_kanji, settle_one_or_long_vowel, settle_digit_or_letter).
inline void lay_out_line(std::vector<Glyph>& line, const std::vector<int>& words, int line_height) {
  std::vector<std::pair<double, double>> boxes;
  for (const Glyph& g : line) boxes.emplace_back(g.x0, g.x1);
  std::stable_sort(boxes.begin(), boxes.end(), [](const auto& a, const auto& b) {
    return a.first + a.second < b.first + b.second;
  });
  const double em = 0.9 * std::max(1, line_height);
  for (size_t i = 0; i < line.size(); ++i) {
    Glyph& g = line[i];
    std::tie(g.x0, g.x1) = boxes[i];
    if (is_full_width(first_code_point(g.text.c_str())) && g.x1 - g.x0 < em) {
      const double centre = (g.x0 + g.x1) / 2;
      g.x0 = centre - em / 2;
      g.x1 = centre + em / 2;
    }
  }
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const double gap = line[i + 1].x0 - line[i].x1;
    if (gap <= 0) continue;
    const std::string& a = line[i].text;
    const std::string& b = line[i + 1].text;
    const bool latin_pair = is_ascii_alnum(a) && is_ascii_alnum(b);
    const bool in_number = is_ascii_digit(a) && is_ascii_digit(b);
    if (words[i] == words[i + 1] || (!latin_pair && gap < 0.5 * em) || (in_number && gap < em))
      line[i].x1 = line[i + 1].x0;
  }
  settle_dash_between_kanji(line);
  settle_one_or_long_vowel(line);
  settle_digit_or_letter(line);
}

}  // namespace kansa::ocr
