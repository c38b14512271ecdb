#include "worker/pool.hpp"

#include <algorithm>
#include <chrono>

namespace kansa::worker {

Pool::Pool(const SupervisorOptions& options, int slots) {
  for (int i = 0; i < slots; ++i) slots_.push_back(std::make_unique<Slot>());
  // The Supervisor lives and dies on its slot's thread: a worker is started with
  // PR_SET_PDEATHSIG, which fires when the *thread* that forked it ends, so the worker must
  // be stopped before its thread returns.
  for (auto& slot : slots_)
    threads_.emplace_back([this, &s = *slot, options] { serve(s, options); });
}

Pool::~Pool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& slot : slots_)
      if ((slot->busy || slot->starting) && slot->supervisor != nullptr)
        slot->supervisor->interrupt();
  }
  work_.notify_all();
  for (auto& t : threads_) t.join();
}

int Pool::busy_slots() const {
  return static_cast<int>(
      std::count_if(slots_.begin(), slots_.end(), [](const auto& s) { return s->busy; }));
}

int Pool::idle() const {
  std::lock_guard lock(mutex_);
  return std::max(0, slots() - busy_slots() - static_cast<int>(queued_.size()));
}

int Pool::room() const {
  std::lock_guard lock(mutex_);
  return slots() - static_cast<int>(queued_.size());
}

void Pool::submit(std::size_t id, Job job) {
  {
    std::lock_guard lock(mutex_);
    queued_.emplace_back(id, std::move(job));
  }
  work_.notify_one();
}

Pool::Startup Pool::await_startup() {
  std::unique_lock lock(mutex_);
  started_.wait(lock, [this] { return plugins_ || start_errors_.size() == slots_.size(); });
  if (plugins_) return {*plugins_, std::nullopt};
  return {"", start_errors_.front()};
}

std::optional<PoolResult> Pool::wait(double timeout_s) {
  std::unique_lock lock(mutex_);
  const auto ready = [this] { return !results_.empty(); };
  if (timeout_s < 0) {
    // Forever only while a result can still come: a job queued or a slot busy (its result is
    // queued in the same step that frees the slot, so nothing queued, all idle and no result
    // means none will come).
    const auto pending = [this] { return !queued_.empty() || busy_slots() > 0; };
    results_ready_.wait(lock, [&] { return ready() || !pending(); });
    if (!ready()) return std::nullopt;
  } else if (!results_ready_.wait_for(lock, std::chrono::duration<double>(timeout_s), ready)) {
    return std::nullopt;
  }
  PoolResult r = std::move(results_.front());
  results_.pop_front();
  return r;
}

void Pool::serve(Slot& slot, SupervisorOptions options) {
  Supervisor supervisor(std::move(options));
  {
    std::lock_guard lock(mutex_);
    slot.supervisor = &supervisor;
    slot.starting = !stopping_;
  }
  // The worker sets itself up while the parent does the same. A worker that cannot start is
  // reported here once, and again by run() for the document that needed it.
  try {
    if (slot.starting) supervisor.start();
    std::lock_guard lock(mutex_);
    slot.starting = false;
    if (!plugins_) plugins_ = supervisor.plugins();
  } catch (const WorkerStartError& e) {
    std::lock_guard lock(mutex_);
    slot.starting = false;
    start_errors_.push_back(e);
  }
  started_.notify_all();
  for (;;) {
    std::pair<std::size_t, Job> job;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !queued_.empty(); });
      if (stopping_) {
        slot.supervisor = nullptr;
        return;
      }
      job = std::move(queued_.front());
      queued_.pop_front();
      slot.busy = true;
    }
    PoolResult r;
    r.id = job.first;
    r.started = std::chrono::steady_clock::now();
    try {
      r.result = supervisor.run(job.second);
    } catch (const WorkerStartError& e) {
      r.start_error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      slot.busy = false;
      results_.push_back(std::move(r));
    }
    results_ready_.notify_one();
  }
}

}  // namespace kansa::worker
