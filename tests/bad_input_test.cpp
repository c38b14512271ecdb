// The bad-input corpus (fixtures/bad/, made by tools/badinput/make_bad_inputs.py) replayed
// through the real `kansa ingest`, mixed with good documents in one run: good documents come
// out as they do alone, each bad one ends with the outcome and reason fixtures/bad/
// expected.json states, and the run ends in bounded time with exit status 1 ("some
// failed"). Inputs that only a sandboxed worker with a watchdog can stop (needs_isolation)
// join the run once `kansa ingest --help` offers a worker option.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "kansa/plugin_abi.h"

namespace {

namespace fs = std::filesystem;
using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

struct Expectation {
  std::string file;
  bool stored = false;  // else failed
  std::vector<std::string> reason_any;
  bool needs_isolation = false;
};

// The expectations for --pipeline text, or with `with_ocr` those for the default pipeline,
// which has an OCR stage (the "with_ocr" object of each file).
std::vector<Expectation> expectations(bool with_ocr = false) {
  const auto json = nlohmann::json::parse(read_file(fixture("bad/expected.json")));
  std::vector<Expectation> out;
  for (const auto& f : json.at("files")) {
    const auto& outcome = with_ocr ? f.at("with_ocr") : f;
    Expectation e;
    e.file = f.at("file").get<std::string>();
    e.stored = outcome.at("outcome").get<std::string>() == "stored";
    e.reason_any = outcome.at("reason_any").get<std::vector<std::string>>();
    e.needs_isolation = f.at("needs_isolation").get<bool>();
    out.push_back(std::move(e));
  }
  return out;
}

// The worker mode (a sandboxed process per document with limits and a watchdog) announces
// itself as an ingest option.
bool worker_mode_available() {
  return run_kansa("ingest --help").output.find("worker") != std::string::npos;
}

struct GoodDocument {
  std::string pdf, code;
};

const std::vector<GoodDocument>& good_documents() {
  static const std::vector<GoodDocument> docs{
      {fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"), "271004"},
      {fixture("corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf"), "352012"},
  };
  return docs;
}

// The progress line `[i/N] PATH: ...` of input number `index` (1-based), or "".
std::string progress_line(const std::string& output, size_t index, size_t total) {
  const std::string prefix = "[" + std::to_string(index) + "/" + std::to_string(total) + "] ";
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line;
  return "";
}

// Findings of the document whose base name is `file`, from a JSONL export, sorted.
std::multiset<std::string> exported_findings(const std::string& db, const std::string& file) {
  const std::string out = db + ".jsonl";
  auto r = run_kansa("export --db " + db + " --format jsonl --out " + out);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::multiset<std::string> lines;
  std::istringstream in(read_file(out));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (nlohmann::json::parse(line).at("document").at("file") == file) lines.insert(line);
  }
  return lines;
}

TEST(BadInput, CorpusMatchesExpectationsAndIsSmall) {
  std::set<std::string> listed;
  for (const auto& e : expectations()) {
    listed.insert(e.file);
    EXPECT_FALSE(e.reason_any.empty()) << e.file;
  }
  for (const auto& e : expectations(/*with_ocr=*/true))
    EXPECT_FALSE(e.reason_any.empty()) << e.file;
  uintmax_t bytes = 0;
  std::set<std::string> present;
  for (const auto& entry : fs::directory_iterator(fixture("bad"))) {
    bytes += entry.file_size();
    if (entry.path().extension() == ".pdf") present.insert(entry.path().filename().string());
  }
  EXPECT_EQ(listed, present) << "fixtures/bad/expected.json and the PDFs there disagree";
  EXPECT_LT(bytes, 3u << 20) << "fixtures/bad/ must stay small";
}

// A manifest row of a mixed run: a good document (bad == nullptr) or a bad one.
struct Row {
  std::string path, code;
  const Expectation* bad = nullptr;
};

// Each row's progress line in `output`: good documents stored, bad ones failed or stored as
// expected, with one of the expected reasons; and the summary counts the failures.
void check_progress_lines(const std::string& output, const std::vector<Row>& rows) {
  size_t expected_failures = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string line = progress_line(output, i + 1, rows.size());
    ASSERT_FALSE(line.empty()) << "no progress line for " << rows[i].path << "\n" << output;
    const bool failed = line.find("FAILED") != std::string::npos;
    if (rows[i].bad == nullptr) {
      EXPECT_FALSE(failed) << line;
      continue;
    }
    const Expectation& e = *rows[i].bad;
    expected_failures += e.stored ? 0 : 1;
    EXPECT_EQ(failed, !e.stored) << e.file << ": " << line;
    bool reason_found = false;
    for (const auto& reason : e.reason_any) reason_found |= line.find(reason) != std::string::npos;
    EXPECT_TRUE(reason_found) << e.file
                              << ": expected one of the reasons in expected.json: " << line;
  }
  EXPECT_NE(output.find(std::to_string(expected_failures) + " failed"), std::string::npos)
      << output;
}

