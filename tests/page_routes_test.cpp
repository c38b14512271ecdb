// The route of every page (text layer, OCR, or none) and its reason: decided by the runner,
// carried from the worker in the extraction, stored with the document (schema 3, migrated
// from 2), and shown by `kansa status --pages` and on the ingest line.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kansa/pipeline.hpp"
#include "kansa/store.hpp"
#include "worker/extraction_codec.hpp"

using kansa::Document;
using kansa::Extraction;
using kansa::Page;
using kansa::PageRoute;
using kansa::TextLayer;
using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

const std::string kMixed = "generated-scans/mixed/";
const std::string kNoToUnicode = "corpus/osaka-kenko-r5-notounicode/osaka-kenko-r5-notounicode.pdf";
const std::string kText = "corpus/osaka-kenko-r5/osaka-kenko-r5.pdf";

Page page(int number, TextLayer layer, const std::string& reason, const std::string& method) {
  Page p;
  p.number = number;
  p.text_layer = layer;
  p.text_layer_reason = reason;
  p.method = method;
  if (method == "ocr") p.ocr_reason = "ocr: 200 dpi, deskewed 0.45 deg";
  return p;
}

// A document of each kind of page, as the runner leaves it after its stages.
Document four_pages() {
  Document d;
  d.pages = {
      page(1, TextLayer::Usable, "", "text"),
      page(2, TextLayer::Absent, "no text on the page", "ocr"),
      page(3, TextLayer::Unusable, "fonts without ToUnicode: F1; 90% of characters are x", "text"),
      page(4, TextLayer::Absent, "no text on the page", "text")};
  return d;
}

PageRoute route(int page, const std::string& how, TextLayer layer, const std::string& reason,
                const std::string& why, std::optional<std::string> ocr = std::nullopt) {
  PageRoute r;
  r.page = page;
  r.route = how;
  r.text_layer = layer;
  r.text_layer_reason = reason;
  r.reason = why;
  r.ocr_reason = std::move(ocr);
  return r;
}

void expect_same(const std::vector<PageRoute>& want, const std::vector<PageRoute>& got) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("route " + std::to_string(i));
    EXPECT_EQ(got[i].page, want[i].page);
    EXPECT_EQ(got[i].route, want[i].route);
    EXPECT_EQ(got[i].text_layer, want[i].text_layer);
    EXPECT_EQ(got[i].text_layer_reason, want[i].text_layer_reason);
    EXPECT_EQ(got[i].ocr_reason, want[i].ocr_reason);
    EXPECT_EQ(got[i].reason, want[i].reason);
  }
}

Extraction extraction_with_routes(const std::string& sha256) {
  Extraction e;
  e.document.sha256 = sha256;
  e.document.file = sha256 + ".pdf";
  e.document.pages = 3;
  e.page_routes = {route(1, "text", TextLayer::Usable, "", "text layer usable"),
                   route(2, "ocr", TextLayer::Absent, "no text on the page", "no text layer",
                         "ocr: 300 dpi, 812 glyphs"),
                   route(3, "none", TextLayer::Unusable, "fonts without ToUnicode: F1",
                         "text layer unusable", std::nullopt)};
  return e;
}

// Every row of a query as tab-joined text, through a connection of the test's own.
std::vector<std::string> rows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const unsigned char* text = sqlite3_column_text(stmt, c);
      row += (c ? "\t" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
    out.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

void exec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

// One stored page route as "page route text_layer text_layer_reason ocr_reason reason".
std::vector<std::string> stored_routes(const std::string& db) {
  return rows(db,
              "SELECT page, route, text_layer, text_layer_reason, ocr_reason, reason "
              "FROM page_routes ORDER BY document_id, page");
}

struct Columns {
  std::string page, route, text_layer, text_layer_reason, ocr_reason, reason;
};
Columns split(const std::string& row) {
  std::vector<std::string> c;
  size_t start = 0;
  for (size_t tab; (tab = row.find('\t', start)) != std::string::npos; start = tab + 1)
    c.push_back(row.substr(start, tab - start));
  c.push_back(row.substr(start));
  EXPECT_EQ(c.size(), 6u) << row;
  c.resize(6);
  return {c[0], c[1], c[2], c[3], c[4], c[5]};
}

// Lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string mixed_pdf() {
  const json index = json::parse(read_file(fixture(kMixed + "index.json")));
  return fixture(kMixed + index["documents"][0]["pdf"].get<std::string>());
}

}  // namespace

