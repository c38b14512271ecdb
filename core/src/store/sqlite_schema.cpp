#include "store/sqlite_schema.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "store/views_sql.hpp"

namespace kansa::store::sqlite {

namespace {

// How long a writer waits for another process's write transaction before failing with
// SQLITE_BUSY. Saves are short (one document), so ten seconds covers a busy neighbour.
constexpr int kBusyTimeoutMs = 10'000;

// kMigrations[i] takes a database from user_version i to i + 1. Append only: never edit a
// migration that has shipped.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 0 -> 1: documents, findings, measures. List-valued and map-valued fields are JSON text.
    R"sql(
CREATE TABLE documents (
  id                INTEGER PRIMARY KEY,            -- ingestion order
  sha256            TEXT NOT NULL UNIQUE,           -- of the PDF's bytes: the document's key
  file              TEXT NOT NULL,
  path              TEXT,                           -- where it was read from, when known
  pages             INTEGER NOT NULL,
  municipality      TEXT,
  municipality_code TEXT,
  prefecture        TEXT,
  audit_type        TEXT,
  audit_fiscal_year INTEGER,
  title             TEXT,
  theme             TEXT,
  report_number     TEXT,
  notice_date       TEXT,
  department        TEXT,
  field_confidence  TEXT NOT NULL,                  -- JSON object: field -> probability
  ingested_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE findings (
  id               INTEGER PRIMARY KEY,
  document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal          INTEGER NOT NULL,
  ref              TEXT,
  kind             TEXT NOT NULL,
  title            TEXT,
  summary          TEXT,
  report_pages     TEXT NOT NULL,                   -- JSON array of integers
  source_pages     TEXT NOT NULL,                   -- JSON array of integers
  method           TEXT NOT NULL,
  confidence       REAL NOT NULL,
  field_confidence TEXT NOT NULL,                   -- JSON object
  UNIQUE (document_id, ordinal)
);
CREATE TABLE measures (
  id               INTEGER PRIMARY KEY,
  finding_id       INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,                -- 0-based order within the finding
  department       TEXT,
  status           TEXT NOT NULL,
  status_raw       TEXT,
  text             TEXT NOT NULL,
  date             TEXT,
  date_raw         TEXT,
  confidence       REAL NOT NULL,
  field_confidence TEXT NOT NULL,                   -- JSON object
  UNIQUE (finding_id, position)
);
)sql",
    // 1 -> 2: one row per ingest attempt of a file, whatever its outcome (kansa status).
    R"sql(
CREATE TABLE ingest_attempts (
  id          INTEGER PRIMARY KEY,
  run_id      TEXT NOT NULL,                      -- one ingest command: start time and pid
  file        TEXT NOT NULL,
  path        TEXT NOT NULL,
  sha256      TEXT,                               -- NULL when the file could not be read
  status      TEXT NOT NULL CHECK (status IN ('stored', 'unchanged', 'failed_permanent',
                                              'failed_transient')),
  reason      TEXT,
  attempt     INTEGER NOT NULL,                   -- 1 for the first try within the run
  duration_s  REAL NOT NULL,
  pages       INTEGER,
  plugins     TEXT NOT NULL,                      -- JSON array of {name, version}
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX ingest_attempts_by_path ON ingest_attempts (path, id);
)sql",
    // 2 -> 3: how each page of a document was read, and why (kansa status --pages). Documents
    // stored before have no rows here.
    R"sql(
CREATE TABLE page_routes (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page              INTEGER NOT NULL,               -- 1-based
  route             TEXT NOT NULL CHECK (route IN ('text', 'ocr', 'none')),
  text_layer        TEXT NOT NULL CHECK (text_layer IN ('usable', 'absent', 'unusable')),
  text_layer_reason TEXT NOT NULL,                  -- the extractor's reason ('' when usable)
  ocr_reason        TEXT,                           -- the OCR stage's account, when it read it
  reason            TEXT NOT NULL,                  -- why this route
  UNIQUE (document_id, page)
);
)sql",
    // 3 -> 4: the research views (views_sql.hpp; README, "Research views").
    kResearchViewsSql,
    // 4 -> 5: where on its pages each finding was read (kansa review outlines these boxes).
    // NULL for findings stored before.
    R"sql(
ALTER TABLE findings ADD COLUMN source_boxes TEXT; -- JSON array of {page, box, field}
)sql",
    // 5 -> 6: the publisher's date of a document, when an ingest manifest gives it (not part of
    // the findings schema, so not exported).
    R"sql(
ALTER TABLE documents ADD COLUMN published TEXT;  -- ISO date
)sql",
};

int user_version(Database& db) {
  Statement query(db, "PRAGMA user_version");
  if (!query.step()) db.fail("cannot read user_version");
  return static_cast<int>(query.column_int(0));
}

void set_pragmas(Database& db) {
  if (sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs) != SQLITE_OK)
    db.fail("cannot set busy timeout");
  // WAL: readers never block the writer and vice versa, so an export can run during an
  // ingest. The mode is stored in the file; an in-memory database answers "memory", which
  // is fine, so the answer is not checked.
  db.exec("PRAGMA journal_mode = WAL");
  // Durability: in WAL mode, synchronous=NORMAL syncs only at checkpoints. A crash of the
  // process never loses a committed transaction; a power loss or OS crash may lose the last
  // few committed transactions but never corrupts the database. Re-running the ingest
  // restores such documents, since saves are keyed by sha256 and idempotent.
  db.exec("PRAGMA synchronous = NORMAL");
  // Per connection, and off by default in sqlite: the schema relies on it.
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

void prepare_database(Database& db) {
  set_pragmas(db);
  // Migrate under the write lock, so that two processes opening a new file at once do not
  // both create the tables.
  Transaction transaction(db, Transaction::Mode::Immediate);
  const int version = user_version(db);
  if (version < 0 || version > kSchemaVersion) {
    throw std::runtime_error("sqlite " + db.path() + ": schema version " + std::to_string(version) +
                             " is not one this program knows (" + std::to_string(kSchemaVersion) +
                             " or older)");
  }
  if (version == kSchemaVersion) return;  // nothing to write; the guard ends the transaction
  for (int from = version; from < kSchemaVersion; ++from) db.exec(kMigrations[from]);
  // A pragma takes no bound parameter; the value is a compile-time constant.
  db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
}

}  // namespace kansa::store::sqlite
