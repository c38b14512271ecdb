#include "cli/prefetch.hpp"

#include <algorithm>

#include "fetch/curl_handles.hpp"

namespace kansa::cli {

Prefetcher::Prefetcher(const std::vector<Input>& inputs, fetch::DataFolder& folder,
                       const fetch::FetchOptions& options, int threads, std::size_t ahead)
    : fetcher_(folder, options), inputs_(inputs), ahead_(ahead), limit_(ahead) {
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].is_remote()) urls_.push_back(i);
  // libcurl's global set-up once, here, before the threads start; should it fail, each URL
  // fails with its reason (make_curl_easy throws it again).
  try {
    fetch::ensure_curl_initialized();
  } catch (const std::exception&) {
  }
  const int count = std::min<int>(std::max(1, threads), int(urls_.size()));
  for (int k = 0; k < count; ++k) threads_.emplace_back([this] { work(); });
}

Prefetcher::~Prefetcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancel_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void Prefetcher::work() {
  for (;;) {
    std::size_t i = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return cancel_ || (next_ < urls_.size() && urls_[next_] < limit_); });
      if (cancel_) return;
      i = urls_[next_++];
    }
    fetch::FetchResult result = fetcher_.fetch(inputs_[i].url, &cancel_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_[i] = std::move(result);
    }
    done_cv_.notify_all();
  }
}

fetch::FetchResult Prefetcher::take(std::size_t i) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (i + 1 + ahead_ > limit_) {
    limit_ = i + 1 + ahead_;
    wake_.notify_all();
  }
  done_cv_.wait(lock, [&] { return done_.count(i) > 0; });
  fetch::FetchResult result = std::move(done_[i]);
  done_.erase(i);
  return result;
}

}  // namespace kansa::cli
