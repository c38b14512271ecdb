// What a generated report says, as printed (raw strings). The truth (truth.cpp) is computed
// from these same strings, so the PDF and expected.jsonl cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "era.hpp"
#include "municipalities.hpp"

namespace fixturegen {

enum class Status { kTaken, kNotTaken, kPartiallyTaken, kInProgress, kUnknown };
enum class Kind { kFinding, kOpinion, kUnknown };

const char* status_name(Status s);  // schema spelling: taken, not_taken, ...
const char* kind_name(Kind k);      // finding, opinion, unknown

struct Measure {
  std::string department;  // as printed; empty when the document names none
  std::string status_raw;  // as printed; empty when no status is printed
  Status status = Status::kUnknown;
  std::string text;  // as printed, paragraphs separated by '\n'
  std::optional<EraDate> date;
  std::string date_raw;  // as printed; empty when no date
};

struct Finding {
  std::string ref;  // as printed (２（１）, 総論3, Ｎｏ．４); empty when none
  Kind kind = Kind::kUnknown;
  std::string title;    // as printed, without ref and kind word
  std::string summary;  // as printed; empty = none
  std::vector<int> report_pages;
  std::vector<Measure> measures;
};

struct Document {
  Municipality municipality;
  std::string audit_type;  // schema value, e.g. comprehensive_external
  int audit_fiscal_year = 0;
  std::string title;  // the title line as printed
  std::string theme;  // the audited subject as the truth wants it (raw); empty = null
  std::string report_number;
  std::optional<EraDate> notice_date;
  std::string department;  // 所管所属 of the whole document; empty = null
  std::vector<Finding> findings;
};

}  // namespace fixturegen
