// The worker pool of `kansa ingest --jobs N`: N slots, each a thread that owns one Supervisor
// (so one worker process at a time, with its limits, watchdog and recycling) and runs jobs
// from the pool's queue. The parent's thread hands out jobs and collects the results; it alone
// touches the database. Supervisors block while their worker reads a document, which is why
// each has its own thread; they share nothing but the two queues.
//
// Jobs wait in one queue, up to one per slot: a slot whose worker finishes takes the next at
// once, without a round trip through the parent's thread (which may be writing a document or
// copying the next). Waiting for that thread cost each worker 0.3-4 ms per document, a sixth
// of a run on small text documents. One queue, not one per slot: whichever slot frees first
// takes the next job, so a long document holds up none queued behind it.
#pragma once

#include <chrono>
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
  // When a slot took the job from the queue: the document's time is its worker's, not its
  // wait in the queue.
  std::chrono::steady_clock::time_point started;
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
  // Slots without a job, counting those the queued jobs will take: the cores free to lend.
  int idle() const;
  // Jobs submit() takes now: the queue holds at most one per slot.
  int room() const;

  // The first worker's set-up, waited for: the plugins it loaded (Supervisor::plugins()), or,
  // when no slot's worker could start, the first slot's failure.
  struct Startup {
    std::string plugins;
    std::optional<WorkerStartError> error;
  };
  Startup await_startup();

  // Queues `job` for the first slot free. Requires room() > 0.
  void submit(std::size_t id, Job job);

  // The next result, waiting at most `timeout_s` (when negative: until a result comes, or
  // at once when no slot is busy and none is queued). Nullopt when there is none.
  std::optional<PoolResult> wait(double timeout_s);

 private:
  struct Slot {
    bool busy = false;                 // running a job taken from the queue
    bool starting = false;             // its first worker is setting itself up
    Supervisor* supervisor = nullptr;  // while the thread runs
  };
  void serve(Slot& slot, SupervisorOptions options);
  int busy_slots() const;  // with mutex_ held

  mutable std::mutex mutex_;
  std::deque<std::pair<std::size_t, Job>> queued_;
  std::condition_variable work_;  // a job queued, or stopping
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
