// What kansa does with the URL of a feed entry before and besides fetching it: recognize it,
// check it, show it without its password, and name its local copy. None of these touch the
// network.
#pragma once

#include <string>

namespace kansa::fetch {

// True when `source` starts with a URL scheme (`name://`), whichever: such a source is never
// taken for a local path.
bool has_url_scheme(const std::string& source);

// Empty when `url` is an http or https URL that libcurl parses, with a host and no blanks or
// control characters; otherwise why not ("only http and https URLs are fetched", ...).
std::string url_problem(const std::string& url);

// `url` with the password of its user information, if any, replaced by `***`
// (https://user:***@host/...): the only form that may appear in a line, a row or a file.
// Everything else is kept as written.
std::string redact_url(const std::string& url);

// The password of the URL's user information ("" when none): cut out of any message that
// might quote it.
std::string url_password(const std::string& url);

// The document's `file` for a URL: the last segment of its path, percent-decoded when that
// gives printable UTF-8 without a slash, else as written; the host when the path is empty
// (or ends in . or ..), "document" when that is empty too.
// Only ever a value in the database: never used as the name of a file on disk.
std::string url_file_name(const std::string& url);

// The name stem of the URL's files in the data folder: the SHA-256 (hex) of the redacted URL.
// Derived from nothing else, so that no URL or header can choose where a file is written.
std::string url_key(const std::string& url);

}  // namespace kansa::fetch
