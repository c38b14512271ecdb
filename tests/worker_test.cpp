// Worker processes of `kansa ingest`: the sandbox, each way a worker can fail (on the real
// binary, made to misbehave through its test-only KANSA_WORKER_SIMULATE), recycling,
// budgets, retries of transient failures and the status table.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "kansa/pipeline.hpp"
#include "worker/budget.hpp"
#include "worker/extraction_codec.hpp"
#include "worker/pool.hpp"
#include "worker/sandbox.hpp"
#include "worker/supervisor.hpp"

using kansa::testing::fixture;
using kansa::testing::run_kansa;
using kansa::testing::ScopedEnv;
using kansa::testing::temp_dir;
namespace w = kansa::worker;

namespace {

const std::string kPdf = "corpus/osaka-kenko-r5/osaka-kenko-r5.pdf";  // 2 pages, 3 findings

w::SupervisorOptions options() {
  w::SupervisorOptions o;
  o.executable = std::string(KANSA_BUILD_DIR) + "/kansa-worker";
  o.pipeline = std::string(KANSA_PIPELINES_DIR) + "/default.toml";
  o.no_progress_timeout_s = 60;  // safety bound only, except where a test lowers it
  return o;
}

// A job for the file at `path`, open while this lives (as ingest keeps its copy open).
class OpenJob {
 public:
  explicit OpenJob(const std::string& path, std::optional<std::string> code = std::nullopt)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    job_ = {fd_, path, std::move(code), ""};
  }
  ~OpenJob() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenJob(const OpenJob&) = delete;
  OpenJob& operator=(const OpenJob&) = delete;
  const w::Job& job() const { return job_; }

 private:
  int fd_;
  w::Job job_;
};

w::JobResult run_one(const w::SupervisorOptions& o, const std::string& simulate) {
  ScopedEnv env("KANSA_WORKER_SIMULATE", simulate);
  w::Supervisor sup(o);
  return sup.run(OpenJob(fixture(kPdf)).job());
}

// Runs `body` in a forked child and returns its exit status (the child's verdict).
template <typename F>
int in_child(F body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

}  // namespace

TEST(WorkerSandbox, SocketFailsWithPermissionErrorInsideTheSandbox) {
  const std::string dir = temp_dir("sandbox-socket");
  // Outside the sandbox a socket can be made (the check below is not vacuous).
  const int outside = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(outside, 0);
  close(outside);
  const int verdict = in_child([&] {
    w::enter_sandbox(dir);
    for (int family : {AF_INET, AF_INET6, AF_UNIX}) {
      errno = 0;
      const int fd = socket(family, SOCK_STREAM, 0);
      if (fd >= 0 || (errno != EACCES && errno != EPERM)) return 1;
    }
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0) return 2;
    return 0;
  });
  EXPECT_EQ(verdict, 0);
}

TEST(WorkerSandbox, WritesOnlyBelowItsFolderWhenLandlockIsAvailable) {
  const std::string dir = temp_dir("sandbox-write");
  const std::string inside = dir + "/inside", outside = dir + "-outside";
  std::filesystem::create_directories(inside);
  std::filesystem::create_directories(outside);
  const int verdict = in_child([&] {
    const w::SandboxReport report = w::enter_sandbox(inside);
    const int in_fd = open((inside + "/ok").c_str(), O_WRONLY | O_CREAT, 0600);
    if (in_fd < 0) return 1;
    close(in_fd);
    if (!report.landlock) return 0;  // kernel without Landlock: nothing more to check
    const int out_fd = open((outside + "/no").c_str(), O_WRONLY | O_CREAT, 0600);
    return out_fd < 0 && errno == EACCES ? 0 : 2;
  });
  EXPECT_EQ(verdict, 0);
  EXPECT_FALSE(std::filesystem::exists(outside + "/no"));
}

TEST(Worker, ReadsADocumentAndReportsItsSandbox) {
  w::Supervisor sup(options());
  w::JobResult r = sup.run(OpenJob(fixture(kPdf), "271004").job());
  ASSERT_EQ(r.failure, w::Failure::None) << r.reason;
  EXPECT_EQ(r.extraction.findings.size(), 3u);
  EXPECT_EQ(r.pages, 2);
  EXPECT_EQ(r.extraction.document.municipality_code, "271004");
  EXPECT_NE(sup.sandbox().find("seccomp"), std::string::npos) << sup.sandbox();
}

