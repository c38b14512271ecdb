#include "cli/ingest_batch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/input_snapshot.hpp"
#include "cli/page_routes_view.hpp"
#include "cli/prefetch.hpp"
#include "cli/progress_reporter.hpp"
#include "cli/setup.hpp"
#include "kansa/pipeline.hpp"
#include "worker/budget.hpp"
#include "worker/core_tokens.hpp"
#include "worker/pool.hpp"

namespace kansa::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// One input document through its attempts. Its rows and lines wait here until every document
// before it is written.
struct Doc {
  enum class End { Refused, Unchanged, Read, Failed, Error };
  const Input* in = nullptr;
  store::IngestAttempt row;  // the attempt under way, then the last one
  Clock::time_point started;
  std::vector<store::IngestAttempt> retried;  // failed attempts before the last, in order
  std::vector<RetryReport> retry_reports;     // what the progress says of them
  std::optional<Clock::time_point> retry_at;  // waiting for a retry, or for a claim
  bool claimed = false;         // holds the store's claim on its sha256 (see claim_or_wait)
  bool awaiting_claim = false;  // another run holds it: looked at again at retry_at
  bool running = false, done = false;
  End end = End::Error;
  worker::JobResult result;  // End::Read
  // The private copy the worker reads (see input_snapshot.hpp), kept for retries.
  std::unique_ptr<InputSnapshot> copy;
  std::string detail;
  double elapsed = 0;

  // At `at`: when a worker began it (not when it was queued for one).
  void begin_attempt(Clock::time_point at = Clock::now()) {
    started = at;
    const auto ago =
        std::chrono::duration_cast<std::chrono::system_clock::duration>(Clock::now() - at);
    row.started_at = utc_timestamp(std::chrono::system_clock::now() - ago);
  }
  void finish(const std::string& status, const std::string& reason) {
    row.status = status;
    row.reason = reason;
    row.finished_at = utc_timestamp();
    row.duration_s = elapsed = seconds_since(started);
  }
  void end_with(End how, std::string why) {
    end = how;
    detail = std::move(why);
    done = true;
  }
};

class Batch {
 public:
  Batch(const std::vector<Input>& inputs, OpeningStore& db, BatchWorkers& workers,
        const BatchSettings& settings)
      : inputs_(inputs),
        opening_(db),
        settings_(settings),
        docs_(inputs.size()),
        tokens_(workers.tokens()),
        pool_(&workers.pool()) {
    reporter_ = make_progress_reporter(settings.reporting, inputs.size());
    // Results wait in memory until the documents before them are written: a few per job.
    window_ = 4 * static_cast<std::size_t>(settings.jobs);
    if (settings.data_folder != nullptr)
      prefetch_ = std::make_unique<Prefetcher>(inputs, *settings.data_folder, settings.fetch,
                                               settings.fetch_jobs, window_);
  }

  int run();

 private:
  bool prepare(std::size_t i);
  bool copy(std::size_t i);
  bool settle_if_stored(Doc& d);
  bool claim_or_wait(Doc& d);
  void copy_first();
  void on_result(worker::PoolResult& r);
  void commit(Doc& d, std::size_t i);
  DocumentReport report(const Doc& d, std::size_t i, const std::string& status,
                        const std::string& detail, const std::string& note) const;
  std::optional<std::size_t> due_retry() const;
  double wait_limit() const;
  void submit_ready();
  void prepare_ahead();
  void commit_done();

  const std::vector<Input>& inputs_;
  OpeningStore& opening_;
  store::Store* db_ = nullptr;  // once opening_ is done
  BatchSettings settings_;
  std::vector<Doc> docs_;
  worker::CoreTokens* tokens_;  // null with one job
  worker::Pool* pool_;
  std::unique_ptr<ProgressReporter> reporter_;
  std::unique_ptr<Prefetcher> prefetch_;  // URL inputs (null when there are none)
  std::size_t window_ = 4;
  std::size_t next_ = 0, head_ = 0;  // next to start; first not yet written
  // Prepared (copied, hashed, claimed) and waiting for a worker: a worker that finishes gets
  // its next document at once, not after the parent has written the last one and copied
  // the next (which, for small text documents, left workers idle a tenth of the time).
  std::deque<std::size_t> ready_;
  std::vector<std::size_t> copied_;  // copied before the database was open, not yet checked
  std::size_t stored_ = 0, unchanged_ = 0, failed_ = 0, findings_ = 0;
  std::string plugins_;  // the workers' plugin versions, for the status rows
};

