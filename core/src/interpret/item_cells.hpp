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
  std::optional<std::string> label;  // a leading (1) / 1. / ① taken off the title
  std::optional<std::string> title;
  std::optional<std::string> summary;
  // How the title was told from the summary: "none" (no summary expected), "blank" (an
  // empty line), "geometry" (a vertical gap), "indent", "guess".
  std::string split = "none";
};

// Reads a kind word opening the cell, a label, and splits heading from description.
// `expect_summary`: the column holds heading + description (指摘等の概要).
// `title_lines`: number of leading text lines before a paragraph gap, measured from the
// page geometry by the caller, if known.
ItemCell parse_item_cell(std::string_view raw, const Vocabulary& vocab, bool expect_summary,
                         std::optional<int> title_lines);

// A kind word standing alone (a kind column's value): finding | opinion, or nullopt.
std::optional<std::string> kind_of_word(std::string_view raw, const Vocabulary& vocab);

// Weaker evidence: a kind phrase (【指摘事項】, 是正を求めたもの) anywhere in `text`.
std::optional<std::string> kind_from_phrases(std::string_view text, const Vocabulary& vocab);

// Splits off a leading item label: "(1)…" / "1. …" / "①…" / "ア …". Returns the label
// (normalized) and leaves the rest in `text`; nullopt if none.
std::optional<std::string> take_label(std::u32string& text);

}  // namespace kansa::interpret
