#include "interpret/measure_split.hpp"

#include <algorithm>

#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

bool is_paren_open(char32_t c) { return c == U'(' || c == U'（'; }
bool is_paren_close(char32_t c) { return c == U')' || c == U'）'; }

// Index of the parenthesis closing the one at `open`, honouring nesting; npos if none.
size_t matching_close(std::u32string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (is_paren_open(s[i])) ++depth;
    if (is_paren_close(s[i]) && --depth == 0) return i;
    if (s[i] == U'\n' && depth > 0 && i - open > 60) return std::u32string_view::npos;
  }
  return std::u32string_view::npos;
}

bool ends_with_suffix(std::u32string_view piece, const Vocabulary& vocab) {
  for (const auto& suf : vocab.department_suffixes)
    if (!suf.empty() && ends_with(piece, suf)) return true;
  return false;
}

// A status word opening `raw_line`, followed by white space or alone on the line.
std::optional<std::string> lead_status_word(std::string_view raw_line, const Vocabulary& vocab) {
  std::u32string u = to_u32(raw_line);
  size_t b = 0;
  while (b < u.size() && is_space(u[b])) ++b;
  size_t e = b;
  while (e < u.size() && !is_space(u[e])) ++e;
  std::string head = text::normalize_compact(to_utf8(std::u32string_view(u).substr(b, e - b)));
  if (head.empty() || exact_term(vocab.status_words, to_u32(head)) == nullptr) return std::nullopt;
  return head;
}

}  // namespace

double department_likeness(std::u32string_view name, const Vocabulary& vocab) {
  if (name.empty() || name.size() > 45) return 0;
  // Drop nested parentheticals: 環境施設課(奥山工場を含む。) -> 環境施設課.
  std::u32string base;
  int depth = 0;
  for (char32_t c : name) {
    if (is_paren_open(c)) {
      ++depth;
    } else if (is_paren_close(c)) {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      base.push_back(c);
    }
  }
  if (base.empty() || base.size() > 30) return 0;
  for (char32_t c : base)
    if (c == U'。' || c == U'「' || c == U'」' || c == U'は' || c == U'を' || c == U'に') return 0;
  std::vector<std::u32string> pieces(1);
  for (char32_t c : base) {
    if (c == U'、' || c == U'/' || c == U'・' || c == U',' || c == U'／') {
      pieces.emplace_back();
    } else {
      pieces.back().push_back(c);
    }
  }
  size_t ok = 0;
  for (const auto& p : pieces) {
    if (p.empty()) return 0;
    if (p.size() > 20) return 0;
    if (ends_with_suffix(p, vocab)) ++ok;
  }
  if (!ends_with_suffix(pieces.back(), vocab)) return 0;
  return ok == pieces.size() ? 0.97 : 0.8;
}

std::vector<MeasurePart> split_measures(std::string_view raw, const Vocabulary& vocab) {
  // Work per character on NFKC text with line breaks kept, so that headings can be found at
  // line starts; each block's text is normalized at the end.
  // A break with a Japanese neighbour as printed is dropped here rather than kept as \n,
  // which normalization would turn into a space between what NFKC made ASCII (Ｕ\nＳＢ).
  std::u32string s;
  std::vector<std::string> raw_lines;
  std::vector<size_t> line_pos;  // where each raw line's text starts in s
  {
    std::string r(raw);
    size_t start = 0;
    bool first = true;
    while (start <= r.size()) {
      size_t nl = r.find('\n', start);
      std::string line = r.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      start = nl == std::string::npos ? r.size() + 1 : nl + 1;
      if (!first && !tight_line_break(raw_lines.back(), line)) s.push_back(U'\n');
      first = false;
      line_pos.push_back(s.size());
      s += to_u32(text::normalize(line));
      raw_lines.push_back(std::move(line));
    }
  }
  struct Block {
    std::optional<std::u32string> dept;
    double conf = 0;
    std::u32string body;
    size_t body_start = 0;  // index in s
  };
  std::vector<Block> blocks(1);
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = s[i];
    if (is_paren_open(c)) {
      // Where a heading may start: at the start of a block or after a sentence end.
      // Not after a line wrapped mid-sentence: 所管する\n（保健所…）職員 is text.
      std::u32string& body = blocks.back().body;
      size_t k = body.size();
      while (k > 0 && (is_space(body[k - 1]) || body[k - 1] == U'\n')) --k;
      char32_t prev = k > 0 ? body[k - 1] : 0;
      if (prev == 0 || prev == U'。') {
        size_t close = matching_close(s, i);
        if (close != std::u32string::npos) {
          std::u32string name;
          for (size_t j = i + 1; j < close; ++j)
            if (s[j] != U'\n' && !is_space(s[j])) name.push_back(s[j]);
          double like = department_likeness(name, vocab);
          if (like > 0) {
            blocks.push_back({name, like, {}, close + 1});
            i = close + 1;
            continue;
          }
        }
      }
    }
    blocks.back().body.push_back(c);
    ++i;
  }
  std::vector<MeasurePart> parts;
  for (size_t b = 0; b < blocks.size(); ++b) {
    std::string text = text::normalize(to_utf8(blocks[b].body));
    if (b == 0 && !blocks[b].dept) {
      if (text.empty() && blocks.size() > 1) continue;  // nothing before the first heading
      // Text before the first heading: a measure of its own without a department.
    }
    MeasurePart p;
    if (blocks[b].dept) p.department = to_utf8(*blocks[b].dept);
    p.department_confidence = blocks[b].conf;
    // The status word check needs the line as printed: normalization removed the space.
    size_t at = blocks[b].body_start;
    while (at < s.size() && (s[at] == U'\n' || is_space(s[at]))) ++at;
    for (size_t k = 0; k < line_pos.size(); ++k)
      if (line_pos[k] == at && !text.empty()) p.lead_status = lead_status_word(raw_lines[k], vocab);
    p.text = std::move(text);
    parts.push_back(std::move(p));
  }
  // Headings without text share the text of the next block that has one.
  for (size_t k = parts.size(); k-- > 0;) {
    if (!parts[k].text.empty() || k + 1 >= parts.size()) continue;
    if (parts[k + 1].text.empty()) continue;
    parts[k].text = parts[k + 1].text;
    parts[k].shared_text = true;
  }
  if (parts.empty()) parts.push_back({});
  return parts;
}

}  // namespace kansa::interpret
