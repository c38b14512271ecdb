// Interpretation: from a document's pages and tables to findings with confidences.
// Driven by data (pipelines/vocabulary.toml): column roles, status words, legends.
#pragma once

#include <optional>
#include <string>

#include "kansa/model.hpp"
#include "kansa/municipality.hpp"

namespace kansa::interpret {

struct Options {
  std::string vocabulary_path;  // TOML file of header synonyms, status words, audit types
  const municipality::Registry* municipalities = nullptr;  // may be null
  std::optional<std::string> municipality_code;            // given by the user or manifest
};

// Reads `doc` (pages with spans, tables) and returns the document fields and findings.
// `doc.sha256`, `doc.file` and the page count are copied into the result. Never throws for
// odd input (a document without tables gives no findings); throws std::runtime_error when
// the vocabulary file cannot be read or parsed, naming the file.
Extraction interpret(const Document& doc, const Options& options);

}  // namespace kansa::interpret
