// The PostgreSQL implementation of kansa::store::Store: the SQLite store's tables and
// behaviour in a server that several machines write to at once, each document claimed by one
// of them (see claim()).
#include <array>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "kansa/db_address.hpp"
#include "kansa/store.hpp"
#include "store/json_values.hpp"
#include "store/pg_db.hpp"
#include "store/pg_schema.hpp"

namespace kansa::store {

namespace {

using pg::Connection;
using pg::Params;
using pg::Result;
using pg::Transaction;

// A document already stored (by this run or another machine's) is left as it is: the unique
// sha256 makes the second insert of two at once wait for the first, then do nothing.
constexpr const char* kInsertDocument = R"sql(
INSERT INTO documents (sha256, file, path, pages, municipality, municipality_code, prefecture,
                       audit_type, audit_fiscal_year, title, theme, report_number, notice_date,
                       department, field_confidence, published)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
ON CONFLICT (sha256) DO NOTHING
RETURNING id)sql";

constexpr const char* kInsertFinding = R"sql(
INSERT INTO findings (document_id, ordinal, ref, kind, title, summary, report_pages,
                      source_pages, method, confidence, field_confidence, source_boxes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id)sql";

constexpr const char* kInsertMeasure = R"sql(
INSERT INTO measures (finding_id, position, department, status, status_raw, text, date,
                      date_raw, confidence, field_confidence)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql";

constexpr const char* kInsertPageRoute = R"sql(
INSERT INTO page_routes (document_id, page, route, text_layer, text_layer_reason, ocr_reason,
                         reason)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql";

constexpr const char* kInsertAttempt = R"sql(
INSERT INTO ingest_attempts (run_id, file, path, sha256, status, reason, attempt, duration_s,
                             pages, plugins, started_at, finished_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12))sql";

constexpr const char* kSelectDocuments = R"sql(
SELECT id, sha256, file, pages, municipality, municipality_code, prefecture, audit_type,
       audit_fiscal_year, title, theme, report_number, notice_date, department, field_confidence,
       published
FROM documents ORDER BY id)sql";

constexpr const char* kSelectFindings = R"sql(
SELECT id, document_id, ordinal, ref, kind, title, summary, report_pages, source_pages, method,
       confidence, field_confidence, source_boxes
FROM findings ORDER BY document_id, ordinal)sql";

constexpr const char* kSelectMeasures = R"sql(
SELECT finding_id, department, status, status_raw, text, date, date_raw, confidence,
       field_confidence
FROM measures ORDER BY finding_id, position)sql";

constexpr const char* kSelectAttempts = R"sql(
SELECT run_id, file, path, sha256, status, reason, attempt, duration_s, pages, plugins,
       started_at, finished_at
FROM ingest_attempts ORDER BY id)sql";

constexpr const char* kSelectPageRoutes = R"sql(
SELECT document_id, page, route, text_layer, text_layer_reason, ocr_reason, reason
FROM page_routes ORDER BY document_id, page)sql";

constexpr const char* kSelectDocumentsForRoutes = R"sql(
SELECT id, sha256, file, path, pages FROM documents ORDER BY id)sql";

// Claims are session-level advisory locks, keyed by a 64-bit hash of the schema and the
// document's sha256 (the schema, so that runs writing to different schemas of one database
// never wait for each other). pg_try_advisory_lock never waits.
constexpr const char* kClaim =
    "SELECT pg_try_advisory_lock(hashtextextended('kansa document ' || $1 || ' ' || $2, 0))";
constexpr const char* kRelease =
    "SELECT pg_advisory_unlock(hashtextextended('kansa document ' || $1 || ' ' || $2, 0))";

// A machine that dies without closing its connection (power loss, network cut) is noticed by
// the server's TCP keepalives, which end its session and so its claims: here after about
// 60 + 6 x 10 s of silence instead of the system's default two hours. Settings a user may set
// for their own session; ignored on a Unix socket.
constexpr std::array<const char*, 3> kKeepalives = {
    "SET tcp_keepalives_idle = 60",
    "SET tcp_keepalives_interval = 10",
    "SET tcp_keepalives_count = 6",
};

