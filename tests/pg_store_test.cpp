// The PostgreSQL store against the test server (see pg_support.hpp): the same content and
// exports as the SQLite store, idempotent saves, the recorded schema version, and claims that
// one process holds at a time and that end with it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "kansa/store.hpp"
#include "pg_support.hpp"

using kansa::DocumentInfo;
using kansa::Extraction;
using kansa::Finding;
using kansa::Measure;
using kansa::PageRoute;
using kansa::testing::PgTest;

namespace {

// Every kind of value: Japanese text, quotes, backslashes, dollar signs and SQL in text (bound
// as values, they are only text), NULLs, confidences that only an exact round trip keeps,
// findings with and without measures, page routes of each kind.
Extraction tricky_extraction(const std::string& sha256) {
  Extraction e;
  DocumentInfo& d = e.document;
  d.sha256 = sha256;
  d.file = "措置状況報告書 '" + sha256.substr(0, 4) + "'.pdf";
  d.pages = 3;
  d.municipality = "下関市";
  d.municipality_code = "352012";
  d.audit_type = "comprehensive_external";
  d.audit_fiscal_year = 2023;
  d.title = "title with 'quotes', \"double\", \\backslash\\ and $1 $$ dollar";
  d.theme = "'); DROP TABLE documents; --";
  d.notice_date = "2024-04-22";
  d.field_confidence = {{"municipality", 0.1 + 0.2}, {"title", 1.0 / 3.0}};

  Finding first;
  first.ordinal = 1;
  first.ref = "総論1";
  first.kind = "opinion";
  first.title = "情報セキュリティポリシーの公開について";
  first.summary = "概要, with a comma and \"quotes\"\nand a second line\ttab";
  first.report_pages = {17, 35};
  first.source = {{1, 2}, "mixed", {}};
  first.confidence = 0.9567000000000001;
  first.field_confidence = {{"ref", 0.99}, {"kind", 1e-17}, {"zeta", 5e-324}};
  Measure taken;
  taken.department = "情報政策課";
  taken.status = "taken";
  taken.status_raw = "①";
  taken.text = "・基本方針部分のみ公開することとした。\n・研修を実施した。";
  taken.date = "2024-03-07";
  taken.date_raw = "令和6年3月7日";
  taken.confidence = 0.123456789012345678;
  Measure bare;
  bare.text = "教育委員会から回答";
  bare.confidence = 0.5;
  first.measures = {taken, bare};
  Finding without_measures;
  without_measures.ordinal = 2;
  without_measures.kind = "finding";
  without_measures.source = {{3}, "ocr", {}};
  without_measures.confidence = 0.7;
  e.findings = {first, without_measures};

  PageRoute text;
  text.page = 1;
  text.reason = "text layer usable";
  PageRoute ocr;
  ocr.page = 2;
  ocr.route = "ocr";
  ocr.text_layer = kansa::TextLayer::Absent;
  ocr.text_layer_reason = "no text";
  ocr.ocr_reason = "ocr: 200 dpi";
  ocr.reason = "no text layer";
  PageRoute none = ocr;
  none.page = 3;
  none.route = "none";
  none.text_layer = kansa::TextLayer::Unusable;
  none.ocr_reason.reset();
  e.page_routes = {text, ocr, none};
  return e;
}

std::string jsonl(const std::vector<Extraction>& all) {
  std::ostringstream out;
  kansa::store::export_jsonl(all, out);
  return out.str();
}

std::string csv(const std::vector<Extraction>& all) {
  std::ostringstream out;
  kansa::store::export_csv(all, out);
  return out.str();
}

kansa::store::IngestAttempt attempt(const std::string& path, const std::string& sha256) {
  kansa::store::IngestAttempt a;
  a.run_id = "run-1";
  a.file = std::filesystem::path(path).filename().string();
  a.path = path;
  a.sha256 = sha256;
  a.status = "failed_permanent";
  a.reason = "parse error: 'quoted' $1";
  a.duration_s = 0.1 + 0.2;
  a.pages = 4;
  a.plugins = R"([{"name":"pdftext","version":"1"}])";
  a.started_at = "2024-01-01T00:00:00.000Z";
  a.finished_at = "2024-01-01T00:00:01.000Z";
  return a;
}

// Claims `sha256`, trying again while it is held. A closed connection's claims end when the
// server has ended its session, a moment after the socket closes: this waits for that, within
// a bound (30 s) that only a claim never released reaches.
bool claimed_once_free(kansa::store::Store& store, const std::string& sha256) {
  for (int i = 0; i < 300; ++i) {
    if (store.claim(sha256)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

class PgStore : public PgTest {};

TEST_F(PgStore, StoresWhatSqliteStoresAndExportsTheSameBytes) {
  const std::string dir = kansa::testing::temp_dir("pg-store");
  auto sqlite = kansa::store::open_sqlite(dir + "/same.db");
  auto pg = kansa::store::open_store(schema().address());
  for (auto* store : {sqlite.get(), pg.get()}) {
    ASSERT_TRUE(store->save(tricky_extraction("aa11"), "/in/a.pdf"));
    ASSERT_TRUE(store->save(tricky_extraction("bb22"), "", attempt("/in/b.pdf", "bb22")));
    store->record_attempt(attempt("/in/c.pdf", ""));
  }
  const auto from_sqlite = sqlite->load_all(), from_pg = pg->load_all();
  ASSERT_EQ(from_pg.size(), 2u);
  EXPECT_EQ(jsonl(from_pg), jsonl(from_sqlite));
  EXPECT_EQ(csv(from_pg), csv(from_sqlite));
  // Exact doubles, not merely the same export text.
  EXPECT_EQ(from_pg[0].findings[0].measures[0].confidence, 0.123456789012345678);
  EXPECT_EQ(from_pg[0].document.field_confidence.at("municipality"), 0.1 + 0.2);
  EXPECT_EQ(from_pg[0].findings[0].field_confidence.at("zeta"), 5e-324);
  EXPECT_EQ(from_pg[0].document.theme, "'); DROP TABLE documents; --");

  const auto routes_sqlite = sqlite->page_routes(), routes_pg = pg->page_routes();
  ASSERT_EQ(routes_pg.size(), routes_sqlite.size());
  for (std::size_t i = 0; i < routes_pg.size(); ++i) {
    EXPECT_EQ(routes_pg[i].sha256, routes_sqlite[i].sha256);
    EXPECT_EQ(routes_pg[i].path, routes_sqlite[i].path);
    ASSERT_EQ(routes_pg[i].routes.size(), 3u);
    for (std::size_t p = 0; p < 3; ++p) {
      EXPECT_EQ(routes_pg[i].routes[p].route, routes_sqlite[i].routes[p].route);
      EXPECT_EQ(routes_pg[i].routes[p].text_layer, routes_sqlite[i].routes[p].text_layer);
      EXPECT_EQ(routes_pg[i].routes[p].ocr_reason, routes_sqlite[i].routes[p].ocr_reason);
      EXPECT_EQ(routes_pg[i].routes[p].reason, routes_sqlite[i].routes[p].reason);
    }
  }
  const auto attempts_sqlite = sqlite->attempts(), attempts_pg = pg->attempts();
  ASSERT_EQ(attempts_pg.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(attempts_pg[i].status, attempts_sqlite[i].status);
    EXPECT_EQ(attempts_pg[i].sha256, attempts_sqlite[i].sha256);
    EXPECT_EQ(attempts_pg[i].reason, attempts_sqlite[i].reason);
    EXPECT_EQ(attempts_pg[i].duration_s, attempts_sqlite[i].duration_s);
    EXPECT_EQ(attempts_pg[i].pages, attempts_sqlite[i].pages);
    EXPECT_EQ(attempts_pg[i].plugins, attempts_sqlite[i].plugins);
  }
  EXPECT_EQ(attempts_pg[0].status, "stored");
  EXPECT_EQ(attempts_pg[1].sha256, "");  // NULL
}

TEST_F(PgStore, SavingTheSameBytesAgainChangesNothingFromAnyConnection) {
  auto first = kansa::store::open_store(schema().address());
  ASSERT_TRUE(first->save(tricky_extraction("aa11")));
  EXPECT_TRUE(first->has_document("aa11"));
  EXPECT_FALSE(first->has_document("bb22"));
  Extraction changed = tricky_extraction("aa11");
  changed.findings.pop_back();
  EXPECT_FALSE(first->save(changed));
  auto second = kansa::store::open_store(schema().address());
  EXPECT_FALSE(second->save(changed, "/elsewhere.pdf", attempt("/elsewhere.pdf", "aa11")));
  EXPECT_EQ(second->attempts().back().status, "unchanged");
  const auto all = second->load_all();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].findings.size(), 2u);
  EXPECT_EQ(schema().rows("SELECT count(*) FROM findings"), std::vector<std::string>{"2\t"});
}

TEST_F(PgStore, SchemaVersionIsRecordedAndANewerOneRefused) {
  kansa::store::open_store(schema().address());
  EXPECT_EQ(schema().rows("SELECT version FROM kansa_schema"), std::vector<std::string>{"6\t"});
  // The research views (views_sql.hpp), as in SQLite, each answering a query.
  for (const char* view :
       {"findings_by_municipality_year", "measure_status_by_audit_type", "outstanding_measures"})
    EXPECT_EQ(schema().rows(std::string("SELECT count(*) FROM ") + view),
              std::vector<std::string>{"0\t"})
        << view;
  kansa::store::open_store(schema().address());  // opening again changes nothing
  EXPECT_EQ(schema().rows("SELECT count(*) FROM kansa_schema"), std::vector<std::string>{"1\t"});
  schema().rows("UPDATE kansa_schema SET version = 99");
  try {
    kansa::store::open_store(schema().address());
    FAIL() << "a schema of version 99 was opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("version 99"), std::string::npos) << e.what();
  }
}

TEST_F(PgStore, MachinesCreatingTheTablesAtOnceAllSucceed) {
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    openers.emplace_back([&] {
      try {
        kansa::store::open_store(schema().address())->has_document("aa11");
      } catch (const std::exception&) {
        ++failures;
      }
    });
  for (auto& t : openers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(schema().rows("SELECT version FROM kansa_schema"), std::vector<std::string>{"6\t"});
}

TEST_F(PgStore, AClaimIsHeldByOneConnectionAndEndsWithIt) {
  auto a = kansa::store::open_store(schema().address());
  auto b = kansa::store::open_store(schema().address());
  ASSERT_TRUE(a->claim("aa11"));
  EXPECT_FALSE(b->claim("aa11"));
  EXPECT_TRUE(b->claim("bb22"));  // another document
  EXPECT_FALSE(a->claim("bb22"));
  a->release("aa11");
  EXPECT_TRUE(b->claim("aa11"));
  b.reset();  // connection closed: its claims end, once the server has ended its session
  EXPECT_TRUE(claimed_once_free(*a, "aa11"));
  EXPECT_TRUE(claimed_once_free(*a, "bb22"));

  // Another schema of the same database is another set of documents.
  kansa::testing::PgSchema other;
  EXPECT_TRUE(kansa::store::open_store(other.address())->claim("aa11"));
}

TEST_F(PgStore, AClaimOfAKilledProcessIsReleased) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  if (child == 0) {
    auto store = kansa::store::open_store(schema().address());
    const char answer = store->claim("aa11") ? 'y' : 'n';
    if (write(ready[1], &answer, 1) != 1) _exit(1);
    pause();  // killed here, claim held
    _exit(0);
  }
  char answer = 0;
  ASSERT_EQ(read(ready[0], &answer, 1), 1);
  ASSERT_EQ(answer, 'y');
  auto store = kansa::store::open_store(schema().address());
  EXPECT_FALSE(store->claim("aa11"));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_TRUE(claimed_once_free(*store, "aa11"));
  close(ready[0]);
  close(ready[1]);
}