// The status table agrees: each row's last attempt is stored (or unchanged, for a good
// document listed twice) or failed_permanent with one of the expected reasons.
void check_status_table(const std::string& db, const std::vector<Row>& rows) {
  std::map<std::string, std::pair<std::string, std::string>> last;  // path -> status, reason
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(handle,
                               "SELECT path, status, coalesce(reason, '') FROM ingest_attempts "
                               "ORDER BY id",
                               -1, &query, nullptr),
            SQLITE_OK);
  auto text = [&](int column) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(query, column)));
  };
  while (sqlite3_step(query) == SQLITE_ROW) last[text(0)] = {text(1), text(2)};
  sqlite3_finalize(query);
  sqlite3_close(handle);
  for (const Row& row : rows) {
    ASSERT_TRUE(last.count(row.path)) << "no attempt recorded for " << row.path;
    const auto& [status, reason] = last[row.path];
    if (row.bad == nullptr || row.bad->stored) {
      EXPECT_TRUE(status == "stored" || status == "unchanged") << row.path << ": " << status;
      continue;
    }
    EXPECT_EQ(status, "failed_permanent") << row.path << ": " << reason;
    bool reason_found = false;
    for (const auto& r : row.bad->reason_any) reason_found |= reason.find(r) != std::string::npos;
    EXPECT_TRUE(reason_found) << row.path << ": recorded reason " << reason;
  }
}

void write_manifest(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream manifest(path);
  manifest << "path,municipality_code\n";
  for (const Row& r : rows) manifest << r.path << "," << r.code << "\n";
}

// Budgets for the mixed runs: CPU time well above what any listed input needs when it is
// read normally (flate-bomb.pdf and huge-inline-image.pdf: about 11 s) and well below what
// the watchdog cases ask; wall time left generous, because on a machine busy with other
// tests a document needing 11 s of CPU can take over 40 s of wall time (the default total
// budget of one page), and that is the machine's load, not the document's fault.
constexpr const char* kLoadTolerantLimits = " --cpu-seconds 45 --timeout-base 150";

// One run over everything, with the text pipeline: good documents between the bad ones, so
// that a failure that leaves the pipeline in a bad state would show on the next good
// document.
TEST(BadInput, MixedRunFailsBadDocumentsAndKeepsGoodOnes) {
  const bool isolated = worker_mode_available();
  const std::string dir = temp_dir("badinput-mixed");
  std::vector<Expectation> bad;
  for (auto& e : expectations())
    if (isolated || !e.needs_isolation) bad.push_back(std::move(e));

  // Manifest rows: good documents first, in the middle and last; bad ones around them.
  std::vector<Row> rows{{good_documents()[0].pdf, good_documents()[0].code}};
  for (size_t i = 0; i < bad.size(); ++i) {
    rows.push_back({fixture("bad/" + bad[i].file), "", &bad[i]});
    if (i == bad.size() / 2) rows.push_back({good_documents()[1].pdf, good_documents()[1].code});
  }
  rows.push_back({good_documents()[0].pdf, good_documents()[0].code});  // again: unchanged
  write_manifest(dir + "/manifest.csv", rows);

  const std::string limits = isolated ? kLoadTolerantLimits : "";
  auto r = run_kansa("ingest --pipeline text --db " + dir + "/mixed.db --manifest " + dir +
                     "/manifest.csv" + limits);
  EXPECT_EQ(r.exit_code, 1) << "documented exit status for 'some failed'\n" << r.output;

  check_progress_lines(r.output, rows);
  check_status_table(dir + "/mixed.db", rows);

  // Every good document: the same findings as when ingested alone.
  for (const GoodDocument& good : good_documents()) {
    const std::string alone_db = dir + "/alone-" + fs::path(good.pdf).stem().string() + ".db";
    auto a = run_kansa("ingest --pipeline text --db " + alone_db + " --municipality-code " +
                       good.code + " " + good.pdf);
    ASSERT_EQ(a.exit_code, 0) << a.output;
    const std::string file = fs::path(good.pdf).filename().string();
    const auto alone = exported_findings(alone_db, file);
    EXPECT_FALSE(alone.empty()) << file;
    EXPECT_EQ(exported_findings(dir + "/mixed.db", file), alone) << file;
  }
  fs::remove_all(dir);
}

