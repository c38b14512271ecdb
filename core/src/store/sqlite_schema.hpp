// The database schema and its migrations, versioned by PRAGMA user_version.
#pragma once

#include "store/sqlite_db.hpp"

namespace kansa::store::sqlite {

// The schema version this program writes and reads.
inline constexpr int kSchemaVersion = 6;

// Sets the connection's pragmas (busy timeout, WAL, synchronous, foreign keys) and brings the
// schema to kSchemaVersion. Throws std::runtime_error when the database was written by a
// newer program (a higher user_version) or on any sqlite failure.
void prepare_database(Database& db);

}  // namespace kansa::store::sqlite
