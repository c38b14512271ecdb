// One measure cell -> one measure per department: （情報政策課）text（財政課）text….
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpret/vocabulary.hpp"

namespace kansa::interpret {

struct MeasurePart {
  std::optional<std::string> department;  // compact-normalized, without the parentheses
  double department_confidence = 0;       // how department-like the heading was
  std::string text;                       // normalized
  bool shared_text = false;               // text taken from the next department's block
  // A status word opening the block's first line, set apart by a space or alone on its line
  // (（人事課）\n一部措置　令和5年…): compact-normalized; `text` still starts with it.
  std::optional<std::string> lead_status;
};

// How department-like `name` (compact) is: 0 = not a department; ~0.95 when it (or each part
// separated by 、/・) ends in a department suffix; nested parentheticals are ignored.
double department_likeness(std::u32string_view name, const Vocabulary& vocab);

// A line that is a department label and a name (所管課：子育て支援課, NFKC text): the name
// (compact) and how sure it is one; nullopt when the line is something else.
struct LabelledDepartment {
  std::string name;
  double confidence = 0;
};
std::optional<LabelledDepartment> labelled_department(std::u32string_view line,
                                                      const Vocabulary& vocab);

// A department in parentheses closing the auditors' text after its last sentence
// (…されたい。（西讃土木事務所）): taken off `text` (normalized) and returned with its
// department_likeness(); nullopt, `text` unchanged, when the text does not end so.
std::optional<LabelledDepartment> take_closing_department(std::string& text,
                                                          const Vocabulary& vocab);

// `name` (compact) without the dots and dashes OCR leaves at its ends (情報企画課., ・会計課)
// when what remains is department-like; `name` itself otherwise.
std::string without_stray_marks(const std::string& name, const Vocabulary& vocab);

// Splits a raw measure cell ('\n' between lines). A heading is a parenthesized
// department-like name at the start of the cell, of a line, or after a sentence end (。).
// Headings with no text of their own, directly followed by another heading, share the text
// of the next block (総論2: fourteen departments, one pointer text). A line that is a
// department label and a name (所管課：…) heads the text below it too. A cell without headings
// gives one part without a department.
std::vector<MeasurePart> split_measures(std::string_view raw, const Vocabulary& vocab);

}  // namespace kansa::interpret
