// Fetching the documents of a feed over http(s) with libcurl into the data folder: one URL at
// a time per Fetcher (each thread its own), under time and size limits, with conditional
// requests (the ETag and Last-Modified of the last download) and bounded retries with
// exponential backoff on transient errors.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "fetch/data_folder.hpp"

namespace kansa::fetch {

struct FetchOptions {
  std::uint64_t max_bytes = 200ull << 20;  // body size cap, enforced while streaming
  double connect_timeout_s = 30;
  double timeout_s = 300;        // whole transfer, per try
  double low_speed_time_s = 60;  // a transfer under kLowSpeedBytes a second this long fails
  int max_redirects = 5;
  int retries = 3;           // further tries after a transient failure
  double retry_delay_s = 2;  // before the first retry; doubled for each next one
  std::string user_agent = "kansa";
};

inline constexpr long kLowSpeedBytes = 1024;    // bytes a second
inline constexpr double kMaxRetryDelayS = 300;  // no pause between tries is longer

struct FetchResult {
  enum class Outcome {
    Fetched,      // new bytes downloaded (HTTP 200) into local_path
    NotModified,  // HTTP 304: local_path holds the bytes the server still has
    Failed,
  };
  Outcome outcome = Outcome::Failed;
  bool transient = false;  // Failed: 5xx, 408, 429, time-outs, connection errors
  std::string local_path;  // Fetched, NotModified: KEY.pdf in the data folder
  std::string sha256;      // of local_path's bytes, when known (empty for an old record)
  std::string reason;      // Failed: "fetch URL: what happened" (URL redacted)
  int tries = 0;
};

class Fetcher {
 public:
  Fetcher(DataFolder& folder, FetchOptions options) : folder_(folder), options_(options) {}

  // Fetches `url` (http or https; its password never appears in the result). Never throws:
  // every problem is a Failed result with its reason. When `cancel` becomes true the transfer
  // and any pause stop, and the result is a transient failure.
  FetchResult fetch(const std::string& url, const std::atomic<bool>* cancel = nullptr) const;

 private:
  DataFolder& folder_;
  FetchOptions options_;
};

}  // namespace kansa::fetch
