// Registry::infer_from_text: which local government a text names (contract in the header).

#include <algorithm>

#include "kansa/municipality.hpp"
#include "municipality/name_index.hpp"
#include "text/utf8.hpp"

namespace kansa::municipality {
namespace {

constexpr size_t kMinNameChars = 2;  // 北区, 森町

bool is_kanji(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == U'々';
}

bool is_kana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }

// One occurrence of a registry name in the text.
struct Match {
  size_t begin = 0, end = 0;  // code point positions
  std::string key;
  const std::vector<size_t>* entries = nullptr;
  std::optional<size_t> resolved;  // the entry it stands for, once resolved
};

// The text in name_key() form, with a note of where white space was: a name may run across
// white space (大 阪 市, letter-spaced titles) but white space also ends a word
// (令和5年度 下関市), which the kanji-boundary rule must see.
struct CompactText {
  std::vector<char32_t> chars;
  std::vector<bool> space_before;  // per char: white space preceded it in the input
  std::string joined;              // chars as UTF-8
};

bool is_white_space(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0x3000 || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0xFEFF;
}

CompactText compact(std::string_view text) {
  CompactText out;
  bool pending_space = false;
  auto flush = [&](size_t begin, size_t end) {
    if (begin == end) return;
    const std::string key = name_key(text.substr(begin, end - begin));
    for (const auto& cp : text::decode_utf8(key)) {
      out.chars.push_back(cp.c);
      out.space_before.push_back(pending_space);
      pending_space = false;
    }
    out.joined += key;
  };
  size_t run_begin = 0;
  for (const auto& cp : text::decode_utf8(text)) {
    if (!is_white_space(cp.c)) continue;
    flush(run_begin, cp.offset);
    run_begin = cp.offset + cp.length;
    pending_space = true;
  }
  flush(run_begin, text.size());
  return out;
}

}  // namespace

std::optional<Entry> Registry::infer_from_text(std::string_view text) const {
  if (!index_) return std::nullopt;
  const NameIndex& index = *index_;
  const CompactText t = compact(text);
  const std::vector<char32_t>& cps = t.chars;
  auto key_of = [&](size_t begin, size_t end) {
    std::string key;
    for (size_t k = begin; k < end; ++k) text::append_utf8(key, cps[k]);
    return key;
  };

  // Leftmost-longest scan for whole names.
  std::vector<Match> matches;
  for (size_t i = 0; i < cps.size();) {
    const char32_t prev = i == 0 || t.space_before[i] ? U'\0' : cps[i - 1];
    const bool after_name = !matches.empty() && matches.back().end == i;
    const bool boundary_ok = !is_kanji(prev) || prev == U'郡' || after_name;
    size_t matched_end = 0;
    const bool name_may_start =
        i + kMinNameChars <= cps.size() && index.name_starts.count(key_of(i, i + kMinNameChars));
    if (boundary_ok && name_may_start) {
      const size_t longest = std::min(index.max_name_chars, cps.size() - i);
      for (size_t len = longest; len >= kMinNameChars; --len) {
        if (is_kana(cps[i]) && is_kana(prev)) break;  // inside a kana word
        std::string key = key_of(i, i + len);
        auto it = index.by_name.find(key);
        if (it == index.by_name.end()) continue;
        matches.push_back({i, i + len, std::move(key), &it->second, std::nullopt});
        matched_end = i + len;
        break;
      }
    }
    i = matched_end ? matched_end : i + 1;
  }

  // Resolve each match to one entry; a shared name needs its prefecture: the one written
  // just before it, else the only one of its candidates present anywhere in the text.
  auto prefecture_present = [&](const std::string& prefecture) {
    return t.joined.find(name_key(prefecture)) != std::string::npos;
  };
  for (size_t m = 0; m < matches.size(); ++m) {
    Match& match = matches[m];
    std::vector<size_t> candidates;
    for (size_t e : *match.entries) {
      const size_t city = index.city_of[e];
      if (std::find(candidates.begin(), candidates.end(), city) == candidates.end()) {
        candidates.push_back(city);
      }
    }
    const bool ambiguous = candidates.size() > 1 || index.ward_short_names.count(match.key) > 0;
    if (!ambiguous) {
      match.resolved = candidates.front();
      continue;
    }
    const Match* qualifier = m > 0 && matches[m - 1].end == match.begin ? &matches[m - 1] : nullptr;
    std::vector<size_t> kept;
    for (size_t c : candidates) {
      const std::string& prefecture = entries_[c].prefecture;
      const bool qualified = qualifier && qualifier->key == name_key(prefecture);
      if (qualified) {
        kept = {c};
        break;
      }
      if (!qualifier && prefecture_present(prefecture)) kept.push_back(c);
    }
    if (kept.size() == 1) match.resolved = kept.front();
  }

  // Tally: a prefecture written just before one of its own municipalities only qualifies it.
  struct Tally {
    size_t count = 0, first = 0;
  };
  std::unordered_map<size_t, Tally> tallies;
  for (size_t m = 0; m < matches.size(); ++m) {
    const Match& match = matches[m];
    if (!match.resolved) continue;
    const size_t e = *match.resolved;
    if (index.is_prefecture[e] && m + 1 < matches.size() && matches[m + 1].begin == match.end &&
        matches[m + 1].resolved &&
        entries_[*matches[m + 1].resolved].prefecture == entries_[e].prefecture) {
      continue;
    }
    auto [it, inserted] = tallies.try_emplace(e, Tally{0, match.begin});
    ++it->second.count;
  }
  std::optional<size_t> best;
  auto better = [&](size_t a, size_t b) {  // is a better than b?
    if (index.is_prefecture[a] != index.is_prefecture[b]) return !index.is_prefecture[a];
    const Tally& ta = tallies.at(a);
    const Tally& tb = tallies.at(b);
    if (ta.count != tb.count) return ta.count > tb.count;
    return ta.first < tb.first;
  };
  for (const auto& [e, tally] : tallies) {
    if (!best || better(e, *best)) best = e;
  }
  if (!best) return std::nullopt;
  return entries_[*best];
}

}  // namespace kansa::municipality
