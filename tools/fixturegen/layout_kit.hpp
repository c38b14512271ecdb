// Choices shared by the layout families: page style, status vocabularies with their legends,
// numbering schemes, title lines.
#pragma once

#include <string>
#include <vector>

#include "canvas.hpp"
#include "document.hpp"
#include "random.hpp"

namespace fixturegen {

// Font (Noto Serif CJK JP / IPAMincho / Noto Sans CJK JP), size 9–11 pt, footer, margins.
PageStyle random_page_style(Random& rng, bool landscape);
std::string describe(const PageStyle& style);  // for features: "landscape", font, size

struct StatusMark {
  std::string printed;  // as printed in the status cell (①, 措置済, Ａ)
  Status status;
  int weight;  // how often it is drawn
};

struct StatusScheme {
  std::string name;                 // circled, circled3, words, improve, plan, letters, none
  std::vector<StatusMark> marks;    // empty for none
  std::vector<std::string> legend;  // lines printed before the table; empty when none
};

// One of the named schemes (see StatusScheme::name).
StatusScheme status_scheme(const std::string& name);
StatusScheme pick_status_scheme(Random& rng, const std::vector<std::string>& names);
// A mark drawn with the scheme's weights; for `none` a blank mark with status unknown.
StatusMark draw_mark(Random& rng, const StatusScheme& scheme);

// Item labels: sections (総論N/個別事案N), nested (２（１）), no (Ｎｏ．３), plain (１),
// kana (ア), paren (（１）).
class Numbering {
 public:
  Numbering(std::string scheme, bool full_width) : scheme_(std::move(scheme)), full_(full_width) {}
  // Label of the next item; `section` selects 総論/個別事案 or the first number of nested.
  std::string next(int section = 0);
  const std::string& scheme() const { return scheme_; }

 private:
  std::string scheme_;
  bool full_;
  int count_[4] = {0, 0, 0, 0};
};

// An era date printed in one of four styles, drawn at random: plain (full-width digits when
// `full`), plain half-width, split spacing (平 成 27年 5 月 25日), or with the Western year in
// parentheses (令和2年(2020)1月29日).
std::string print_date_styled(Random& rng, const EraDate& d, bool full);

// The status a measure text is written for when the scheme prints nothing: mostly taken.
Status unprinted_status(Random& rng);

}  // namespace fixturegen
