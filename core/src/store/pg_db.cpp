#include "store/pg_db.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "kansa/db_address.hpp"

namespace kansa::store::pg {

namespace {

// libpq's messages end with a newline and continue on tab-indented lines: one line here.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The first line of a statement, for messages.
std::string statement_head(const char* sql) {
  std::string text = one_line(sql);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

template <typename Number>
Number parse_number(const std::string& text, const char* kind) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw std::runtime_error("postgresql: not " + std::string(kind) + ": '" + text + "'");
  return value;
}

}  // namespace

bool Result::is_null(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string Result::text(int row, int column) const {
  if (is_null(row, column)) return {};
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::optional<std::string> Result::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

std::int64_t Result::integer(int row, int column) const {
  return parse_number<std::int64_t>(text(row, column), "an integer");
}

std::optional<int> Result::optional_int(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return parse_number<int>(text(row, column), "an integer");
}

double Result::real(int row, int column) const {
  // PostgreSQL (12 and later, extra_float_digits 1) prints the shortest text that reads back
  // as the same double, which from_chars reads exactly.
  const std::string value = text(row, column);
  if (value == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (value == "Infinity") return std::numeric_limits<double>::infinity();
  if (value == "-Infinity") return -std::numeric_limits<double>::infinity();
  return parse_number<double>(value, "a number");
}

bool Result::boolean(int row, int column) const { return text(row, column) == "t"; }

Params& Params::text(std::string_view value) {
  values_.emplace_back(std::string(value));
  return *this;
}

Params& Params::null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

Params& Params::optional_text(const std::optional<std::string>& value) {
  values_.push_back(value);
  return *this;
}

Params& Params::integer(std::int64_t value) { return text(std::to_string(value)); }

Params& Params::optional_int(const std::optional<int>& value) {
  return value ? integer(*value) : null();
}

Params& Params::real(double value) {
  char buffer[64];
  // Shortest form that reads back as the same double ("nan", "inf" are read by PostgreSQL).
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw std::runtime_error("postgresql: cannot write a number");
  return text(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

Connection::Connection(const std::string& address)
    : address_(address), name_(redact_address(address)) {
  // Keywords before "dbname" (which libpq expands into the address's own keywords) are
  // defaults that the address may override; client_encoding comes after it and overrides the
  // address: the store reads and writes UTF-8.
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                                  "client_encoding", nullptr};
  const char* const values[] = {"10", "kansa", address_.c_str(), "UTF8", nullptr};
  conn_.reset(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!conn_) fail("cannot connect", "out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) fail("cannot connect", PQerrorMessage(conn_.get()));
  // The server's notices ("relation already exists, skipping") are not for the user.
  PQsetNoticeProcessor(
      conn_.get(), [](void*, const char*) {}, nullptr);
}

Result Connection::exec(const char* sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.values().size());
  for (const auto& value : params.values()) values.push_back(value ? value->c_str() : nullptr);
  PGresult* raw = PQexecParams(conn_.get(), sql, static_cast<int>(values.size()),
                               /*paramTypes=*/nullptr, values.data(), /*paramLengths=*/nullptr,
                               /*paramFormats=*/nullptr, /*resultFormat: text*/ 0);
  Result result(raw);  // owns it from here
  // No result at all: libpq out of memory or the connection gone; its own message says which.
  const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string detail = raw ? PQresultErrorMessage(raw) : "";
    if (detail.empty()) detail = PQerrorMessage(conn_.get());
    fail("cannot execute \"" + statement_head(sql) + "\"", detail);
  }
  return result;
}

[[noreturn]] void Connection::fail(std::string_view what, std::string_view detail) const {
  std::string text = "postgresql " + name_ + ": " + std::string(what);
  if (!detail.empty()) text += ": " + one_line(detail);
  throw std::runtime_error(scrub_secrets(std::move(text), address_));
}

Transaction::Transaction(Connection& connection, Mode mode) : connection_(connection) {
  connection_.exec(mode == Mode::ReadSnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                              : "BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const std::exception&) {
    // The connection is gone: the server has rolled the transaction back itself.
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace kansa::store::pg
