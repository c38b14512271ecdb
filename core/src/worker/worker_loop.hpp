// The worker side: reads jobs from the parent, runs the pipeline on each, and answers with
// heartbeats and a result or an error (protocol.hpp). The worker never opens the database.
#pragma once

#include <string>

#include "kansa/pipeline.hpp"

namespace kansa::worker {

struct WorkerConfig {
  int in_fd = -1, out_fd = -1;
  int max_pages = 0;  // > 0: stop a document when an extractor reports a page past this
  // Test-only misbehaviour (KANSA_WORKER_SIMULATE): crash, hang, spin, allocate, sigkill,
  // socket, write:PATH. Empty in normal runs.
  std::string simulate;
};

// Serves jobs until the parent closes the pipe (returns 0). Exits the process after an
// allocation failure, since its state can no longer be trusted.
int serve_jobs(pipeline::Runner& runner, const WorkerConfig& config);

// Installs a new-handler that tells the parent (on `out_fd`) that the address-space limit was
// hit before the allocation fails, so that a crash that follows is reported as that limit.
void report_allocation_failures(int out_fd);

}  // namespace kansa::worker
