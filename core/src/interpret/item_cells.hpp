// The cells that identify an item: its ref and cited report pages (総論3\n(P18、36-46)), and
// its kind, title and summary (意見\n情報セキュリティ…; (1)見出し\n\n　概要…).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpret/vocabulary.hpp"

namespace kansa::interpret {

struct RefCell {
  std::optional<std::string> ref;  // compact-normalized
  std::vector<int> pages;
  bool pages_marked = false;  // pages came after an explicit P / ページ marker
};

// `pages_only_column`: the cell sits in a pages column, so a bare number list is pages.
RefCell parse_ref_cell(std::string_view raw, bool pages_only_column);

struct ItemCell {
  std::optional<std::string> kind;   // finding | opinion, from a leading kind word
  bool kind_guessed = false;         // the kind word read with a slip (see parse_item_cell)
  std::optional<std::string> label;  // a leading (1) / 1. / ① taken off the title
  std::optional<std::string> title;
  std::optional<std::string> summary;
  // How the title was told from the summary: "none" (no summary expected), "blank" (an
  // empty line), "geometry" (a vertical gap), "short_line" (a line ending short of the
  // cell's width), "heading_end" (a line ending as headings do), "indent", "guess".
  std::string split = "none";
};

// Reads a kind word opening the cell, a label, and splits heading from description.
// A first line that is a two-character kind word misread by one character, or with a
// stray mark beside it (交見, 指拉, ー指摘, 意見T: what OCR makes of 意見 and 指摘 alone on a
// line), is taken for that word with `kind_guessed` set, when more lines follow.
// `expect_summary`: the column holds heading + description (指摘等の概要).
// `title_lines`: number of leading text lines before a paragraph gap, measured from the
// page geometry by the caller, if known.
ItemCell parse_item_cell(std::string_view raw, const Vocabulary& vocab, bool expect_summary,
                         std::optional<int> title_lines);

// A kind word standing alone (a kind column's value): finding | opinion, or nullopt.
std::optional<std::string> kind_of_word(std::string_view raw, const Vocabulary& vocab);

// The kind a heading column's header gives every row of its table: 指摘事項, 監査の結果
// (指摘事項), 意見の概要 -> that kind; nullopt when the header names none, both (指摘・意見の項目,
// 監査の結果及び意見) or more than the word (指摘事項等, 指摘等の概要).
std::optional<std::string> kind_of_header(std::string_view header, const Vocabulary& vocab);

// Weaker evidence: a kind phrase (【指摘事項】, 是正を求めたもの) anywhere in `text`.
std::optional<std::string> kind_from_phrases(std::string_view text, const Vocabulary& vocab);

// Splits off a leading item label: "(1)…" / "1. …" / "①…" / "ア …". Returns the label
// (normalized) and leaves the rest in `text`; nullopt if none.
std::optional<std::string> take_label(std::u32string& text);

// Where the heading ends in a cell that holds a heading and then a description with only a
// line break between them (lines `raw_lines` as printed, `ul` the same normalized, text from
// line `first`): after the first line that stops short of the cell's widest line (a hard
// break, not a wrap), as long as the heading so far is no sentence (no 。) and something
// follows; when the column is not known to hold descriptions (`expect_summary` false) the
// heading must also end as headings do (vocabulary [item].heading_endings). Failing that,
// after the first line where the heading ends as headings do, if sentences follow.
struct HeadingCut {
  size_t at = 0;            // index of the first description line; 0: no cut
  bool short_line = false;  // found by a short line (stronger) rather than by the ending
};
HeadingCut short_line_cut(const std::vector<std::string>& raw_lines,
                          const std::vector<std::u32string>& ul, size_t first,
                          const Vocabulary& vocab, bool expect_summary);

// Splits off a katakana item label set apart by a space or punctuation (ア　見出し, イ.
// 見出し), which normalization cannot see any more: `raw` is the line as printed, `text` the
// same line normalized. Returns the label and leaves the rest in `text`; nullopt if none.
std::optional<std::string> take_kana_label(std::u32string_view raw, std::u32string& text);

}  // namespace kansa::interpret