// Checks that need no worker, on the parent's side: the file's hash (a document already
// stored is not read again) and size. True when the document goes to a worker.
bool Batch::prepare(std::size_t i) {
  return copy(i) && settle_if_stored(docs_[i]) && claim_or_wait(docs_[i]);
}

// The document's private copy and its hash (a URL's download first, when it is one). False
// when it is settled without a worker: refused, or a download already stored.
bool Batch::copy(std::size_t i) {
  Doc& d = docs_[i];
  const Input& in = inputs_[i];
  d.in = &in;
  d.row.run_id = settings_.run_id;
  d.row.path = in.path;
  d.row.file = input_file_name(in);
  d.row.attempt = 1;
  d.begin_attempt();
  try {
    std::string source = in.path;
    if (in.is_remote()) {
      // Downloaded into the data folder (or not modified since): a failure is the document's;
      // bytes already stored are not read again.
      const fetch::FetchResult fetched = prefetch_->take(i);
      if (fetched.outcome == fetch::FetchResult::Outcome::Failed) {
        d.finish(fetched.transient ? "failed_transient" : "failed_permanent", fetched.reason);
        d.end_with(Doc::End::Refused, fetched.reason);
        return false;
      }
      if (!fetched.sha256.empty() && db_->has_document(fetched.sha256)) {
        d.row.sha256 = fetched.sha256;
        d.finish("unchanged", "");
        d.end_with(Doc::End::Unchanged, fetched.outcome == fetch::FetchResult::Outcome::NotModified
                                            ? "not modified (HTTP 304), already stored"
                                            : "already stored, unchanged");
        return false;
      }
      source = fetched.local_path;
    }
    // The worker reads a private copy, hashed while it was made: the stored sha256 is that
    // of the bytes interpreted, even when the file changes meanwhile.
    d.copy = std::make_unique<InputSnapshot>();
    std::string refusal;
    const auto taken = d.copy->take(source, settings_.max_file_mb, refusal);
    d.row.sha256 = d.copy->sha256();
    if (!refusal.empty()) {
      // A file that kept changing while copied may be complete next run: transient.
      const bool transient = taken == InputSnapshot::Outcome::Transient;
      d.copy.reset();
      d.finish(transient ? "failed_transient" : "failed_permanent", refusal);
      d.end_with(Doc::End::Refused, refusal);
      return false;
    }
  } catch (const std::exception& e) {
    d.elapsed = seconds_since(d.started);
    d.end_with(Doc::End::Error, std::string("error: ") + e.what());
    return false;
  }
  return true;
}

// A copied document whose bytes are stored already is settled without a worker: unchanged.
bool Batch::settle_if_stored(Doc& d) {
  try {
    if (!db_->has_document(d.row.sha256)) return true;
  } catch (const std::exception& e) {
    d.copy.reset();
    d.elapsed = seconds_since(d.started);
    d.end_with(Doc::End::Error, std::string("error: ") + e.what());
    return false;
  }
  d.copy.reset();
  d.finish("unchanged", "");
  d.end_with(Doc::End::Unchanged, "already stored, unchanged");
  return false;
}

// Before the database is open (its first open writes the schema and syncs), the first local
// documents are copied and hashed: their workers then start at once. Their check against the
// database follows in run().
void Batch::copy_first() {
  const std::size_t n = inputs_.size(), first = 2 * static_cast<std::size_t>(settings_.jobs);
  while (next_ < n && next_ < first && !inputs_[next_].is_remote()) {
    const std::size_t i = next_++;
    if (copy(i)) copied_.push_back(i);
  }
}

