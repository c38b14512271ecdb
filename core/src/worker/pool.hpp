// The worker pool of `kansa ingest --jobs N`: N slots, each a thread that owns one Supervisor
// (so one worker process at a time, with its limits, watchdog and recycling) and runs the jobs
// handed to it. The parent's thread hands out jobs and collects the results; it alone touches
// the database. Supervisors block while their worker reads a document, which is why each has
// its own thread; they share nothing but the result queue.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "worker/supervisor.hpp"

namespace kansa::worker {

struct PoolResult {
  std::size_t id = 0;  // as given to submit()
  JobResult result;
  std::string start_error;  // a worker could not be started (WorkerStartError); result unset
};

class Pool {
 public:
  // Starts `slots` threads, each starting its worker at once and waiting for it to be ready
  // (not on its first job, so that workers set themselves up while the parent does). The
  // options are the same for every slot.
  Pool(const SupervisorOptions& options, int slots);
  // Stops every worker (each slot's Supervisor ends its worker; one still reading a document,
  // in a run being abandoned, is killed) and joins the threads.
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  int slots() const { return static_cast<int>(slots_.size()); }
  int idle() const;  // slots without a job

  // The first worker's set-up, waited for: the plugins it loaded (Supervisor::plugins()), or,
  // when no slot's worker could start, the first slot's failure.
  struct Startup {
    std::string plugins;
    std::optional<WorkerStartError> error;
  };
  Startup await_startup();

  // Hands `job` to an idle slot. Requires idle() > 0.
  void submit(std::size_t id, Job job);

  // The next result, waiting at most `timeout_s` (when negative: until a result comes, or
  // at once when no slot is busy and none is queued). Nullopt when there is none.
  std::optional<PoolResult> wait(double timeout_s);

 private:
  struct Slot {
    std::optional<std::pair<std::size_t, Job>> job;  // set by submit, taken by the thread
    bool busy = false;
    bool starting = false;             // its first worker is setting itself up
    Supervisor* supervisor = nullptr;  // while the thread runs
    std::condition_variable wake;
  };
  void serve(Slot& slot, SupervisorOptions options);

  mutable std::mutex mutex_;
  std::condition_variable results_ready_;
  std::condition_variable started_;             // a slot's worker is ready, or could not start
  std::optional<std::string> plugins_;          // from the first worker ready
  std::vector<WorkerStartError> start_errors_;  // one per slot whose worker could not start
  std::deque<PoolResult> results_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<std::thread> threads_;
};

}  // namespace kansa::worker
