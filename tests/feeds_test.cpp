// Nightly feeds: `kansa ingest --manifest` with http URLs, against a local HTTP server the
// tests start (tests/feed_server.py on 127.0.0.1): changed and unchanged files, conditional
// requests, 404 and 5xx, a slow server, oversized bodies, redirects, hostile names and
// passwords. The real binary, plugins and server; nothing reaches beyond the loopback.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "feed_server.hpp"

namespace {

namespace fs = std::filesystem;
using kansa::testing::FeedServer;
using kansa::testing::fixture;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

const std::string kPdfA = "generated/comprehensive-table-s109-01/comprehensive-table-s109-01.pdf";
const std::string kPdfB = "generated/comprehensive-table-s109-05/comprehensive-table-s109-05.pdf";
const std::string kPdfC = "generated/department-table-s109-03/department-table-s109-03.pdf";

// Rows of a query, columns joined by '|', NULL as "NULL".
std::vector<std::string> rows(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        row += (c ? "|" : "") + (text ? std::string(reinterpret_cast<const char*>(text)) : "NULL");
      }
      out.push_back(row);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// Every file below `dir`, as paths relative to it.
std::vector<std::string> files_below(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

class Feeds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = temp_dir("feeds-server");
    root_ = new std::string(dir + "/root");
    log_ = new std::string(dir + "/requests.jsonl");
    fs::create_directories(*root_);
    server_ =
        new FeedServer(std::string(KANSA_SOURCE_DIR) + "/tests/feed_server.py", *root_, *log_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete root_;
    delete log_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (server_->port() > 0) return;
    if (kansa::testing::http_server_required())
      FAIL() << "the feed tests need their HTTP server: " << server_->error();
    GTEST_SKIP() << "no HTTP server for the feed tests: " << server_->error();
  }

  // Puts a copy of a fixture PDF at ROOT/name, served by the server.
  static void serve(const std::string& name, const std::string& fixture_pdf) {
    fs::copy_file(fixture(fixture_pdf), *root_ + "/" + name, fs::copy_options::overwrite_existing);
  }
  static std::string url(const std::string& path) { return server_->url(path); }

  // Writes `manifest` as DIR/feed.csv and runs ingest on it into DIR/k.db.
  static kansa::testing::CommandResult ingest(const std::string& dir, const std::string& manifest,
                                              const std::string& extra = "",
                                              const std::string& name = "feed.csv") {
    std::ofstream(dir + "/" + name) << manifest;
    return run_kansa("ingest --db " + dir + "/k.db --manifest " + dir + "/" + name +
                     " --jobs 1 --fetch-retry-delay 0.05 " + extra);
  }

  // The server's log entries for `path`, in order.
  static std::vector<nlohmann::json> requests(const std::string& path) {
    std::vector<nlohmann::json> out;
    std::ifstream in(*log_);
    for (std::string line; std::getline(in, line);) {
      nlohmann::json j = nlohmann::json::parse(line);
      if (j["path"] == path) out.push_back(j);
    }
    return out;
  }

  static std::string* root_;
  static std::string* log_;
  static FeedServer* server_;
};

std::string* Feeds::root_ = nullptr;
std::string* Feeds::log_ = nullptr;
FeedServer* Feeds::server_ = nullptr;

TEST_F(Feeds, ChangedFileIsFetchedAgainAndStoredAsANewDocument) {
  const std::string dir = temp_dir("feeds-changed");
  serve("changing.pdf", kPdfA);
  const std::string manifest = "url,municipality_code\n" + url("/files/changing.pdf") + ",012041\n";
  auto first = ingest(dir, manifest);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  serve("changing.pdf", kPdfB);
  auto second = ingest(dir, manifest);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("1 stored"), std::string::npos) << second.output;

  // Two versions of the one URL, each stored under its own hash, named after the URL.
  EXPECT_EQ(rows(dir + "/k.db", "SELECT file, path FROM documents ORDER BY id"),
            (std::vector<std::string>{"changing.pdf|" + url("/files/changing.pdf"),
                                      "changing.pdf|" + url("/files/changing.pdf")}));
  EXPECT_EQ(rows(dir + "/k.db", "SELECT count(DISTINCT sha256) FROM documents"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(rows(dir + "/k.db", "SELECT status FROM ingest_attempts ORDER BY id"),
            (std::vector<std::string>{"stored", "stored"}));
  // The second request was conditional (the first download's ETag) and got the new bytes.
  const auto seen = requests("/files/changing.pdf");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0]["if_none_match"].is_null());
  EXPECT_TRUE(seen[1]["if_none_match"].is_string());
  EXPECT_EQ(seen[1]["status"], 200);
  EXPECT_EQ(seen[1]["user_agent"].get<std::string>().rfind("kansa/", 0), 0u);
}

