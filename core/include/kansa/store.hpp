// Storage of extractions (SQLite or PostgreSQL) and the exports of the findings schema (JSONL,
// CSV).
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::store {

// One attempt at ingesting one file, as recorded in the status table (kansa status).
struct IngestAttempt {
  std::string run_id;
  std::string file, path;
  std::string sha256;  // empty when the file could not be read
  // stored | unchanged | failed_permanent | failed_transient
  std::string status;
  std::string reason;
  int attempt = 1;  // 1-based, within the run
  double duration_s = 0;
  std::optional<int> pages;
  std::string plugins = "[]";  // JSON array of {"name", "version"} of the pipeline's plugins
  std::string started_at, finished_at;  // ISO 8601 UTC
};

// A stored document and how each of its pages was read (kansa status --pages).
struct StoredPageRoutes {
  std::string sha256, file;
  std::string path;  // where it was read from; empty when not recorded
  int pages = 0;
  std::vector<PageRoute> routes;  // by page; empty for documents stored before schema 3
};

// A database of documents keyed by the SHA-256 of their bytes, with their findings,
// measures, page routes and provenance. Not thread-safe; one per process.
class Store {
 public:
  virtual ~Store() = default;

  // True when a document with these bytes is already stored.
  virtual bool has_document(const std::string& sha256) = 0;

  // Writes the document, all its findings and its page routes in one transaction. Storing a
  // document whose sha256 is already present changes nothing and returns false. Throws
  // std::runtime_error on a database failure (the transaction is rolled back).
  virtual bool save(const Extraction& extraction) = 0;

  // The same, also recording where the file was read from (kept in the database only; the
  // exports do not carry it). An empty `source_path` records none.
  virtual bool save(const Extraction& extraction, const std::string& source_path) = 0;

  // Writes the document, its findings and the attempt row in one transaction, so that a
  // crash leaves either all of them or none. The attempt's status is set here: "stored", or
  // "unchanged" (nothing else written) when the sha256 is already present. Returns true
  // when stored.
  virtual bool save(const Extraction& extraction, const std::string& source_path,
                    IngestAttempt attempt) = 0;

  // Appends an attempt row on its own (failures, files already stored).
  virtual void record_attempt(const IngestAttempt& attempt) = 0;

  // Every attempt row, oldest first.
  virtual std::vector<IngestAttempt> attempts() = 0;

  // Every stored document with its findings and page routes, in ingestion order; findings
  // by ordinal, routes by page.
  virtual std::vector<Extraction> load_all() = 0;

  // The page routes of every stored document, in ingestion order (no findings loaded).
  virtual std::vector<StoredPageRoutes> page_routes() = 0;

  // Claims the document with these bytes for this process among all processes writing to
  // the same database (several machines), so that one of them only reads it: true when
  // claimed (read it, save or record it, then release()), false while another process holds
  // the claim. A claim also ends with the process, so a crashed run never blocks a document.
  // The default suits a store that one machine writes (SQLite): nothing to claim; two runs at
  // once may both read a document, and save() still stores it once.
  virtual bool claim(const std::string& sha256) {
    (void)sha256;
    return true;
  }
  virtual void release(const std::string& sha256) { (void)sha256; }
};

// Opens (creating if needed) an SQLite database at `path`. Throws std::runtime_error
// naming the path on failure.
std::unique_ptr<Store> open_sqlite(const std::string& path);

// Connects to a PostgreSQL database (a postgresql:// or postgres:// URI, or a libpq key=value
// string) and creates the tables in its current schema if absent. Throws std::runtime_error
// naming the address, its password hidden (see db_address.hpp).
std::unique_ptr<Store> open_postgresql(const std::string& address);

// `--db`: PostgreSQL for an address is_postgresql_address() accepts, else an SQLite file.
std::unique_ptr<Store> open_store(const std::string& address);

// One schema JSON object (kansa.finding/1) for a finding, document denormalized into it.
std::string finding_json(const DocumentInfo& document, const Finding& finding);

// Writes one line per finding, in document then ordinal order.
void export_jsonl(const std::vector<Extraction>& extractions, std::ostream& out);

// Writes a header row, then one row per measure (document and finding columns repeated;
// a finding without measures gives one row with empty measure columns). RFC 4180 quoting.
void export_csv(const std::vector<Extraction>& extractions, std::ostream& out);

}  // namespace kansa::store
