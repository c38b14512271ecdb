// A measure's status where the report prints none, inferred from how its text ends
// (…こととした: taken, …予定である: in progress), with a confidence below a printed status's.
// The words and their confidences are [status.inferred] of the vocabulary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpret/vocabulary.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

struct InferredStatus {
  std::string status;
  double confidence = 0;
  std::string cue;       // the ending that decided, compact-normalized
  std::string sentence;  // the sentence it ended, compact-normalized
};

// The status that `measure_text` (normalized) suggests, judged by its last sentence that is
// not a closing sentence of intent (今後も…努めていく) or only a parenthesis; nullopt when
// that sentence ends with no cue, or there is none.
std::optional<InferredStatus> infer_status(std::string_view measure_text, const Vocabulary& vocab);

// Fills in the status of every measure of a document that prints none: status unknown,
// status_raw null, with text. The status confidence becomes the cue's, but no higher than the
// confidence the reader gave the empty status (which carries OCR and grid doubts); the
// measure's and the finding's confidences follow. Nothing happens when any measure of the
// document has a printed status (there a blank is the report's own answer).
void infer_unprinted_statuses(std::vector<Finding>& findings, const Vocabulary& vocab);

}  // namespace kansa::interpret
