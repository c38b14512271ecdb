// Crash safety and idempotence of `kansa ingest`: a run killed with SIGKILL at random moments
// (seeded) and started again ends with the same documents, findings and measures, row for
// row, as an uninterrupted run; two runs at once store one copy.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

using kansa::testing::fixture;
using kansa::testing::temp_dir;

namespace {

// The committed text and generated fixtures: several documents, two of which fail (the
// text pipeline, without OCR, refuses the scan and the unusable text layer: a run with
// failures to restart, kept short).
std::vector<std::string> ingest_args(const std::string& db) {
  return {std::string(KANSA_BUILD_DIR) + "/kansa",
          "ingest",
          "--pipeline",
          "text",
          "--db",
          db,
          "--retry-delay",
          "0",
          fixture("corpus"),
          fixture("generated")};
}

pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Every row of a query as one tab-joined string, in the query's order.
std::vector<std::string> rows(sqlite3* db, const char* sql) {
  std::vector<std::string> out;
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const unsigned char* text = sqlite3_column_text(stmt, c);
      row += (text ? reinterpret_cast<const char*>(text) : "NULL") + std::string("\t");
    }
    out.push_back(row);
  }
  sqlite3_finalize(stmt);
  return out;
}

struct Content {
  std::vector<std::string> documents, findings, measures, page_routes, stored_attempts, integrity;
};

// The database's content without row ids, timestamps or status rows (which differ between
// runs by nature), keyed by document sha256, finding ordinal and measure position.
Content content(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  Content c;
  c.documents = rows(db, R"sql(
    SELECT sha256, file, path, pages, municipality, municipality_code, prefecture, audit_type,
           audit_fiscal_year, title, theme, report_number, notice_date, department,
           field_confidence
    FROM documents ORDER BY sha256)sql");
  c.findings = rows(db, R"sql(
    SELECT d.sha256, f.ordinal, f.ref, f.kind, f.title, f.summary, f.report_pages,
           f.source_pages, f.method, f.confidence, f.field_confidence
    FROM findings f JOIN documents d ON d.id = f.document_id ORDER BY d.sha256, f.ordinal)sql");
  c.measures = rows(db, R"sql(
    SELECT d.sha256, f.ordinal, m.position, m.department, m.status, m.status_raw, m.text,
           m.date, m.date_raw, m.confidence, m.field_confidence
    FROM measures m JOIN findings f ON f.id = m.finding_id JOIN documents d ON d.id = f.document_id
    ORDER BY d.sha256, f.ordinal, m.position)sql");
  c.page_routes = rows(db, R"sql(
    SELECT d.sha256, r.page, r.route, r.text_layer, r.text_layer_reason, r.ocr_reason, r.reason
    FROM page_routes r JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.page)sql");
  // Each stored document has exactly one "stored" attempt: they were written together.
  c.stored_attempts = rows(db, R"sql(
    SELECT d.sha256, (SELECT count(*) FROM ingest_attempts a
                      WHERE a.sha256 = d.sha256 AND a.status = 'stored')
    FROM documents d ORDER BY d.sha256)sql");
  c.integrity = rows(db, "PRAGMA integrity_check");
  sqlite3_close(db);
  return c;
}

void expect_same(const Content& want, const Content& got) {
  EXPECT_EQ(got.integrity, std::vector<std::string>{"ok\t"});
  EXPECT_EQ(got.documents, want.documents);
  EXPECT_EQ(got.findings, want.findings);
  EXPECT_EQ(got.measures, want.measures);
  EXPECT_EQ(got.page_routes, want.page_routes);
  EXPECT_EQ(got.stored_attempts, want.stored_attempts);
}

}  // namespace

TEST(CrashSafety, RunKilledAtRandomMomentsAndRestartedEndsLikeAnUninterruptedRun) {
  const std::string dir = temp_dir("crash-safety");
  const std::string reference = dir + "/reference.db", killed = dir + "/killed.db";

  const auto start = std::chrono::steady_clock::now();
  const int reference_exit = wait_exit(spawn(ingest_args(reference)));
  const auto run_time = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(reference_exit, 1);  // the unreadable text layer and the scan fail by design
  const Content want = content(reference);
  ASSERT_GE(want.documents.size(), 8u);
  ASSERT_GE(want.page_routes.size(), want.documents.size());  // every document has its pages

  // Kill points drawn over the length of a whole run (a little beyond, so that some runs
  // are killed while finishing): at start-up, inside a worker, between and inside commits.
  std::mt19937 rng(20241122);
  std::uniform_real_distribution<double> fraction(0.0, 1.1);
  for (int kill = 0; kill < 12; ++kill) {
    const pid_t pid = spawn(ingest_args(killed));
    std::this_thread::sleep_for(run_time * fraction(rng));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
  }
  EXPECT_EQ(wait_exit(spawn(ingest_args(killed))), reference_exit);
  expect_same(want, content(killed));
}

TEST(CrashSafety, TwoRunsAtOnceStoreOneCopy) {
  const std::string dir = temp_dir("two-runs");
  const std::string reference = dir + "/reference.db", shared = dir + "/shared.db";
  ASSERT_EQ(wait_exit(spawn(ingest_args(reference))), 1);
  const pid_t a = spawn(ingest_args(shared)), b = spawn(ingest_args(shared));
  EXPECT_EQ(wait_exit(a), 1);
  EXPECT_EQ(wait_exit(b), 1);
  expect_same(content(reference), content(shared));
}
