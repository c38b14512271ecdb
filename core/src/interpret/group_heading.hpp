// Departments printed as headings over their findings: 【土木部】 / （土木部） alone on a line
// outside the tables, every finding below it (up to the next such heading) being that
// department's, whether each group has a table of its own or the tables were stitched across
// the headings.
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
  int page = 0;
  double bottom = 0;  // the heading line's lower edge on its page
};

class GroupHeadings {
 public:
  // The headings among `lines` (the page lines outside findings tables, in reading order):
  // lines that are only a bracketed department-like name.
  GroupHeadings(const std::vector<PageLine>& lines, const Vocabulary& vocab);

  // The last heading above the point (page, y) in reading order, or nullopt.
  std::optional<GroupHeading> over(int page, double y) const;

  bool empty() const { return headings_.empty(); }

 private:
  std::vector<GroupHeading> headings_;
};

}  // namespace kansa::interpret
