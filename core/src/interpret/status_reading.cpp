#include "interpret/status_reading.hpp"

#include <algorithm>
#include <vector>

#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

bool is_symbol_at(std::u32string_view s, size_t i, const Vocabulary& vocab, size_t& len) {
  if (i >= s.size()) return false;
  if (is_circled(s[i])) {
    len = 1;
    return true;
  }
  for (const auto& sym : vocab.legend_symbols)
    if (!sym.empty() && starts_with(s.substr(i), sym)) {
      len = sym.size();
      return true;
    }
  return false;
}

// Characters that may stand before a legend symbol: the symbol starts a token.
bool token_boundary(char32_t prev) {
  return is_space(prev) || is_open_bracket(prev) || prev == U'、' || prev == U',' ||
         prev == U'。' || prev == U':' || prev == U'\n' || prev == U'/' || prev == U'・';
}

std::u32string compact(std::string_view s) { return to_u32(text::normalize_compact(s)); }

// Whether a status word at the start of a line stands as a word: followed by nothing, a
// bracket, punctuation, a digit or an era date (措置済(令和6年3月), 措置済令和6年3月7日), not
// by more of a word (完了検査の… is a sentence, not the status 完了).
bool word_ends(std::u32string_view rest) {
  if (rest.empty()) return true;
  char32_t c = rest[0];
  if (is_space(c) || is_open_bracket(c) || is_close_bracket(c) || (c >= U'0' && c <= U'9'))
    return true;
  if (c == U'、' || c == U'。' || c == U',' || c == U'.' || c == U':' || c == U'/' || c == U'・')
    return true;
  for (std::u32string_view era : {U"令和", U"平成", U"昭和"})
    if (starts_with(rest, era)) return true;
  return false;
}

// The status word `text` starts with when misread by at most one character in five (a
// dropped, doubled or wrong glyph): only words of four characters or more, so that a short
// word (済, 完了) is never guessed. The longest fitting word wins.
const Term* fuzzy_term_at(const std::vector<Term>& terms, std::u32string_view text) {
  const Term* best = nullptr;
  for (const Term& t : terms) {
    const size_t n = t.word.size();
    if (n < 4 || (best && best->word.size() >= n)) continue;
    const size_t allowed = n / 5;
    for (size_t len = n > allowed ? n - allowed : 0; len <= n + allowed && len <= text.size();
         ++len)
      if (edit_distance_at_most(t.word, text.substr(0, len), allowed) <= allowed) {
        best = &t;
        break;
      }
  }
  return best;
}

// Legend entries as OCR leaves them ("①-措置を講じしたもの", "②措置を講じていないもの"): a
// circled number, at most one character of any kind for the separator, and a long status
// word read with a slip. Adds only symbols the exact reading did not find (one entry of a
// legend may be read exactly and the next with a misread separator: ①三措置を講じたもの).
void read_legend_leniently(std::u32string_view s, const Vocabulary& vocab, Legend& legend) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_circled(s[i])) continue;
    const Term* t = fuzzy_term_at(vocab.status_words, s.substr(i + 1));
    if (!t && i + 2 < s.size()) t = fuzzy_term_at(vocab.status_words, s.substr(i + 2));
    std::u32string sym(1, s[i]);
    if (t && !legend.status_of(sym)) legend.entries.emplace_back(sym, t->value);
  }
}

}  // namespace

std::optional<std::string> Legend::status_of(std::u32string_view symbol) const {
  for (const auto& [sym, status] : entries)
    if (sym == symbol) return status;
  return std::nullopt;
}

Legend read_legend(std::string_view text_in, const Vocabulary& vocab) {
  Legend legend;
  std::u32string s = compact(text_in);
  for (size_t i = 0; i < s.size(); ++i) {
    size_t len = 0;
    if (!is_symbol_at(s, i, vocab, len)) continue;
    // Compact text has lost the spaces between entries (①:措置済み ②:措置中 ->
    // …済み②:…): a circled number is never part of a word, other symbols (A, ア) must
    // start a token.
    if (i > 0 && !is_circled(s[i]) && !token_boundary(s[i - 1])) continue;
    size_t j = i + len;
    // A circled number OCR read twice (②⑫:措置中): the entry is given to both, the real one
    // among them being the one the status cells print.
    const bool doubled = is_circled(s[i]) && j < s.size() && is_circled(s[j]);
    if (doubled) ++j;
    bool sep = false;
    for (const auto& sp : vocab.legend_separators)
      if (!sp.empty() && starts_with(std::u32string_view(s).substr(j), sp)) {
        j += sp.size();
        sep = true;
        break;
      }
    if (!sep) continue;
    std::u32string_view meaning = std::u32string_view(s).substr(j);
    if (const Term* t = term_at(vocab.status_words, meaning)) {
      for (size_t k = i; k < (doubled ? i + 2 : i + 1); ++k) {
        std::u32string sym = doubled ? s.substr(k, 1) : s.substr(i, len);
        if (!legend.status_of(sym)) legend.entries.emplace_back(sym, t->value);
      }
    }
  }
  read_legend_leniently(s, vocab, legend);
  return legend;
}

