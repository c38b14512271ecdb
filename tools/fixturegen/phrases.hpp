// Realistic Japanese report text composed from phrase lists: audit items (title, observations,
// the auditors' demand) and the measures departments report, worded to match their status
// (…した。 for taken, …予定である。 for in progress, …検討する。 for not taken).
#pragma once

#include <string>
#include <vector>

#include "document.hpp"
#include "municipalities.hpp"
#include "random.hpp"

namespace fixturegen {

// How digits are printed inside running text.
struct TextStyle {
  bool full_width_digits = false;
  int fiscal_year = 2023;  // the audit's year; dates in measures fall after it
};

struct ItemText {
  std::string title;                      // …について (no ref, no kind word)
  std::vector<std::string> observations;  // …であった。 sentences
  std::string demand;  // …されたい。 (指摘) or …望まれる。 (意見)
  int topic = 0;
};

ItemText compose_item(Random& rng, Kind kind, const std::string& department, const TextStyle& ts);
// A measure's text for `status`, 1–3 sentences, optionally as ・ bullets on separate lines.
std::string compose_measure(Random& rng, Status status, const ItemText& item, const TextStyle& ts,
                            bool bullets);

// Section names (情報政策課), distinct, for a municipality of this kind.
std::vector<std::string> pick_sections(Random& rng, MunicipalityKind kind, int n);
// A bureau or department responsible for a whole report (健康局, 総務部).
std::string pick_bureau(Random& rng, MunicipalityKind kind);
// An audit theme (特定の事件 / 監査のテーマ), without brackets.
std::string pick_theme(Random& rng);

}  // namespace fixturegen
