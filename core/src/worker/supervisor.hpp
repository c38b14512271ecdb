// The parent side of the worker processes: starts `kansa-worker` (fork + exec), hands it one
// document at a time over a Unix socket (the file travels as a descriptor), watches it with two
// timeouts, and turns every way a worker can end (answer, crash, hang, limit, outside kill) into a
// result with a reason and a failure class. The parent alone writes to the database.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kansa/model.hpp"
#include "worker/protocol.hpp"
#include "worker/sandbox.hpp"

namespace kansa::worker {

struct SupervisorOptions {
  std::string executable;  // the kansa-worker binary
  std::string pipeline = "default";
  Limits limits;
  int max_pages = 2000;   // page budget (passed to the worker)
  int cpu_seconds = 600;  // RLIMIT_CPU budget per document
  double no_progress_timeout_s = 60;
  double timeout_base_s = 30;  // total per document: base + per_page * pages seen
  double timeout_per_page_s = 10;
  // A worker is replaced after this many documents, or sooner once its resident memory
  // exceeds recycle_rss_mb (a document that leaves memory behind). A replacement costs about
  // 30 ms of set-up: for small text documents, every 20 had cost a tenth of the run.
  int max_docs_per_worker = 100;
  int recycle_rss_mb = 1024;
  double startup_timeout_s = 120;  // from exec to the worker's "ready"
  // One document spread over threads (the OCR stage's pages): at most `threads` at once, the
  // extra ones only while holding a token from the pipe whose ends are given here
  // (core_tokens.hpp; inherited by the worker). Without the pipe, one thread.
  int threads = 1;
  int tokens_read_fd = -1, tokens_write_fd = -1;
};

enum class Failure {
  None,
  Permanent,  // the document itself: not a PDF, encrypted, over a budget, crash, hang, limit
  Transient,  // the machine: killed from outside (OOM killer, operator), worker lost
};

// One document for a worker: the open file it reads (borrowed: the caller keeps it open
// until run() returns; the worker gets its own copy of the descriptor) and the input's name.
struct Job {
  int fd = -1;
  std::string name;  // the input as given: errors name it; its last component is the file
  std::optional<std::string> municipality_code;
  // The SHA-256 of what `fd` holds, when the parent knows it (its copy, hashed as written):
  // a worker given a sealed copy takes it rather than hashing the file again.
  std::string sha256;
};

struct JobResult {
  Failure failure = Failure::None;
  std::string reason;     // why it failed; empty on success
  Extraction extraction;  // on success
  int pages = 0;          // pages read (on success) or reported before the failure
  std::string method;     // text | ocr | mixed, on success
};

// Thrown when a worker cannot be started or dies before it is ready (a set-up failure:
// binary, plugins, pipeline or sandbox).
class WorkerStartError : public std::runtime_error {
 public:
  explicit WorkerStartError(const std::string& what, std::string worker_reason = "")
      : std::runtime_error(what), worker_reason_(std::move(worker_reason)) {}
  // What the worker itself said of its failed set-up (what its open_session printed), when
  // it said anything.
  const std::string& worker_reason() const { return worker_reason_; }

 private:
  std::string worker_reason_;
};

class Supervisor {
 public:
  explicit Supervisor(SupervisorOptions options);
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // Starts a worker now, if there is none, without waiting for it: it sets itself up (about
  // 30 ms: plugins, vocabulary, municipalities) while the caller does other work, and run()
  // waits for its "ready". A worker that cannot be started is left for run() to report.
  void prestart();
  // Starts a worker if there is none and waits for its "ready"; throws WorkerStartError.
  void start();

  // Runs one document in a worker (started on demand). Never throws for a document's
  // failure; throws WorkerStartError when no worker can be started.
  JobResult run(const Job& job);

  // Kills the worker now, from any thread: the document it reads fails (transiently, as a
  // kill from outside) and run() returns. For a run that is being abandoned.
  void interrupt();

  // The sandbox the last worker reported ("no_new_privs, seccomp, ...").
  const std::string& sandbox() const { return sandbox_; }
  // The plugins the last worker loaded, as a JSON array of {name, version} in stage order.
  const std::string& plugins() const { return plugins_; }
  // Workers started so far (recycling and failures start new ones).
  int workers_started() const { return workers_started_; }

 private:
  struct Worker {
    pid_t pid = -1;
    int to_fd = -1, from_fd = -1;
    std::string folder;  // its private temporary folder
    int jobs = 0;
    bool ready = false;  // its "ready" message was read
    FrameBuffer frames;
  };
  using Clock = std::chrono::steady_clock;

  void spawn();        // fork + exec of a worker; throws WorkerStartError
  void await_ready();  // reads its "ready"; throws WorkerStartError (the worker is stopped)
  // Ends the current worker: closes its input and waits a little, then SIGKILL. Returns its
  // wait status, if it was reaped.
  std::optional<int> stop(bool kill_now);
  // Ends the current, healthy worker without waiting for it to exit (a recycled worker:
  // the document's result is not held back by its exit); reaped by reap_retired.
  void retire();
  // Reaps the retired workers that have exited; with `wait`, all of them (SIGKILL after a
  // while, as stop()).
  void reap_retired(bool wait);
  // Closes the parent's end of a reaped worker's output and removes its folder.
  static void release(Worker& reaped);
  // Whether the worker should be replaced after the document it just read.
  bool worn_out() const;
  std::optional<nlohmann::json> next_message(Clock::time_point deadline, bool& eof);
  JobResult worker_died(const JobResult& partial, bool limit_noted);

  SupervisorOptions options_;
  std::optional<Worker> worker_;
  std::vector<Worker> retired_;  // input closed, not yet reaped
  std::mutex live_mutex_;        // guards live_pid_: interrupt() may come from another thread
  pid_t live_pid_ = -1;          // the worker, until it is being reaped
  std::string sandbox_, plugins_;
  int workers_started_ = 0;
};

// "SIGABRT" for SIGABRT, "signal 77" for an unnamed one.
std::string signal_name(int sig);

}  // namespace kansa::worker