StatusReading read_status(std::string_view cell_raw, const Legend& legend,
                          const Vocabulary& vocab) {
  StatusReading out;
  // The whole cell first: a narrow column wraps a word (一部措\n置, 措置済\nみ); a word
  // followed by a date (措置済\n令和6年3月7日) is that word.
  {
    const std::u32string all = compact(cell_raw);
    // The same without ASCII marks, which OCR reads from specks (* 取り組んで\nいない,
    // 取り組ん\n- だ): tried second, with less confidence.
    std::u32string cleaned;
    for (char32_t c : all)
      if (c >= 0x80 || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
          (c >= U'a' && c <= U'z'))
        cleaned.push_back(c);
    size_t len = 0;
    for (const std::u32string* key : {&all, static_cast<const std::u32string*>(&cleaned)}) {
      if (key->empty() || is_symbol_at(*key, 0, vocab, len)) continue;
      if (key == &cleaned && cleaned == all) break;
      const Term* t = term_at(vocab.status_words, *key);
      if (!t || !word_ends(std::u32string_view(*key).substr(t->word.size()))) continue;
      out.status = t->value;
      out.raw = to_utf8(t->word);
      std::string_view first_line = cell_raw.substr(0, cell_raw.find('\n'));
      bool whole_line = t->word.size() == key->size() || compact(first_line) == t->word;
      out.confidence = key == &cleaned ? 0.85 : whole_line ? 0.97 : 0.9;
      out.found = true;
      return out;
    }
  }
  std::string raw(cell_raw);
  size_t start = 0;
  while (start <= raw.size()) {
    size_t nl = raw.find('\n', start);
    std::string line = raw.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? raw.size() + 1 : nl + 1;
    std::u32string key = compact(line);
    if (key.empty()) continue;
    size_t len = 0;
    // Stray dots or dashes before a mark (-①, .①.): what OCR makes of specks beside it.
    size_t lead = 0;
    while (lead < key.size() && lead < 2 && is_speck_mark(key[lead])) ++lead;
    if (lead > 0 && lead < key.size() && is_symbol_at(key, lead, vocab, len))
      key = key.substr(lead);
    else
      lead = 0;
    if (is_symbol_at(key, 0, vocab, len)) {
      std::u32string sym = key.substr(0, len);
      // A symbol alone, or a symbol followed by its meaning (①措置済).
      if (auto st = legend.status_of(sym)) {
        out.status = *st;
        out.confidence = 0.98;
      } else if (const Term* t =
                     term_at(vocab.status_words, std::u32string_view(key).substr(len))) {
        out.status = t->value;
        out.confidence = 0.9;
      } else {
        out.status = "unknown";
        out.confidence = 0.45;  // a mark the document does not explain here
      }
      // A stray dot or dash beside the mark (what OCR makes of a speck) is not part of it.
      std::u32string_view rest = std::u32string_view(key).substr(len);
      const bool stray =
          !rest.empty() && rest.size() <= 2 && std::all_of(rest.begin(), rest.end(), is_speck_mark);
      if (stray || lead > 0) out.confidence *= 0.9;
      out.raw = to_utf8(len == key.size() || stray ? sym : key);
      out.found = true;
      return out;
    }
    if (const Term* t = exact_term(vocab.status_words, key)) {
      out.status = t->value;
      out.raw = to_utf8(key);
      out.confidence = 0.97;
      out.found = true;
      return out;
    }
    if (const Term* t = term_at(vocab.status_words, key);
        t && word_ends(std::u32string_view(key).substr(t->word.size()))) {
      out.status = t->value;
      out.raw = to_utf8(key);
      out.confidence = 0.85;
      out.found = true;
      return out;
    }
  }
  // A short cell that is one status word of three characters or more with one glyph misread
  // (一部措\n中, 措財済): that word, when no word of another status is as near.
  const std::u32string all = compact(cell_raw);
  if (all.size() >= 3 && all.size() <= 8) {
    const Term* near = nullptr;
    for (const Term& t : vocab.status_words) {
      if (t.word.size() < 3 || edit_distance_at_most(t.word, all, 1) != 1) continue;
      if (near && near->value != t.value) return out;  // ambiguous
      if (!near || t.word.size() == all.size()) near = &t;
    }
    if (near) {
      out.status = near->value;
      out.raw = to_utf8(near->word);
      out.confidence = 0.6;
      out.found = true;
    }
  }
  return out;
}

std::optional<LeadingMark> leading_status_mark(std::string_view normalized_text,
                                               const Legend& legend, const Vocabulary& vocab) {
  std::u32string s = to_u32(normalized_text);
  size_t len = 0;
  if (!s.empty() && is_symbol_at(s, 0, vocab, len)) {
    std::u32string sym = s.substr(0, len);
    auto st = legend.status_of(sym);
    // Without a legend entry a leading ① is just as likely a list number.
    if (!st) return std::nullopt;
    // A list-like "①" directly followed by a digit or bracket is not a mark.
    size_t j = len;
    while (j < s.size() && is_space(s[j])) ++j;
    LeadingMark m;
    m.status.status = *st;
    m.status.raw = to_utf8(sym);
    m.status.confidence = 0.88;
    m.status.found = true;
    m.rest = text::normalize(to_utf8(std::u32string_view(s).substr(j)));
    return m;
  }
  // 【措置済】 / [措置済] at the start.
  if (!s.empty() && is_open_bracket(s[0])) {
    size_t close = s.find(closing_of(s[0]));
    if (close != std::u32string::npos && close > 1) {
      std::u32string inner = to_u32(text::normalize_compact(to_utf8(s.substr(1, close - 1))));
      if (const Term* t = exact_term(vocab.status_words, inner)) {
        LeadingMark m;
        m.status.status = t->value;
        m.status.raw = to_utf8(inner);
        m.status.confidence = 0.9;
        m.status.found = true;
        m.rest = text::normalize(to_utf8(std::u32string_view(s).substr(close + 1)));
        return m;
      }
    }
  }
  return std::nullopt;
}

}  // namespace kansa::interpret