TEST_F(Feeds, UnchangedFileIsNotProcessedAgain) {
  const std::string dir = temp_dir("feeds-unchanged");
  serve("same.pdf", kPdfA);
  serve("same-plain.pdf", kPdfC);
  const std::string manifest =
      "url\n" + url("/files/same.pdf") + "\n" + url("/plain/same-plain.pdf") + "\n";
  auto first = ingest(dir, manifest);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  auto second = ingest(dir, manifest);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("0 stored, 2 unchanged"), std::string::npos) << second.output;
  // The server with validators answered 304; the one without sent the same bytes again.
  EXPECT_NE(second.output.find("not modified (HTTP 304), already stored"), std::string::npos)
      << second.output;
  const auto conditional = requests("/files/same.pdf");
  ASSERT_EQ(conditional.size(), 2u);
  EXPECT_EQ(conditional[1]["status"], 304);
  const auto plain = requests("/plain/same-plain.pdf");
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[1]["status"], 200);
  EXPECT_EQ(rows(dir + "/k.db", "SELECT count(*) FROM documents"), std::vector<std::string>{"2"});
  EXPECT_EQ(rows(dir + "/k.db",
                 "SELECT status, sha256 IS NOT NULL FROM ingest_attempts WHERE id > 2 ORDER BY id"),
            (std::vector<std::string>{"unchanged|1", "unchanged|1"}));
}

TEST_F(Feeds, MissingAndFailingUrlsAreRecordedAndTheBatchGoesOn) {
  const std::string dir = temp_dir("feeds-404");
  serve("good.pdf", kPdfA);
  const std::string manifest = "url\n" + url("/status/404") + "\n" + url("/status/503") + "\n" +
                               url("/files/good.pdf") + "\n";
  auto r = ingest(dir, manifest, "--fetch-retries 2");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto attempts =
      rows(dir + "/k.db", "SELECT path, status, reason FROM ingest_attempts ORDER BY id");
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0],
            url("/status/404") + "|failed_permanent|fetch " + url("/status/404") + ": HTTP 404");
  EXPECT_EQ(attempts[1], url("/status/503") + "|failed_transient|fetch " + url("/status/503") +
                             ": HTTP 503 (3 tries)");
  EXPECT_EQ(attempts[2].substr(attempts[2].find('|')), "|stored|");
  EXPECT_EQ(requests("/status/404").size(), 1u);  // a permanent failure is not retried
  EXPECT_EQ(requests("/status/503").size(), 3u);
  EXPECT_NE(r.output.find("FAILED: fetch " + url("/status/404") + ": HTTP 404"), std::string::npos)
      << r.output;
  // `kansa status --failed` lists them like any other failure.
  auto status = run_kansa("status --db " + dir + "/k.db --failed");
  EXPECT_NE(status.output.find("HTTP 404"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("HTTP 503"), std::string::npos) << status.output;
}

TEST_F(Feeds, FlakyServerIsRetriedWithBackoffUntilItAnswers) {
  const std::string dir = temp_dir("feeds-flaky");
  serve("flaky.pdf", kPdfB);
  auto r = ingest(dir, "url\n" + url("/flaky/2/flaky.pdf") + "\n", "--fetch-retries 2");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const auto seen = requests("/flaky/2/flaky.pdf");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0]["status"], 503);
  EXPECT_EQ(seen[1]["status"], 503);
  EXPECT_EQ(seen[2]["status"], 200);
}

TEST_F(Feeds, SlowServerTimesOutAsATransientFailure) {
  const std::string dir = temp_dir("feeds-slow");
  serve("slow.pdf", kPdfA);
  serve("trickle.pdf", kPdfA);
  // The first answers after 600 s; without the time limit this run would not end.
  auto r = ingest(dir, "url\n" + url("/slow/600/slow.pdf") + "\n",
                  "--fetch-timeout 1 --fetch-retries 1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // The second sends a byte each half second (the whole file would take 19 hours): the
  // low-speed limit gives it up long before the total time limit.
  r = ingest(dir, "url\n" + url("/trickle/trickle.pdf") + "\n",
             "--fetch-timeout 3600 --fetch-low-speed-time 1 --fetch-retries 1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto attempts =
      rows(dir + "/k.db", "SELECT status, reason FROM ingest_attempts ORDER BY id");
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].rfind("failed_transient|fetch " + url("/slow/600/slow.pdf") +
                                  ": Operation timed out after ",
                              0),
            0u)
      << attempts[0];
  EXPECT_NE(attempts[0].find("with 0 bytes received (2 tries)"), std::string::npos) << attempts[0];
  EXPECT_EQ(attempts[1].rfind("failed_transient|fetch " + url("/trickle/trickle.pdf") +
                                  ": Operation too slow. Less than 1024 bytes/sec transferred "
                                  "the last 1 seconds",
                              0),
            0u)
      << attempts[1];
  EXPECT_NE(attempts[1].find("(2 tries)"), std::string::npos) << attempts[1];
  EXPECT_EQ(requests("/slow/600/slow.pdf").size(), 2u);
  EXPECT_EQ(requests("/trickle/trickle.pdf").size(), 2u);
}

