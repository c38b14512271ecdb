// The PostgreSQL schema: the same tables and columns as the SQLite schema (sqlite_schema.cpp),
// types mapped, with the same version numbers, recorded in the table kansa_schema.
#pragma once

#include <string>

#include "store/pg_db.hpp"

namespace kansa::store::pg {

// The schema version this program writes and reads: the SQLite schema's (a static_assert in
// pg_schema.cpp keeps them together, so that a new SQLite migration gets its twin here).
inline constexpr int kSchemaVersion = 6;

// Creates the tables in the connection's current schema (the first schema of search_path) if
// absent and brings them to kSchemaVersion, under a lock that serializes machines opening a
// new database at once. Returns the name of that schema. Throws std::runtime_error when no
// schema can be written to, when the tables were written by a newer program, or on any
// failure.
std::string prepare_database(Connection& db);

}  // namespace kansa::store::pg
