// How the ocr plugin lays out the symbols of one recognized line before the host assembles
// lines by geometry (a gap wider than 0.18 of the line height becomes a space there): gaps
// inside numbers closed, 一 and ー told apart by their neighbours.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../plugins/ocr/line_glyphs.hpp"

using kansa::ocr::Glyph;
using kansa::ocr::lay_out_line;

namespace {

constexpr int kLineHeight = 30;  // em = 27 pixels

// Glyphs with the given texts and ink boxes [x0, x1), one word each unless `words` says.
std::vector<Glyph> line_of(const std::vector<std::string>& texts,
                           const std::vector<std::pair<double, double>>& xs) {
  std::vector<Glyph> line;
  for (size_t i = 0; i < texts.size(); ++i) {
    Glyph g;
    g.text = texts[i];
    g.x0 = xs[i].first;
    g.x1 = xs[i].second;
    g.y1 = kLineHeight;
    g.line_height = kLineHeight;
    line.push_back(g);
  }
  return line;
}

std::vector<int> own_words(size_t n) {
  std::vector<int> w;
  for (size_t i = 0; i < n; ++i) w.push_back(static_cast<int>(i));
  return w;
}

std::string text_of(const std::vector<Glyph>& line) {
  std::string s;
  for (const Glyph& g : line) s += g.text;
  return s;
}

// The text of one word of full-width glyphs a character apart, once laid out (glyphs whose
// reading lay_out_line settles by their neighbours).
std::string settled(const std::vector<std::string>& texts) {
  std::vector<std::pair<double, double>> xs;
  for (size_t i = 0; i < texts.size(); ++i) xs.emplace_back(30.0 * i, 30.0 * i + 27);
  std::vector<Glyph> line = line_of(texts, xs);
  lay_out_line(line, std::vector<int>(texts.size(), 0), kLineHeight);
  return text_of(line);
}

}  // namespace

TEST(OcrLineGlyphs, FullWidthDigitsOfOneNumberTouch) {
  // 第１６７条 as full-width digits print: narrow ink half an em apart, each its own word.
  std::vector<Glyph> line =
      line_of({"第", "1", "6", "7", "条"}, {{0, 27}, {36, 47}, {63, 75}, {90, 102}, {111, 138}});
  lay_out_line(line, own_words(line.size()), kLineHeight);
  for (size_t i = 0; i + 1 < line.size(); ++i)
    EXPECT_GE(line[i].x1, line[i + 1].x0) << "gap after " << line[i].text;
}

TEST(OcrLineGlyphs, NumbersACharacterApartAndLatinWordsStaySeparate) {
  // Two numbers with a full-width space between them, and two Latin words.
  std::vector<Glyph> numbers = line_of({"1", "2"}, {{0, 12}, {48, 60}});
  lay_out_line(numbers, own_words(2), kLineHeight);
  EXPECT_LT(numbers[0].x1, numbers[1].x0);
  std::vector<Glyph> latin = line_of({"A", "B"}, {{0, 12}, {20, 32}});
  lay_out_line(latin, own_words(2), kLineHeight);
  EXPECT_LT(latin[0].x1, latin[1].x0);
}

TEST(OcrLineGlyphs, OneAndLongVowelMarkAreSettledByTheirNeighbours) {
  EXPECT_EQ(settled({"ー", "部", "措", "置"}), "一部措置");
  EXPECT_EQ(settled({"の", "ー", "部"}), "の一部");
  EXPECT_EQ(settled({"サ", "一", "ビ", "ス"}), "サービス");
  // Read right, they stay: ー after katakana, 一 before a kanji, ー starting a line that
  // continues a katakana word.
  EXPECT_EQ(settled({"サ", "ー", "バ"}), "サーバ");
  EXPECT_EQ(settled({"デ", "ー", "タ", "一", "覧"}), "データ一覧");
  EXPECT_EQ(settled({"ー", "バ"}), "ーバ");
}

TEST(OcrLineGlyphs, DashesBetweenKanjiAreTheKanjiOne) {
  EXPECT_EQ(settled({"が", "-", "致", "し"}), "が一致し");
  EXPECT_EQ(settled({"が", "-", "-", "致"}), "が一致");
  // A code's dash before its number, a dash opening a line, three dashes: left alone.
  EXPECT_EQ(settled({"務", "-", "2"}), "務-2");
  EXPECT_EQ(settled({"-", "致"}), "-致");
  EXPECT_EQ(settled({"が", "-", "-", "-", "致"}), "が---致");
}

TEST(OcrLineGlyphs, ZeroAndOAreSettledByTheirNeighbours) {
  EXPECT_EQ(settled({"た", "0", "S", "を"}), "たOSを");
  EXPECT_EQ(settled({"2", "O", "日"}), "20日");
  EXPECT_EQ(settled({"I", "0", "年"}), "10年");
  // Beside both or neither: as read.
  EXPECT_EQ(settled({"1", "0", "S"}), "10S");
  EXPECT_EQ(settled({"の", "O", "は"}), "のOは");
  EXPECT_EQ(settled({"I", "D"}), "ID");
}
