// What `kansa ingest` prints as it goes (core/src/cli/progress_reporter.hpp): the plain lines
// off a terminal, --log-format json, --quiet, and the bar on a terminal (a pseudo-terminal).
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "findings_compare.hpp"

using kansa::testing::fixture;
using kansa::testing::read_jsonl;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

extern char** environ;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A good report (3 findings) and a file that is not a PDF, in a fresh folder.
struct Inputs {
  std::string dir, db, good, bad;
  explicit Inputs(const std::string& tag)
      : dir(temp_dir(tag)),
        db(dir + "/k.db"),
        good(fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf")),
        bad(dir + "/not-a-pdf.pdf") {
    std::ofstream(bad) << "<html><body>404 Not Found</body></html>";
  }
};

}  // namespace

// Off a terminal the lines are as they always were (other tests and scripts parse them).
TEST(IngestProgress, PlainLinesOffATerminal) {
  Inputs in("progress-plain");
  const auto r = run_kansa("ingest --db " + in.db + " " + in.bad + " " + in.good);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto lines = lines_of(r.output);
  ASSERT_EQ(lines.size(), 3u) << r.output;
  EXPECT_TRUE(std::regex_match(
      lines[0], std::regex(R"(\[1/2\] .*/not-a-pdf\.pdf: FAILED: .+ \(\d+\.\d\d s\))")))
      << lines[0];
  EXPECT_TRUE(std::regex_match(
      lines[1],
      std::regex(R"(\[2/2\] .*/osaka-kenko-r5\.pdf: 3 findings, \d+ pages, text \(\d+\.\d\d s\))")))
      << lines[1];
  EXPECT_TRUE(std::regex_match(
      lines[2],
      std::regex(
          R"(kansa: 2 documents: 1 stored, 0 unchanged, 1 failed; 3 findings added to .*/k\.db in \d+\.\d\d s)")))
      << lines[2];
}