// The same corpus through the default pipeline (an OCR stage for pages without a text
// layer), with a good scanned report after the bad files: a page whose image is over the
// image-pixel budget is refused before it is rendered (rendering would decode 1.6 G pixels),
// with the budget named. The inputs only the watchdog stops behave as with the text
// pipeline and are left out here.
TEST(BadInput, DefaultPipelineRunRefusesImagesOverBudgetAndKeepsGoodOnes) {
  const std::string dir = temp_dir("badinput-ocr");
  const std::vector<Expectation> bad = expectations(/*with_ocr=*/true);
  std::vector<Row> rows;
  for (const Expectation& e : bad)
    if (!e.needs_isolation) rows.push_back({fixture("bad/" + e.file), "", &e});
  rows.push_back({fixture("corpus/osaka-kenko-r5-scan/osaka-kenko-r5-scan.pdf"), "271004"});
  write_manifest(dir + "/manifest.csv", rows);
  auto r = run_kansa("ingest --db " + dir + "/default.db --manifest " + dir + "/manifest.csv" +
                     kLoadTolerantLimits);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  check_progress_lines(r.output, rows);
  check_status_table(dir + "/default.db", rows);
  EXPECT_NE(progress_line(r.output, rows.size(), rows.size()).find(", ocr"), std::string::npos)
      << r.output;
  fs::remove_all(dir);
}

// The inputs only a watchdog stops are listed, so that the worker mode is held to them.
TEST(BadInput, IsolationOnlyInputsWaitForTheWorkerMode) {
  size_t needing = 0;
  for (const auto& e : expectations()) needing += e.needs_isolation ? 1 : 0;
  EXPECT_GT(needing, 0u);
  if (!worker_mode_available()) {
    GTEST_SKIP() << needing << " bad input(s) need process isolation; `kansa ingest --help` "
                 << "offers no worker option yet, so the mixed run leaves them out";
  }
}

// The documents a database holds, by sha256, each with its findings (lines of the JSONL
// export; documents without findings have none).
std::map<std::string, std::multiset<std::string>> stored_documents(const std::string& db) {
  std::map<std::string, std::multiset<std::string>> out;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << db << ": " << sqlite3_errmsg(handle);
    sqlite3_close(handle);
    return out;
  }
  sqlite3_stmt* query = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(handle, "SELECT sha256 FROM documents", -1, &query, nullptr),
            SQLITE_OK);
  while (query != nullptr && sqlite3_step(query) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(query, 0))];
  sqlite3_finalize(query);
  sqlite3_close(handle);

  const std::string jsonl = db + ".jsonl";
  auto r = run_kansa("export --db " + db + " --format jsonl --out " + jsonl);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::istringstream in(read_file(jsonl));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const std::string sha = nlohmann::json::parse(line).at("document").at("sha256");
    EXPECT_TRUE(out.count(sha)) << "a finding of a document that is not stored: " << line;
    out[sha].insert(line);
  }
  return out;
}

// A file that changes while it is being read: a writer thread keeps rewriting the input in
// place (truncate, then write), cycling through two good reports (each left still for 20 ms)
// and the first half of one (rewritten after 0.2 ms), while `kansa ingest` runs on it. Each
// run must end by itself with 0 or 1 and report the document, and every document it stores
// must be one of the versions exactly: its sha256 the hash of that version and its findings
// those of that version ingested alone (under the same file name). A run that hashes one
// version and interprets another, or stores a torn mix of two, fails here.
TEST(BadInput, FileRewrittenWhileIngestedIsHandled) {
  const std::string dir = temp_dir("badinput-changing");
  const std::string target = dir + "/changing.pdf";
  const std::string a = read_file(good_documents()[0].pdf);
  const std::string b = read_file(good_documents()[1].pdf);
  const std::vector<std::string> versions{a, b, a.substr(0, a.size() / 2)};
  const std::vector<std::chrono::microseconds> still{std::chrono::microseconds(20000),
                                                     std::chrono::microseconds(20000),
                                                     std::chrono::microseconds(200)};

  // Each version alone: sha256 -> findings. The half report is not readable: not stored.
  std::map<std::string, std::multiset<std::string>> alone;
  for (size_t v = 0; v < versions.size(); ++v) {
    const std::string folder = dir + "/version" + std::to_string(v);
    fs::create_directories(folder);
    { std::ofstream(folder + "/changing.pdf", std::ios::binary) << versions[v]; }
    run_kansa("ingest --db " + folder + "/alone.db " + folder + "/changing.pdf");
    for (auto& [sha, findings] : stored_documents(folder + "/alone.db")) {
      EXPECT_FALSE(findings.empty()) << "version " << v;
      alone[sha] = findings;
    }
  }
  ASSERT_EQ(alone.size(), 2u) << "the two complete reports are stored alone, the half is not";

  { std::ofstream(target, std::ios::binary) << a; }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (size_t n = 0; !stop; ++n) {
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      out << versions[n % versions.size()];
      out.close();
      std::this_thread::sleep_for(still[n % versions.size()]);
    }
  });
  std::vector<kansa::testing::CommandResult> runs;
  for (int i = 0; i < 5; ++i) {
    const std::string db = dir + "/run" + std::to_string(i) + ".db";
    runs.push_back(run_kansa("ingest --retry-delay 0.05 --db " + db + " " + target));
  }
  stop = true;
  writer.join();

  size_t stored = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << "exit " << r.exit_code << "\n" << r.output;
    EXPECT_FALSE(progress_line(r.output, 1, 1).empty()) << r.output;
    const std::string db = dir + "/run" + std::to_string(i) + ".db";
    if (!fs::exists(db)) continue;
    for (const auto& [sha, findings] : stored_documents(db)) {
      ++stored;
      const auto version = alone.find(sha);
      ASSERT_NE(version, alone.end())
          << "run " << i << " stored a document whose sha256 is no version's\n"
          << r.output;
      // (Compared whole, reported by count: a finding's JSON is long.)
      EXPECT_TRUE(findings == version->second)
          << "run " << i << ": the findings are not those of the version its sha256 names ("
          << findings.size() << " stored, " << version->second.size() << " alone)\n"
          << r.output;
    }
  }
  // Complete versions stay still for 20 ms at a time, and a run takes its copy again when
  // a write overtakes it: runs do store documents, so the checks above are not vacuous.
  EXPECT_GT(stored, 0u);
  fs::remove_all(dir);
}

