// kansa::page_refs::parse — report page references.
#include <gtest/gtest.h>

#include <vector>

#include "kansa/page_refs.hpp"

namespace kansa::page_refs {
namespace {

using V = std::vector<int>;

TEST(PageRefs, ListAfterP) {
  EXPECT_EQ(parse("P17、35"), (V{17, 35}));
  EXPECT_EQ(parse("総論1（P17、35）"), (V{17, 35}));
  EXPECT_EQ(parse("p.5"), (V{5}));
}

TEST(PageRefs, RangesExpanded) {
  EXPECT_EQ(parse("(P18、36-46)"), (V{18, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46}));
  EXPECT_EQ(parse("P.12～14"), (V{12, 13, 14}));
  EXPECT_EQ(parse("P12〜13"), (V{12, 13}));
  EXPECT_EQ(parse("pp. 3-4"), (V{3, 4}));
}

TEST(PageRefs, FullWidthDigits) {
  EXPECT_EQ(parse("（Ｐ１８、３６－３８）"), (V{18, 36, 37, 38}));
  EXPECT_EQ(parse("Ｐ１７，３５"), (V{17, 35}));
}

TEST(PageRefs, PageWords) {
  EXPECT_EQ(parse("ページ 3,5"), (V{3, 5}));
  EXPECT_EQ(parse("17頁"), (V{17}));
  EXPECT_EQ(parse("報告書 3～5ページ参照"), (V{3, 4, 5}));
  EXPECT_EQ(parse("17、35頁"), (V{17, 35}));
}

TEST(PageRefs, RepeatedMarkAndSeveralGroups) {
  EXPECT_EQ(parse("P17、P35"), (V{17, 35}));
  EXPECT_EQ(parse("P3 及び P7"), (V{3, 7}));
}

TEST(PageRefs, DuplicatesKeptOnceInOrder) { EXPECT_EQ(parse("P5、3-6"), (V{5, 3, 4, 6})); }

TEST(PageRefs, WideOrReversedRangesKeepTheirEnds) {
  EXPECT_EQ(parse("P10-2000"), (V{10, 2000}));
  EXPECT_EQ(parse("P46-36"), (V{46, 36}));
}

TEST(PageRefs, BareListWhenTheWholeTextIsOne) {
  EXPECT_EQ(parse("18, 36-38"), (V{18, 36, 37, 38}));
  EXPECT_EQ(parse("(18、20)"), (V{18, 20}));
}

TEST(PageRefs, NumbersThatAreNoPages) {
  EXPECT_EQ(parse("個別事案10"), V{});
  EXPECT_EQ(parse("PDF12"), V{});
  EXPECT_EQ(parse("令和6年3月7日"), V{});
  EXPECT_EQ(parse("総論2 (1)"), V{});
  EXPECT_EQ(parse("P"), V{});
  EXPECT_EQ(parse(""), V{});
  EXPECT_EQ(parse("P0"), V{});
  EXPECT_EQ(parse("P123456"), V{});
}

TEST(PageRefs, SurvivesGarbage) {
  EXPECT_EQ(parse(std::string("P\xff"
                              "12\xe5")),
            V{});
  EXPECT_EQ(parse(std::string("P12\xff")), (V{12}));
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "P1-500、";
  EXPECT_EQ(parse(many).size(), 500u);
}

TEST(PageRefs, DigitLookalikesLeftByOcrAreMended) {
  EXPECT_EQ(parse("No.1(PI9、20一24、26)"), (V{19, 20, 21, 22, 23, 24, 26}));
  EXPECT_EQ(parse("(P3O、4l)"), (V{30, 41}));
  // Letters away from digits stay letters: no page list here.
  EXPECT_TRUE(parse("PDFのIO管理").empty());
}

}  // namespace
}  // namespace kansa::page_refs