// Another run (on another machine) writing to the same database may be reading the same
// bytes: only the run holding the store's claim reads them. A document claimed elsewhere
// waits, looked at again every kClaimPollSeconds without a worker: stored by then, it is
// unchanged; released unstored (that run failed on it, or died), this run reads it. True
// when the document goes to a worker.
constexpr double kClaimPollSeconds = 0.5;

bool Batch::claim_or_wait(Doc& d) {
  try {
    if (d.awaiting_claim && db_->has_document(d.row.sha256)) {
      d.awaiting_claim = false;
      d.copy.reset();
      d.finish("unchanged", "stored by another run");
      d.end_with(Doc::End::Unchanged, "already stored by another run, unchanged");
      return false;
    }
    if (!db_->claim(d.row.sha256)) {
      d.awaiting_claim = true;
      d.retry_at = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(kClaimPollSeconds));
      return false;
    }
    d.claimed = true;
    d.awaiting_claim = false;
    return true;
  } catch (const std::exception& e) {
    d.copy.reset();
    d.awaiting_claim = false;
    d.elapsed = seconds_since(d.started);
    d.end_with(Doc::End::Error, std::string("error: ") + e.what());
    return false;
  }
}

void Batch::on_result(worker::PoolResult& r) {
  Doc& d = docs_[r.id];
  d.running = false;
  d.begin_attempt(r.started);
  checked_against_copy(r.result, *d.copy);
  d.row.pages = r.result.pages;
  if (r.result.failure == worker::Failure::None) {
    apply_input_fields(*d.in, r.result.extraction.document);
    d.finish("", "");
    d.row.sha256 = r.result.extraction.document.sha256;
    d.result = std::move(r.result);
    d.copy.reset();
    d.end_with(Doc::End::Read, "");
    return;
  }
  const bool transient = r.result.failure == worker::Failure::Transient;
  d.finish(transient ? "failed_transient" : "failed_permanent", r.result.reason);
  if (!transient || d.row.attempt > settings_.retries) {
    d.copy.reset();
    d.end_with(Doc::End::Failed, r.result.reason);
    return;
  }
  d.retry_reports.push_back(
      {r.id, d.in->path, d.row.file, d.row.attempt, r.result.reason, d.elapsed});
  d.retried.push_back(d.row);
  ++d.row.attempt;
  d.retry_at = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(settings_.retry_delay_s));
}

// Writes a finished document's rows (in one transaction when it was read) and prints its
// lines. Runs in input order.
void Batch::commit(Doc& d, std::size_t i) {
  enum class Outcome { Stored, Unchanged, Failed } outcome = Outcome::Failed;
  std::string detail = d.detail, note;
  d.row.plugins = plugins_;
  for (store::IngestAttempt& failed : d.retried) failed.plugins = plugins_;
  try {
    for (std::size_t k = 0; k < d.retried.size(); ++k) {
      db_->record_attempt(d.retried[k]);
      reporter_->retry(d.retry_reports[k]);
    }
    switch (d.end) {
      case Doc::End::Unchanged:
        db_->record_attempt(d.row);
        outcome = Outcome::Unchanged;
        break;
      case Doc::End::Refused:
      case Doc::End::Failed:
        db_->record_attempt(d.row);
        break;
      case Doc::End::Error:
        break;
      case Doc::End::Read:
        // The same bytes earlier in this run (a file given twice) were stored while this copy
        // was read: recorded as one run at a time would, which finds it before reading it.
        if (db_->has_document(d.row.sha256)) {
          d.row.pages.reset();
          d.row.status = "unchanged";
          db_->record_attempt(d.row);
          outcome = Outcome::Unchanged;
          detail = "already stored, unchanged";
          break;
        }
        const Extraction& ex = d.result.extraction;
        const bool fresh = db_->save(ex, d.in->path, d.row);
        outcome = fresh ? Outcome::Stored : Outcome::Unchanged;
        if (fresh) {
          findings_ += ex.findings.size();
          note = unread_pages_note(ex.page_routes);
          detail = std::to_string(ex.findings.size()) + " findings, " +
                   std::to_string(d.result.pages) + " pages, " + d.result.method;
        } else {
          detail = "already stored, unchanged";
        }
        break;
    }
  } catch (const std::exception& e) {
    outcome = Outcome::Failed;
    detail = std::string("error: ") + e.what();
  }
  reporter_->document(report(d, i,
                             outcome == Outcome::Stored      ? "stored"
                             : outcome == Outcome::Unchanged ? "unchanged"
                                                             : "",
                             detail, note));
  (outcome == Outcome::Stored ? stored_ : outcome == Outcome::Unchanged ? unchanged_ : failed_)++;
  if (d.claimed) {
    d.claimed = false;
    try {
      db_->release(d.row.sha256);
    } catch (const std::exception&) {
      // The connection is gone, and the claim with it.
    }
  }
  d.result = worker::JobResult();  // its memory is not needed any more
}

