// Thin RAII wrappers over the sqlite3 C API: a connection, a prepared statement and a
// transaction guard. Every failure throws std::runtime_error naming the database path and
// sqlite's own message. Data always goes through bind_*(); SQL text is only ever a constant.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansa::store::sqlite {

// One open connection. Move-only; closes on destruction.
class Database {
 public:
  // Opens (creating if needed) the database at `path`. Throws on failure.
  explicit Database(std::string path);
  ~Database();  // finalizes the kept statements, then closes
  Database(Database&&) = default;
  Database& operator=(Database&&) = delete;

  sqlite3* handle() const { return handle_.get(); }
  const std::string& path() const { return path_; }

  // Runs constant SQL (no data: use Statement for that). Throws on failure.
  void exec(const char* sql);

  // Throws std::runtime_error "sqlite <path>: <what>: <sqlite message>".
  [[noreturn]] void fail(std::string_view what) const;

  std::int64_t last_insert_rowid() const;

 private:
  friend class Statement;
  // Statements are kept prepared for reuse, by SQL text, once their Statement is gone:
  // preparing took a tenth of the ingest parent's time on small documents, which writes the
  // same few statements for each. A statement in use is not in `idle_` (one SQL text may be
  // in use twice at once: each use has its own).
  sqlite3_stmt* take_statement(std::string_view sql);        // throws when it cannot be prepared
  void keep_statement(std::string sql, sqlite3_stmt* stmt);  // reset, bindings cleared

  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::string path_;
  std::unique_ptr<sqlite3, Closer> handle_;
  std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> idle_;
};

// One prepared statement. Indices of bind_* are 1-based, of column_* 0-based (as in sqlite).
class Statement {
 public:
  Statement(Database& db, std::string_view sql);  // prepared, or kept from an earlier use

  void bind_int(int index, std::int64_t value);
  void bind_double(int index, double value);
  void bind_text(int index, std::string_view value);
  void bind_null(int index);
  void bind_optional_text(int index, const std::optional<std::string>& value);
  void bind_optional_int(int index, const std::optional<int>& value);

  // Makes the statement ready to run again, with every parameter unbound (NULL).
  void reset();

  // Advances: true when a row is available, false when done. Throws on error.
  bool step();
  // Steps a statement that returns no rows (INSERT, UPDATE, ...). Throws on error.
  void run();

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;  // "" for NULL
  std::optional<std::string> column_optional_text(int index) const;
  std::optional<int> column_optional_int(int index) const;
  bool column_is_null(int index) const;

 private:
  struct Keeper {
    Database* db;
    std::string sql;  // as it was asked for: the key it is kept under
    void operator()(sqlite3_stmt* stmt) { db->keep_statement(std::move(sql), stmt); }
  };
  void check_bind(int rc, int index);
  Database& db_;
  std::unique_ptr<sqlite3_stmt, Keeper> stmt_;
};

// Opens a transaction; rolls it back on destruction unless commit() succeeded. Declare it
// before the statements it covers, so that they are finalized before the rollback.
class Transaction {
 public:
  enum class Mode {
    Deferred,   // reads: takes the lock lazily
    Immediate,  // writes: takes the write lock now (waits up to the busy timeout)
  };
  Transaction(Database& db, Mode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace kansa::store::sqlite
