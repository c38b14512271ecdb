#include "fetch/url.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace kansa::fetch {

namespace {

// Length of the scheme of `s` when it starts with `scheme://`, else 0.
std::size_t scheme_length(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return 0;
  std::size_t i = 1;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' ||
                          s[i] == '-' || s[i] == '.'))
    ++i;
  return s.compare(i, 3, "://") == 0 ? i : 0;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// [begin, end) of the authority (user information, host, port) of a URL with a scheme. A
// third slash after the scheme is skipped, as libcurl (which fetches the URL) skips it:
// https:///u:pw@host/a is host `host` with password `pw`, which must be found to be hidden.
std::pair<std::size_t, std::size_t> authority(const std::string& url) {
  std::size_t begin = scheme_length(url) + 3;
  if (begin < url.size() && url[begin] == '/') ++begin;
  std::size_t end = url.find_first_of("/?#", begin);
  if (end == std::string::npos) end = url.size();
  return {begin, end};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether `s` is UTF-8 (well-formed sequences; overlong forms of three and four bytes are not
// looked for) without control characters.
bool printable_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || (extra == 1 && c < 0xc2) || i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += 1 + extra;
  }
  return true;
}

struct CurlUrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

}  // namespace

bool has_url_scheme(const std::string& source) { return scheme_length(source) > 0; }

std::string url_problem(const std::string& url) {
  const std::size_t n = scheme_length(url);
  if (n == 0) return "not a URL (no scheme://)";
  const std::string scheme = lower(url.substr(0, n));
  if (scheme != "http" && scheme != "https")
    return "only http and https URLs are fetched, not " + scheme + "://";
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f) return "blank or control character in the URL";
  std::unique_ptr<CURLU, CurlUrlFree> parsed(curl_url());
  if (!parsed) return "cannot parse the URL (out of memory)";
  const CURLUcode rc = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0);
  if (rc != CURLUE_OK) return std::string("malformed URL: ") + curl_url_strerror(rc);
  char* host = nullptr;
  const bool has_host = curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK &&
                        host != nullptr && host[0] != '\0';
  curl_free(host);
  return has_host ? std::string() : std::string("the URL names no host");
}

std::string redact_url(const std::string& url) {
  if (!has_url_scheme(url)) return url;
  const auto [begin, end] = authority(url);
  const std::size_t at = url.rfind('@', end - 1);
  if (at == std::string::npos || at < begin) return url;
  const std::size_t colon = url.find(':', begin);
  if (colon == std::string::npos || colon > at) return url;  // a user name alone
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string url_password(const std::string& url) {
  if (!has_url_scheme(url)) return {};
  const auto [begin, end] = authority(url);
  const std::size_t at = url.rfind('@', end - 1);
  if (at == std::string::npos || at < begin) return {};
  const std::size_t colon = url.find(':', begin);
  if (colon == std::string::npos || colon > at) return {};
  return url.substr(colon + 1, at - colon - 1);
}

std::string url_file_name(const std::string& url) {
  const auto [begin, end] = authority(url);
  std::size_t path_end = url.find_first_of("?#", end);
  if (path_end == std::string::npos) path_end = url.size();
  std::string path = url.substr(end, path_end - end);
  while (!path.empty() && path.back() == '/') path.pop_back();
  const std::size_t slash = path.rfind('/');
  std::string segment = slash == std::string::npos ? path : path.substr(slash + 1);
  if (segment.empty() || segment == "." || segment == "..") {
    std::string host = url.substr(begin, end - begin);
    const std::size_t at = host.rfind('@');
    if (at != std::string::npos) host = host.substr(at + 1);
    // No host either (not a URL url_problem accepts): a name still, never an empty one.
    return host.empty() ? "document" : host;
  }
  std::string decoded;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%' && i + 2 < segment.size() && hex_value(segment[i + 1]) >= 0 &&
        hex_value(segment[i + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(segment[i + 1]) * 16 + hex_value(segment[i + 2]));
      i += 2;
    } else {
      decoded += segment[i];
    }
  }
  if (decoded.find('/') != std::string::npos || decoded == "." || decoded == ".." ||
      !printable_utf8(decoded))
    return segment;
  return decoded;
}

std::string url_key(const std::string& url) {
  const std::string redacted = redact_url(url);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (EVP_Digest(redacted.data(), redacted.size(), md, &length, EVP_sha256(), nullptr) != 1)
    return {};
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out;
}

}  // namespace kansa::fetch