// What the progress says of a committed document; `status` is empty for a failure (the
// attempt row's status, or "error" when kansa itself failed and recorded nothing).
DocumentReport Batch::report(const Doc& d, std::size_t i, const std::string& status,
                             const std::string& detail, const std::string& note) const {
  DocumentReport r;
  r.index = i;
  r.path = inputs_[i].path;
  r.file = d.row.file.empty() ? std::filesystem::path(r.path).filename().string() : d.row.file;
  r.sha256 = d.row.sha256;
  r.status = !status.empty()                         ? status
             : d.row.status.rfind("failed_", 0) == 0 ? d.row.status
                                                     : "error";
  r.detail = detail;
  if (r.failed()) r.reason = detail;
  r.note = note;
  if (status == "stored") {
    r.findings = d.result.extraction.findings.size();
    r.pages = d.result.pages;
    r.method = d.result.method;
  } else {
    r.pages = d.row.pages;
  }
  r.attempt = d.row.attempt;
  r.seconds = d.elapsed;
  return r;
}

std::optional<std::size_t> Batch::due_retry() const {
  const auto now = Clock::now();
  for (std::size_t i = head_; i < next_; ++i) {
    const Doc& d = docs_[i];
    if (!d.done && !d.running && d.retry_at && *d.retry_at <= now) return i;
  }
  return std::nullopt;
}

// How long to wait for a result: until the next retry is due, and briefly while cores are
// lent that busy slots need back.
double Batch::wait_limit() const {
  double limit = -1;
  const auto now = Clock::now();
  for (std::size_t i = head_; i < next_; ++i) {
    const Doc& d = docs_[i];
    if (d.done || d.running || !d.retry_at) continue;
    const double s = std::max(0.0, std::chrono::duration<double>(*d.retry_at - now).count());
    limit = limit < 0 ? s : std::min(limit, s);
  }
  if (tokens_ && tokens_->lent() > pool_->idle()) limit = limit < 0 ? 0.2 : std::min(limit, 0.2);
  return limit;
}

// The pool's queue gets a retry that is due first, then prepared documents.
void Batch::submit_ready() {
  while (pool_->room() > 0) {
    std::optional<std::size_t> pick = due_retry();
    if (pick) {
      Doc& d = docs_[*pick];
      d.retry_at.reset();
      d.begin_attempt();
      if (d.awaiting_claim && !claim_or_wait(d)) continue;  // still claimed, or settled
    } else if (!ready_.empty()) {
      pick = ready_.front();
      ready_.pop_front();
    } else {
      break;
    }
    Doc& d = docs_[*pick];
    d.running = true;
    pool_->submit(*pick, {d.copy->fd(), d.in->path, d.in->municipality_code, d.copy->sha256()});
  }
}