// ---- The runner's decision ---------------------------------------------------------------

TEST(PageRoutes, EachPageGetsItsRouteAndReason) {
  const auto with_ocr = kansa::pipeline::route_pages(four_pages(), true);
  expect_same(
      {route(1, "text", TextLayer::Usable, "", "text layer usable"),
       route(2, "ocr", TextLayer::Absent, "no text on the page", "no text layer",
             "ocr: 200 dpi, deskewed 0.45 deg"),
       route(3, "none", TextLayer::Unusable, "fonts without ToUnicode: F1; 90% of characters are x",
             "text layer unusable: fonts without ToUnicode: F1; 90% of characters are x (the OCR "
             "stage returned nothing for it)"),
       route(4, "none", TextLayer::Absent, "no text on the page",
             "no text layer (the OCR stage returned nothing for it)")},
      with_ocr);
  // Without an OCR stage the reason says so, and how to get the page read.
  const auto text_only = kansa::pipeline::route_pages(four_pages(), false);
  EXPECT_EQ(text_only[3].reason, "no text layer (pipeline has no OCR stage; the default one has)");
}

// ---- Worker to parent --------------------------------------------------------------------

TEST(PageRoutes, TravelFromTheWorkerInTheExtraction) {
  const Extraction e = extraction_with_routes("ab12");
  const json message = kansa::worker::extraction_to_json(e);
  expect_same(e.page_routes, kansa::worker::extraction_from_json(message).page_routes);
  // A result from a worker that sends no routes (older) reads as no routes, not an error.
  json older = message;
  older.erase("page_routes");
  EXPECT_TRUE(kansa::worker::extraction_from_json(older).page_routes.empty());
  json bad = message;
  bad["page_routes"][0]["text_layer"] = "maybe";
  EXPECT_THROW(kansa::worker::extraction_from_json(bad), json::exception);
}

// ---- Store ------------------------------------------------------------------------------

TEST(PageRoutes, StoredWithTheDocumentOnce) {
  const std::string dir = temp_dir("page-routes-store");
  const std::string db = dir + "/k.db";
  const Extraction e = extraction_with_routes("ab12");
  {
    auto store = kansa::store::open_sqlite(db);
    ASSERT_TRUE(store->save(e, "/in/ab12.pdf"));
    Extraction again = e;
    again.page_routes.pop_back();
    EXPECT_FALSE(store->save(again, "/in/ab12.pdf"));  // same sha256: nothing written
  }
  auto store = kansa::store::open_sqlite(db);
  const auto loaded = store->load_all();
  ASSERT_EQ(loaded.size(), 1u);
  expect_same(e.page_routes, loaded[0].page_routes);
  const auto listed = store->page_routes();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].sha256, "ab12");
  EXPECT_EQ(listed[0].path, "/in/ab12.pdf");
  EXPECT_EQ(listed[0].pages, 3);
  expect_same(e.page_routes, listed[0].routes);
  EXPECT_EQ(rows(db, "SELECT count(*) FROM page_routes"), std::vector<std::string>{"3"});
  std::filesystem::remove_all(dir);
}

