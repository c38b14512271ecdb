// `kansa ingest --db postgresql://...` against the test server (see pg_support.hpp): the same
// exports as SQLite; crash safety and idempotence as with SQLite; each document read by one
// run of several at once (claims); --shard runs whose union equals a single run; and the
// password of the address never printed nor stored.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/shard.hpp"
#include "cli_support.hpp"
#include "kansa/store.hpp"
#include "pg_support.hpp"

using kansa::testing::fixture;
using kansa::testing::PgSchema;
using kansa::testing::PgTest;
using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

namespace {

const std::string kKansa = std::string(KANSA_BUILD_DIR) + "/kansa";

// The committed text and generated fixtures with the text pipeline, as the SQLite
// crash-safety tests: eleven documents, two of which fail by design (unreadable text layer,
// scan without OCR stage).
std::vector<std::string> ingest_args(const std::string& db, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {kKansa, "ingest", "--pipeline",    "text",
                                   "--db", db,       "--retry-delay", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(fixture("corpus"));
  args.push_back(fixture("generated"));
  return args;
}

// Starts `args` with stdout and stderr to `log` (or /dev/null).
pid_t spawn(const std::vector<std::string>& args, const std::string& log = "/dev/null") {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(out, 2);
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

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `VAR=value kansa ARGS`, stdout and stderr captured.
kansa::testing::CommandResult run_kansa_env(const std::string& env, const std::string& args) {
  return kansa::testing::run_shell(env + " " + kKansa + " " + args + " 2>&1");
}

std::string export_of(const std::string& db, const std::string& format) {
  return kansa::testing::run_kansa_stdout("export --db " + shell_quoted(db) + " --format " + format)
      .output;
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The database's content without row ids, timestamps or status rows, keyed by document
// sha256, finding ordinal and measure position (as the SQLite crash-safety test).
struct Content {
  std::vector<std::string> documents, findings, measures, page_routes, stored_attempts;
};

Content content(PgSchema& schema) {
  Content c;
  c.documents = schema.rows(R"sql(
    SELECT sha256, file, path, pages, municipality, municipality_code, prefecture, audit_type,
           audit_fiscal_year, title, theme, report_number, notice_date, department,
           field_confidence
    FROM documents ORDER BY sha256)sql");
  c.findings = schema.rows(R"sql(
    SELECT d.sha256, f.ordinal, f.ref, f.kind, f.title, f.summary, f.report_pages,
           f.source_pages, f.method, f.confidence, f.field_confidence
    FROM findings f JOIN documents d ON d.id = f.document_id ORDER BY d.sha256, f.ordinal)sql");
  c.measures = schema.rows(R"sql(
    SELECT d.sha256, f.ordinal, m.position, m.department, m.status, m.status_raw, m.text,
           m.date, m.date_raw, m.confidence, m.field_confidence
    FROM measures m JOIN findings f ON f.id = m.finding_id JOIN documents d ON d.id = f.document_id
    ORDER BY d.sha256, f.ordinal, m.position)sql");
  c.page_routes = schema.rows(R"sql(
    SELECT d.sha256, r.page, r.route, r.text_layer, r.text_layer_reason, r.ocr_reason, r.reason
    FROM page_routes r JOIN documents d ON d.id = r.document_id ORDER BY d.sha256, r.page)sql");
  c.stored_attempts = schema.rows(R"sql(
    SELECT d.sha256, (SELECT count(*) FROM ingest_attempts a
                      WHERE a.sha256 = d.sha256 AND a.status = 'stored')
    FROM documents d ORDER BY d.sha256)sql");
  return c;
}

void expect_same(const Content& want, const Content& got) {
  EXPECT_EQ(got.documents, want.documents);
  EXPECT_EQ(got.findings, want.findings);
  EXPECT_EQ(got.measures, want.measures);
  EXPECT_EQ(got.page_routes, want.page_routes);
  EXPECT_EQ(got.stored_attempts, want.stored_attempts);
}

// path \t status \t reason of every attempt, in order.
std::vector<std::string> attempt_rows(const std::string& db) {
  std::vector<std::string> out;
  for (const auto& a : kansa::store::open_store(db)->attempts())
    out.push_back(a.path + "\t" + a.status + "\t" + a.reason);
  return out;
}

}  // namespace

class PgIngest : public PgTest {};

TEST_F(PgIngest, ExportsAndStatusRowsEqualThoseOfSqliteForTheSameInputs) {
  const std::string sqlite = temp_dir("pg-vs-sqlite") + "/kansa.db";
  const std::string pg = schema().address();
  ASSERT_EQ(wait_exit(spawn(ingest_args(sqlite, {"--jobs", "2"}))), 1);
  ASSERT_EQ(wait_exit(spawn(ingest_args(pg, {"--jobs", "2"}))), 1);
  const std::string jsonl = export_of(pg, "jsonl");
  ASSERT_GT(std::count(jsonl.begin(), jsonl.end(), '\n'), 20) << jsonl;
  EXPECT_EQ(jsonl, export_of(sqlite, "jsonl"));  // byte for byte, in the same order
  EXPECT_EQ(export_of(pg, "csv"), export_of(sqlite, "csv"));
  EXPECT_EQ(attempt_rows(pg), attempt_rows(sqlite));
  // kansa status reads PostgreSQL too: the same lines, times apart.
  const auto status_pg = run_kansa("status --db " + shell_quoted(pg) + " --pages");
  EXPECT_EQ(status_pg.exit_code, 0) << status_pg.output;
  EXPECT_EQ(status_pg.output, run_kansa("status --db " + shell_quoted(sqlite) + " --pages").output);
}

TEST_F(PgIngest, ThreeShardsAtOnceEqualASingleRun) {
  const std::string dir = temp_dir("pg-shards");
  PgSchema single;
  ASSERT_EQ(wait_exit(spawn(ingest_args(single.address()))), 1);

  std::vector<pid_t> shards;
  for (int k = 0; k < 3; ++k)
    shards.push_back(spawn(ingest_args(schema().address(), {"--shard", std::to_string(k) + "/3"}),
                           dir + "/shard" + std::to_string(k) + ".log"));
  std::size_t selected = 0;
  for (int k = 0; k < 3; ++k) {
    const int code = wait_exit(shards[static_cast<std::size_t>(k)]);
    const std::string log = read_file(dir + "/shard" + std::to_string(k) + ".log");
    EXPECT_TRUE(code == 0 || code == 1) << log;
    // "kansa: shard K/3: M of 11 input documents"
    const std::string head = "kansa: shard " + std::to_string(k) + "/3: ";
    const std::size_t at = log.find(head);
    ASSERT_NE(at, std::string::npos) << log;
    const std::size_t count = std::stoul(log.substr(at + head.size()));
    EXPECT_LT(count, 11u) << log;  // a share, not everything
    selected += count;
    // Its progress lines, "[i/M] PATH: ...", name the inputs of its shard only.
    std::istringstream lines(log);
    std::size_t seen = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] != '[') continue;
      const std::size_t begin = line.find("] ") + 2;
      const std::string path = line.substr(begin, line.find(": ", begin) - begin);
      EXPECT_EQ(kansa::cli::shard_of(path, 3), static_cast<std::uint64_t>(k)) << path;
      ++seen;
    }
    EXPECT_EQ(seen, count) << log;
  }
  EXPECT_EQ(selected, 11u);

