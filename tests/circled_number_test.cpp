// The OCR plugin's second look at circled numbers (plugins/ocr/circled_number.cpp), on marks
// cut from real scans of generated reports (fixtures/ocr/circled/, see its README).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../plugins/ocr/circled_number.hpp"

namespace kansa::ocr {
namespace {

const std::filesystem::path kDir = std::filesystem::path(KANSA_FIXTURES_DIR) / "ocr" / "circled";

std::optional<CircledNumberReader::Reading> read_mark(CircledNumberReader& reader,
                                                      const std::string& file) {
  PixPtr image(pixRead((kDir / file).c_str()));
  EXPECT_TRUE(image) << file;
  if (!image) return std::nullopt;
  int l = 0, t = 0, w = 0, h = 0;
  return reader.read_all(image.get(), l, t, w, h);
}

TEST(CircledNumber, ReadsTheDigitInsideTheRing) {
  CircledNumberReader reader{Options{}};
  const std::pair<const char*, const char*> marks[] = {
      {"1-a.png", "①"}, {"1-b.png", "①"}, {"1-c.png", "①"}, {"1-d.png", "①"}, {"1-e.png", "①"},
      {"2-a.png", "②"}, {"2-b.png", "②"}, {"2-c.png", "②"}, {"3-a.png", "③"}, {"3-b.png", "③"}};
  for (const auto& [file, printed] : marks) {
    const auto reading = read_mark(reader, file);
    ASSERT_TRUE(reading) << file;
    EXPECT_EQ(reading->text, printed) << file;
    EXPECT_GT(reading->confidence, 0.5) << file;
  }
}

TEST(CircledNumber, LeavesOtherGlyphsAlone) {
  CircledNumberReader reader{Options{}};
  EXPECT_FALSE(read_mark(reader, "none-kanji.png"));
}

TEST(CircledNumber, ChecksCircledNumbersAndTheirLookalikesOnly) {
  EXPECT_TRUE(CircledNumberReader::worth_checking("③"));
  EXPECT_TRUE(CircledNumberReader::worth_checking("Q"));  // a legend's ① read as Q
  EXPECT_TRUE(CircledNumberReader::worth_checking("6"));
  EXPECT_FALSE(CircledNumberReader::worth_checking("措"));
  EXPECT_FALSE(CircledNumberReader::worth_checking("1"));
}

TEST(CircledNumber, ANarrowCircledNumberIsAPlainOne) {
  // (3) read as (③): the box Tesseract gives the ③ is a digit's, 20 x 33 pixels.
  EXPECT_EQ(CircledNumberReader::as_plain_number("③", 20, 33), "3");
  EXPECT_EQ(CircledNumberReader::as_plain_number("⑫", 20, 33), "12");
  EXPECT_FALSE(CircledNumberReader::as_plain_number("③", 38, 40));
  EXPECT_FALSE(CircledNumberReader::as_plain_number("②", 1, 12));  // a box that says nothing
  EXPECT_FALSE(CircledNumberReader::as_plain_number("3", 20, 33));
}

}  // namespace
}  // namespace kansa::ocr
