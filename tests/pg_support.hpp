// PostgreSQL for the tests: the server that tools/start-test-postgres.sh starts (run by
// tools/run-tests.sh, which exports its address as KANSA_TEST_PG and KANSA_REQUIRE_PG=1).
// Each test works in a schema of its own, dropped at its end, so that tests run at once
// (ctest -j) never see each other's rows or claims.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kansa::testing {

// The test server's address (with its password), or nullopt when none is configured.
inline std::optional<std::string> pg_test_address() {
  const char* address = std::getenv("KANSA_TEST_PG");
  if (!address || !*address) return std::nullopt;
  return std::string(address);
}

inline bool pg_required() {
  const char* required = std::getenv("KANSA_REQUIRE_PG");
  return required && std::string(required) == "1";
}

// The password of the test server's address, as libpq reads it.
inline std::string pg_test_password() {
  std::string password;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(pg_test_address().value_or("").c_str(), &error);
  for (PQconninfoOption* o = options; o && o->keyword; ++o)
    if (std::string(o->keyword) == "password" && o->val) password = o->val;
  PQconninfoFree(options);
  PQfreemem(error);
  return password;
}

// `address` with search_path set to `schema` (libpq's options parameter, percent-encoded).
inline std::string with_schema(const std::string& address, const std::string& schema) {
  return address + (address.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema;
}

// One connection of the test itself, for set-up and for reading rows back. Values are bound
// as parameters.
class PgConnection {
 public:
  explicit PgConnection(const std::string& address)
      : conn_(PQconnectdb(address.c_str()), &PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK)
      throw std::runtime_error(std::string("test connection: ") + PQerrorMessage(conn_.get()));
    PQsetNoticeProcessor(
        conn_.get(), [](void*, const char*) {}, nullptr);
  }

  // Every row of `sql`, each as its values joined by tabs (NULL as "NULL").
  std::vector<std::string> rows(const std::string& sql,
                                const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, 0),
        &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error("test query failed: " + sql + ": " +
                               PQresultErrorMessage(result.get()));
    std::vector<std::string> out;
    for (int r = 0; r < PQntuples(result.get()); ++r) {
      std::string row;
      for (int c = 0; c < PQnfields(result.get()); ++c)
        row += (PQgetisnull(result.get(), r, c) ? std::string("NULL")
                                                : std::string(PQgetvalue(result.get(), r, c))) +
               "\t";
      out.push_back(row);
    }
    return out;
  }

  void exec(const std::string& sql, const std::vector<std::string>& params = {}) {
    rows(sql, params);
  }

 private:
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

// A schema of the test server's database for one test: created empty, dropped with
// everything in it at the end. Its name holds the process id, so tests run at once differ;
// one left by a killed test of the same id is dropped first.
class PgSchema {
 public:
  PgSchema() : admin_(*pg_test_address()) {
    static std::atomic<int> counter{0};
    name_ = "kansa_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    admin_.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    admin_.exec("CREATE SCHEMA " + name_);
  }
  ~PgSchema() {
    try {
      admin_.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (const std::exception&) {
    }
  }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  const std::string& name() const { return name_; }
  // The address kansa is given: the test server, search_path set to this schema.
  std::string address() const { return with_schema(*pg_test_address(), name_); }
  // Rows of `sql` run in this schema.
  std::vector<std::string> rows(const std::string& sql) {
    PgConnection in_schema(address());
    return in_schema.rows(sql);
  }

 private:
  PgConnection admin_;
  std::string name_;
};

// A test that needs the test server: skipped with a message when none is configured, failed
// when KANSA_REQUIRE_PG=1 (CI) says it must be there.
class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!pg_test_address()) {
      if (pg_required()) FAIL() << "KANSA_REQUIRE_PG=1 but KANSA_TEST_PG is not set";
      GTEST_SKIP() << "no PostgreSQL test server: set KANSA_TEST_PG=postgresql://... (see "
                      "tools/start-test-postgres.sh)";
    }
    schema_ = std::make_unique<PgSchema>();
  }
  void TearDown() override { schema_.reset(); }

  PgSchema& schema() { return *schema_; }

 private:
  std::unique_ptr<PgSchema> schema_;
};

}  // namespace kansa::testing