PageRoute page_route(const Result& rows, int row) {
  PageRoute route;
  route.page = static_cast<int>(rows.integer(row, 1));
  route.route = rows.text(row, 2);
  const std::string layer = rows.text(row, 3);
  const std::optional<TextLayer> verdict = text_layer_named(layer);
  if (!verdict) throw std::runtime_error("unknown text layer verdict '" + layer + "'");
  route.text_layer = *verdict;
  route.text_layer_reason = rows.text(row, 4);
  route.ocr_reason = rows.optional_text(row, 5);
  route.reason = rows.text(row, 6);
  return route;
}

class PgStore final : public Store {
 public:
  explicit PgStore(const std::string& address) : db_(address) {
    for (const char* setting : kKeepalives) db_.exec(setting);
    schema_ = pg::prepare_database(db_);
  }

  bool has_document(const std::string& sha256) override {
    return db_.exec("SELECT 1 FROM documents WHERE sha256 = $1", Params().text(sha256)).rows() > 0;
  }

  bool save(const Extraction& extraction) override { return save(extraction, std::string()); }

  bool save(const Extraction& extraction, const std::string& source_path) override {
    Transaction transaction(db_, Transaction::Mode::ReadWrite);
    const bool fresh = insert_extraction(extraction, source_path);
    transaction.commit();
    return fresh;
  }

  bool save(const Extraction& extraction, const std::string& source_path,
            IngestAttempt attempt) override {
    Transaction transaction(db_, Transaction::Mode::ReadWrite);
    const bool fresh = insert_extraction(extraction, source_path);
    attempt.status = fresh ? "stored" : "unchanged";
    insert_attempt(attempt);
    transaction.commit();
    return fresh;
  }

  void record_attempt(const IngestAttempt& attempt) override { insert_attempt(attempt); }

  std::vector<IngestAttempt> attempts() override {
    std::vector<IngestAttempt> out;
    const Result rows = db_.exec(kSelectAttempts);
    for (int r = 0; r < rows.rows(); ++r) {
      IngestAttempt a;
      a.run_id = rows.text(r, 0);
      a.file = rows.text(r, 1);
      a.path = rows.text(r, 2);
      a.sha256 = rows.text(r, 3);
      a.status = rows.text(r, 4);
      a.reason = rows.text(r, 5);
      a.attempt = static_cast<int>(rows.integer(r, 6));
      a.duration_s = rows.real(r, 7);
      a.pages = rows.optional_int(r, 8);
      a.plugins = rows.text(r, 9);
      a.started_at = rows.text(r, 10);
      a.finished_at = rows.text(r, 11);
      out.push_back(std::move(a));
    }
    return out;
  }

  std::vector<Extraction> load_all() override {
    // One snapshot for every query, while other machines go on saving.
    Transaction transaction(db_, Transaction::Mode::ReadSnapshot);
    try {
      std::vector<Extraction> extractions;
      std::unordered_map<std::int64_t, std::size_t> extraction_of_document;
      load_documents(extractions, extraction_of_document);
      std::unordered_map<std::int64_t, Finding*> finding_of_id;
      load_findings(extractions, extraction_of_document, finding_of_id);
      load_measures(finding_of_id);
      const Result routes = db_.exec(kSelectPageRoutes);
      for (int r = 0; r < routes.rows(); ++r)
        extractions[extraction_of_document.at(routes.integer(r, 0))].page_routes.push_back(
            page_route(routes, r));
      transaction.commit();
      return extractions;
    } catch (const std::exception& error) {
      naming_the_database(error);
    }
  }

  std::vector<StoredPageRoutes> page_routes() override {
    Transaction transaction(db_, Transaction::Mode::ReadSnapshot);
    try {
      std::vector<StoredPageRoutes> out;
      std::unordered_map<std::int64_t, std::size_t> index_of_document;
      const Result documents = db_.exec(kSelectDocumentsForRoutes);
      for (int r = 0; r < documents.rows(); ++r) {
        StoredPageRoutes document;
        document.sha256 = documents.text(r, 1);
        document.file = documents.text(r, 2);
        document.path = documents.text(r, 3);
        document.pages = static_cast<int>(documents.integer(r, 4));
        index_of_document[documents.integer(r, 0)] = out.size();
        out.push_back(std::move(document));
      }
      const Result routes = db_.exec(kSelectPageRoutes);
      for (int r = 0; r < routes.rows(); ++r)
        out[index_of_document.at(routes.integer(r, 0))].routes.push_back(page_route(routes, r));
      transaction.commit();
      return out;
    } catch (const std::exception& error) {
      naming_the_database(error);
    }
  }

