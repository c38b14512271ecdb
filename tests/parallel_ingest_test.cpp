// `kansa ingest --jobs N`: documents spread over several worker processes (and the pages of a
// scan over threads when cores are idle) give the database and the lines of one job at a
// time: the same export row for row, the same status rows apart from times, the same progress
// lines apart from times. And the pipe of lent cores (worker/core_tokens.hpp).
#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kansa/store.hpp"
#include "worker/core_tokens.hpp"

using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

namespace {

// Text reports, a file given twice, a file that fails, and scans (two pages each) last, so
// that with two jobs a slot runs out of documents while a scan is read and lends its core.
std::string batch() {
  std::string args;
  for (const char* f : {"generated/comprehensive-table-s109-01/comprehensive-table-s109-01.pdf",
                        "generated/status-report-s109-02/status-report-s109-02.pdf",
                        "generated/department-table-s109-03/department-table-s109-03.pdf",
                        "bad/empty.pdf", "corpus/osaka-kenko-r5/osaka-kenko-r5.pdf",
                        "generated/item-table-s109-04/item-table-s109-04.pdf",
                        "generated/status-report-s109-02/status-report-s109-02.pdf",
                        "generated-scans/bilevel200/comprehensive-table-s12-01-bilevel200/"
                        "comprehensive-table-s12-01-bilevel200.pdf",
                        "corpus/osaka-kenko-r5-scan/osaka-kenko-r5-scan.pdf"})
    args += " " + fixture(f);
  return args;
}

// The progress lines without their times.
std::string without_times(const std::string& output) {
  static const std::regex seconds(R"(\d+\.\d+ s\b)");
  return std::regex_replace(output, seconds, "T s");
}

// The status rows without what differs from run to run: run id, times, durations.
std::string attempts_without_times(const std::string& db_path) {
  std::ostringstream out;
  for (const auto& a : kansa::store::open_sqlite(db_path)->attempts())
    out << a.file << " | " << a.path << " | " << a.sha256 << " | " << a.status << " | " << a.reason
        << " | " << a.attempt << " | " << (a.pages ? std::to_string(*a.pages) : "-") << " | "
        << a.plugins << "\n";
  return out.str();
}

struct IngestRun {
  int exit_code = -1;
  std::string lines, jsonl, csv, attempts, routes;
};

IngestRun ingest(const std::string& dir, int jobs) {
  IngestRun r;
  const std::string db = dir + "/j" + std::to_string(jobs) + ".db";
  auto in = run_kansa("ingest --pipeline scan --retry-delay 0 --jobs " + std::to_string(jobs) +
                      " --db " + db + batch());
  r.exit_code = in.exit_code;
  r.lines = without_times(in.output);
  if (const auto at = r.lines.find(db); at != std::string::npos)
    r.lines.replace(at, db.size(), "DB");
  const std::string out = dir + "/j" + std::to_string(jobs);
  EXPECT_EQ(run_kansa("export --db " + db + " --format jsonl --out " + out + ".jsonl").exit_code,
            0);
  EXPECT_EQ(run_kansa("export --db " + db + " --format csv --out " + out + ".csv").exit_code, 0);
  r.jsonl = read_file(out + ".jsonl");
  r.csv = read_file(out + ".csv");
  r.attempts = attempts_without_times(db);
  r.routes = run_kansa("status --db " + db + " --pages").output;
  EXPECT_NE(r.routes.find("page    2  ocr"), std::string::npos) << r.routes;
  return r;
}

}  // namespace

TEST(ParallelIngest, TwoJobsGiveTheRowsAndLinesOfOne) {
  const std::string dir = temp_dir("jobs");
  const IngestRun one = ingest(dir, 1);
  const IngestRun two = ingest(dir, 2);
  EXPECT_EQ(one.exit_code, 1) << one.lines;  // bad/empty.pdf fails; the others are stored
  EXPECT_EQ(two.exit_code, one.exit_code) << two.lines;
  EXPECT_NE(one.lines.find("[7/9]"), std::string::npos) << one.lines;
  EXPECT_NE(one.lines.find("already stored, unchanged"), std::string::npos) << one.lines;
  EXPECT_NE(one.lines.find("2 pages, ocr"), std::string::npos) << one.lines;
  EXPECT_EQ(two.lines, one.lines);
  EXPECT_FALSE(one.jsonl.empty());
  EXPECT_EQ(two.jsonl, one.jsonl);
  EXPECT_EQ(two.csv, one.csv);
  EXPECT_EQ(two.attempts, one.attempts);
  EXPECT_EQ(two.routes, one.routes);
  // Whole lines only: each a document's ("[i/n] ...") or the summary ("kansa: ...").
  std::istringstream lines(two.lines);
  for (std::string line; std::getline(lines, line);)
    EXPECT_TRUE(line.rfind("[", 0) == 0 || line.rfind("kansa: ", 0) == 0) << line;
}

TEST(ParallelIngest, UsageErrorsAreRefused) {
  EXPECT_EQ(
      run_kansa("ingest --jobs 0 " + fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf")).exit_code,
      2);
}

TEST(CoreTokens, LentCoresAreTakenBackWhenFree) {
  kansa::worker::CoreTokens tokens;
  tokens.lend(2);
  EXPECT_EQ(tokens.lent(), 2);
  char token;
  ASSERT_EQ(read(tokens.read_fd(), &token, 1), 1);  // a worker takes one
  tokens.lend(0);
  EXPECT_EQ(tokens.lent(), 1);                        // the one in use stays lent
  ASSERT_EQ(write(tokens.write_fd(), &token, 1), 1);  // and comes back after its page
  tokens.lend(0);
  EXPECT_EQ(tokens.lent(), 0);
  EXPECT_EQ(read(tokens.read_fd(), &token, 1), -1);  // none left in the pipe
}