// A database written by schema 2 (documents and attempts, no page routes) is migrated when
// opened: its documents stay, with no routes, and new documents get theirs.
TEST(PageRoutes, SchemaTwoDatabaseIsMigrated) {
  const std::string dir = temp_dir("page-routes-migrate");
  const std::string db = dir + "/k.db";
  Extraction old = extraction_with_routes("0ld0");
  old.page_routes.clear();
  ASSERT_TRUE(kansa::store::open_sqlite(db)->save(old, "/in/old.pdf"));
  // Migrations are append-only, so schema 2 is the current one without the additions of 3
  // (page_routes), 4 (the research views are kept), 5 (findings.source_boxes) and 6
  // (documents.published).
  exec(db,
       "DROP TABLE page_routes; ALTER TABLE findings DROP COLUMN source_boxes; "
       "ALTER TABLE documents DROP COLUMN published; "
       "PRAGMA user_version = 2;");
  ASSERT_EQ(rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'page_routes'"),
            std::vector<std::string>{"0"});

  auto store = kansa::store::open_sqlite(db);
  EXPECT_EQ(rows(db, "PRAGMA user_version"), std::vector<std::string>{"6"});
  const Extraction fresh = extraction_with_routes("ne11");
  ASSERT_TRUE(store->save(fresh, "/in/new.pdf"));
  const auto listed = store->page_routes();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].sha256, "0ld0");
  EXPECT_TRUE(listed[0].routes.empty());
  expect_same(fresh.page_routes, listed[1].routes);
  // Shown as a document without recorded routes.
  const auto shown = run_kansa("status --db " + db + " --pages 0ld0.pdf");
  EXPECT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("/in/old.pdf  0ld0  3 pages: no page routes recorded"),
            std::string::npos)
      << shown.output;
  std::filesystem::remove_all(dir);
}

// ---- Through the command line -------------------------------------------------------------

// The mixed document in the default pipeline: page 1 read from its text layer, page 2 (a
// scan) OCRed, each with its reason; the same file ingested again (under the `scan` name
// earlier releases needed) keeps one set of page rows.
TEST(PageRoutes, MixedDocumentStoresATextPageAndAnOcrPage) {
  const std::string dir = temp_dir("page-routes-mixed");
  const std::string db = dir + "/default.db";
  const auto r = run_kansa("ingest --db " + db + " " + mixed_pdf());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(", mixed ("), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("not read"), std::string::npos) << r.output;

  const auto stored = stored_routes(db);
  ASSERT_EQ(stored.size(), 2u);
  const Columns p1 = split(stored[0]), p2 = split(stored[1]);
  EXPECT_EQ(p1.page, "1");
  EXPECT_EQ(p1.route, "text");
  EXPECT_EQ(p1.text_layer, "usable");  // pdftext's verdict
  EXPECT_EQ(p1.ocr_reason, "NULL");
  EXPECT_EQ(p1.reason, "text layer usable");
  EXPECT_EQ(p2.page, "2");
  EXPECT_EQ(p2.route, "ocr");
  EXPECT_EQ(p2.text_layer, "absent");
  EXPECT_FALSE(p2.text_layer_reason.empty());  // pdftext's own words
  EXPECT_EQ(p2.reason, "no text layer");
  EXPECT_EQ(p2.ocr_reason.rfind("ocr: ", 0), 0u) << p2.ocr_reason;
  EXPECT_NE(p2.ocr_reason.find(" dpi"), std::string::npos) << p2.ocr_reason;

  const auto again = run_kansa("ingest --db " + db + " --pipeline scan " + mixed_pdf());
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("already stored"), std::string::npos) << again.output;
  EXPECT_EQ(stored_routes(db), stored);

  const auto shown = run_kansa("status --db " + db + " --pages");
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("2 pages: 1 text, 1 ocr"), std::string::npos) << shown.output;
  const auto pages = lines_starting(shown.output, "  page ");
  ASSERT_EQ(pages.size(), 2u) << shown.output;
  EXPECT_EQ(pages[0], "  page    1  text  text layer usable");
  EXPECT_EQ(pages[1].rfind("  page    2  ocr   no text layer; ocr: ", 0), 0u) << pages[1];
  std::filesystem::remove_all(dir);
}

