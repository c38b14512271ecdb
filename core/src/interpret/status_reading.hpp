// Status of a measure: the document's legend (①＝措置を講じたもの) maps symbols to statuses;
// status words (措置済, 未措置, ...) are read directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpret/vocabulary.hpp"

namespace kansa::interpret {

struct Legend {
  // symbol (compact-normalized, e.g. U"①") -> status
  std::vector<std::pair<std::u32string, std::string>> entries;
  std::optional<std::string> status_of(std::u32string_view symbol) const;
};

// Reads legend entries "SYMBOL SEP MEANING" from `text` (all text outside tables, any
// normalization). A meaning counts only when it begins with a status word.
Legend read_legend(std::string_view text, const Vocabulary& vocab);

struct StatusReading {
  std::string status = "unknown";
  std::optional<std::string> raw;  // as printed, normalized
  double confidence = 0;           // that `status` is right given the cell
  bool found = false;              // a status mark or word was present
};

// Status printed in a cell (status column, or a mark lifted from a measure text): the first
// line that is a legend symbol or holds a status word. An empty cell gives unknown.
StatusReading read_status(std::string_view cell_raw, const Legend& legend, const Vocabulary& vocab);

// A status mark at the very start of a measure text (① 指摘された…, 【措置済】…): the
// mark and the text after it. nullopt when the text does not start with one.
struct LeadingMark {
  StatusReading status;
  std::string rest;  // normalized text after the mark
};
std::optional<LeadingMark> leading_status_mark(std::string_view normalized_text,
                                               const Legend& legend, const Vocabulary& vocab);

}  // namespace kansa::interpret
