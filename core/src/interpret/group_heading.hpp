// A department printed as a heading over a table of its findings: 【土木部】 / （土木部）
// on its own line just above the table, the findings below being that department's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpret/page_text.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

struct GroupHeading {
  std::string department;  // compact-normalized, without the brackets
  double confidence = 0;
};

// The heading line nearest above `table` on its first page (the lines between them, if any,
// no more than a short gap away) when that line is only a bracketed department-like name;
// nullopt otherwise. `lines` are the page lines outside tables (lines_outside_tables()).
std::optional<GroupHeading> group_heading_above(const Table& table,
                                                const std::vector<PageLine>& lines,
                                                const Vocabulary& vocab);

}  // namespace kansa::interpret