  EXPECT_EQ(sorted_lines(export_of(schema().address(), "jsonl")),
            sorted_lines(export_of(single.address(), "jsonl")));
  EXPECT_EQ(sorted_lines(export_of(schema().address(), "csv")),
            sorted_lines(export_of(single.address(), "csv")));
  expect_same(content(single), content(schema()));
  // Each input was tried by one shard only, the one its path hashes to.
  std::map<std::string, int> tries;
  for (const auto& a : kansa::store::open_store(schema().address())->attempts()) ++tries[a.path];
  EXPECT_EQ(tries.size(), 11u);
  for (const auto& [path, n] : tries) EXPECT_EQ(n, 1) << path;
  for (const auto& row : attempt_rows(single.address())) {
    const std::string path = row.substr(0, row.find('\t'));
    EXPECT_TRUE(tries.count(path)) << path;
  }
}

TEST_F(PgIngest, RunKilledAtRandomMomentsAndRestartedEndsLikeAnUninterruptedRun) {
  PgSchema reference;
  const auto start = std::chrono::steady_clock::now();
  const int reference_exit = wait_exit(spawn(ingest_args(reference.address())));
  const auto run_time = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(reference_exit, 1);
  const Content want = content(reference);
  ASSERT_GE(want.documents.size(), 8u);

  // Kill points drawn over the length of a whole run, as in the SQLite test: at start-up
  // (creating the tables), inside a worker, between and inside commits.
  std::mt19937 rng(20250112);
  std::uniform_real_distribution<double> fraction(0.0, 1.1);
  for (int kill = 0; kill < 8; ++kill) {
    const pid_t pid = spawn(ingest_args(schema().address()));
    std::this_thread::sleep_for(run_time * fraction(rng));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
  }
  EXPECT_EQ(wait_exit(spawn(ingest_args(schema().address()))), reference_exit);
  expect_same(want, content(schema()));
}

