// Document fields from the text outside tables: title, theme, report number, notice date,
// responsible department, audit type and fiscal year, municipality.
#pragma once

#include <string>
#include <vector>

#include "interpret/page_text.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/interpret.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

// `lines`: text outside tables (plus rows of tables that are not findings tables, as
// lines). `title_lines`: the text outside findings tables as laid out on the page, where the
// title is looked for (a title line may sit in a header block that was taken for a table).
// Fills every field of DocumentInfo except sha256/file/pages, with confidences.
DocumentInfo read_document_fields(const Document& doc, const std::vector<PageLine>& lines,
                                  const std::vector<PageLine>& title_lines, const Vocabulary& vocab,
                                  const Options& options);

// The value printed after a label of `field` ("報告番号：…", or a heading line with the value
// on the next lines, 「…」 possibly wrapped). Normalized; empty if none.
std::string labeled_value(const std::vector<PageLine>& lines, const std::string& field,
                          const Vocabulary& vocab);

// Removes a leading "<fiscal year><audit type word>" (令和5年度監査委員監査) from a theme.
std::string strip_audit_prefix(const std::string& normalized_theme, const Vocabulary& vocab);

}  // namespace kansa::interpret
