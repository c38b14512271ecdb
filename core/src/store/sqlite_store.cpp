// The SQLite implementation of kansa::store::Store.
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "kansa/store.hpp"
#include "store/json_values.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_schema.hpp"

namespace kansa::store {

namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

constexpr const char* kInsertDocument = R"sql(
INSERT INTO documents (sha256, file, path, pages, municipality, municipality_code, prefecture,
                       audit_type, audit_fiscal_year, title, theme, report_number, notice_date,
                       department, field_confidence, published)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql";

constexpr const char* kInsertFinding = R"sql(
INSERT INTO findings (document_id, ordinal, ref, kind, title, summary, report_pages,
                      source_pages, method, confidence, field_confidence, source_boxes)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql";

constexpr const char* kInsertMeasure = R"sql(
INSERT INTO measures (finding_id, position, department, status, status_raw, text, date,
                      date_raw, confidence, field_confidence)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql";

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

constexpr const char* kInsertAttempt = R"sql(
INSERT INTO ingest_attempts (run_id, file, path, sha256, status, reason, attempt, duration_s,
                             pages, plugins, started_at, finished_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql";

constexpr const char* kSelectAttempts = R"sql(
SELECT run_id, file, path, sha256, status, reason, attempt, duration_s, pages, plugins,
       started_at, finished_at
FROM ingest_attempts ORDER BY id)sql";

constexpr const char* kInsertPageRoute = R"sql(
INSERT INTO page_routes (document_id, page, route, text_layer, text_layer_reason, ocr_reason,
                         reason)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql";

constexpr const char* kSelectPageRoutes = R"sql(
SELECT document_id, page, route, text_layer, text_layer_reason, ocr_reason, reason
FROM page_routes ORDER BY document_id, page)sql";

constexpr const char* kSelectDocumentsForRoutes = R"sql(
SELECT id, sha256, file, path, pages FROM documents ORDER BY id)sql";

