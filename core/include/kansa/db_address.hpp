// What `--db` names: an SQLite file, or a PostgreSQL server in one of libpq's two forms
// (`postgresql://user:password@host:port/dbname?param=value`, or `host=... password=...`).
// A password written into such an address must never be printed: every place that shows an
// address or a message about one passes it through these functions first.
#pragma once

#include <string>
#include <string_view>

namespace kansa::store {

// True for a PostgreSQL address: a URI beginning postgresql:// or postgres://, or a libpq
// key=value string whose first key is one libpq knows (host=, dbname=, service=, ...).
// Anything else is an SQLite file path.
bool is_postgresql_address(std::string_view address);

// True for something meant as a PostgreSQL URI but malformed (postgresql:/..., POSTGRES://...,
// postgresql:user@host): refused, rather than taken for an SQLite file name.
bool is_malformed_postgresql_uri(std::string_view address);

// The address with every password in it (user:PASSWORD@ of a URI, its password= and
// sslpassword= parameters, password= and sslpassword= of a key=value string) replaced by
// "***" (also in a malformed URI such as postgresql:/user:password@host, and in a key=value
// string whose first key is misspelt). Anything else is returned as given. Malformed addresses are
// redacted as far as they go: in a URI with no '@', a port that is not a number is taken for a
// password too (user:password written without a host).
std::string redact_address(std::string_view address);

// `message` with the address replaced by its redacted form and every password of the address
// (as written and percent-decoded) and of the environment (PGPASSWORD) replaced by "***".
// For messages from libpq and the server, which may quote parts of the address.
std::string scrub_secrets(std::string message, std::string_view address);

}  // namespace kansa::store
