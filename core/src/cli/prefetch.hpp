// Downloads the URL inputs of an ingest batch ahead of the batch loop, on a few threads of
// the parent (each with its own libcurl handle), so that downloads overlap the reading of
// earlier documents: a slow server delays its own document, within the fetch time limits,
// and the batch loop waits only when it reaches a URL still being fetched.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/inputs.hpp"
#include "fetch/fetcher.hpp"

namespace kansa::cli {

class Prefetcher {
 public:
  // Starts `threads` threads fetching the URL inputs in input order, at most `ahead` inputs
  // past the last one taken.
  Prefetcher(const std::vector<Input>& inputs, fetch::DataFolder& folder,
             const fetch::FetchOptions& options, int threads, std::size_t ahead);
  // Cancels the transfers under way and joins the threads.
  ~Prefetcher();
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // The fetch result of input `i` (a URL input), waiting for it.
  fetch::FetchResult take(std::size_t i);

 private:
  void work();

  fetch::Fetcher fetcher_;
  const std::vector<Input>& inputs_;
  std::vector<std::size_t> urls_;  // indices of the URL inputs, in order
  std::size_t ahead_;

  std::mutex mutex_;
  std::condition_variable wake_, done_cv_;
  std::size_t next_ = 0;   // position in urls_ of the next to start
  std::size_t limit_ = 0;  // only inputs below this index are started
  std::map<std::size_t, fetch::FetchResult> done_;
  std::atomic<bool> cancel_{false};
  std::vector<std::thread> threads_;
};

}  // namespace kansa::cli
