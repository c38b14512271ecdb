// The research views (core/src/store/views_sql.hpp) on ingested fixtures: every row of each
// view equals what is computed here, independently, from the JSONL export of the same
// database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli_support.hpp"
#include "findings_compare.hpp"
#include "store/views_sql.hpp"

using kansa::testing::fixture;
using kansa::testing::read_jsonl;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

using Text = std::optional<std::string>;

// A read-only connection and typed column readers.
class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      ADD_FAILURE() << "cannot open " << path;
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Calls `row(statement)` for each row of `sql`.
  template <typename Row>
  void each(const std::string& sql, Row row) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(st);
  }

 private:
  sqlite3* db_ = nullptr;
};

Text text(sqlite3_stmt* st, int i) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
}
long long integer(sqlite3_stmt* st, int i) { return sqlite3_column_int64(st, i); }
std::optional<double> real(sqlite3_stmt* st, int i) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(st, i);
}

Text json_text(const json& v) {
  if (v.is_null()) return std::nullopt;
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// The database and its export, made once for the suite: two corpus reports (two
// municipalities, two audit types) and the generated set (more municipalities and years,
// every status).
class ResearchViews : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = temp_dir("research-views");
    db_ = dir_ + "/k.db";
    const auto shimonoseki =
        fixture("corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf");
    auto r = run_kansa("ingest --db " + db_ + " --municipality-code 352012 " + shimonoseki);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_kansa("ingest --db " + db_ + " --municipality-code 271004 " +
                  fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_kansa("ingest --db " + db_ + " " + fixture("generated"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_kansa("export --db " + db_ + " --format jsonl --out " + dir_ + "/all.jsonl");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    findings_ = read_jsonl(dir_ + "/all.jsonl");
  }

  static std::string dir_, db_;
  static std::vector<json> findings_;
};

std::string ResearchViews::dir_;
std::string ResearchViews::db_;
std::vector<json> ResearchViews::findings_;

}  // namespace

TEST_F(ResearchViews, DatabaseHasExactlyTheViewsDefined) {
  std::set<std::string> views;
  Db db(db_);
  db.each("SELECT name FROM sqlite_master WHERE type = 'view'",
          [&](sqlite3_stmt* st) { views.insert(*text(st, 0)); });
  const std::set<std::string> expected(kansa::store::kResearchViewNames.begin(),
                                       kansa::store::kResearchViewNames.end());
  EXPECT_EQ(views, expected);
}

TEST_F(ResearchViews, FindingsByMunicipalityYearMatchTheExport) {
  using Key = std::tuple<Text, Text, Text, Text>;  // code, municipality, prefecture, year
  struct Counts {
    std::set<std::string> documents;
    long long findings = 0, finding = 0, opinion = 0, unknown = 0, measures = 0;
  };
  std::map<Key, Counts> expected;
  std::set<std::string> documents;
  for (const json& f : findings_) {
    const json& d = f["document"];
    Counts& c = expected[{json_text(d["municipality_code"]), json_text(d["municipality"]),
                          json_text(d["prefecture"]), json_text(d["audit_fiscal_year"])}];
    c.documents.insert(d["sha256"].get<std::string>());
    documents.insert(d["sha256"].get<std::string>());
    ++c.findings;
    const std::string kind = f["kind"];
    ++(kind == "finding" ? c.finding : kind == "opinion" ? c.opinion : c.unknown);
    c.measures += static_cast<long long>(f["measures"].size());
  }
  // The export shows documents through their findings: every document ingested has some.
  ASSERT_EQ(documents.size(), 8u);
  ASSERT_GE(expected.size(), 5u) << "the fixtures should span several municipalities and years";

  std::map<Key, Counts> seen;
  Db db(db_);
  db.each(
      "SELECT municipality_code, municipality, prefecture, audit_fiscal_year, documents, "
      "findings, kind_finding, kind_opinion, kind_unknown, measures "
      "FROM findings_by_municipality_year",
      [&](sqlite3_stmt* st) {
        const Key key{text(st, 0), text(st, 1), text(st, 2), text(st, 3)};
        ASSERT_EQ(seen.count(key), 0u) << "one row per group";
        ASSERT_EQ(expected.count(key), 1u) << "a group the export does not have";
        const Counts& want = expected[key];
        EXPECT_EQ(integer(st, 4), static_cast<long long>(want.documents.size()));
        EXPECT_EQ(integer(st, 5), want.findings);
        EXPECT_EQ(integer(st, 6), want.finding);
        EXPECT_EQ(integer(st, 7), want.opinion);
        EXPECT_EQ(integer(st, 8), want.unknown);
        EXPECT_EQ(integer(st, 9), want.measures);
        seen[key];
      });
  EXPECT_EQ(seen.size(), expected.size());
}

TEST_F(ResearchViews, MeasureStatusByAuditTypeMatchesTheExport) {
  std::map<Text, std::map<std::string, long long>> expected;  // audit type -> status -> count
  for (const json& f : findings_)
    for (const json& m : f["measures"])
      ++expected[json_text(f["document"]["audit_type"])][m["status"].get<std::string>()];
  ASSERT_GE(expected.size(), 3u);

  std::size_t rows = 0;
  Db db(db_);
  db.each(
      "SELECT audit_type, measures, taken, partially_taken, in_progress, not_taken, unknown, "
      "share_taken, share_taken_of_known FROM measure_status_by_audit_type",
      [&](sqlite3_stmt* st) {
        ++rows;
        const Text type = text(st, 0);
        ASSERT_EQ(expected.count(type), 1u) << type.value_or("NULL");
        auto& want = expected[type];
        long long total = 0;
        for (const auto& [status, n] : want) total += n;
        EXPECT_EQ(integer(st, 1), total);
        EXPECT_EQ(integer(st, 2), want["taken"]);
        EXPECT_EQ(integer(st, 3), want["partially_taken"]);
        EXPECT_EQ(integer(st, 4), want["in_progress"]);
        EXPECT_EQ(integer(st, 5), want["not_taken"]);
        EXPECT_EQ(integer(st, 6), want["unknown"]);
        EXPECT_DOUBLE_EQ(*real(st, 7), double(want["taken"]) / double(total));
        const long long known = total - want["unknown"];
        if (known == 0)
          EXPECT_FALSE(real(st, 8).has_value());
        else
          EXPECT_DOUBLE_EQ(*real(st, 8), double(want["taken"]) / double(known));
      });
  EXPECT_EQ(rows, expected.size());
}

TEST_F(ResearchViews, OutstandingMeasuresAreThoseNotFullyTakenInTheExport) {
  // sha256, ordinal, measure index (1-based), department, status, text
  using Row = std::tuple<std::string, long long, long long, Text, std::string, std::string>;
  std::multiset<Row> expected;
  std::set<std::string> statuses;
  for (const json& f : findings_) {
    const auto& measures = f["measures"];
    for (std::size_t i = 0; i < measures.size(); ++i) {
      const std::string status = measures[i]["status"];
      if (status != "not_taken" && status != "partially_taken" && status != "in_progress") continue;
      statuses.insert(status);
      expected.insert({f["document"]["sha256"], f["ordinal"].get<long long>(),
                       static_cast<long long>(i + 1), json_text(measures[i]["department"]), status,
                       measures[i]["text"]});
    }
  }
  EXPECT_EQ(statuses.size(), 3u) << "the fixtures should have every status not taken";

  std::multiset<Row> seen;
  Db db(db_);
  db.each(
      "SELECT document_sha256, ordinal, measure_index, department, status, measure_text "
      "FROM outstanding_measures",
      [&](sqlite3_stmt* st) {
        seen.insert({*text(st, 0), integer(st, 1), integer(st, 2), text(st, 3), *text(st, 4),
                     *text(st, 5)});
      });
  EXPECT_EQ(seen, expected);
}
