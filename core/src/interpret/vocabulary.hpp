// The words interpretation reads (pipelines/vocabulary.toml), loaded into plain tables.
// Every entry is stored normalize_compact()-ed so that matching is against compact text.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kansa::interpret {

// A word that stands for a value (a status, a kind, an audit type, a column role).
struct Term {
  std::u32string word;   // compact-normalized
  std::string value;     // what it means: "taken", "finding", "ref", ...
  bool primary = false;  // for column headers: a header seen in published reports
};

// How a measure text's deciding sentence ends, as a cue to a status the report does not print
// ([status.inferred]): the status it suggests and how sure that is.
struct EndingCue {
  std::u32string ending;  // compact-normalized
  std::string status;
  double confidence = 0;
};

struct StatusInferenceWords {
  std::vector<EndingCue> endings;                    // longest first
  std::vector<std::u32string> boilerplate_openings;  // 今後も… : a closing sentence of intent
  std::vector<std::u32string> boilerplate_endings;   // …努めていく
};

struct Vocabulary {
  std::vector<Term> column_headers;  // value = role name; longest first
  std::vector<Term> status_words;    // value = status; longest first
  std::vector<std::u32string> legend_symbols;
  std::vector<std::u32string> legend_separators;
  std::vector<Term> kind_words;       // value = finding | opinion; longest first
  std::vector<Term> kind_phrases;     // weaker evidence anywhere in the item text
  std::vector<Term> audit_types;      // value = audit_type; longest first
  std::vector<Term> document_labels;  // value = document field; longest first
  std::vector<std::u32string> department_suffixes;
  std::vector<std::u32string> heading_endings;  // how an item's heading ends (…について)
  // Labels of the value blocks of a layout without a findings table (指摘事項 / 措置の内容 /
  // 報告年月日 …); value = what the block holds (finding, opinion, measure, measure_date,
  // other_date, status, department). Longest first.
  std::vector<Term> block_labels;
  // Words that number a published notice (公表 in 公表第586号): such a number alone on a line
  // is the document's report_number.
  std::vector<std::u32string> notice_number_words;
  StatusInferenceWords status_inference;

  // Parses the TOML file. Throws std::runtime_error naming the file on failure.
  static Vocabulary load(const std::string& path);
  // load() memoized per path (interpretation runs once per document).
  static const Vocabulary& cached(const std::string& path);
};

// The longest term of `terms` (sorted longest first) that `text` starts with at `pos`, or
// nullptr.
const Term* term_at(const std::vector<Term>& terms, std::u32string_view text, size_t pos = 0);
// The longest term contained anywhere in `text`, and where (npos if none).
std::pair<const Term*, size_t> find_term(const std::vector<Term>& terms, std::u32string_view text);
// A term equal to the whole of `text`, or nullptr.
const Term* exact_term(const std::vector<Term>& terms, std::u32string_view text);

}  // namespace kansa::interpret
