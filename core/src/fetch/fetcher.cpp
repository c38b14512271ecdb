#include "fetch/fetcher.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <thread>

#include "fetch/curl_handles.hpp"
#include "fetch/url.hpp"
#include "text/hex.hpp"

namespace kansa::fetch {

namespace {

using Clock = std::chrono::steady_clock;

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string megabytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / double(1 << 20));
  return buf;
}

// The state of one transfer, shared with libcurl's callbacks.
struct Transfer {
  CURL* handle = nullptr;
  int fd = -1;
  EVP_MD_CTX* digest = nullptr;
  std::uint64_t max_bytes = 0;
  std::uint64_t body_bytes = 0;  // of the final response, kept
  std::uint64_t seen_bytes = 0;  // of any response, kept or not
  bool over_cap = false;
  std::string write_error;  // the download could not be written (disk full)
  const std::atomic<bool>* cancel = nullptr;
};

bool keeps_body(long status) { return status == 200 || status == 203; }

// Streams the body into the download file under the size cap, whatever Content-Length said;
// the bodies of error responses are counted against the cap but not kept.
size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t length = size * count;
  t->seen_bytes += length;
  if (t->seen_bytes > t->max_bytes) {
    t->over_cap = true;
    return 0;  // CURLE_WRITE_ERROR: the transfer stops here
  }
  long status = 0;
  curl_easy_getinfo(t->handle, CURLINFO_RESPONSE_CODE, &status);
  if (!keeps_body(status)) return length;
  for (size_t done = 0; done < length;) {
    const ssize_t n = ::write(t->fd, data + done, length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      t->write_error = n < 0 ? std::strerror(errno) : "nothing written";
      return 0;
    }
    done += size_t(n);
  }
  EVP_DigestUpdate(t->digest, data, length);
  t->body_bytes += length;
  return length;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* t = static_cast<Transfer*>(user);
  return t->cancel != nullptr && t->cancel->load() ? 1 : 0;
}

// The last value of a header of the final response, or "".
std::string response_header(CURL* handle, const char* name) {
  curl_header* header = nullptr;
  if (curl_easy_header(handle, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK ||
      header == nullptr || header->value == nullptr)
    return {};
  return header->value;
}

// Whether a failed transfer may succeed later: the server or the network, not the request.
bool transient_code(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_AGAIN:
      return true;
    default:
      return false;
  }
}

