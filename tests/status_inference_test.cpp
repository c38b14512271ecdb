// Status inferred from the measure text where the report prints none: real measure sentences
// (the corpus reports' texts, whose printed status is in the comment), the generator's
// wording, and texts that say nothing clear. Read with the real vocabulary.
#include <gtest/gtest.h>

#include <string>

#include "interpret/status_inference.hpp"
#include "interpret/vocabulary.hpp"

namespace kansa::interpret {
namespace {

const Vocabulary& vocab() {
  return Vocabulary::cached(std::string(KANSA_PIPELINES_DIR) + "/vocabulary.toml");
}

std::string status_of(const std::string& text) {
  const auto s = infer_status(text, vocab());
  return s ? s->status : "none";
}

TEST(InterpretStatusInference, WhatWasDoneIsTaken) {
  // Printed ① (措置を講じたもの) in the report these come from.
  for (const char* text :
       {"情報セキュリティ対策基準は、公にするとサイバー攻撃を受けるリスクがあるため、基本方針部分の"
        "み公開することとした。",
        "今回のご指摘を受け、ワイヤーロックをしていないパソコンについて、ワイヤーロックを施した。",
        "令和5年10月31日に備品返納し、情報セキュリティ対策基準に基づき廃棄処分を行った。",
        "令和6年5月に新しい機器に更新し、バックアップ体制も構築した。"}) {
    const auto s = infer_status(text, vocab());
    ASSERT_TRUE(s.has_value()) << text;
    EXPECT_EQ(s->status, "taken") << text;
    EXPECT_DOUBLE_EQ(s->confidence, 0.75) << text;
  }
}

TEST(InterpretStatusInference, WhatIsPlannedOrConsideredIsInProgress) {
  // Printed ② in its report, whose two-level legend has no "in progress".
  EXPECT_EQ(status_of("該当するパソコンについて、令和6年度中の処分を予定している。"),
            "in_progress");
  EXPECT_EQ(status_of("システム全体の更新が必要となり、多額の費用がかかることが判明したため、"
                      "対応を検討している。"),
            "in_progress");
  // The generator's wording of a planned measure.
  EXPECT_EQ(status_of("令和7年3月までに、書庫に施錠し、鍵の管理簿を作成する予定である。あわせて、"
                      "個人情報の取扱いに関する研修を実施することについて検討している。"),
            "in_progress");
  // 検討することとする is a decision to consider, not a measure taken.
  EXPECT_EQ(status_of("今後ウェブサイトを構築する際は、情報政策課職員など、知識・経験を有する者が"
                      "関与するよう検討することとする。"),
            "in_progress");
}

TEST(InterpretStatusInference, ClosingSentencesOfIntentAreLookedPast) {
  // Osaka's measure (printed 措置済): the last sentence is an intent for the years ahead.
  const auto osaka = infer_status(
      "・また、再発防止策として、事務を所管する職員全員に、令和6年1月15日~26日に、今回の監査結果を"
      "踏まえた内容により情報セキュリティ研修を実施した。令和6年度以降も、毎年度当初、担当者向けに"
      "情報セキュリティ研修を実施することで、情報セキュリティに対する意識の向上を図った上で、"
      "システムのセキュリティ対策に取り組んでいく。",
      vocab());
  ASSERT_TRUE(osaka.has_value());
  EXPECT_EQ(osaka->status, "taken");
  EXPECT_EQ(osaka->cue, "した");
  // The generator's closing sentence, and a parenthesis after the last sentence.
  EXPECT_EQ(status_of("毎日記帳することとした。今後も、適正な事務の執行に努めていく。"), "taken");
  EXPECT_EQ(status_of("手順書を作成した。(令和6年3月)"), "taken");
  EXPECT_EQ(status_of("・書庫に施錠した。\n・引き続き、適正な管理を徹底する。"), "taken");
}

TEST(InterpretStatusInference, ADecisionIsTakenWithLessConfidence) {
  // Printed ① in its report: こととする / とする announce what the department decided.
  const auto s = infer_status(
      "情報セキュリティ監査において指摘された事項について各課に情報提供を行い、同様又は類似の事案"
      "がないか点検の実施及び自主的な改善を促すこととする。",
      vocab());
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->status, "taken");
  EXPECT_LT(s->confidence, 0.75);
  EXPECT_GE(s->confidence, 0.55);
}

TEST(InterpretStatusInference, UnclearTextsGiveNothing) {
  for (const char* text :
       {"教育委員会から回答", "※それぞれの個別事案において記載。",
        "今後も、適正な事務の執行に努めていく。", "(令和6年3月31日)", "", "指摘のとおりである。"})
    EXPECT_FALSE(infer_status(text, vocab()).has_value()) << text;
}

Measure unprinted(const std::string& text, double status_confidence) {
  Measure m;
  m.text = text;
  m.field_confidence = {{"status", status_confidence}, {"status_raw", 0.95}, {"text", 0.96}};
  m.confidence = 0.95 * 0.96 * status_confidence;
  return m;
}

TEST(InterpretStatusInference, OnlyDocumentsPrintingNoStatusAreInferred) {
  Finding f;
  f.measures = {unprinted("台帳を整備した。", 0.93), unprinted("教育委員会から回答", 0.93),
                unprinted("台帳を整備した。", 0.5)};
  f.confidence = 0.5;
  std::vector<Finding> none_printed = {f};
  infer_unprinted_statuses(none_printed, vocab());
  const Finding& g = none_printed[0];
  EXPECT_EQ(g.measures[0].status, "taken");
  EXPECT_FALSE(g.measures[0].status_raw.has_value());
  EXPECT_DOUBLE_EQ(g.measures[0].field_confidence.at("status"), 0.75);
  EXPECT_DOUBLE_EQ(g.measures[0].field_confidence.at("status_raw"), 0.95);
  EXPECT_NEAR(g.measures[0].confidence, 0.95 * 0.96 * 0.75, 1e-9);
  EXPECT_EQ(g.measures[1].status, "unknown");  // nothing to go by
  // A doubtful empty status (OCR, a shaky grid) caps the inferred one.
  EXPECT_DOUBLE_EQ(g.measures[2].field_confidence.at("status"), 0.5);
  EXPECT_LT(g.confidence, 0.5);

  // One printed status elsewhere in the document: a blank is the report's own answer.
  Finding printed = f;
  printed.measures[1].status = "taken";
  printed.measures[1].status_raw = "①";
  std::vector<Finding> some_printed = {printed};
  infer_unprinted_statuses(some_printed, vocab());
  EXPECT_EQ(some_printed[0].measures[0].status, "unknown");
  EXPECT_DOUBLE_EQ(some_printed[0].confidence, 0.5);
}

}  // namespace
}  // namespace kansa::interpret
