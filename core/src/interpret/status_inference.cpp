#include "interpret/status_inference.hpp"

#include <algorithm>

#include "interpret/confidence.hpp"
#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

bool starts_with_any(std::u32string_view s, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::u32string& w) { return !w.empty() && starts_with(s, w); });
}

bool ends_with_any(std::u32string_view s, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::u32string& w) { return !w.empty() && ends_with(s, w); });
}

// Drops a closing parenthesis (…作成した(令和6年3月)) and bullets or marks around a sentence.
std::u32string_view trim_sentence(std::u32string_view s) {
  while (!s.empty() && (s.front() == U'・' || s.front() == U'-' || is_space(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && is_close_bracket(s.back())) {
    const char32_t close = s.back();
    int depth = 0;
    size_t open = std::u32string_view::npos;
    for (size_t i = s.size(); i-- > 0;) {
      if (s[i] == close) ++depth;
      if (is_open_bracket(s[i]) && closing_of(s[i]) == close && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == std::u32string_view::npos) {
      s.remove_suffix(1);  // an unbalanced bracket: drop it alone
    } else {
      s = s.substr(0, open);
    }
  }
  while (!s.empty() && (s.back() == U'.' || s.back() == U'、' || is_space(s.back())))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<InferredStatus> infer_status(std::string_view measure_text, const Vocabulary& vocab) {
  const StatusInferenceWords& words = vocab.status_inference;
  const std::u32string text = to_u32(text::normalize_compact(measure_text));
  std::vector<std::u32string_view> sentences;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(U'。', start);
    if (end == std::u32string::npos) end = text.size();
    sentences.push_back(std::u32string_view(text).substr(start, end - start));
    start = end + 1;
  }
  for (auto it = sentences.rbegin(); it != sentences.rend(); ++it) {
    const std::u32string_view sentence = trim_sentence(*it);
    if (sentence.empty()) continue;  // nothing but a parenthesis
    if (starts_with_any(sentence, words.boilerplate_openings) ||
        ends_with_any(sentence, words.boilerplate_endings))
      continue;
    for (const EndingCue& cue : words.endings)
      if (!cue.ending.empty() && ends_with(sentence, cue.ending))
        return InferredStatus{cue.status, cue.confidence, to_utf8(cue.ending), to_utf8(sentence)};
    return std::nullopt;  // the deciding sentence says nothing clear
  }
  return std::nullopt;
}

void infer_unprinted_statuses(std::vector<Finding>& findings, const Vocabulary& vocab) {
  for (const Finding& f : findings)
    for (const Measure& m : f.measures)
      if (m.status_raw) return;  // the report prints statuses
  for (Finding& f : findings) {
    for (Measure& m : f.measures) {
      if (m.status != "unknown" || m.status_raw || m.text.empty()) continue;
      const std::optional<InferredStatus> guess = infer_status(m.text, vocab);
      if (!guess) continue;
      m.status = guess->status;
      const auto read = m.field_confidence.find("status");
      m.field_confidence["status"] = read != m.field_confidence.end()
                                         ? std::min(read->second, guess->confidence)
                                         : guess->confidence;
      const double before = m.confidence;
      m.confidence = combine(m.field_confidence);
      if (before > 0) f.confidence = clamp_confidence(f.confidence * m.confidence / before);
    }
  }
}

}  // namespace kansa::interpret