TEST(Worker, TakesTheHashOfASealedCopyAndHashesAnyOtherFile) {
  const int sealed = kansa::testing::sealed_memfd(kansa::testing::read_file(fixture(kPdf)));
  ASSERT_GE(sealed, 0) << std::strerror(errno);
  std::string real;
  ASSERT_TRUE(kansa::pipeline::sha256_file(fixture(kPdf), real).is_ok());
  // Not the file's: which hash the result carries tells whether the worker hashed the file.
  const std::string given(64, 'a');

  w::Supervisor sup(options());
  w::JobResult from_sealed = sup.run({sealed, fixture(kPdf), std::nullopt, given});
  ::close(sealed);
  ASSERT_EQ(from_sealed.failure, w::Failure::None) << from_sealed.reason;
  EXPECT_EQ(from_sealed.extraction.document.sha256, given);

  OpenJob unsealed(fixture(kPdf));
  w::Job job = unsealed.job();
  job.sha256 = given;
  w::JobResult from_file = sup.run(job);
  ASSERT_EQ(from_file.failure, w::Failure::None) << from_file.reason;
  EXPECT_EQ(from_file.extraction.document.sha256, real);
}

TEST(Worker, IsReplacedAfterMaxDocuments) {
  w::SupervisorOptions o = options();
  o.max_docs_per_worker = 2;
  w::Supervisor sup(o);
  std::string first;
  for (int i = 0; i < 5; ++i) {
    w::JobResult r = sup.run(OpenJob(fixture(kPdf)).job());
    ASSERT_EQ(r.failure, w::Failure::None) << r.reason;
    const std::string dumped = w::extraction_to_json(r.extraction).dump();
    if (i == 0) first = dumped;
    EXPECT_EQ(dumped, first);  // a fresh worker gives the same result
  }
  EXPECT_EQ(sup.workers_started(), 3);
}

// The children of this process that have not been reaped (zombies included).
int child_processes() {
  int n = 0;
  const std::string self = std::to_string(getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, comm, state, ppid;
    if (stat >> pid >> comm >> state >> ppid && ppid == self) ++n;
  }
  return n;
}

// A worker whose resident memory is over recycle_rss_mb is replaced after its document,
// whatever max_docs_per_worker says; under it, one worker serves them all.
TEST(Worker, IsReplacedWhenItsMemoryIsOverTheLimit) {
  for (const int limit_mb : {1, 4096}) {
    w::SupervisorOptions o = options();
    o.recycle_rss_mb = limit_mb;  // a worker that read a document holds over 1 MB
    w::Supervisor sup(o);
    for (int i = 0; i < 4; ++i) {
      w::JobResult r = sup.run(OpenJob(fixture(kPdf)).job());
      ASSERT_EQ(r.failure, w::Failure::None) << r.reason;
    }
    EXPECT_EQ(sup.workers_started(), limit_mb == 1 ? 4 : 1) << limit_mb << " MB";
  }
}

// A prestarted worker is the one that reads the first document; replaced workers are left to
// exit on their own and reaped, none is left behind.
TEST(Worker, PrestartedWorkerServesAndReplacedOnesAreReaped) {
  const int before = child_processes();
  {
    w::SupervisorOptions o = options();
    o.max_docs_per_worker = 1;
    w::Supervisor sup(o);
    sup.prestart();
    sup.prestart();  // one at a time
    EXPECT_EQ(sup.workers_started(), 1);
    EXPECT_EQ(child_processes(), before + 1);
    for (int i = 0; i < 3; ++i) {
      w::JobResult r = sup.run(OpenJob(fixture(kPdf)).job());
      ASSERT_EQ(r.failure, w::Failure::None) << r.reason;
      EXPECT_EQ(sup.workers_started(), i + 1);
    }
    // The last one is retired too; each earlier one was reaped by the next run, or is
    // still exiting: at most two children besides.
    EXPECT_LE(child_processes(), before + 2);
  }
  EXPECT_EQ(child_processes(), before) << "the destructor reaps every worker";
}