TEST(IngestProgress, JsonLinesParseAndCarryTheCounts) {
  Inputs in("progress-json");
  // The good file twice: stored, then unchanged.
  const auto r = run_kansa("ingest --log-format json --db " + in.db + " " + in.bad + " " + in.good +
                           " " + in.good);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::vector<json> events;
  for (const auto& line : lines_of(r.output)) {
    json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << line;
    ASSERT_TRUE(j.contains("time") && j["time"].is_string()) << line;
    events.push_back(j);
  }
  ASSERT_EQ(events.size(), 4u) << r.output;

  const json& bad = events[0];
  EXPECT_EQ(bad["event"], "document");
  EXPECT_EQ(bad["index"], 1);
  EXPECT_EQ(bad["total"], 3);
  EXPECT_EQ(bad["file"], "not-a-pdf.pdf");
  EXPECT_EQ(bad["path"], in.bad);
  EXPECT_EQ(bad["status"], "failed_permanent");
  EXPECT_TRUE(bad["reason"].is_string() && !bad["reason"].get<std::string>().empty());
  EXPECT_TRUE(bad["findings"].is_null());

  const json& stored = events[1];
  EXPECT_EQ(stored["event"], "document");
  EXPECT_EQ(stored["index"], 2);
  EXPECT_EQ(stored["status"], "stored");
  EXPECT_TRUE(stored["reason"].is_null());
  EXPECT_EQ(stored["method"], "text");
  EXPECT_EQ(stored["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(stored["attempt"], 1);
  EXPECT_GE(stored["seconds"].get<double>(), 0.0);
  // The counts are those stored: findings in the export, pages in the status table.
  ASSERT_EQ(run_kansa("export --db " + in.db + " --out " + in.dir + "/o.jsonl").exit_code, 0);
  const auto exported = read_jsonl(in.dir + "/o.jsonl");
  ASSERT_FALSE(exported.empty());
  EXPECT_EQ(stored["findings"], exported.size());
  EXPECT_EQ(stored["pages"], exported[0]["document"]["pages"]);

  const json& unchanged = events[2];
  EXPECT_EQ(unchanged["status"], "unchanged");
  EXPECT_EQ(unchanged["sha256"], stored["sha256"]);

  const json& summary = events[3];
  EXPECT_EQ(summary["event"], "summary");
  EXPECT_EQ(summary["documents"], 3);
  EXPECT_EQ(summary["stored"], 1);
  EXPECT_EQ(summary["unchanged"], 1);
  EXPECT_EQ(summary["failed"], 1);
  EXPECT_EQ(summary["findings"], exported.size());
  EXPECT_EQ(summary["db"], in.db);
  EXPECT_EQ(summary["exit_status"], 1);
}

TEST(IngestProgress, QuietPrintsNothingForACleanRun) {
  Inputs in("progress-quiet");
  const auto r = run_kansa("ingest --quiet --db " + in.db + " " + in.good);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "");
  ASSERT_EQ(run_kansa("export --db " + in.db + " --out " + in.dir + "/o.jsonl").exit_code, 0);
  EXPECT_EQ(read_jsonl(in.dir + "/o.jsonl").size(), 3u);
}

TEST(IngestProgress, QuietPrintsTheFailuresOnly) {
  Inputs in("progress-quiet-failure");
  auto r = run_kansa("ingest -q --db " + in.db + " " + in.good + " " + in.bad);
  EXPECT_EQ(r.exit_code, 1);
  const auto lines = lines_of(r.output);
  ASSERT_EQ(lines.size(), 1u) << r.output;
  EXPECT_TRUE(std::regex_match(lines[0], std::regex(R"(\[2/2\] .*/not-a-pdf\.pdf: FAILED: .+)")))
      << lines[0];
  // In JSON too: the failed document's object alone.
  r = run_kansa("ingest -q --log-format json --db " + in.db + " " + in.good + " " + in.bad);
  const auto json_lines = lines_of(r.output);
  ASSERT_EQ(json_lines.size(), 1u) << r.output;
  EXPECT_EQ(json::parse(json_lines[0])["status"], "failed_permanent");
}

// On a terminal: a bar redrawn in place, the failure printed above it, the stored
// document's line not printed, and the summary at the end.
TEST(IngestProgress, TerminalShowsABarAndEndsWithTheSummary) {
  Inputs in("progress-terminal");
  const std::string kansa = std::string(KANSA_BUILD_DIR) + "/kansa";
  std::vector<std::string> args = {kansa, "ingest", "--db", in.db, in.bad, in.good};
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e)
    if (std::string(*e).rfind("TERM=", 0) != 0) env_strings.emplace_back(*e);
  env_strings.emplace_back("TERM=xterm");
  // Everything the child needs is built before the fork.
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  winsize size{};
  size.ws_row = 24;
  size.ws_col = 120;
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, &size);
  ASSERT_GE(pid, 0) << "forkpty: " << std::strerror(errno);
  if (pid == 0) {
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  std::string screen;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(terminal, buf, sizeof buf);
    if (n > 0) {
      screen.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // EIO once the child has closed the terminal
  }
  close(terminal);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1) << screen;

  // The bar was drawn in place (carriage return, erase line), full at the end.
  EXPECT_NE(screen.find("\r\x1b[K["), std::string::npos) << screen;
  EXPECT_NE(screen.find("0/2 docs"), std::string::npos) << screen;
  EXPECT_NE(screen.find("2/2 docs"), std::string::npos) << screen;
  EXPECT_NE(screen.find("3 findings  1 failed"), std::string::npos) << screen;
  EXPECT_NE(screen.find("docs/"), std::string::npos) << screen;  // the rate
  EXPECT_NE(screen.find(" left"), std::string::npos) << screen;
  EXPECT_NE(screen.find("[" + std::string(30, '#') + "]"), std::string::npos) << screen;
  // Above it: the failure, not the stored document.
  EXPECT_NE(screen.find("not-a-pdf.pdf: FAILED: "), std::string::npos) << screen;
  EXPECT_EQ(screen.find("osaka-kenko-r5.pdf: 3 findings"), std::string::npos) << screen;

  // What stays on the screen, line by line: the redrawn bar's last state, then the summary.
  std::string shown;
  for (std::size_t i = 0; i < screen.size(); ++i) {
    if (screen.compare(i, 4, "\r\x1b[K") == 0) {
      shown.erase(shown.rfind('\n') == std::string::npos ? 0 : shown.rfind('\n') + 1);
      i += 3;
    } else if (screen[i] != '\r') {
      shown += screen[i];
    }
  }
  const auto lines = lines_of(shown);
  ASSERT_EQ(lines.size(), 3u) << shown;
  EXPECT_NE(lines[0].find("not-a-pdf.pdf: FAILED: "), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("2/2 docs"), std::string::npos) << lines[1];
  EXPECT_LT(lines[1].size(), 120u);
  EXPECT_EQ(lines[2].rfind("kansa: 2 documents: 1 stored, 0 unchanged, 1 failed; 3 findings", 0),
            0u)
      << lines[2];
}