bool transient_status(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

struct Try {
  FetchResult result;        // reason without the "fetch URL: " prefix
  double retry_after_s = 0;  // what the server asked for (429, 503), 0 when nothing
};

Try failed(bool transient, std::string what, double retry_after_s = 0) {
  Try t;
  t.result.outcome = FetchResult::Outcome::Failed;
  t.result.transient = transient;
  t.result.reason = std::move(what);
  t.retry_after_s = retry_after_s;
  return t;
}

// One request for `url`: conditional when a complete earlier download and its record exist.
Try try_once(const DataFolder& folder, const FetchOptions& options, const std::string& url,
             const std::string& key, const std::atomic<bool>* cancel) {
  std::optional<DownloadRecord> record;
  if (folder.has_document(key)) record = folder.read_record(key);
  std::unique_ptr<DataFolder::Download> download;
  CurlEasy handle;
  try {
    download = folder.start_download(key);
    handle = make_curl_easy();
  } catch (const std::exception& e) {
    return failed(true, e.what());
  }
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> digest(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!digest || EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr) != 1)
    return failed(true, "SHA-256 unavailable");

  Transfer transfer;
  transfer.handle = handle.get();
  transfer.fd = download->fd();
  transfer.digest = digest.get();
  transfer.max_bytes = options.max_bytes;
  transfer.cancel = cancel;
  CurlHeaders headers;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* h = handle.get();
  const bool conditional = record && (!record->etag.empty() || !record->last_modified.empty());
  try {
    if (record && !record->etag.empty()) headers.add("If-None-Match: " + record->etag);
    if (record && !record->last_modified.empty())
      headers.add("If-Modified-Since: " + record->last_modified);
  } catch (const std::exception& e) {
    return failed(true, e.what());
  }
  const auto ms = [](double s) { return static_cast<long>(std::ceil(s * 1000)); };
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, long(options.max_redirects));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ms(options.connect_timeout_s));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ms(options.timeout_s));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, kLowSpeedBytes);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, std::max(1L, long(options.low_speed_time_s)));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.max_bytes));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for name look-ups
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  const CURLcode code = curl_easy_perform(h);

  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_off_t retry_after = 0;
  curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after);
  const std::string cap = megabytes(options.max_bytes);
  if (code != CURLE_OK) {
    if (cancel != nullptr && cancel->load()) return failed(true, "cancelled");
    if (code == CURLE_FILESIZE_EXCEEDED) {
      // libcurl refused on the Content-Length header, before any byte of the body.
      const std::string announced = response_header(h, "Content-Length");
      const bool digits = !announced.empty() && announced.size() < 20 &&
                          announced.find_first_not_of("0123456789") == std::string::npos;
      return failed(false, "budget: the server announces " +
                               (digits ? megabytes(std::stoull(announced)) : "a larger body") +
                               ", over the size cap of " + cap +
                               " (--max-file-mb); not downloaded");
    }
    if (transfer.over_cap)
      return failed(false, "budget: the body passed the size cap of " + cap +
                               " (--max-file-mb) while downloading; nothing kept");
    if (!transfer.write_error.empty())
      return failed(true,
                    "cannot write the download in " + folder.path() + ": " + transfer.write_error);
    std::string what = error[0] != '\0' ? error : curl_easy_strerror(code);
    if (code == CURLE_TOO_MANY_REDIRECTS)
      what = "more than " + std::to_string(options.max_redirects) +
             (options.max_redirects == 1 ? " redirect (" : " redirects (") + what + ")";
    return failed(transient_code(code), what);
  }
  if (status == 304) {
    if (!conditional) return failed(false, "HTTP 304 to a request that was not conditional");
    FetchResult r;
    r.outcome = FetchResult::Outcome::NotModified;
    r.local_path = folder.document_path(key);
    r.sha256 = record->sha256;
    return Try{r, 0};
  }
  if (!keeps_body(status)) {
    std::string what = "HTTP " + std::to_string(status);
    if (status >= 300 && status < 400) what += " (a redirect without a usable Location)";
    return failed(transient_status(status), what, double(retry_after));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(digest.get(), md, &length);
  DownloadRecord fresh;
  fresh.url = redact_url(url);
  fresh.etag = response_header(h, "ETag");
  fresh.last_modified = response_header(h, "Last-Modified");
  fresh.sha256 = text::hex(md, length);
  fresh.bytes = transfer.body_bytes;
  fresh.fetched_at = utc_now();
  try {
    download->commit();
    folder.write_record(key, fresh);
  } catch (const std::exception& e) {
    return failed(true, e.what());
  }
  FetchResult r;
  r.outcome = FetchResult::Outcome::Fetched;
  r.local_path = folder.document_path(key);
  r.sha256 = fresh.sha256;
  return Try{r, 0};
}

}  // namespace

FetchResult Fetcher::fetch(const std::string& url, const std::atomic<bool>* cancel) const {
  const std::string shown = redact_url(url);
  const auto finished = [&](FetchResult r) {
    if (r.outcome == FetchResult::Outcome::Failed) {
      if (r.tries > 1) r.reason += " (" + std::to_string(r.tries) + " tries)";
      r.reason = "fetch " + shown + ": " + r.reason;
      // A password that made its way into a message (libcurl's own, a redirect's) is cut out.
      const std::string password = url_password(url);
      for (std::size_t p; !password.empty() && (p = r.reason.find(password)) != std::string::npos;)
        r.reason.replace(p, password.size(), "***");
    }
    return r;
  };
  if (std::string problem = url_problem(url); !problem.empty())
    return finished(failed(false, problem).result);
  const std::string key = url_key(url);
  std::unique_ptr<DataFolder::Lock> lock;
  try {
    lock = folder_.lock(key);
  } catch (const std::exception& e) {
    return finished(failed(true, e.what()).result);
  }
  double delay = options_.retry_delay_s;
  for (int attempt = 0;; ++attempt) {
    Try t = try_once(folder_, options_, url, key, cancel);
    t.result.tries = attempt + 1;
    const bool again = t.result.outcome == FetchResult::Outcome::Failed && t.result.transient &&
                       attempt < options_.retries && !(cancel && cancel->load());
    if (!again) return finished(std::move(t.result));
    // Exponential backoff, longer when the server asked for it, never past the cap.
    const double pause = std::min(kMaxRetryDelayS, std::max(delay, t.retry_after_s));
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(pause));
    while (Clock::now() < until && !(cancel && cancel->load()))
      std::this_thread::sleep_for(
          std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(50)));
    delay = std::min(kMaxRetryDelayS, delay * 2);
  }
}

}  // namespace kansa::fetch
