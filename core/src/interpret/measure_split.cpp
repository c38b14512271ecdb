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

std::string without_stray_marks(const std::string& name, const Vocabulary& vocab) {
  std::u32string u = to_u32(name);
  size_t b = 0, e = u.size();
  while (b < e && is_speck_mark(u[b])) ++b;
  while (e > b && is_speck_mark(u[e - 1])) --e;
  if (b == 0 && e == u.size()) return name;
  const std::u32string core = u.substr(b, e - b);
  return department_likeness(core, vocab) > 0 ? to_utf8(core) : name;
}

std::optional<LabelledDepartment> labelled_department(std::u32string_view line,
                                                      const Vocabulary& vocab) {
  size_t b = 0;
  while (b < line.size() && (is_space(line[b]) || line[b] == U'\n')) ++b;
  const Term* t = term_at(vocab.block_labels, line, b);
  if (t == nullptr || t->value != "department") return std::nullopt;
  size_t at = b + t->word.size();
  if (at >= line.size() || !(line[at] == U':' || is_space(line[at]))) return std::nullopt;
  std::u32string name;
  for (size_t k = at; k < line.size(); ++k)
    if (!is_space(line[k]) && line[k] != U'\n' && !(name.empty() && line[k] == U':'))
      name.push_back(line[k]);
  if (name.empty()) return std::nullopt;
  const double like = department_likeness(name, vocab);
  // The label says what the name is, so a name with no known suffix is still taken (lower).
  if (like == 0 && (name.size() > 20 || name.find(U'。') != std::u32string::npos))
    return std::nullopt;
  return LabelledDepartment{to_utf8(name), like > 0 ? std::max(like, 0.93) : 0.8};
}

std::optional<LabelledDepartment> take_closing_department(std::string& text,
                                                          const Vocabulary& vocab) {
  std::u32string u = to_u32(text);
  size_t e = u.size();
  while (e > 0 && is_space(u[e - 1])) --e;
  if (e == 0 || !is_paren_close(u[e - 1])) return std::nullopt;
  // The bracket opening the last one, honouring nesting: …。(建設課(旧道路課)).
  int depth = 0;
  size_t open = std::u32string::npos;
  for (size_t k = e; k-- > 0;) {
    if (is_paren_close(u[k])) ++depth;
    if (is_paren_open(u[k]) && --depth == 0) {
      open = k;
      break;
    }
  }
  if (open == std::u32string::npos || open == 0) return std::nullopt;
  size_t before = open;
  while (before > 0 && is_space(u[before - 1])) --before;
  // After a sentence: (…課) closing a phrase inside a sentence is part of it.
  if (before == 0 || u[before - 1] != U'。') return std::nullopt;
  std::u32string name;
  for (size_t k = open + 1; k + 1 < e; ++k)
    if (!is_space(u[k])) name.push_back(u[k]);
  const double like = department_likeness(name, vocab);
  if (like == 0) return std::nullopt;
  text = text::normalize(to_utf8(std::u32string_view(u).substr(0, before)));
  return LabelledDepartment{to_utf8(name), like};
}

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
  size_t line = 0;  // the raw line `i` is in
  while (i < s.size()) {
    while (line + 1 < line_pos.size() && line_pos[line + 1] <= i) ++line;
    if (i == line_pos[line]) {
      // A department label opening a line: 所管課：子育て支援課 heads the text below it.
      const size_t line_end = line + 1 < line_pos.size() ? line_pos[line + 1] : s.size();
      if (auto name = labelled_department(std::u32string_view(s).substr(i, line_end - i), vocab)) {
        blocks.push_back({to_u32(name->name), name->confidence, {}, line_end});
        i = line_end;
        continue;
      }
    }
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
