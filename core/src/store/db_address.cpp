#include "kansa/db_address.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace kansa::store {

namespace {

constexpr std::string_view kMask = "***";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::size_t uri_prefix_length(std::string_view address) {
  for (std::string_view prefix : {"postgresql://", "postgres://"})
    if (starts_with(address, prefix)) return prefix.size();
  return 0;
}

bool is_secret_key(std::string_view key) { return key == "password" || key == "sslpassword"; }

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A span of the address that holds a secret.
struct Span {
  std::size_t begin, size;
};

// The secrets of a URI: userinfo's password, password parameters, and a port that is no
// number where no userinfo is (libpq would take "user:password" for host:port).
std::vector<Span> uri_secrets(std::string_view address, std::size_t start) {
  std::vector<Span> spans;
  // libpq ends the user information at the first '@' or '/'; here it ends at the last '@'
  // before the query, so that a password with a raw '@' or '/' is hidden whole.
  const std::size_t query_mark = std::min(address.find('?', start), address.size());
  const std::size_t at = address.substr(start, query_mark - start).rfind('@');
  std::size_t host_begin = start;
  if (at != std::string_view::npos) {
    const std::size_t colon = address.substr(start, at).find(':');
    if (colon != std::string_view::npos) spans.push_back({start + colon + 1, at - colon - 1});
    host_begin = start + at + 1;
  } else {
    const std::size_t hosts_end = std::min(address.find_first_of("/?", start), address.size());
    const std::string_view hosts = address.substr(start, hosts_end - start);
    for (std::size_t begin = 0; begin <= hosts.size();) {
      const std::size_t end = std::min(hosts.find(',', begin), hosts.size());
      const std::string_view host = hosts.substr(begin, end - begin);
      const std::size_t bracket = host.find(']');
      const std::size_t colon = host.find(':', bracket == std::string_view::npos ? 0 : bracket);
      if (colon != std::string_view::npos && !all_digits(host.substr(colon + 1)))
        spans.push_back({start + begin + colon + 1, host.size() - colon - 1});
      begin = end + 1;
    }
  }
  const std::size_t query = address.find('?', host_begin);
  if (query == std::string_view::npos) return spans;
  for (std::size_t param = query + 1; param < address.size();) {
    const std::size_t end = std::min(address.find('&', param), address.size());
    const std::string_view pair = address.substr(param, end - param);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_key(pair.substr(0, eq)))
      spans.push_back({param + eq + 1, pair.size() - eq - 1});
    param = end + 1;
  }
  return spans;
}

// The values of password keys in a key=value string, parsed as libpq does: whitespace
// around '=', values bare or in single quotes, backslash escapes in both.
std::vector<Span> keyword_secrets(std::string_view s) {
  std::vector<Span> spans;
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  while (true) {
    skip_space();
    if (i >= s.size()) break;
    const std::size_t key_begin = i;
    while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const std::string_view key = s.substr(key_begin, i - key_begin);
    skip_space();
    if (i >= s.size() || s[i] != '=') break;  // malformed: libpq refuses it too
    ++i;
    skip_space();
    const std::size_t value_begin = i;
    if (i < s.size() && s[i] == '\'') {
      for (++i; i < s.size() && s[i] != '\''; ++i)
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
      if (i < s.size()) ++i;  // the closing quote
    } else {
      for (; i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])); ++i)
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
    }
    if (is_secret_key(key)) spans.push_back({value_begin, i - value_begin});
  }
  return spans;
}

// Where the authority of something written as a PostgreSQL URI begins, also when it is
// malformed (postgresql:/user:pw@host, POSTGRES://...): 0 when it is not one.
std::size_t uri_like_authority(std::string_view address) {
  std::string lower(address.substr(0, 11));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t start = 0;
  for (std::string_view scheme : {"postgresql:", "postgres:"})
    if (!start && starts_with(lower, scheme)) start = scheme.size();
  if (!start) return 0;
  while (start < address.size() && address[start] == '/') ++start;
  return start;
}

std::vector<Span> secret_spans(std::string_view address) {
  if (const std::size_t start = uri_like_authority(address)) return uri_secrets(address, start);
  // Also when the first key is no libpq keyword (a typo): such an address is taken for an
  // SQLite file name, and the file name is printed.
  return keyword_secrets(address);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The secret as libpq reads it: percent-decoded (URI), or unquoted and unescaped (key=value).
std::string decoded(std::string_view raw, bool uri) {
  std::string out;
  if (uri) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '%' && i + 2 < raw.size() && hex_value(raw[i + 1]) >= 0 &&
          hex_value(raw[i + 2]) >= 0) {
        out += static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2]));
        i += 2;
      } else {
        out += raw[i];
      }
    }
    return out;
  }
  if (!raw.empty() && raw.front() == '\'') {
    raw.remove_prefix(1);
    if (!raw.empty() && raw.back() == '\'') raw.remove_suffix(1);
  }
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out += raw[i];
  }
  return out;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

// libpq's connection keywords (host, dbname, ...), read once from the library itself.
bool is_libpq_keyword(std::string_view key) {
  struct Freer {
    void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
  };
  static const std::vector<std::string> keywords = [] {
    std::vector<std::string> out;
    std::unique_ptr<PQconninfoOption, Freer> options(PQconndefaults());
    for (const PQconninfoOption* o = options.get(); o && o->keyword; ++o) out.push_back(o->keyword);
    return out;
  }();
  return std::find(keywords.begin(), keywords.end(), key) != keywords.end();
}

}  // namespace

bool is_malformed_postgresql_uri(std::string_view address) {
  return uri_like_authority(address) > 0 && uri_prefix_length(address) == 0;
}

bool is_postgresql_address(std::string_view address) {
  if (uri_prefix_length(address) > 0) return true;
  std::size_t i = 0;
  while (i < address.size() && std::isspace(static_cast<unsigned char>(address[i]))) ++i;
  const std::size_t key_begin = i;
  while (i < address.size() &&
         (std::isalnum(static_cast<unsigned char>(address[i])) || address[i] == '_'))
    ++i;
  const std::string_view key = address.substr(key_begin, i - key_begin);
  while (i < address.size() && std::isspace(static_cast<unsigned char>(address[i]))) ++i;
  return i < address.size() && address[i] == '=' && !key.empty() && is_libpq_keyword(key);
}

std::string redact_address(std::string_view address) {
  std::string out;
  std::size_t copied = 0;
  for (const Span& span : secret_spans(address)) {
    out.append(address.substr(copied, span.begin - copied));
    out.append(kMask);
    copied = span.begin + span.size;
  }
  out.append(address.substr(copied));
  return out;
}

std::string scrub_secrets(std::string message, std::string_view address) {
  if (!address.empty()) replace_all(message, address, redact_address(address));
  const bool uri = uri_like_authority(address) > 0;
  std::vector<std::string> secrets;
  for (const Span& span : secret_spans(address)) {
    secrets.emplace_back(address.substr(span.begin, span.size));
    secrets.push_back(decoded(secrets.back(), uri));
  }
  if (const char* env = std::getenv("PGPASSWORD")) secrets.emplace_back(env);
  // Longest first, so that a secret containing another is replaced whole.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& secret : secrets) replace_all(message, secret, kMask);
  return message;
}

}  // namespace kansa::store
