// Glyph spans -> lines -> text. Pure geometry: no knowledge of scripts beyond "a visible gap
// is a space", so Japanese text (no gaps between glyphs) comes out without spaces.
#include <algorithm>
#include <cmath>

#include "kansa/layout.hpp"

namespace kansa::layout {
namespace {

// A gap wider than this fraction of the font size is a word space. Proportional Latin fonts
// put about 0.25 em between words and a few hundredths between letters.
constexpr double kSpaceGapEm = 0.18;

double size_of(const TextSpan& s) {
  return s.font_size > 0 ? s.font_size : std::max(s.box.height(), 1e-3);
}

bool is_blank(const std::string& t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Some PDFs draw each glyph twice (fake bold): the same text at (almost) the same place.
bool duplicates(const TextSpan& a, const TextSpan& b) {
  const double tol = 0.15 * std::min(size_of(a), size_of(b));
  return a.text == b.text && std::fabs(a.box.x0 - b.box.x0) < tol &&
         std::fabs(a.box.y0 - b.box.y0) < tol;
}

Line finish(std::vector<const TextSpan*> spans) {
  // Drop doubled glyphs before measuring gaps.
  std::vector<const TextSpan*> kept;
  for (const TextSpan* s : spans) {
    bool dup = false;
    for (auto it = kept.rbegin(); it != kept.rend() && it - kept.rbegin() < 4; ++it)
      if (duplicates(**it, *s)) dup = true;
    if (!dup) kept.push_back(s);
  }
  Line line;
  line.box = kept.front()->box;
  double size_sum = 0, conf_sum = 0;
  double prev_x1 = 0;
  bool pending_space = false;
  size_t counted = 0;
  for (const TextSpan* s : kept) {
    line.box.x0 = std::min(line.box.x0, s->box.x0);
    line.box.y0 = std::min(line.box.y0, s->box.y0);
    line.box.x1 = std::max(line.box.x1, s->box.x1);
    line.box.y1 = std::max(line.box.y1, s->box.y1);
    if (is_blank(s->text)) {  // an explicit space glyph: keep one space, no text
      pending_space = !line.text.empty();
      continue;
    }
    if (!line.text.empty() && (pending_space || s->box.x0 - prev_x1 > kSpaceGapEm * size_of(*s)))
      line.text += ' ';
    line.text += s->text;
    prev_x1 = s->box.x1;
    pending_space = false;
    size_sum += size_of(*s);
    conf_sum += s->confidence;
    ++counted;
  }
  if (counted > 0) {
    line.font_size = size_sum / counted;
    line.confidence = conf_sum / counted;
  }
  return line;
}

}  // namespace

std::vector<std::vector<size_t>> group_into_lines(const std::vector<TextSpan>& spans) {
  std::vector<size_t> order(spans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Box &ba = spans[a].box, &bb = spans[b].box;
    return ba.cy() != bb.cy() ? ba.cy() < bb.cy() : ba.x0 < bb.x0;
  });

  // Lines are built top to bottom; a span joins a recent line whose vertical centre is
  // within half a line height of its own (superscripts and mixed sizes stay on their line).
  struct Band {
    std::vector<size_t> members;
    double y0, y1;
  };
  std::vector<Band> bands;
  for (size_t i : order) {
    const Box& b = spans[i].box;
    Band* home = nullptr;
    for (auto it = bands.rbegin(); it != bands.rend() && it - bands.rbegin() < 3; ++it) {
      const double h = std::max(it->y1 - it->y0, b.height());
      if (std::fabs((it->y0 + it->y1) / 2 - b.cy()) <= 0.5 * h) {
        home = &*it;
        break;
      }
    }
    if (home == nullptr) {
      bands.push_back({{}, b.y0, b.y1});
      home = &bands.back();
    } else {
      home->y0 = std::min(home->y0, b.y0);
      home->y1 = std::max(home->y1, b.y1);
    }
    home->members.push_back(i);
  }
  std::stable_sort(bands.begin(), bands.end(),
                   [](const Band& a, const Band& b) { return a.y0 + a.y1 < b.y0 + b.y1; });
  std::vector<std::vector<size_t>> lines;
  for (Band& band : bands) {
    std::stable_sort(band.members.begin(), band.members.end(),
                     [&](size_t a, size_t b) { return spans[a].box.cx() < spans[b].box.cx(); });
    lines.push_back(std::move(band.members));
  }
  return lines;
}

std::vector<Line> assemble_lines(const std::vector<TextSpan>& spans) {
  std::vector<Line> lines;
  for (const std::vector<size_t>& members : group_into_lines(spans)) {
    std::vector<const TextSpan*> line_spans;
    for (size_t i : members) line_spans.push_back(&spans[i]);
    Line line = finish(std::move(line_spans));
    if (!line.text.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

std::string text_of(const std::vector<TextSpan>& spans) {
  std::string out;
  for (const Line& line : assemble_lines(spans)) {
    if (!out.empty()) out += '\n';
    out += line.text;
  }
  return out;
}

}  // namespace kansa::layout
