// Why a finding's confidence is what it is, in words, from what the database stores: the
// field confidences of the finding and of its measures (the finding's confidence is their
// product, see interpret/confidence.hpp), the values themselves (a missing title, a status
// inferred from the wording, a date without a day), and how its pages were read (the page
// routes: text layer verdict, the OCR stage's account).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::review {

// Field confidences under this are reported as weak.
inline constexpr double kWeakField = 0.9;

// One factor of the confidence.
struct WeakField {
  std::string field;  // "title", "measure 2 (会計課) status"
  double confidence = 0;
  std::string why;  // what the stored values say about it ("" when they say nothing)
};

struct ConfidenceAccount {
  int factors = 0;  // field confidences multiplied into the finding's
  int measures = 0;
  // The factors under kWeakField, lowest first (a status_raw or date_raw beside its own
  // status or date is left out: they move together).
  std::vector<WeakField> weak;
  int weak_factors = 0;             // factors under kWeakField (listed in `weak` or not)
  double weak_product = 1;          // of all factors under kWeakField
  double rest_product = 1;          // of the others
  std::optional<WeakField> lowest;  // the lowest factor, when none is weak
  std::vector<std::string> notes;   // how its pages were read; document-level doubts
};

// The account of finding `f` of document `ex`.
ConfidenceAccount explain_confidence(const Extraction& ex, const Finding& f);

}  // namespace kansa::review
