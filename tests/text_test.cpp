// kansa::text::normalize — cases taken from the schema's normalization rules and the
// reference implementations (scorer norm(), corpus _make/common.py norm()).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "kansa/text.hpp"

namespace kansa::text {
namespace {

TEST(Normalize, FullWidthDigitsAndLettersBecomeAscii) {
  EXPECT_EQ(normalize("令和６年３月"), "令和6年3月");
  EXPECT_EQ(normalize("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(normalize("報告監６の第７号"), "報告監6の第7号");
}

TEST(Normalize, CircledNumbersAreKept) {
  EXPECT_EQ(normalize("①"), "①");
  EXPECT_EQ(normalize("⑳ 措置済"), "⑳措置済");
  EXPECT_EQ(normalize("①＝措置を講じたもの"), "①=措置を講じたもの");
  // Beyond ⑳ the schema keeps nothing: plain NFKC.
  EXPECT_EQ(normalize("㉑"), "21");
  EXPECT_EQ(normalize("⑴"), "(1)");
}

TEST(Normalize, KangxiRadicalsBecomeIdeographs) {
  EXPECT_EQ(normalize("⾒直し"), "見直し");  // U+2F92
  EXPECT_EQ(normalize("⼯事"), "工事");      // U+2F2F
  EXPECT_EQ(normalize("⽉⽇"), "月日");      // U+2F49, U+2F47
}

TEST(Normalize, RadicalsSupplementLookAlikesAreMapped) {
  EXPECT_EQ(normalize("⻑期"), "長期");  // U+2ED1
  EXPECT_EQ(normalize("関⻄"), "関西");  // U+2EC4
  EXPECT_EQ(normalize("給⻝"), "給食");  // U+2EDD
  EXPECT_EQ(normalize("⻘少年"), "青少年");
}

TEST(Normalize, SpacesNextToJapaneseAreRemoved) {
  EXPECT_EQ(normalize("令和 6 年 3 月"), "令和6年3月");
  EXPECT_EQ(normalize("障害が 発生"), "障害が発生");
  EXPECT_EQ(normalize("Windows 11"), "Windows 11");
  EXPECT_EQ(normalize("Windows  11 を"), "Windows 11を");
  EXPECT_EQ(normalize("（ 港湾局 ）"), "(港湾局)");
}

TEST(Normalize, IdeographicSpaceIsWhiteSpace) {
  EXPECT_EQ(normalize("港湾局　施設課"), "港湾局施設課");
  EXPECT_EQ(normalize("A　B"), "A B");
  EXPECT_EQ(normalize("　総論１　"), "総論1");
}

TEST(Normalize, LineBreaksJoined) {
  EXPECT_EQ(normalize("障害が発\n生じた"), "障害が発生じた");
  EXPECT_EQ(normalize("security\npolicy"), "security policy");
  EXPECT_EQ(normalize("security\r\n\r\npolicy"), "security policy");
  EXPECT_EQ(normalize("OS\nについて"), "OSについて");
  EXPECT_EQ(normalize("\n\n対応した。\n"), "対応した。");
}

TEST(Normalize, WhiteSpaceFoldedAndTrimmed) {
  EXPECT_EQ(normalize("  a \t b  "), "a b");
  EXPECT_EQ(normalize(""), "");
  EXPECT_EQ(normalize(" \n\t　"), "");
  EXPECT_EQ(normalize("a\u00a0\u2003b"), "a b");
}

TEST(Normalize, BulletsAndPunctuationKept) {
  EXPECT_EQ(normalize("・ 研修を実施\n・ 手順を改訂"), "・研修を実施・手順を改訂");
  EXPECT_EQ(normalize("※それぞれの個別事案において記載。"), "※それぞれの個別事案において記載。");
}

TEST(Normalize, HalfWidthKatakanaBecomesFullWidth) {
  EXPECT_EQ(normalize("ｾｷｭﾘﾃｨ"), "セキュリティ");
}

TEST(Normalize, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(normalize(std::string("a\xff"
                                  "b")),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(normalize(std::string("令\xe5\x92")), "令\xEF\xBF\xBD");
  // A UTF-8-encoded surrogate and an overlong NUL are ill-formed too.
  const std::string surrogate = normalize("\xed\xa0\x80x");
  EXPECT_NE(surrogate.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(surrogate.back(), 'x');
  EXPECT_NE(normalize(std::string("\xc0\x80", 2)).find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Normalize, Idempotent) {
  const char* samples[] = {
      "令和 6 年 3 月 7 日", "Windows 11 を\n更新", "⾒直し ⻑期 ①", "か \u3099", "か\u309b",
      "ｶﾞｲﾄﾞ ＡＢ",          "a \u0301b",           " ① ② ",         "x\ny\n\nz", "\xff\xfe 漢字",
  };
  for (const char* s : samples) {
    const std::string once = normalize(s);
    EXPECT_EQ(normalize(once), once) << s;
  }
}

TEST(Normalize, CombiningMarkAfterRemovedSpaceIsComposed) {
  EXPECT_EQ(normalize("か \u3099"), "が");
}

TEST(Normalize, ZeroWidthCharactersDropped) { EXPECT_EQ(normalize("監\u200b査\ufeff"), "監査"); }

TEST(NormalizeCompact, RemovesAllSpaces) {
  EXPECT_EQ(normalize_compact("総論 １"), "総論1");
  EXPECT_EQ(normalize_compact("No. 3"), "No.3");
  EXPECT_EQ(normalize_compact("消防局 総務課 / 予防課"), "消防局総務課/予防課");
}

TEST(IsJapanese, Classes) {
  EXPECT_TRUE(is_japanese(U'あ'));
  EXPECT_TRUE(is_japanese(U'ア'));
  EXPECT_TRUE(is_japanese(U'漢'));
  EXPECT_TRUE(is_japanese(U'、'));
  EXPECT_TRUE(is_japanese(U'「'));
  EXPECT_TRUE(is_japanese(U'①'));
  EXPECT_TRUE(is_japanese(U'※'));
  EXPECT_TRUE(is_japanese(U'Ａ'));
  EXPECT_FALSE(is_japanese(U'A'));
  EXPECT_FALSE(is_japanese(U'1'));
  EXPECT_FALSE(is_japanese(U'('));
  EXPECT_FALSE(is_japanese(U'é'));
}

TEST(Normalize, LongInput) {
  std::string big, expected;
  for (int i = 0; i < 20000; ++i) {
    big += "令和 6 年 Windows 11 ⾒ ① ";
    expected += "令和6年Windows 11見①";
  }
  EXPECT_EQ(normalize(big), expected);
}

// True when `s` is well-formed UTF-8 (the contract: invalid input never leaks out).
bool is_valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(Normalize, RandomInputsStayValidAndIdempotent) {
  // Pieces that exercise every rule, glued with random bytes.
  const std::vector<std::string> pieces = {
      "令和",   " ",  "\n", "　", "６",      "A",      "b",      "①",        "⑳",
      "㉑",     "⾒", "⻑", "か", "\u3099",  "\u309b", "\u0301", "ｶ",        "ﾞ",
      "\u200b", "。", "(",  "\t", "Windows", "11",     "\xff",   "\xe3\x80", "\xed\xa0\x80"};
  std::mt19937 rng(20240307);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      if (rng() % 8 == 0) {
        input += static_cast<char>(rng() % 256);
      } else {
        input += pieces[rng() % pieces.size()];
      }
    }
    const std::string once = normalize(input);
    ASSERT_TRUE(is_valid_utf8(once)) << input;
    ASSERT_EQ(normalize(once), once) << input;
    if (!once.empty()) {
      ASSERT_NE(once.front(), ' ') << input;
      ASSERT_NE(once.back(), ' ') << input;
    }
    ASSERT_EQ(once.find("  "), std::string::npos) << input;
  }
}

}  // namespace

// normalize() returns text of "stable" characters as it is, without ICU (normalize.cpp).
// Each of them, and random runs of them, must come out of the full path unchanged: behind
// 「 (which takes the full path and composes with nothing) they do.
std::string utf8_of(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += char(c);
  } else {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
  return out;
}

TEST(Normalize, TextOfStableCharactersIsWhatTheFullPathGives) {
  std::vector<char32_t> stable;
  for (char32_t c = 0x21; c <= 0x7E; ++c) stable.push_back(c);
  for (char32_t c = 0x3041; c <= 0x3096; ++c) stable.push_back(c);
  for (char32_t c = 0x30A1; c <= 0x30FA; ++c) stable.push_back(c);
  stable.push_back(0x30FC);
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) stable.push_back(c);
  const std::string bracket = "「";
  for (char32_t c : stable) {
    const std::string run = utf8_of(c) + utf8_of(c);
    ASSERT_EQ(normalize(bracket + run + bracket), bracket + run + bracket)
        << std::hex << uint32_t(c);
    ASSERT_EQ(normalize(run), run);
  }
  std::mt19937 random(6);
  for (int i = 0; i < 20000; ++i) {
    std::string run;
    for (int k = 0; k < 6; ++k) run += utf8_of(stable[random() % stable.size()]);
    ASSERT_EQ(normalize(bracket + run), bracket + run) << run;
  }
  // Next to anything else, the full path: white space folds, full width narrows.
  EXPECT_EQ(normalize("大阪市 　北区"), "大阪市北区");
  EXPECT_EQ(normalize("大阪市ＡＢ"), "大阪市AB");
  EXPECT_EQ(normalize("か\xE3\x82\x99"), "が");        // a combining mark composes
  EXPECT_EQ(normalize("abc\xFF"), "abc\xEF\xBF\xBD");  // invalid UTF-8: U+FFFD
}

}  // namespace kansa::text