// Reads the page routes of every document, handing each to `add(document_id, route)`.
template <typename Add>
void read_page_routes(Database& db, Add add) {
  Statement query(db, kSelectPageRoutes);
  while (query.step()) {
    PageRoute route;
    route.page = static_cast<int>(query.column_int(1));
    route.route = query.column_text(2);
    const std::string layer = query.column_text(3);
    const std::optional<TextLayer> verdict = text_layer_named(layer);
    if (!verdict) throw std::runtime_error("unknown text layer verdict '" + layer + "'");
    route.text_layer = *verdict;
    route.text_layer_reason = query.column_text(4);
    route.ocr_reason = query.column_optional_text(5);
    route.reason = query.column_text(6);
    add(query.column_int(0), std::move(route));
  }
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path) { sqlite::prepare_database(db_); }

  bool has_document(const std::string& sha256) override {
    Statement query(db_, "SELECT 1 FROM documents WHERE sha256 = ?1");
    query.bind_text(1, sha256);
    return query.step();
  }

  bool save(const Extraction& extraction) override { return save(extraction, std::string()); }

  bool save(const Extraction& extraction, const std::string& source_path) override {
    // The write lock is taken before the existence check, so that two processes saving the
    // same document cannot both find it absent.
    Transaction transaction(db_, Transaction::Mode::Immediate);
    if (has_document(extraction.document.sha256)) return false;
    insert_extraction(extraction, source_path);
    transaction.commit();
    return true;
  }

  bool save(const Extraction& extraction, const std::string& source_path,
            IngestAttempt attempt) override {
    Transaction transaction(db_, Transaction::Mode::Immediate);
    const bool fresh = !has_document(extraction.document.sha256);
    if (fresh) insert_extraction(extraction, source_path);
    attempt.status = fresh ? "stored" : "unchanged";
    insert_attempt(attempt);
    transaction.commit();
    return fresh;
  }

  void record_attempt(const IngestAttempt& attempt) override {
    Transaction transaction(db_, Transaction::Mode::Immediate);
    insert_attempt(attempt);
    transaction.commit();
  }

  std::vector<IngestAttempt> attempts() override {
    std::vector<IngestAttempt> out;
    Statement query(db_, kSelectAttempts);
    while (query.step()) {
      IngestAttempt a;
      a.run_id = query.column_text(0);
      a.file = query.column_text(1);
      a.path = query.column_text(2);
      a.sha256 = query.column_text(3);
      a.status = query.column_text(4);
      a.reason = query.column_text(5);
      a.attempt = static_cast<int>(query.column_int(6));
      a.duration_s = query.column_double(7);
      a.pages = query.column_optional_int(8);
      a.plugins = query.column_text(9);
      a.started_at = query.column_text(10);
      a.finished_at = query.column_text(11);
      out.push_back(std::move(a));
    }
    return out;
  }

 private:
  // The rows of one document; the caller holds the write transaction.
  void insert_extraction(const Extraction& extraction, const std::string& source_path) {
    const std::int64_t document_id = insert_document(extraction.document, source_path);
    Statement finding_insert(db_, kInsertFinding);
    Statement measure_insert(db_, kInsertMeasure);
    for (const Finding& finding : extraction.findings) {
      const std::int64_t finding_id = insert_finding(finding_insert, document_id, finding);
      for (std::size_t position = 0; position < finding.measures.size(); ++position)
        insert_measure(measure_insert, finding_id, static_cast<std::int64_t>(position),
                       finding.measures[position]);
    }
    Statement route_insert(db_, kInsertPageRoute);
    for (const PageRoute& route : extraction.page_routes)
      insert_page_route(route_insert, document_id, route);
  }

  void insert_attempt(const IngestAttempt& a) {
    Statement insert(db_, kInsertAttempt);
    insert.bind_text(1, a.run_id);
    insert.bind_text(2, a.file);
    insert.bind_text(3, a.path);
    if (a.sha256.empty())
      insert.bind_null(4);
    else
      insert.bind_text(4, a.sha256);
    insert.bind_text(5, a.status);
    insert.bind_text(6, a.reason);
    insert.bind_int(7, a.attempt);
    insert.bind_double(8, a.duration_s);
    insert.bind_optional_int(9, a.pages);
    insert.bind_text(10, a.plugins);
    insert.bind_text(11, a.started_at);
    insert.bind_text(12, a.finished_at);
    insert.run();
  }

 public:
  std::vector<Extraction> load_all() override {
    // One read transaction: the three queries see the same snapshot even while another
    // process is saving.
    Transaction transaction(db_, Transaction::Mode::Deferred);
    try {
      std::vector<Extraction> extractions;
      std::unordered_map<std::int64_t, std::size_t> extraction_of_document;
      load_documents(extractions, extraction_of_document);
      std::unordered_map<std::int64_t, Finding*> finding_of_id;
      load_findings(extractions, extraction_of_document, finding_of_id);
      load_measures(finding_of_id);
      read_page_routes(db_, [&](std::int64_t document_id, PageRoute route) {
        extractions[extraction_of_document.at(document_id)].page_routes.push_back(std::move(route));
      });
      transaction.commit();
      return extractions;
    } catch (const std::exception& error) {
      naming_the_file(error);
    }
  }

  std::vector<StoredPageRoutes> page_routes() override {
    Transaction transaction(db_, Transaction::Mode::Deferred);
    try {
      std::vector<StoredPageRoutes> out;
      std::unordered_map<std::int64_t, std::size_t> index_of_document;
      Statement query(db_, kSelectDocumentsForRoutes);
      while (query.step()) {
        StoredPageRoutes document;
        document.sha256 = query.column_text(1);
        document.file = query.column_text(2);
        document.path = query.column_text(3);
        document.pages = static_cast<int>(query.column_int(4));
        index_of_document[query.column_int(0)] = out.size();
        out.push_back(std::move(document));
      }
      read_page_routes(db_, [&](std::int64_t document_id, PageRoute route) {
        out[index_of_document.at(document_id)].routes.push_back(std::move(route));
      });
      transaction.commit();
      return out;
    } catch (const std::exception& error) {
      naming_the_file(error);
    }
  }

 private:
  std::int64_t insert_document(const DocumentInfo& document, const std::string& source_path) {
    Statement insert(db_, kInsertDocument);
    insert.bind_text(1, document.sha256);
    insert.bind_text(2, document.file);
    if (source_path.empty())
      insert.bind_null(3);
    else
      insert.bind_text(3, source_path);
    insert.bind_int(4, document.pages);
    insert.bind_optional_text(5, document.municipality);
    insert.bind_optional_text(6, document.municipality_code);
    insert.bind_optional_text(7, document.prefecture);
    insert.bind_optional_text(8, document.audit_type);
    insert.bind_optional_int(9, document.audit_fiscal_year);
    insert.bind_optional_text(10, document.title);
    insert.bind_optional_text(11, document.theme);
    insert.bind_optional_text(12, document.report_number);
    insert.bind_optional_text(13, document.notice_date);
    insert.bind_optional_text(14, document.department);
    insert.bind_text(15, encode_confidences(document.field_confidence));
    insert.bind_optional_text(16, document.published);
    insert.run();
    return db_.last_insert_rowid();
  }

  std::int64_t insert_finding(Statement& insert, std::int64_t document_id, const Finding& finding) {
    insert.reset();
    insert.bind_int(1, document_id);
    insert.bind_int(2, finding.ordinal);
    insert.bind_optional_text(3, finding.ref);
    insert.bind_text(4, finding.kind);
    insert.bind_optional_text(5, finding.title);
    insert.bind_optional_text(6, finding.summary);
    insert.bind_text(7, encode_pages(finding.report_pages));
    insert.bind_text(8, encode_pages(finding.source.pages));
    insert.bind_text(9, finding.source.method);
    insert.bind_double(10, finding.confidence);
    insert.bind_text(11, encode_confidences(finding.field_confidence));
    insert.bind_text(12, encode_source_boxes(finding.source.boxes));
    insert.run();
    return db_.last_insert_rowid();
  }

  void insert_measure(Statement& insert, std::int64_t finding_id, std::int64_t position,
                      const Measure& measure) {
    insert.reset();
    insert.bind_int(1, finding_id);
    insert.bind_int(2, position);
    insert.bind_optional_text(3, measure.department);
    insert.bind_text(4, measure.status);
    insert.bind_optional_text(5, measure.status_raw);
    insert.bind_text(6, measure.text);
    insert.bind_optional_text(7, measure.date);
    insert.bind_optional_text(8, measure.date_raw);
    insert.bind_double(9, measure.confidence);
    insert.bind_text(10, encode_confidences(measure.field_confidence));
    insert.run();
  }

  // Malformed stored JSON, an unknown value or an orphan row (a database edited by hand):
  // rethrown naming the file, unless sqlite's own message already does.
  [[noreturn]] void naming_the_file(const std::exception& error) const {
    const std::string text = error.what();
    if (text.rfind("sqlite ", 0) == 0) throw;
    throw std::runtime_error("sqlite " + db_.path() + ": " + text);
  }

  void insert_page_route(Statement& insert, std::int64_t document_id, const PageRoute& route) {
    insert.reset();
    insert.bind_int(1, document_id);
    insert.bind_int(2, route.page);
    insert.bind_text(3, route.route);
    insert.bind_text(4, text_layer_name(route.text_layer));
    insert.bind_text(5, route.text_layer_reason);
    insert.bind_optional_text(6, route.ocr_reason);
    insert.bind_text(7, route.reason);
    insert.run();
  }

  void load_documents(std::vector<Extraction>& extractions,
                      std::unordered_map<std::int64_t, std::size_t>& extraction_of_document) {
    Statement query(db_, kSelectDocuments);
    while (query.step()) {
      Extraction extraction;
      DocumentInfo& document = extraction.document;
      document.sha256 = query.column_text(1);
      document.file = query.column_text(2);
      document.pages = static_cast<int>(query.column_int(3));
      document.municipality = query.column_optional_text(4);
      document.municipality_code = query.column_optional_text(5);
      document.prefecture = query.column_optional_text(6);
      document.audit_type = query.column_optional_text(7);
      document.audit_fiscal_year = query.column_optional_int(8);
      document.title = query.column_optional_text(9);
      document.theme = query.column_optional_text(10);
      document.report_number = query.column_optional_text(11);
      document.notice_date = query.column_optional_text(12);
      document.department = query.column_optional_text(13);
      document.field_confidence = decode_confidences(query.column_text(14));
      document.published = query.column_optional_text(15);
      extraction_of_document[query.column_int(0)] = extractions.size();
      extractions.push_back(std::move(extraction));
    }
  }

  // Pointers into `extractions` are taken only after every document is in place, and the
  // findings vectors are filled before any pointer to their elements is kept.
  void load_findings(std::vector<Extraction>& extractions,
                     const std::unordered_map<std::int64_t, std::size_t>& extraction_of_document,
                     std::unordered_map<std::int64_t, Finding*>& finding_of_id) {
    std::vector<std::pair<std::int64_t, std::pair<std::size_t, std::size_t>>> slots;
    Statement query(db_, kSelectFindings);
    while (query.step()) {
      Finding finding;
      finding.ordinal = static_cast<int>(query.column_int(2));
      finding.ref = query.column_optional_text(3);
      finding.kind = query.column_text(4);
      finding.title = query.column_optional_text(5);
      finding.summary = query.column_optional_text(6);
      finding.report_pages = decode_pages(query.column_text(7));
      finding.source.pages = decode_pages(query.column_text(8));
      finding.source.method = query.column_text(9);
      finding.confidence = query.column_double(10);
      finding.field_confidence = decode_confidences(query.column_text(11));
      if (auto boxes = query.column_optional_text(12))
        finding.source.boxes = decode_source_boxes(*boxes);
      const std::size_t index = extraction_of_document.at(query.column_int(1));
      auto& findings = extractions[index].findings;
      slots.push_back({query.column_int(0), {index, findings.size()}});
      findings.push_back(std::move(finding));
    }
    for (const auto& [id, slot] : slots)
      finding_of_id[id] = &extractions[slot.first].findings[slot.second];
  }

  void load_measures(const std::unordered_map<std::int64_t, Finding*>& finding_of_id) {
    Statement query(db_, kSelectMeasures);
    while (query.step()) {
      Measure measure;
      measure.department = query.column_optional_text(1);
      measure.status = query.column_text(2);
      measure.status_raw = query.column_optional_text(3);
      measure.text = query.column_text(4);
      measure.date = query.column_optional_text(5);
      measure.date_raw = query.column_optional_text(6);
      measure.confidence = query.column_double(7);
      measure.field_confidence = decode_confidences(query.column_text(8));
      finding_of_id.at(query.column_int(0))->measures.push_back(std::move(measure));
    }
  }

  Database db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace kansa::store