// A worker that cannot start fails run() with the reason, also when it was prestarted.
TEST(Worker, PrestartOfAMissingBinaryIsReportedByRun) {
  w::SupervisorOptions o = options();
  o.executable = "/nonexistent/kansa";
  w::Supervisor sup(o);
  sup.prestart();
  try {
    sup.run(OpenJob(fixture(kPdf)).job());
    FAIL() << "a missing worker binary ran";
  } catch (const w::WorkerStartError& e) {
    EXPECT_STREQ(e.what(),
                 "cannot run the worker binary /nonexistent/kansa: No such file or directory");
  }
}

// A worker whose set-up fails (here a pipeline naming a plugin that does not exist) sends
// its reason to the parent, which puts it in the start error, and prints nothing itself: the
// parent reports a bad pipeline once, however many workers were started.
TEST(Worker, SetUpFailureIsSentToTheParentNotPrinted) {
  const std::string dir = temp_dir("worker-setup-error");
  const std::string pipeline = dir + "/bad.toml";
  {
    std::ofstream(pipeline) << "name = \"bad\"\ndescription = \"x\"\n[[stage]]\nplugin = "
                               "\"nosuchplugin\"\n";
  }
  w::SupervisorOptions o = options();
  o.pipeline = pipeline;
  const std::string printed = dir + "/stderr.txt";
  const int saved = dup(2);
  const int file = open(printed.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(file, 0);
  dup2(file, 2);
  std::string reason;
  {
    w::Supervisor sup(o);
    sup.prestart();
    try {
      sup.run(OpenJob(fixture(kPdf)).job());
    } catch (const w::WorkerStartError& e) {
      reason = e.what();
    }
  }
  dup2(saved, 2);
  close(saved);
  close(file);
  EXPECT_NE(reason.find("plugin 'nosuchplugin' is not loaded"), std::string::npos) << reason;
  std::ifstream in(printed);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("nosuchplugin"), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

TEST(Worker, CrashFailsTheDocumentPermanentlyWithTheSignal) {
  w::JobResult r = run_one(options(), "crash");
  EXPECT_EQ(r.failure, w::Failure::Permanent);
  EXPECT_EQ(r.reason, "crashed: SIGABRT");
}

TEST(Worker, HangIsStoppedByTheNoProgressTimeout) {
  w::SupervisorOptions o = options();
  o.no_progress_timeout_s = 1;
  w::JobResult r = run_one(o, "hang");
  EXPECT_EQ(r.failure, w::Failure::Permanent);
  EXPECT_EQ(r.reason, "timeout: no progress for 1 s");
}

TEST(Worker, BusyLoopIsStoppedByTheCpuLimit) {
  w::SupervisorOptions o = options();
  o.cpu_seconds = 1;
  w::JobResult r = run_one(o, "spin");
  EXPECT_EQ(r.failure, w::Failure::Permanent);
  EXPECT_EQ(r.reason, "limit: CPU time (1 s)");
}

TEST(Worker, RunawayAllocationHitsTheAddressSpaceLimit) {
  if (!w::address_space_limit_supported()) GTEST_SKIP() << "no RLIMIT_AS under ASan";
  w::SupervisorOptions o = options();
  o.limits.memory_mb = 512;
  w::JobResult r = run_one(o, "allocate");
  EXPECT_EQ(r.failure, w::Failure::Permanent);
  EXPECT_EQ(r.reason, "limit: address space (512 MB)");
}

TEST(Worker, KillFromOutsideIsTransient) {
  w::JobResult r = run_one(options(), "sigkill");
  EXPECT_EQ(r.failure, w::Failure::Transient);
  EXPECT_NE(r.reason.find("SIGKILL"), std::string::npos) << r.reason;
}

TEST(Worker, SocketInsideTheWorkerIsRefused) {
  w::JobResult r = run_one(options(), "socket");
  EXPECT_EQ(r.reason, "socket: Permission denied");
}

// Jobs wait in the pool's queue, one per slot, and are taken by the slots themselves.
TEST(WorkerPool, JobsQueuedBeforeAnyWorkerIsReadyAreAllRunAndAwaited) {
  w::Pool pool(options(), 2);  // its workers are still setting themselves up
  EXPECT_EQ(pool.room(), 2);
  EXPECT_EQ(pool.idle(), 2);
  OpenJob a(fixture(kPdf)), b(fixture(kPdf));
  pool.submit(7, a.job());
  pool.submit(8, b.job());
  EXPECT_EQ(pool.idle(), 0);  // both slots have a job, taken or not
  std::vector<std::size_t> ids;
  // Waiting with no limit must not give up while a job is only queued, no slot busy yet.
  for (int i = 0; i < 2; ++i) {
    std::optional<w::PoolResult> r = pool.wait(-1);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->result.failure, w::Failure::None) << r->result.reason;
    EXPECT_EQ(r->result.pages, 2);
    ids.push_back(r->id);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::size_t>{7, 8}));
  EXPECT_FALSE(pool.wait(-1).has_value());  // nothing queued, nothing running
  EXPECT_EQ(pool.room(), 2);
  EXPECT_EQ(pool.idle(), 2);
}

