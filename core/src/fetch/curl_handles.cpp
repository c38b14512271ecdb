#include "fetch/curl_handles.hpp"

#include <mutex>

namespace kansa::fetch {

void ensure_curl_initialized() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK)
    throw std::runtime_error(std::string("libcurl: global set-up failed: ") +
                             curl_easy_strerror(result));
}

}  // namespace kansa::fetch