TEST_F(PgIngest, TwoRunsAtOnceStoreOneCopy) {
  PgSchema reference;
  ASSERT_EQ(wait_exit(spawn(ingest_args(reference.address()))), 1);
  const pid_t a = spawn(ingest_args(schema().address())),
              b = spawn(ingest_args(schema().address()));
  EXPECT_EQ(wait_exit(a), 1);
  EXPECT_EQ(wait_exit(b), 1);
  expect_same(content(reference), content(schema()));
}

namespace {

// The run's connection, named by its application_name, has asked for a claim: it has found
// the document not stored and is waiting for the claim another holds.
bool asked_for_claim(const std::string& application) {
  kansa::testing::PgConnection watcher(*kansa::testing::pg_test_address());
  return !watcher
              .rows(
                  "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE "
                  "'%pg_try_advisory_lock%'",
                  {application})
              .empty();
}

// Runs `kansa ingest FILE` while this test holds the claim on FILE's bytes, and waits until
// the run is waiting for it. Returns the run's pid; its output goes to `log`.
pid_t ingest_while_claimed(PgSchema& schema, kansa::store::Store& holder, const std::string& file,
                           const std::string& sha256, const std::string& log) {
  EXPECT_TRUE(holder.claim(sha256));
  const std::string application = "kansa_" + schema.name();
  const pid_t pid = spawn(
      {kKansa, "ingest", "--db", schema.address() + "&application_name=" + application, file}, log);
  // Bounded: the run reaches its claim in a second or so; two minutes means it never will.
  for (int i = 0; i < 1200 && !asked_for_claim(application); ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      ADD_FAILURE() << "the run ended before asking for the claim: " << read_file(log);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pid;
}

}  // namespace

TEST_F(PgIngest, ADocumentClaimedElsewhereIsNotReadAgainOnceTheOtherRunStoresIt) {
  const std::string dir = temp_dir("pg-claimed-stored");
  const std::string file = fixture("generated/status-report-s109-06/status-report-s109-06.pdf");
  // What the other machine stores: the same document, ingested here into SQLite first.
  ASSERT_EQ(run_kansa("ingest --db " + dir + "/other.db " + file).exit_code, 0);
  const auto others = kansa::store::open_sqlite(dir + "/other.db")->load_all();
  ASSERT_EQ(others.size(), 1u);
  const std::string sha256 = others[0].document.sha256;

  auto holder = kansa::store::open_store(schema().address());
  const pid_t run = ingest_while_claimed(schema(), *holder, file, sha256, dir + "/run.log");
  ASSERT_GT(run, 0);
  kansa::store::IngestAttempt stored;
  stored.run_id = "other-machine";
  stored.file = stored.path = "/other/machine/s.pdf";
  stored.sha256 = sha256;
  stored.started_at = stored.finished_at = "2025-01-01T00:00:00.000Z";
  ASSERT_TRUE(holder->save(others[0], "/other/machine/s.pdf", stored));
  holder->release(sha256);

  EXPECT_EQ(wait_exit(run), 0) << read_file(dir + "/run.log");
  EXPECT_NE(read_file(dir + "/run.log").find("already stored by another run, unchanged"),
            std::string::npos)
      << read_file(dir + "/run.log");
  EXPECT_EQ(attempt_rows(schema().address()),
            (std::vector<std::string>{"/other/machine/s.pdf\tstored\t",
                                      file + "\tunchanged\tstored by another run"}));
  EXPECT_EQ(schema().rows("SELECT path FROM documents"),
            std::vector<std::string>{"/other/machine/s.pdf\t"});
}

TEST_F(PgIngest, ADocumentReleasedUnstoredByTheOtherRunIsReadByTheWaitingOne) {
  const std::string dir = temp_dir("pg-claimed-released");
  const std::string file = fixture("generated/status-report-s109-06/status-report-s109-06.pdf");
  ASSERT_EQ(run_kansa("ingest --db " + dir + "/other.db " + file).exit_code, 0);
  const std::string sha256 =
      kansa::store::open_sqlite(dir + "/other.db")->load_all().at(0).document.sha256;

  {
    auto holder = kansa::store::open_store(schema().address());
    const pid_t run = ingest_while_claimed(schema(), *holder, file, sha256, dir + "/run.log");
    ASSERT_GT(run, 0);
    holder.reset();  // the other run dies, its claim with it, nothing stored
    EXPECT_EQ(wait_exit(run), 0) << read_file(dir + "/run.log");
  }
  EXPECT_EQ(attempt_rows(schema().address()), std::vector<std::string>{file + "\tstored\t"});
  EXPECT_EQ(schema().rows("SELECT path FROM documents"), std::vector<std::string>{file + "\t"});
}

TEST_F(PgIngest, ThePasswordIsNeverPrintedNorStored) {
  const std::string password = kansa::testing::pg_test_password();
  ASSERT_GE(password.size(), 8u) << "the test server's address has no password";
  const std::string good = schema().address();
  const std::string file = fixture("generated/status-report-s109-06/status-report-s109-06.pdf");
  const auto replace_password = [&](const std::string& with) {
    std::string address = good;
    address.replace(address.find(":" + password + "@") + 1, password.size(), with);
    return address;
  };
  const std::string wrong = "Wr0ng-Pass-9z";
  const auto expect_hidden = [&](const kansa::testing::CommandResult& r, int code,
                                 const std::string& secret, const char* what) {
    EXPECT_EQ(r.exit_code, code) << what << ": " << r.output;
    EXPECT_EQ(r.output.find(secret), std::string::npos) << what << ": " << r.output;
  };

  // A wrong password: refused, said so, the password not repeated.
  const auto refused =
      run_kansa("ingest --db " + shell_quoted(replace_password(wrong)) + " " + file);
  expect_hidden(refused, 3, wrong, "wrong password");
  EXPECT_NE(refused.output.find("password authentication failed"), std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find("kansa:***@"), std::string::npos) << refused.output;
  expect_hidden(run_kansa("export --db " + shell_quoted(replace_password(wrong))), 3, wrong,
                "export, wrong password");
  expect_hidden(run_kansa("status --db " + shell_quoted(replace_password(wrong))), 3, wrong,
                "status, wrong password");
  // The same in key=value form.
  const std::string keywords = "host=127.0.0.1 dbname=kansa_test user=kansa password=" + wrong;
  expect_hidden(run_kansa("ingest --db " + shell_quoted(keywords) + " " + file), 3, wrong,
                "key=value form");
  // An unreachable server (nothing listens on port 1), with the right password.
  std::string unreachable = good;
  unreachable.replace(unreachable.find('@'),
                      unreachable.find('/', unreachable.find('@')) - unreachable.find('@'),
                      "@127.0.0.1:1");
  const auto unreached = run_kansa("ingest --db " + shell_quoted(unreachable) + " " + file);
  expect_hidden(unreached, 3, password, "unreachable server");
  EXPECT_NE(unreached.output.find("127.0.0.1"), std::string::npos) << unreached.output;
  // A mistyped address (one slash) is refused, not taken for an SQLite file name.
  const std::string mistyped = "postgresql:/" + good.substr(std::string("postgresql://").size());
  expect_hidden(run_kansa("ingest --db " + shell_quoted(mistyped) + " " + file), 3, password,
                "mistyped address");
  expect_hidden(run_kansa("export --db " + shell_quoted(mistyped)), 2, password,
                "export, mistyped address");

  // A successful run and everything read back.
  const auto ingested = run_kansa("ingest --db " + shell_quoted(good) + " " + file);
  expect_hidden(ingested, 0, password, "successful ingest");
  EXPECT_NE(ingested.output.find("added to postgresql://kansa:***@"), std::string::npos)
      << ingested.output;
  expect_hidden(run_kansa("status --db " + shell_quoted(good) + " --all"), 0, password, "status");
  expect_hidden(run_kansa("status --db " + shell_quoted(good) + " --pages"), 0, password, "pages");
  expect_hidden(run_kansa("export --db " + shell_quoted(good) + " --format csv"), 0, password,
                "export");
  // The address given through the environment (KANSA_DB) works alike and is not printed.
  expect_hidden(run_kansa_env("KANSA_DB=" + shell_quoted(good), "ingest " + file), 0, password,
                "KANSA_DB");
  for (const char* table :
       {"documents", "findings", "measures", "page_routes", "ingest_attempts", "kansa_schema"}) {
    for (const auto& row : schema().rows(std::string("SELECT t::text FROM ") + table + " t"))
      EXPECT_EQ(row.find(password), std::string::npos) << table << ": " << row;
  }
  EXPECT_EQ(schema().rows("SELECT count(*) FROM ingest_attempts"), std::vector<std::string>{"2\t"});
}