TEST(WorkerPool, ASlotTakesTheNextQueuedJobOnceItsWorkerIsFree) {
  w::Pool pool(options(), 1);
  ASSERT_FALSE(pool.await_startup().error);
  OpenJob a(fixture(kPdf)), b(fixture(kPdf));
  pool.submit(0, a.job());
  while (pool.room() == 0) std::this_thread::yield();  // the slot took the first
  const auto queued_at = std::chrono::steady_clock::now();
  pool.submit(1, b.job());
  std::optional<w::PoolResult> first = pool.wait(-1);
  std::optional<w::PoolResult> second = pool.wait(-1);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id, 0u);
  EXPECT_EQ(second->id, 1u);
  EXPECT_EQ(second->result.failure, w::Failure::None) << second->result.reason;
  // Taken after it was queued and after the first began (one worker).
  EXPECT_GE(second->started, queued_at);
  EXPECT_GT(second->started, first->started);
}

TEST(Worker, ExtractionSurvivesTheRoundTripExactly) {
  kansa::Extraction e;
  e.document.sha256 = "ab";
  e.document.file = "x.pdf";
  e.document.pages = 3;
  e.document.audit_fiscal_year = 2023;
  e.document.title = "監査結果";
  e.document.field_confidence = {{"title", 0.1 + 0.2}, {"theme", NAN}};
  kansa::Finding f;
  f.ordinal = 1;
  f.ref = "(1)";
  f.report_pages = {4, 5};
  f.source.pages = {1};
  f.confidence = 1.0 / 3;
  kansa::Measure m;
  m.status = "taken";
  m.date = "2024-03-31";
  m.confidence = 0.7;
  f.measures.push_back(m);
  e.findings.push_back(f);
  const kansa::Extraction back = w::extraction_from_json(w::extraction_to_json(e));
  EXPECT_EQ(w::extraction_to_json(back), w::extraction_to_json(e));
  EXPECT_EQ(back.findings[0].confidence, 1.0 / 3);
  EXPECT_EQ(back.document.field_confidence.at("title"), 0.1 + 0.2);
  EXPECT_TRUE(std::isnan(back.document.field_confidence.at("theme")));
  EXPECT_FALSE(back.document.municipality.has_value());
  EXPECT_EQ(back.findings[0].measures[0].date, "2024-03-31");
}

TEST(Budget, RefusesOversizedFilesFromTheFileAlone) {
  EXPECT_EQ(w::precheck_file(fixture("no-such-file.pdf"), 200).rfind("cannot read", 0), 0u);
  EXPECT_EQ(w::precheck_file(fixture(kPdf), 200), "");
  EXPECT_EQ(w::precheck_file(fixture(kPdf), 0).rfind("budget: file is 1 MB", 0), 0u);
}

TEST(IngestWorkers, PageBudgetRefusesTheDocumentAndStoresNothing) {
  const std::string dir = temp_dir("pagebudget");
  auto r = run_kansa("ingest --db " + dir + "/k.db --max-pages 1 " + fixture(kPdf));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("exceed max_pages = 1"), std::string::npos) << r.output;
  auto s = run_kansa("status --db " + dir + "/k.db --failed");
  EXPECT_NE(s.output.find("failed_permanent"), std::string::npos) << s.output;
  ASSERT_EQ(run_kansa("export --db " + dir + "/k.db --out " + dir + "/o.jsonl").exit_code, 0);
  EXPECT_EQ(kansa::testing::read_file(dir + "/o.jsonl"), "");
}