TEST_F(Feeds, OversizedBodyIsRefusedAndNothingIsKept) {
  const std::string dir = temp_dir("feeds-big");
  // 3 MB against a 1 MB cap: once with a truthful Content-Length, once chunked without any.
  const std::string manifest =
      "url\n" + url("/big/3000000") + "\n" + url("/big-chunked/3000000") + "\n";
  auto r = ingest(dir, manifest, "--max-file-mb 1 --data-dir " + dir + "/data");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto attempts =
      rows(dir + "/k.db", "SELECT status, reason FROM ingest_attempts ORDER BY id");
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0], "failed_permanent|fetch " + url("/big/3000000") +
                             ": budget: the server announces 2.9 MB, over the size cap of 1.0 "
                             "MB (--max-file-mb); not downloaded");
  EXPECT_EQ(attempts[1], "failed_permanent|fetch " + url("/big-chunked/3000000") +
                             ": budget: the body passed the size cap of 1.0 MB (--max-file-mb) "
                             "while downloading; nothing kept");
  // Only the lock files: no download, complete or partial.
  for (const auto& f : files_below(dir + "/data"))
    EXPECT_TRUE(std::regex_match(f, std::regex("[0-9a-f]{64}\\.lock"))) << f;
}

TEST_F(Feeds, RedirectsAreFollowedWithinTheirBound) {
  const std::string dir = temp_dir("feeds-redirect");
  serve("moved.pdf", kPdfC);
  const std::string manifest = "url\n" + url("/redirect/2/moved.pdf") + "\n" + url("/loop") + "\n" +
                               url("/redirect/4/moved.pdf") + "\n";
  auto r = ingest(dir, manifest, "--fetch-max-redirects 3");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto attempts =
      rows(dir + "/k.db", "SELECT status, reason FROM ingest_attempts ORDER BY id");
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0], "stored|");
  EXPECT_EQ(
      attempts[1].rfind("failed_permanent|fetch " + url("/loop") + ": more than 3 redirects", 0),
      0u)
      << attempts[1];
  EXPECT_EQ(attempts[2].rfind("failed_permanent|", 0), 0u) << attempts[2];
  EXPECT_EQ(requests("/loop").size(), 4u);  // the first and three redirects
}

TEST_F(Feeds, NothingIsWrittenOutsideTheDataFolder) {
  const std::string dir = temp_dir("feeds-hostile");
  serve("hostile.pdf", kPdfA);
  // A header naming ../../escape.pdf, and URL paths climbing out (percent-encoded or not).
  const std::string manifest = "url\n" + url("/hostile/hostile.pdf") + "\n" +
                               url("/files/..%2F..%2Fescape.pdf") + "\n" +
                               url("/files/../../../escape.pdf") + "\n";
  fs::create_directories(dir + "/a/b");
  std::ofstream(dir + "/feed.csv") << manifest;
  auto r = run_kansa("ingest --jobs 1 --db " + dir + "/a/b/k.db --manifest " + dir +
                     "/feed.csv --fetch-retries 0");
  EXPECT_EQ(r.exit_code, 1) << r.output;  // the two climbing URLs are 404s
  // The default data folder is beside the database; everything written is in it, under names
  // made from the URL's hash.
  for (const auto& f : files_below(dir)) {
    if (f == "feed.csv" || f == "a" || f == "a/b" || f == "a/b/k-data" ||
        f.rfind("a/b/k.db", 0) == 0)
      continue;
    EXPECT_TRUE(std::regex_match(f, std::regex("a/b/k-data/[0-9a-f]{64}\\.(pdf|json|lock)"))) << f;
  }
  EXPECT_FALSE(fs::exists(dir + "/escape.pdf"));
  EXPECT_FALSE(fs::exists(dir + "/a/escape.pdf"));
  EXPECT_EQ(rows(dir + "/a/b/k.db", "SELECT file FROM documents"),
            std::vector<std::string>{"hostile.pdf"});
}

