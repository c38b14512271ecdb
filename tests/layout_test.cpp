// kansa::layout: glyph spans -> lines -> text.
#include <gtest/gtest.h>

#include "kansa/layout.hpp"

namespace {

using kansa::TextSpan;

// One span per UTF-8 character; ASCII glyphs half as wide as CJK ones.
void add_text(std::vector<TextSpan>& out, double x, double y, const std::string& text,
              double size = 10, double extra_gap = 0) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const double w = len == 1 ? size * 0.5 : size;
    out.push_back({text.substr(i, len), {x, y, x + w, y + size}, size, 1.0});
    x += w + extra_gap;
    i += len;
  }
}

TEST(Layout, LinesTopToBottomLeftToRight) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 40, "second");
  add_text(spans, 10, 10, "first");
  std::reverse(spans.begin(), spans.end());  // input order must not matter
  const auto lines = kansa::layout::assemble_lines(spans);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "first");
  EXPECT_EQ(lines[1].text, "second");
  EXPECT_EQ(kansa::layout::text_of(spans), "first\nsecond");
}

TEST(Layout, WideGapBecomesOneSpace) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 10, "audit");
  add_text(spans, 10 + 5 * 5 + 3, 10, "report");  // 3 pt gap at 10 pt: a word space
  EXPECT_EQ(kansa::layout::text_of(spans), "audit report");
}

TEST(Layout, JapaneseHasNoSpaces) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 10, "監査結果に基づき", 10, 0.3);
  EXPECT_EQ(kansa::layout::text_of(spans), "監査結果に基づき");
}

TEST(Layout, SlightlyOffsetGlyphsShareALine) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 10, "ab");
  add_text(spans, 20, 11.5, "cd");  // baseline jitter within half a line
  EXPECT_EQ(kansa::layout::text_of(spans), "abcd");
}

TEST(Layout, DoubledGlyphsAreDroppedOnce) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 10, "総論");
  add_text(spans, 10.2, 10, "総論");  // fake bold: drawn twice, shifted a little
  EXPECT_EQ(kansa::layout::text_of(spans), "総論");
}

TEST(Layout, ExplicitSpaceGlyphGivesOneSpace) {
  std::vector<TextSpan> spans;
  add_text(spans, 10, 10, "a  b");
  EXPECT_EQ(kansa::layout::text_of(spans), "a b");
}

TEST(Layout, EmptyInputGivesNoLines) {
  EXPECT_TRUE(kansa::layout::assemble_lines({}).empty());
  EXPECT_EQ(kansa::layout::text_of({}), "");
}

}  // namespace