// Ingest hands the worker a private copy of each file (see cli/input_snapshot.hpp): a FIFO
// named .pdf is refused without waiting for a writer, the copies are gone after the run, and
// copy folders left by a killed run (its process gone) are removed by the next run, while a
// live process's are left alone.
TEST(IngestWorkers, ReadsAPrivateCopyOfEachFileAndRemovesStaleCopies) {
  namespace fs = std::filesystem;
  const std::string dir = temp_dir("snapshots");
  const std::string tmp = dir + "/tmp";
  fs::create_directories(tmp);
  ASSERT_EQ(mkfifo((dir + "/pipe.pdf").c_str(), 0600), 0);

  const pid_t gone = fork();  // a process id that no longer runs
  if (gone == 0) _exit(0);
  ASSERT_GT(gone, 0);
  waitpid(gone, nullptr, 0);
  const fs::path stale = fs::path(tmp) / ("kansa-input-" + std::to_string(gone) + "-abcdef");
  const fs::path live = fs::path(tmp) / ("kansa-input-" + std::to_string(getpid()) + "-abcdef");
  fs::create_directories(stale);
  fs::create_directories(live);
  std::ofstream(stale / "left.pdf") << "%PDF-1.4";

  auto r = kansa::testing::run_shell("TMPDIR=" + tmp + " " + std::string(KANSA_BUILD_DIR) +
                                     "/kansa ingest --db " + dir + "/k.db " + dir + "/pipe.pdf " +
                                     fixture(kPdf) + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("pipe.pdf: FAILED: cannot read: not a regular file"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("3 findings"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(tmp)) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{live.filename().string()});

  // The file-size budget, before anything is copied.
  std::ofstream(dir + "/big.pdf") << std::string(1536 << 10, ' ');
  auto over = run_kansa("ingest --db " + dir + "/k2.db --max-file-mb 1 " + dir + "/big.pdf");
  EXPECT_EQ(over.exit_code, 1) << over.output;
  EXPECT_NE(over.output.find("budget: file is 2 MB, over the budget of 1 MB (--max-file-mb)"),
            std::string::npos)
      << over.output;
  fs::remove_all(dir);
}

TEST(IngestWorkers, TransientFailureIsRetriedAndEveryAttemptRecorded) {
  const std::string dir = temp_dir("retries");
  {
    ScopedEnv env("KANSA_WORKER_SIMULATE", "sigkill");
    auto r = run_kansa("ingest --db " + dir + "/k.db --retries 2 --retry-delay 0 " + fixture(kPdf));
    EXPECT_EQ(r.exit_code, 1) << r.output;
  }
  auto all = run_kansa("status --db " + dir + "/k.db --all");
  ASSERT_EQ(all.exit_code, 0) << all.output;
  EXPECT_NE(all.output.find("3 attempts: 3 failed_transient"), std::string::npos) << all.output;
  // The same file again, with workers that behave: stored, and the status shows it.
  auto ok = run_kansa("ingest --db " + dir + "/k.db " + fixture(kPdf));
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  auto last = run_kansa("status --db " + dir + "/k.db");
  EXPECT_NE(last.output.find("1 files: 1 stored"), std::string::npos) << last.output;
  EXPECT_EQ(run_kansa("status --db " + dir + "/k.db --failed").output.find("failed_"),
            std::string::npos);
}

TEST(IngestWorkers, CrashFailsOneDocumentAndTheRunGoesOn) {
  const std::string dir = temp_dir("crashrun");
  ScopedEnv env("KANSA_WORKER_SIMULATE", "crash");
  auto r = run_kansa("ingest --db " + dir + "/k.db " + fixture(kPdf) + " " +
                     fixture("generated/status-report-s109-02/status-report-s109-02.pdf"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("[2/2]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FAILED: crashed: SIGABRT"), std::string::npos) << r.output;
}
