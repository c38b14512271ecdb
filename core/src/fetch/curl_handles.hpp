// RAII owners of libcurl's handles, and its one-time global set-up.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace kansa::fetch {

// curl_global_init, once per process, before any handle is made (it is not thread-safe in
// every libcurl build, so this runs it under a std::call_once). Throws on failure.
void ensure_curl_initialized();

struct CurlEasyCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;

// A new easy handle. Throws std::runtime_error when libcurl cannot make one.
inline CurlEasy make_curl_easy() {
  ensure_curl_initialized();
  CurlEasy handle(curl_easy_init());
  if (!handle) throw std::runtime_error("libcurl: cannot create a transfer handle");
  return handle;
}

// A list of request headers (curl_slist), freed with its owner.
class CurlHeaders {
 public:
  CurlHeaders() = default;
  ~CurlHeaders() { curl_slist_free_all(list_); }
  CurlHeaders(const CurlHeaders&) = delete;
  CurlHeaders& operator=(const CurlHeaders&) = delete;

  void add(const std::string& line) {
    curl_slist* grown = curl_slist_append(list_, line.c_str());
    if (grown == nullptr) throw std::runtime_error("libcurl: out of memory for a header");
    list_ = grown;
  }
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace kansa::fetch