TEST_F(Feeds, PasswordOfAUrlIsNeverShown) {
  const std::string dir = temp_dir("feeds-password");
  serve("secret.pdf", kPdfC);
  const std::string host = "127.0.0.1:" + std::to_string(server_->port());
  const std::string manifest = "url\nhttp://reader:s3cr3tpw@" + host + "/files/secret.pdf\n" +
                               "http://reader:s3cr3tpw@" + host + "/status/404\n";
  auto r = ingest(dir, manifest);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(r.output.find("s3cr3tpw"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("http://reader:***@" + host + "/status/404"), std::string::npos)
      << r.output;
  for (const std::string sql :
       {"SELECT path || reason FROM ingest_attempts", "SELECT path || file FROM documents"})
    for (const auto& row : rows(dir + "/k.db", sql))
      EXPECT_EQ(row.find("s3cr3tpw"), std::string::npos) << row;
  EXPECT_EQ(rows(dir + "/k.db", "SELECT count(*) FROM documents"), std::vector<std::string>{"1"});
  for (const auto& f : files_below(dir + "/k-data")) {
    EXPECT_EQ(f.find("s3cr3tpw"), std::string::npos);
    EXPECT_EQ(kansa::testing::read_file(dir + "/k-data/" + f).find("s3cr3tpw"), std::string::npos)
        << f;
  }
}

TEST_F(Feeds, JsonLinesManifestCarriesPublishedDateAndCodes) {
  const std::string dir = temp_dir("feeds-jsonl");
  serve("dated.pdf", kPdfA);
  const std::string manifest =
      "{\"url\": \"" + url("/files/dated.pdf") +
      "\", \"municipality_code\": \"012041\", \"published\": \"2024-03-29\", \"audit_type\": "
      "\"regular\"}\n";
  auto r = ingest(dir, manifest, "", "feed.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The document names its audit type (comprehensive_external): the manifest's does not
  // replace it. The published date has no place in the findings schema: database only.
  EXPECT_EQ(rows(dir + "/k.db", "SELECT municipality_code, audit_type, published FROM documents"),
            std::vector<std::string>{"012041|comprehensive_external|2024-03-29"});
  auto exported =
      run_kansa("export --db " + dir + "/k.db --format jsonl --out " + dir + "/f.jsonl");
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(kansa::testing::read_file(dir + "/f.jsonl").find("2024-03-29"), std::string::npos);
}

}  // namespace

namespace {

// A pipeline's [fetch] table sets the fetch options its command line leaves out.
TEST_F(Feeds, PipelineFetchTableSetsDefaultsTheCommandLineOverrides) {
  const std::string dir = temp_dir("feeds-pipeline");
  const std::string pipelines = KANSA_PIPELINES_DIR;
  std::ofstream(dir + "/feeds.toml")
      << "[[stage]]\nplugin = \"pdftext\"\n[[stage]]\nplugin = "
         "\"tables\"\n[interpret]\nvocabulary = \""
      << pipelines << "/vocabulary.toml\"\nmunicipalities = \"" << pipelines
      << "/data/municipalities.tsv\"\n[fetch]\nretries = 1\n"
         "retry_delay = 0\nmax_redirects = 1\n";
  std::ofstream(dir + "/feed.csv") << "url\n"
                                   << url("/status/500") << "\n"
                                   << url("/redirect/2/none.pdf") << "\n";
  const std::string base = "ingest --jobs 1 --db " + dir + "/k.db --manifest " + dir +
                           "/feed.csv --pipeline " + dir + "/feeds.toml";
  auto by_table = run_kansa(base);
  EXPECT_EQ(by_table.exit_code, 1) << by_table.output;
  auto by_option = run_kansa(base + " --fetch-retries 0 --fetch-max-redirects 2");
  EXPECT_EQ(by_option.exit_code, 1) << by_option.output;
  EXPECT_EQ(rows(dir + "/k.db", "SELECT reason FROM ingest_attempts ORDER BY id"),
            (std::vector<std::string>{"fetch " + url("/status/500") + ": HTTP 500 (2 tries)",
                                      "fetch " + url("/redirect/2/none.pdf") +
                                          ": more than 1 redirect (Maximum (1) redirects followed)",
                                      "fetch " + url("/status/500") + ": HTTP 500",
                                      "fetch " + url("/redirect/2/none.pdf") + ": HTTP 404"}));
}

}  // namespace
