#include "store/sqlite_db.hpp"

#include <stdexcept>

namespace kansa::store::sqlite {

namespace {

std::string message(std::string_view path, std::string_view what, std::string_view detail) {
  std::string text = "sqlite ";
  text += path;
  text += ": ";
  text += what;
  text += ": ";
  text += detail;
  return text;
}

}  // namespace

Database::Database(std::string path) : path_(std::move(path)) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // sqlite allocates a handle even when opening fails: own it first so it is closed.
  handle_.reset(raw);
  if (rc != SQLITE_OK) {
    const char* detail = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw std::runtime_error(message(path_, "cannot open database", detail));
  }
  sqlite3_extended_result_codes(raw, 1);
}

void Database::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(handle(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string detail = error ? error : sqlite3_errmsg(handle());
    sqlite3_free(error);
    throw std::runtime_error(message(path_, sql, detail));
  }
}

void Database::fail(std::string_view what) const {
  throw std::runtime_error(message(path_, what, sqlite3_errmsg(handle())));
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(handle()); }

Database::~Database() {
  for (auto& [sql, kept] : idle_)
    for (sqlite3_stmt* stmt : kept) sqlite3_finalize(stmt);
}

sqlite3_stmt* Database::take_statement(std::string_view sql) {
  const auto kept = idle_.find(sql);
  if (kept != idle_.end() && !kept->second.empty()) {
    sqlite3_stmt* stmt = kept->second.back();
    kept->second.pop_back();
    return stmt;
  }
  sqlite3_stmt* raw = nullptr;
  const int rc =
      sqlite3_prepare_v2(handle(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    fail("cannot prepare statement");
  }
  return raw;
}

void Database::keep_statement(std::string sql, sqlite3_stmt* stmt) {
  // sqlite3_reset repeats the last step's error code, which step() has already reported.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  idle_[std::move(sql)].push_back(stmt);
}

Statement::Statement(Database& db, std::string_view sql)
    : db_(db), stmt_(db.take_statement(sql), Keeper{&db, std::string(sql)}) {}

void Statement::check_bind(int rc, int index) {
  if (rc != SQLITE_OK) db_.fail("cannot bind parameter " + std::to_string(index));
}

void Statement::bind_int(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

void Statement::bind_double(int index, double value) {
  check_bind(sqlite3_bind_double(stmt_.get(), index, value), index);
}

void Statement::bind_text(int index, std::string_view value) {
  // SQLITE_TRANSIENT: sqlite copies the bytes, so `value` need not outlive the statement.
  check_bind(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
}

void Statement::bind_null(int index) { check_bind(sqlite3_bind_null(stmt_.get(), index), index); }

void Statement::bind_optional_text(int index, const std::optional<std::string>& value) {
  if (value)
    bind_text(index, *value);
  else
    bind_null(index);
}

void Statement::bind_optional_int(int index, const std::optional<int>& value) {
  if (value)
    bind_int(index, *value);
  else
    bind_null(index);
}

void Statement::reset() {
  // sqlite3_reset repeats the last step's error code, which step() has already reported.
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_.get());
  db_.fail(std::string("cannot execute \"") + (sql ? sql : "?") + "\"");
}

void Statement::run() {
  if (step()) db_.fail("statement unexpectedly returned a row");
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(stmt_.get(), index);
}

double Statement::column_double(int index) const {
  return sqlite3_column_double(stmt_.get(), index);
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(stmt_.get(), index);
  // Byte count after the text conversion, so embedded NULs survive.
  const int size = sqlite3_column_bytes(stmt_.get(), index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
              : std::string();
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_text(index);
}

std::optional<int> Statement::column_optional_int(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return sqlite3_column_int(stmt_.get(), index);
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_.get(), index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) already rolled the transaction back:
  // autocommit is then on again and a ROLLBACK would only fail.
  if (open_ && !sqlite3_get_autocommit(db_.handle()))
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace kansa::store::sqlite
