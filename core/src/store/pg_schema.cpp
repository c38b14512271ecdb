#include "store/pg_schema.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite_schema.hpp"
#include "store/views_sql.hpp"

namespace kansa::store::pg {

static_assert(kSchemaVersion == sqlite::kSchemaVersion,
              "a new SQLite migration needs its PostgreSQL twin in pg_schema.cpp");

namespace {

// kMigrations[i] takes the tables from version i to i + 1, one statement per string (each
// goes through PQexecParams, which runs one statement). Append only. Types: INTEGER ->
// integer, or bigint for ids (GENERATED ALWAYS AS IDENTITY, in ingestion order as SQLite's
// rowids); REAL -> double precision; TEXT -> text, JSON included (kept as written, so that
// exports equal SQLite's byte for byte); timestamps are ISO 8601 text as in SQLite.
const std::array<std::vector<const char*>, kSchemaVersion> kMigrations = {{
    // 0 -> 1: documents, findings, measures.
    {
        R"sql(
CREATE TABLE documents (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256            text NOT NULL UNIQUE,
  file              text NOT NULL,
  path              text,
  pages             integer NOT NULL,
  municipality      text,
  municipality_code text,
  prefecture        text,
  audit_type        text,
  audit_fiscal_year integer,
  title             text,
  theme             text,
  report_number     text,
  notice_date       text,
  department        text,
  field_confidence  text NOT NULL,
  ingested_at       text NOT NULL DEFAULT
      to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
))sql",
        R"sql(
CREATE TABLE findings (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id      bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal          integer NOT NULL,
  ref              text,
  kind             text NOT NULL,
  title            text,
  summary          text,
  report_pages     text NOT NULL,
  source_pages     text NOT NULL,
  method           text NOT NULL,
  confidence       double precision NOT NULL,
  field_confidence text NOT NULL,
  UNIQUE (document_id, ordinal)
))sql",
        R"sql(
CREATE TABLE measures (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  finding_id       bigint NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  position         integer NOT NULL,
  department       text,
  status           text NOT NULL,
  status_raw       text,
  text             text NOT NULL,
  date             text,
  date_raw         text,
  confidence       double precision NOT NULL,
  field_confidence text NOT NULL,
  UNIQUE (finding_id, position)
))sql",
    },
    // 1 -> 2: one row per ingest attempt of a file (kansa status).
    {
        R"sql(
CREATE TABLE ingest_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id      text NOT NULL,
  file        text NOT NULL,
  path        text NOT NULL,
  sha256      text,
  status      text NOT NULL CHECK (status IN ('stored', 'unchanged', 'failed_permanent',
                                              'failed_transient')),
  reason      text,
  attempt     integer NOT NULL,
  duration_s  double precision NOT NULL,
  pages       integer,
  plugins     text NOT NULL,
  started_at  text NOT NULL,
  finished_at text NOT NULL
))sql",
        "CREATE INDEX ingest_attempts_by_path ON ingest_attempts (path, id)",
    },
    // 2 -> 3: how each page of a document was read (kansa status --pages).
    {
        R"sql(
CREATE TABLE page_routes (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id       bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page              integer NOT NULL,
  route             text NOT NULL CHECK (route IN ('text', 'ocr', 'none')),
  text_layer        text NOT NULL CHECK (text_layer IN ('usable', 'absent', 'unusable')),
  text_layer_reason text NOT NULL,
  ocr_reason        text,
  reason            text NOT NULL,
  UNIQUE (document_id, page)
))sql",
    },
    // 3 -> 4: the research views, SQLite's own text (views_sql.hpp), split into statements
    // when run (see run_statements).
    {kResearchViewsSql},
    // 4 -> 5: where on its pages each finding was read (kansa review).
    {"ALTER TABLE findings ADD COLUMN source_boxes text"},
    // 5 -> 6: the publisher's date of a document, from an ingest manifest.
    {"ALTER TABLE documents ADD COLUMN published text"},
}};

// True when every line of `sql` is blank or a `--` comment (nothing to run).
bool only_comments(std::string_view sql) {
  std::size_t at = 0;
  while (at < sql.size()) {
    std::size_t end = sql.find('\n', at);
    if (end == std::string_view::npos) end = sql.size();
    const std::string_view line = sql.substr(at, end - at);
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line.substr(first, 2) != "--") return false;
    at = end + 1;
  }
  return true;
}

// Runs `sql`, which may hold several statements each ending with ';' at the end of a line
// (PQexecParams runs one at a time). Our own migration text only: no ';' ends a line inside
// a string or a comment there.
void run_statements(Connection& db, std::string_view sql) {
  std::size_t from = 0;
  while (from < sql.size()) {
    std::size_t end = sql.find(";\n", from);
    if (end == std::string_view::npos) end = sql.size();
    const std::string_view statement = sql.substr(from, end - from);
    if (!only_comments(statement)) db.exec(std::string(statement).c_str());
    from = end + 2;
  }
}

}  // namespace

std::string prepare_database(Connection& db) {
  // The schema the tables go to: the first of search_path that exists (NULL when none does).
  Result where = db.exec("SELECT current_schema()");
  if (where.rows() != 1 || where.is_null(0, 0))
    db.fail("no schema to create the tables in",
            "no schema of search_path exists (set one with options=-csearch_path=NAME)");
  const std::string schema = where.text(0, 0);

  Transaction transaction(db, Transaction::Mode::ReadWrite);
  // Two machines opening a new database at once: the second waits here for the first's
  // tables, then finds them. The lock ends with the transaction.
  db.exec("SELECT pg_advisory_xact_lock(hashtextextended('kansa schema ' || $1, 0))",
          Params().text(schema));
  Result table = db.exec("SELECT to_regclass(format('%I.kansa_schema', $1::text)) IS NOT NULL",
                         Params().text(schema));
  int version = 0;
  if (table.boolean(0, 0)) {
    Result row = db.exec("SELECT version FROM kansa_schema");
    if (row.rows() != 1) db.fail("kansa_schema", "expected one row");
    version = static_cast<int>(row.integer(0, 0));
  } else {
    db.exec("CREATE TABLE kansa_schema (version integer NOT NULL)");
    db.exec("INSERT INTO kansa_schema (version) VALUES (0)");
  }
  if (version < 0 || version > kSchemaVersion)
    db.fail("schema " + schema, "version " + std::to_string(version) +
                                    " is not one this program knows (" +
                                    std::to_string(kSchemaVersion) + " or older)");
  if (version == kSchemaVersion) return schema;  // the guard ends the transaction
  for (int from = version; from < kSchemaVersion; ++from)
    for (const char* statements : kMigrations[static_cast<std::size_t>(from)])
      run_statements(db, statements);
  db.exec("UPDATE kansa_schema SET version = $1", Params().integer(kSchemaVersion));
  transaction.commit();
  return schema;
}

}  // namespace kansa::store::pg