// The pdftext plugin's budgets, through the plugin itself: the limits are options, and an
// owner-password-only document is read like any other.
kansa_status extract_with(const std::vector<kansa_option>& options, const std::string& pdf,
                          std::string& text, std::string& message) {
  static const kansa_plugin_descriptor* d = [] {
    const std::string path = std::string(KANSA_BUILD_DIR) + "/plugins/kansa_pdftext.so";
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return static_cast<const kansa_plugin_descriptor*>(nullptr);
    auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(handle, KANSA_PLUGIN_ENTRY_SYMBOL));
    return entry != nullptr ? entry() : nullptr;
  }();
  if (d == nullptr) return KANSA_ERR_INTERNAL;
  void* instance = nullptr;
  kansa_error error{};
  if (kansa_status st = d->create(options.data(), options.size(), &instance, &error);
      st != KANSA_OK) {
    message = error.message;
    return st;
  }
  kansa_page_sink sink{};
  sink.host_ctx = &text;
  sink.begin_page = [](void*, int32_t, double, double, int32_t) { return KANSA_OK; };
  sink.add_span = [](void* ctx, const kansa_span* span) {
    *static_cast<std::string*>(ctx) += span->text;
    return KANSA_OK;
  };
  sink.add_rule = [](void*, const kansa_rule*) { return KANSA_OK; };
  sink.set_text_layer = [](void*, int32_t, const char*) { return KANSA_OK; };
  const kansa_status st = d->extract(instance, pdf.c_str(), &sink, &error);
  message = error.message;
  d->destroy(instance);
  return st;
}

TEST(BadInput, PdftextBudgetsAreOptions) {
  std::string text, message;
  EXPECT_EQ(extract_with({}, fixture("bad/huge-mediabox.pdf"), text, message), KANSA_ERR_RESOURCE)
      << message;
  EXPECT_NE(message.find("100000 x 100000"), std::string::npos) << message;
  text.clear();
  EXPECT_EQ(
      extract_with({{"max_page_side", "200000"}}, fixture("bad/huge-mediabox.pdf"), text, message),
      KANSA_OK)
      << message;
  EXPECT_NE(text.find("ordinarytext"), std::string::npos) << text;

  // A real report's pages and fonts are far inside the defaults, and inside much tighter
  // budgets too.
  const std::string report = good_documents()[1].pdf;
  EXPECT_EQ(extract_with({{"max_page_side", "1000"}, {"max_font_program_mb", "8"}}, report, text,
                         message),
            KANSA_OK)
      << message;
  EXPECT_EQ(extract_with({{"max_page_side", "500"}}, report, text, message), KANSA_ERR_RESOURCE);
  EXPECT_EQ(extract_with({{"max_font_program_mb", "0"}}, report, text, message),
            KANSA_ERR_INVALID_ARGUMENT);
}

TEST(BadInput, OwnerPasswordOnlyDocumentIsRead) {
  std::string text, message;
  ASSERT_EQ(extract_with({}, fixture("bad/encrypted-owner-only.pdf"), text, message), KANSA_OK)
      << message;
  EXPECT_NE(text.find("Badinputcorpus"), std::string::npos) << text;
  text.clear();
  EXPECT_EQ(extract_with({}, fixture("bad/encrypted-user-password.pdf"), text, message),
            KANSA_ERR_UNSUPPORTED);
}

}  // namespace
