// Storage of extractions (SQLite) and the exports of the findings schema (JSONL, CSV).
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::store {

// A database of documents keyed by the SHA-256 of their bytes, with their findings,
// measures and provenance. Not thread-safe; one per process.
class Store {
 public:
  virtual ~Store() = default;

  // True when a document with these bytes is already stored.
  virtual bool has_document(const std::string& sha256) = 0;

  // Writes the document and all its findings in one transaction. Storing a document whose
  // sha256 is already present changes nothing and returns false. Throws
  // std::runtime_error on a database failure (the transaction is rolled back).
  virtual bool save(const Extraction& extraction) = 0;

  // The same, also recording where the file was read from (kept in the database only; the
  // exports do not carry it). An empty `source_path` records none.
  virtual bool save(const Extraction& extraction, const std::string& source_path) = 0;

  // Every stored document with its findings, in ingestion order; findings by ordinal.
  virtual std::vector<Extraction> load_all() = 0;
};

// Opens (creating if needed) an SQLite database at `path`. Throws std::runtime_error
// naming the path on failure.
std::unique_ptr<Store> open_sqlite(const std::string& path);

// One schema JSON object (kansa.finding/1) for a finding, document denormalized into it.
std::string finding_json(const DocumentInfo& document, const Finding& finding);

// Writes one line per finding, in document then ordinal order.
void export_jsonl(const std::vector<Extraction>& extractions, std::ostream& out);

// Writes a header row, then one row per measure (document and finding columns repeated;
// a finding without measures gives one row with empty measure columns). RFC 4180 quoting.
void export_csv(const std::vector<Extraction>& extractions, std::ostream& out);

}  // namespace kansa::store