  // A session-level advisory lock: held until release() or until this connection ends, so a
  // run that crashes, is killed or loses its machine never leaves a document claimed (the
  // server ends a dead machine's session within minutes: see kKeepalives). Chosen over a
  // claims table with leases: nothing to renew while a long scan is read, no lease length to
  // guess, nothing left behind to clean up.
  bool claim(const std::string& sha256) override {
    return db_.exec(kClaim, Params().text(schema_).text(sha256)).boolean(0, 0);
  }

  void release(const std::string& sha256) override {
    db_.exec(kRelease, Params().text(schema_).text(sha256));
  }

 private:
  // The rows of one document, in the caller's transaction. False when the sha256 is already
  // stored (nothing written).
  bool insert_extraction(const Extraction& extraction, const std::string& source_path) {
    const DocumentInfo& document = extraction.document;
    Params params;
    params.text(document.sha256).text(document.file);
    if (source_path.empty())
      params.null();
    else
      params.text(source_path);
    params.integer(document.pages)
        .optional_text(document.municipality)
        .optional_text(document.municipality_code)
        .optional_text(document.prefecture)
        .optional_text(document.audit_type)
        .optional_int(document.audit_fiscal_year)
        .optional_text(document.title)
        .optional_text(document.theme)
        .optional_text(document.report_number)
        .optional_text(document.notice_date)
        .optional_text(document.department)
        .text(encode_confidences(document.field_confidence))
        .optional_text(document.published);
    const Result inserted = db_.exec(kInsertDocument, params);
    if (inserted.rows() == 0) return false;
    const std::int64_t document_id = inserted.integer(0, 0);
    for (const Finding& finding : extraction.findings) {
      const std::int64_t finding_id = insert_finding(document_id, finding);
      for (std::size_t position = 0; position < finding.measures.size(); ++position)
        insert_measure(finding_id, static_cast<std::int64_t>(position), finding.measures[position]);
    }
    for (const PageRoute& route : extraction.page_routes) {
      db_.exec(kInsertPageRoute, Params()
                                     .integer(document_id)
                                     .integer(route.page)
                                     .text(route.route)
                                     .text(text_layer_name(route.text_layer))
                                     .text(route.text_layer_reason)
                                     .optional_text(route.ocr_reason)
                                     .text(route.reason));
    }
    return true;
  }

  std::int64_t insert_finding(std::int64_t document_id, const Finding& finding) {
    const Result inserted =
        db_.exec(kInsertFinding, Params()
                                     .integer(document_id)
                                     .integer(finding.ordinal)
                                     .optional_text(finding.ref)
                                     .text(finding.kind)
                                     .optional_text(finding.title)
                                     .optional_text(finding.summary)
                                     .text(encode_pages(finding.report_pages))
                                     .text(encode_pages(finding.source.pages))
                                     .text(finding.source.method)
                                     .real(finding.confidence)
                                     .text(encode_confidences(finding.field_confidence))
                                     .text(encode_source_boxes(finding.source.boxes)));
    return inserted.integer(0, 0);
  }

  void insert_measure(std::int64_t finding_id, std::int64_t position, const Measure& measure) {
    db_.exec(kInsertMeasure, Params()
                                 .integer(finding_id)
                                 .integer(position)
                                 .optional_text(measure.department)
                                 .text(measure.status)
                                 .optional_text(measure.status_raw)
                                 .text(measure.text)
                                 .optional_text(measure.date)
                                 .optional_text(measure.date_raw)
                                 .real(measure.confidence)
                                 .text(encode_confidences(measure.field_confidence)));
  }

  void insert_attempt(const IngestAttempt& a) {
    Params params;
    params.text(a.run_id).text(a.file).text(a.path);
    if (a.sha256.empty())
      params.null();
    else
      params.text(a.sha256);
    params.text(a.status)
        .text(a.reason)
        .integer(a.attempt)
        .real(a.duration_s)
        .optional_int(a.pages)
        .text(a.plugins)
        .text(a.started_at)
        .text(a.finished_at);
    db_.exec(kInsertAttempt, params);
  }

