// Thin RAII wrappers over libpq: a connection, a query result, the parameters of one
// statement and a transaction guard. Every statement goes through PQexecParams with its
// values bound as parameters ($1, $2, ...); SQL text is only ever a constant. Every failure
// throws std::runtime_error "postgresql <address, password hidden>: <what>: <libpq's message,
// passwords hidden>".
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansa::store::pg {

// The rows of one statement, values read from their text form. Move-only; cleared on
// destruction. Row and column indices are 0-based.
class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}

  int rows() const { return PQntuples(result_.get()); }
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;  // "" for NULL
  std::optional<std::string> optional_text(int row, int column) const;
  std::int64_t integer(int row, int column) const;  // throws on NULL or a non-number
  std::optional<int> optional_int(int row, int column) const;
  double real(int row, int column) const;
  bool boolean(int row, int column) const;  // PostgreSQL's "t" / "f"

 private:
  struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  std::unique_ptr<PGresult, Clear> result_;
};

// The values of one statement, in $1, $2, ... order, sent as text (NULL where absent).
// Numbers are written so that they read back exactly (shortest round-trip form).
class Params {
 public:
  Params& text(std::string_view value);
  Params& null();
  Params& optional_text(const std::optional<std::string>& value);
  Params& integer(std::int64_t value);
  Params& optional_int(const std::optional<int>& value);
  Params& real(double value);

  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

// One open connection to a PostgreSQL server. Move-only; closed on destruction (which ends
// the session's advisory locks: see PgStore's claims).
class Connection {
 public:
  // Connects to `address` (a postgresql:// URI or a key=value string), in UTF-8, with a
  // 10 s connect timeout and the application name "kansa" unless the address sets them.
  // Throws on failure, naming the address with its password hidden.
  explicit Connection(const std::string& address);

  // Runs one statement with `params` bound to $1, $2, ... Throws on failure.
  Result exec(const char* sql, const Params& params = {});

  // Throws std::runtime_error "postgresql <address>: <what>: <detail>", secrets hidden.
  [[noreturn]] void fail(std::string_view what, std::string_view detail) const;

  // The address with its password hidden, for messages.
  const std::string& name() const { return name_; }

 private:
  struct Finish {
    void operator()(PGconn* conn) const { PQfinish(conn); }
  };
  std::string address_, name_;
  std::unique_ptr<PGconn, Finish> conn_;
};

// Opens a transaction; rolls it back on destruction unless commit() succeeded.
class Transaction {
 public:
  enum class Mode {
    ReadWrite,     // READ COMMITTED: each statement sees what others committed before it
    ReadSnapshot,  // REPEATABLE READ, READ ONLY: every statement sees one snapshot
  };
  Transaction(Connection& connection, Mode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace kansa::store::pg