// The text pipeline has no OCR stage: the scanned page is not read, and the outcome says so
// (the ingest line, status, and the page's route) while the document is still stored.
TEST(PageRoutes, PageNotReadWithoutOcrStageIsRecordedAndShown) {
  const std::string dir = temp_dir("page-routes-unread");
  const std::string db = dir + "/text.db";
  const auto r = run_kansa("ingest --pipeline text --db " + db + " " + mixed_pdf());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(", text ("), std::string::npos) << r.output;
  const std::string note =
      "1 page not read: page 2: no text layer (pipeline has no OCR stage; the default one has)";
  EXPECT_NE(r.output.find(note), std::string::npos) << r.output;

  const auto stored = stored_routes(db);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(split(stored[0]).route, "text");
  const Columns p2 = split(stored[1]);
  EXPECT_EQ(p2.route, "none");
  EXPECT_EQ(p2.text_layer, "absent");
  EXPECT_EQ(p2.ocr_reason, "NULL");

  const auto status = run_kansa("status --db " + db);
  ASSERT_EQ(status.exit_code, 0) << status.output;
  const auto lines = lines_starting(status.output, "stored");
  ASSERT_EQ(lines.size(), 1u) << status.output;
  EXPECT_NE(lines[0].find(note), std::string::npos) << lines[0];

  const std::string file = std::filesystem::path(mixed_pdf()).filename().string();
  const auto shown = run_kansa("status --db " + db + " --pages " + file);
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("2 pages: 1 text, 1 none"), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find("  page    2  none  no text layer (pipeline has no OCR stage"),
            std::string::npos)
      << shown.output;
  std::filesystem::remove_all(dir);
}

// Fonts without ToUnicode: every page OCRed, the reason naming ToUnicode; the same report
// with a good text layer: every page from its text layer, although OCR was available.
TEST(PageRoutes, UnusableTextLayerIsOcredAndAGoodOneIsNot) {
  const std::string dir = temp_dir("page-routes-tounicode");
  const std::string db = dir + "/scan.db";
  const auto r = run_kansa("ingest --db " + db + " --pipeline scan " + fixture(kNoToUnicode) + " " +
                           fixture(kText));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  const auto ocred = rows(db,
                          "SELECT r.route, r.text_layer, r.reason, r.ocr_reason FROM page_routes r "
                          "JOIN documents d ON d.id = r.document_id "
                          "WHERE d.file = 'osaka-kenko-r5-notounicode.pdf' ORDER BY r.page");
  ASSERT_GE(ocred.size(), 1u);
  for (const std::string& row : ocred) {
    EXPECT_EQ(row.rfind("ocr\tunusable\ttext layer unusable: ", 0), 0u) << row;
    EXPECT_NE(row.find("ToUnicode"), std::string::npos) << row;
    EXPECT_EQ(row.find("NULL"), std::string::npos) << row;  // the OCR stage's account is kept
  }
  const auto text = rows(db,
                         "SELECT r.route, r.text_layer, r.ocr_reason FROM page_routes r "
                         "JOIN documents d ON d.id = r.document_id "
                         "WHERE d.file = 'osaka-kenko-r5.pdf' ORDER BY r.page");
  EXPECT_EQ(text, (std::vector<std::string>{"text\tusable\tNULL", "text\tusable\tNULL"}));

  // Selected by SHA-256 prefix; a name that is not stored fails the command.
  const std::string sha =
      rows(db, "SELECT sha256 FROM documents WHERE file = 'osaka-kenko-r5.pdf'").at(0);
  const auto one = run_kansa("status --db " + db + " --pages " + sha.substr(0, 10));
  ASSERT_EQ(one.exit_code, 0) << one.output;
  EXPECT_NE(one.output.find(sha + "  2 pages: 2 text"), std::string::npos) << one.output;
  EXPECT_EQ(one.output.find("notounicode"), std::string::npos) << one.output;
  const auto all = run_kansa("status --db " + db + " --pages");
  EXPECT_EQ(lines_starting(all.output, "  page ").size(), ocred.size() + 2) << all.output;
  const auto none = run_kansa("status --db " + db + " --pages no-such.pdf");
  EXPECT_EQ(none.exit_code, 1) << none.output;
  EXPECT_NE(none.output.find("no stored document is no-such.pdf"), std::string::npos)
      << none.output;
  std::filesystem::remove_all(dir);
}
