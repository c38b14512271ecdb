// The document loop of `kansa ingest`: documents handed to a pool of worker processes
// (--jobs), and every document's outcome written to the database and printed in input order,
// so that a run gives the same rows and lines whatever the number of jobs.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/inputs.hpp"
#include "cli/opening_store.hpp"
#include "cli/progress_reporter.hpp"
#include "fetch/fetcher.hpp"
#include "kansa/store.hpp"
#include "worker/core_tokens.hpp"
#include "worker/pool.hpp"
#include "worker/supervisor.hpp"

namespace kansa::cli {

struct BatchSettings {
  int jobs = 1;
  int retries = 2;
  double retry_delay_s = 5;
  std::uint64_t max_file_mb = 200;
  std::string run_id;
  std::string db_path;        // for the summary line (password redacted)
  ReporterOptions reporting;  // --log-format, --quiet
  // URL inputs are fetched into this folder (see cli/prefetch.hpp); null when none is a URL.
  fetch::DataFolder* data_folder = nullptr;
  fetch::FetchOptions fetch;
  int fetch_jobs = 2;
};

// Now (or `at`) in ISO 8601 UTC with milliseconds, as the database's own timestamps.
std::string utc_timestamp();
std::string utc_timestamp(std::chrono::system_clock::time_point at);

// The worker processes of a batch: `jobs` slots, and with more than one the core tokens they
// share (see core_tokens.hpp). Made before the parent's own set-up (pipeline, database), so
// that the workers set themselves up meanwhile.
class BatchWorkers {
 public:
  BatchWorkers(worker::SupervisorOptions options, int jobs);
  worker::Pool& pool() { return *pool_; }
  worker::CoreTokens* tokens() { return tokens_.get(); }  // null with one job

 private:
  std::unique_ptr<worker::CoreTokens> tokens_;  // before the pool: workers inherit it
  std::unique_ptr<worker::Pool> pool_;
};

// Ingests `inputs` into `db` with `workers` and reports each document and a summary on
// stderr (as `settings.reporting` says: progress_reporter.hpp). The plugin versions of the
// status rows are those the first worker ready reports.
// Returns the exit status of `kansa ingest` (0, 1, or 3 when no worker could be started or
// the database could not be opened, after printing why).
int ingest_batch(const std::vector<Input>& inputs, OpeningStore& db, BatchWorkers& workers,
                 const BatchSettings& settings);

// What `kansa ingest` prints when no worker could set itself up.
std::string startup_failure_text(const worker::WorkerStartError& e);

}  // namespace kansa::cli