// Prepares the next documents, within the window of results waiting to be written, until
// the pool's queue is full (a job for each worker after the one it reads) and as many again
// wait ready.
void Batch::prepare_ahead() {
  const std::size_t n = inputs_.size(), reserve = static_cast<std::size_t>(settings_.jobs);
  while (next_ < n && next_ < head_ + window_ && (pool_->room() > 0 || ready_.size() < reserve)) {
    const std::size_t i = next_++;
    if (!prepare(i)) continue;  // settled without a worker
    ready_.push_back(i);
    submit_ready();
  }
}

// Writes the finished documents at the head, in input order.
void Batch::commit_done() {
  while (head_ < inputs_.size() && docs_[head_].done) commit(docs_[head_], head_), ++head_;
}

int Batch::run() {
  const auto run_start = Clock::now();
  // The first documents are copied and hashed while the workers set themselves up and the
  // database opens. A set-up failure then ends the run before any line is printed: the
  // workers' first (a plugin missing is the first thing to fix), then the database's.
  copy_first();
  const worker::Pool::Startup startup = pool_->await_startup();
  if (startup.error) {
    std::cerr << startup_failure_text(*startup.error) << "\n";
    return int(kExitSetup);
  }
  plugins_ = startup.plugins;
  std::string db_error;
  db_ = opening_.get(db_error);
  if (db_ == nullptr) {
    std::cerr << "kansa: " << db_error << "\n";
    return int(kExitSetup);
  }
  for (std::size_t i : copied_) {
    if (settle_if_stored(docs_[i]) && claim_or_wait(docs_[i])) ready_.push_back(i);
  }
  copied_.clear();
  const std::size_t n = inputs_.size();
  for (;;) {
    submit_ready();  // first, before the parent's own work: a worker may have just finished
    commit_done();
    if (head_ == n) break;
    prepare_ahead();
    submit_ready();  // retries that came due
    // Slots left idle lend their cores to the documents being read (see core_tokens.hpp).
    if (tokens_) tokens_->lend(pool_->idle());
    commit_done();
    if (head_ == n) break;
    std::optional<worker::PoolResult> r = pool_->wait(wait_limit());
    if (!r) continue;
    if (!r->start_error.empty()) {
      commit_done();
      reporter_->fatal(r->id, inputs_[r->id].path, r->start_error);
      return int(kExitSetup);
    }
    on_result(*r);
  }
  // Copies left by runs killed with SIGKILL: at the end, as the first documents wait for
  // nothing but the workers (a temporary folder can hold thousands of entries).
  remove_stale_snapshots();
  const int exit_status = failed_ ? int(kExitSomeFailed) : int(kExitOk);
  reporter_->summary({n, stored_, unchanged_, failed_, findings_, settings_.db_path,
                      seconds_since(run_start), exit_status});
  return exit_status;
}

}  // namespace

std::string startup_failure_text(const worker::WorkerStartError& e) {
  // The worker's own words are those its set-up printed ("kansa: pipeline ...: plugin ...").
  return e.worker_reason().empty()
             ? "kansa: the worker processes cannot be set up: " + std::string(e.what())
             : e.worker_reason();
}

// ISO 8601 UTC with milliseconds, as the database's own timestamps.
std::string utc_timestamp() { return utc_timestamp(std::chrono::system_clock::now()); }

std::string utc_timestamp(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms));
  return buf;
}

BatchWorkers::BatchWorkers(worker::SupervisorOptions options, int jobs) {
  if (jobs > 1) {
    try {
      tokens_ = std::make_unique<worker::CoreTokens>();
      options.threads = jobs;
      options.tokens_read_fd = tokens_->read_fd();
      options.tokens_write_fd = tokens_->write_fd();
    } catch (const std::exception&) {
      tokens_.reset();  // no pipe: each document on one thread
    }
  }
  pool_ = std::make_unique<worker::Pool>(options, jobs);
}

int ingest_batch(const std::vector<Input>& inputs, OpeningStore& db, BatchWorkers& workers,
                 const BatchSettings& settings) {
  Batch batch(inputs, db, workers, settings);
  return batch.run();
}

}  // namespace kansa::cli