  void load_documents(std::vector<Extraction>& extractions,
                      std::unordered_map<std::int64_t, std::size_t>& extraction_of_document) {
    const Result rows = db_.exec(kSelectDocuments);
    for (int r = 0; r < rows.rows(); ++r) {
      Extraction extraction;
      DocumentInfo& document = extraction.document;
      document.sha256 = rows.text(r, 1);
      document.file = rows.text(r, 2);
      document.pages = static_cast<int>(rows.integer(r, 3));
      document.municipality = rows.optional_text(r, 4);
      document.municipality_code = rows.optional_text(r, 5);
      document.prefecture = rows.optional_text(r, 6);
      document.audit_type = rows.optional_text(r, 7);
      document.audit_fiscal_year = rows.optional_int(r, 8);
      document.title = rows.optional_text(r, 9);
      document.theme = rows.optional_text(r, 10);
      document.report_number = rows.optional_text(r, 11);
      document.notice_date = rows.optional_text(r, 12);
      document.department = rows.optional_text(r, 13);
      document.field_confidence = decode_confidences(rows.text(r, 14));
      document.published = rows.optional_text(r, 15);
      extraction_of_document[rows.integer(r, 0)] = extractions.size();
      extractions.push_back(std::move(extraction));
    }
  }

  // As in the SQLite store: pointers into `extractions` are taken once every finding is in.
  void load_findings(std::vector<Extraction>& extractions,
                     const std::unordered_map<std::int64_t, std::size_t>& extraction_of_document,
                     std::unordered_map<std::int64_t, Finding*>& finding_of_id) {
    std::vector<std::pair<std::int64_t, std::pair<std::size_t, std::size_t>>> slots;
    const Result rows = db_.exec(kSelectFindings);
    for (int r = 0; r < rows.rows(); ++r) {
      Finding finding;
      finding.ordinal = static_cast<int>(rows.integer(r, 2));
      finding.ref = rows.optional_text(r, 3);
      finding.kind = rows.text(r, 4);
      finding.title = rows.optional_text(r, 5);
      finding.summary = rows.optional_text(r, 6);
      finding.report_pages = decode_pages(rows.text(r, 7));
      finding.source.pages = decode_pages(rows.text(r, 8));
      finding.source.method = rows.text(r, 9);
      finding.confidence = rows.real(r, 10);
      finding.field_confidence = decode_confidences(rows.text(r, 11));
      if (auto boxes = rows.optional_text(r, 12))
        finding.source.boxes = decode_source_boxes(*boxes);
      const std::size_t index = extraction_of_document.at(rows.integer(r, 1));
      auto& findings = extractions[index].findings;
      slots.push_back({rows.integer(r, 0), {index, findings.size()}});
      findings.push_back(std::move(finding));
    }
    for (const auto& [id, slot] : slots)
      finding_of_id[id] = &extractions[slot.first].findings[slot.second];
  }

  void load_measures(const std::unordered_map<std::int64_t, Finding*>& finding_of_id) {
    const Result rows = db_.exec(kSelectMeasures);
    for (int r = 0; r < rows.rows(); ++r) {
      Measure measure;
      measure.department = rows.optional_text(r, 1);
      measure.status = rows.text(r, 2);
      measure.status_raw = rows.optional_text(r, 3);
      measure.text = rows.text(r, 4);
      measure.date = rows.optional_text(r, 5);
      measure.date_raw = rows.optional_text(r, 6);
      measure.confidence = rows.real(r, 7);
      measure.field_confidence = decode_confidences(rows.text(r, 8));
      finding_of_id.at(rows.integer(r, 0))->measures.push_back(std::move(measure));
    }
  }

  // Malformed stored JSON, an unknown value or an orphan row: rethrown naming the database,
  // unless the message already does.
  [[noreturn]] void naming_the_database(const std::exception& error) const {
    const std::string text = error.what();
    if (text.rfind("postgresql ", 0) == 0) throw;
    throw std::runtime_error("postgresql " + db_.name() + ": " + text);
  }

  Connection db_;
  std::string schema_;  // where the tables are: part of the claims' keys
};

}  // namespace

std::unique_ptr<Store> open_postgresql(const std::string& address) {
  return std::make_unique<PgStore>(address);
}

std::unique_ptr<Store> open_store(const std::string& address) {
  if (is_postgresql_address(address)) return open_postgresql(address);
  if (is_malformed_postgresql_uri(address))
    throw std::runtime_error("postgresql " + redact_address(address) +
                             ": not an address: it must begin postgresql:// or postgres://");
  return open_sqlite(address);
}

}  // namespace kansa::store
