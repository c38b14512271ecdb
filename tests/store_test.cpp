// The SQLite store and the JSONL / CSV exports: round trips, idempotence, atomicity of a
// save, the schema's key order and null handling, RFC 4180 quoting.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kansa/store.hpp"
#include "store/csv_format.hpp"

namespace fs = std::filesystem;
using kansa::DocumentInfo;
using kansa::Extraction;
using kansa::Finding;
using kansa::Measure;

namespace {

// ---- Building and comparing extractions -------------------------------------------------

// Every field set, Japanese text, exact (unrounded) confidences, and a finding of each shape:
// several measures, a measure of nulls, no measure at all, a finding of nulls.
Extraction full_extraction(const std::string& sha256) {
  Extraction e;
  DocumentInfo& d = e.document;
  d.sha256 = sha256;
  d.file = "措置状況報告書 " + sha256.substr(0, 4) + ".pdf";
  d.pages = 12;
  d.municipality = "下関市";
  d.municipality_code = "352012";
  d.prefecture = "山口県";
  d.audit_type = "comprehensive_external";
  d.audit_fiscal_year = 2023;
  d.title = "令和5年度包括外部監査結果に基づき講じた措置";
  d.theme = "情報システムに係る事務及び財務の執行について-DX(デジタル改革)推進-";
  d.report_number = "報告監6の第7号";
  d.notice_date = "2024-04-22";
  d.department = "健康局";
  d.field_confidence = {{"municipality", 0.987654321}, {"title", 0.5}};

  Finding first;
  first.ordinal = 1;
  first.ref = "総論1";
  first.kind = "opinion";
  first.title = "情報セキュリティポリシーの公開について";
  first.summary = "概要, with a comma and \"quotes\"\nand a second line";
  first.report_pages = {17, 35};
  // Box coordinates that no short decimal writes exactly: they must come back bit for bit.
  first.source = {{1, 2},
                  "mixed",
                  {{1, {56.123456789, 100.1, 300.3333333333333, 140.7}, "ref"},
                   {2, {0.1, 0.2, 0.30000000000000004, 0.4}, "measure"}}};
  first.confidence = 0.9567;
  first.field_confidence = {{"ref", 0.99}, {"kind", 0.991}, {"measures", 0.93}, {"zeta", 0.1}};
  Measure taken;
  taken.department = "情報政策課";
  taken.status = "taken";
  taken.status_raw = "①";
  taken.text = "・基本方針部分のみ公開することとした。\n・研修を実施した。";
  taken.date = "2024-03-07";
  taken.date_raw = "令和6年3月7日";
  taken.confidence = 0.123456789;
  taken.field_confidence = {{"text", 0.96}, {"department", 0.99}, {"status", 0.97}};
  Measure bare;  // every optional empty
  bare.text = "教育委員会から回答";
  bare.confidence = 0.5;
  first.measures = {taken, bare};

  Finding without_measures;
  without_measures.ordinal = 2;
  without_measures.ref = "2(1)";
  without_measures.kind = "finding";
  without_measures.title = "ウイルス対策ソフトの更新について";
  without_measures.source = {{3}, "ocr", {}};
  without_measures.confidence = 0.7;

  Finding of_nulls;  // ref, title, summary absent; empty page lists
  of_nulls.ordinal = 3;
  of_nulls.measures = {bare};
  e.findings = {first, without_measures, of_nulls};
  return e;
}

void expect_same_confidences(const kansa::FieldConfidence& expected,
                             const kansa::FieldConfidence& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (const auto& [key, value] : expected) {
    ASSERT_TRUE(actual.count(key)) << key;
    EXPECT_EQ(value, actual.at(key)) << key;  // exact: the store does not round
  }
}

void expect_same(const Measure& expected, const Measure& actual) {
  EXPECT_EQ(expected.department, actual.department);
  EXPECT_EQ(expected.status, actual.status);
  EXPECT_EQ(expected.status_raw, actual.status_raw);
  EXPECT_EQ(expected.text, actual.text);
  EXPECT_EQ(expected.date, actual.date);
  EXPECT_EQ(expected.date_raw, actual.date_raw);
  EXPECT_EQ(expected.confidence, actual.confidence);
  expect_same_confidences(expected.field_confidence, actual.field_confidence);
}

void expect_same(const Finding& expected, const Finding& actual) {
  EXPECT_EQ(expected.ordinal, actual.ordinal);
  EXPECT_EQ(expected.ref, actual.ref);
  EXPECT_EQ(expected.kind, actual.kind);
  EXPECT_EQ(expected.title, actual.title);
  EXPECT_EQ(expected.summary, actual.summary);
  EXPECT_EQ(expected.report_pages, actual.report_pages);
  EXPECT_EQ(expected.source.pages, actual.source.pages);
  EXPECT_EQ(expected.source.method, actual.source.method);
  ASSERT_EQ(expected.source.boxes.size(), actual.source.boxes.size());
  for (size_t i = 0; i < expected.source.boxes.size(); ++i) {
    const kansa::SourceBox &a = expected.source.boxes[i], &b = actual.source.boxes[i];
    EXPECT_EQ(a.page, b.page);
    EXPECT_EQ(a.field, b.field);
    EXPECT_EQ(a.box.x0, b.box.x0);
    EXPECT_EQ(a.box.y0, b.box.y0);
    EXPECT_EQ(a.box.x1, b.box.x1);
    EXPECT_EQ(a.box.y1, b.box.y1);
  }
  EXPECT_EQ(expected.confidence, actual.confidence);
  expect_same_confidences(expected.field_confidence, actual.field_confidence);
  ASSERT_EQ(expected.measures.size(), actual.measures.size());
  for (std::size_t i = 0; i < expected.measures.size(); ++i)
    expect_same(expected.measures[i], actual.measures[i]);
}

void expect_same(const Extraction& expected, const Extraction& actual) {
  const DocumentInfo& e = expected.document;
  const DocumentInfo& a = actual.document;
  EXPECT_EQ(e.sha256, a.sha256);
  EXPECT_EQ(e.file, a.file);
  EXPECT_EQ(e.pages, a.pages);
  EXPECT_EQ(e.municipality, a.municipality);
  EXPECT_EQ(e.municipality_code, a.municipality_code);
  EXPECT_EQ(e.prefecture, a.prefecture);
  EXPECT_EQ(e.audit_type, a.audit_type);
  EXPECT_EQ(e.audit_fiscal_year, a.audit_fiscal_year);
  EXPECT_EQ(e.title, a.title);
  EXPECT_EQ(e.theme, a.theme);
  EXPECT_EQ(e.report_number, a.report_number);
  EXPECT_EQ(e.notice_date, a.notice_date);
  EXPECT_EQ(e.department, a.department);
  expect_same_confidences(e.field_confidence, a.field_confidence);
  ASSERT_EQ(expected.findings.size(), actual.findings.size());
  for (std::size_t i = 0; i < expected.findings.size(); ++i)
    expect_same(expected.findings[i], actual.findings[i]);
}

// ---- A temporary database per test ------------------------------------------------------

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kansa-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_path_ = (dir_ / "kansa.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Counts rows through a connection of its own, independent of the store under test.
  long long count(const std::string& table) const {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT count(*) FROM " + table;  // test-only constant names
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const long long n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

  std::string pragma(const std::string& name) const {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  fs::path dir_;
  std::string db_path_;
};

// ---- Store ------------------------------------------------------------------------------

TEST_F(StoreTest, RoundTripKeepsEveryFieldThroughAFreshConnection) {
  const Extraction saved = full_extraction("aa11");
  ASSERT_TRUE(kansa::store::open_sqlite(db_path_)->save(saved));
  // Reopened: nothing may come from a cache of the first connection.
  const auto loaded = kansa::store::open_sqlite(db_path_)->load_all();
  ASSERT_EQ(loaded.size(), 1u);
  expect_same(saved, loaded[0]);
}

TEST_F(StoreTest, DatabaseIsVersionedAndInWalMode) {
  kansa::store::open_sqlite(db_path_)->save(full_extraction("aa11"));
  EXPECT_EQ(pragma("user_version"), "6");
  EXPECT_EQ(pragma("journal_mode"), "wal");
  EXPECT_EQ(count("documents"), 1);
  EXPECT_EQ(count("findings"), 3);
  EXPECT_EQ(count("measures"), 3);
}

TEST_F(StoreTest, SavingTheSameSha256AgainChangesNothing) {
  auto store = kansa::store::open_sqlite(db_path_);
  EXPECT_FALSE(store->has_document("aa11"));
  ASSERT_TRUE(store->save(full_extraction("aa11"), "/data/in/a.pdf"));
  EXPECT_TRUE(store->has_document("aa11"));
  const long long documents = count("documents"), findings = count("findings"),
                  measures = count("measures");
  Extraction changed = full_extraction("aa11");
  changed.document.title = "別の題名";
  changed.findings.pop_back();
  EXPECT_FALSE(store->save(changed));
  EXPECT_FALSE(kansa::store::open_sqlite(db_path_)->save(changed));  // nor from another connection
  EXPECT_EQ(count("documents"), documents);
  EXPECT_EQ(count("findings"), findings);
  EXPECT_EQ(count("measures"), measures);
  const auto loaded = store->load_all();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].document.title, full_extraction("aa11").document.title);
}

TEST_F(StoreTest, DocumentsKeepIngestionOrderAndFindingsOrdinalOrder) {
  auto store = kansa::store::open_sqlite(db_path_);
  // Saved in an order that is neither alphabetical by sha256 nor by file.
  Extraction later = full_extraction("ff99");
  std::swap(later.findings[0], later.findings[2]);  // ordinals 3, 2, 1 as given
  ASSERT_TRUE(store->save(later));
  ASSERT_TRUE(store->save(full_extraction("00aa")));
  ASSERT_TRUE(store->save(full_extraction("77bb")));
  const auto loaded = store->load_all();
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].document.sha256, "ff99");
  EXPECT_EQ(loaded[1].document.sha256, "00aa");
  EXPECT_EQ(loaded[2].document.sha256, "77bb");
  ASSERT_EQ(loaded[0].findings.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(loaded[0].findings[i].ordinal, i + 1);
  expect_same(full_extraction("ff99"), loaded[0]);  // measures followed their findings
  expect_same(full_extraction("77bb"), loaded[2]);
}

TEST_F(StoreTest, AFailedSaveLeavesNothingBehind) {
  auto store = kansa::store::open_sqlite(db_path_);
  ASSERT_TRUE(store->save(full_extraction("aa11")));
  Extraction broken = full_extraction("bb22");
  broken.findings[2].ordinal = 1;  // the third finding collides with the first: UNIQUE fails
  try {
    store->save(broken);
    FAIL() << "a duplicate ordinal must fail the save";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(db_path_), std::string::npos) << message;
    EXPECT_NE(message.find("UNIQUE"), std::string::npos) << message;
  }
  // The document row, two findings and their measures were written before the failure.
  EXPECT_FALSE(store->has_document("bb22"));
  EXPECT_EQ(count("documents"), 1);
  EXPECT_EQ(count("findings"), 3);
  EXPECT_EQ(count("measures"), 3);
  // The connection is usable again: no transaction was left open.
  broken.findings[2].ordinal = 3;
  EXPECT_TRUE(store->save(broken));
  EXPECT_EQ(store->load_all().size(), 2u);
}

TEST_F(StoreTest, RecordsTheSourcePathAndNamesTheFileOfAMalformedRow) {
  ASSERT_TRUE(kansa::store::open_sqlite(db_path_)->save(full_extraction("aa11"), "/in/a.pdf"));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT path FROM documents", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "/in/a.pdf");
  sqlite3_finalize(stmt);
  // A hand-edited row that is not the JSON the store wrote.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE findings SET report_pages = '[17, \"x\"]' WHERE ordinal = 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  try {
    kansa::store::open_sqlite(db_path_)->load_all();
    FAIL() << "a malformed stored value must be reported";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(db_path_), std::string::npos) << error.what();
  }
}

TEST_F(StoreTest, RefusesADatabaseOfANewerSchema) {
  kansa::store::open_sqlite(db_path_);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    kansa::store::open_sqlite(db_path_);
    FAIL() << "a newer schema must be refused";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(db_path_), std::string::npos) << error.what();
  }
}

TEST_F(StoreTest, AnUnopenableDatabaseNamesItsPath) {
  const std::string path = (dir_ / "missing-dir" / "kansa.db").string();
  try {
    kansa::store::open_sqlite(path);
    FAIL() << "opening in a missing directory must fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
}

TEST_F(StoreTest, TwoProcessesWriteTheSameDatabase) {
  kansa::store::open_sqlite(db_path_);  // schema in place before the race
  constexpr int kPerProcess = 15;
  pid_t children[2];
  for (int c = 0; c < 2; ++c) {
    children[c] = fork();
    ASSERT_GE(children[c], 0);
    if (children[c] == 0) {
      int failures = 0;
      try {
        auto store = kansa::store::open_sqlite(db_path_);
        // Both processes also try each other's documents: exactly one save of each wins.
        for (int i = 0; i < kPerProcess; ++i) {
          store->save(full_extraction("c" + std::to_string(c) + "-" + std::to_string(i)));
          store->save(full_extraction("c" + std::to_string(1 - c) + "-" + std::to_string(i)));
        }
      } catch (...) {
        failures = 1;
      }
      _exit(failures);
    }
  }
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  EXPECT_EQ(count("documents"), 2 * kPerProcess);
  EXPECT_EQ(count("findings"), 2 * kPerProcess * 3);
  EXPECT_EQ(count("measures"), 2 * kPerProcess * 3);
}

// ---- finding_json -----------------------------------------------------------------------

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

TEST(FindingJson, FollowsTheSchemaKeyOrderWithNulls) {
  const Extraction e = full_extraction("aa11");
  const auto first =
      nlohmann::ordered_json::parse(kansa::store::finding_json(e.document, e.findings[0]));
  EXPECT_EQ(keys_of(first),
            (std::vector<std::string>{"schema", "document", "ordinal", "ref", "kind", "title",
                                      "summary", "report_pages", "measures", "source", "confidence",
                                      "field_confidence"}));
  EXPECT_EQ(
      keys_of(first["document"]),
      (std::vector<std::string>{"sha256", "file", "pages", "municipality", "municipality_code",
                                "prefecture", "audit_type", "audit_fiscal_year", "title", "theme",
                                "report_number", "notice_date", "department"}));
  ASSERT_EQ(first["measures"].size(), 2u);
  EXPECT_EQ(keys_of(first["measures"][0]),
            (std::vector<std::string>{"department", "status", "status_raw", "text", "date",
                                      "date_raw", "confidence", "field_confidence"}));
  EXPECT_EQ(keys_of(first["source"]), (std::vector<std::string>{"pages", "method"}));
  // Field confidences: schema fields in schema order, unknown ones after.
  EXPECT_EQ(keys_of(first["field_confidence"]),
            (std::vector<std::string>{"ref", "kind", "measures", "zeta"}));
  EXPECT_EQ(keys_of(first["measures"][0]["field_confidence"]),
            (std::vector<std::string>{"department", "status", "text"}));

  EXPECT_EQ(first["schema"], "kansa.finding/1");
  EXPECT_EQ(first["document"]["municipality"], "下関市");
  EXPECT_EQ(first["document"]["audit_fiscal_year"], 2023);
  EXPECT_EQ(first["report_pages"], nlohmann::ordered_json::array({17, 35}));
  EXPECT_EQ(first["summary"], e.findings[0].summary.value());
  EXPECT_EQ(first["source"]["pages"], nlohmann::ordered_json::array({1, 2}));
  EXPECT_EQ(first["source"]["method"], "mixed");
  EXPECT_EQ(first["measures"][0]["status_raw"], "①");
  EXPECT_EQ(first["measures"][0]["date"], "2024-03-07");
  // Rounded to 3 decimals, written in the shortest form.
  EXPECT_EQ(first["confidence"].get<double>(), 0.957);
  EXPECT_EQ(first["measures"][0]["confidence"].get<double>(), 0.123);
  EXPECT_EQ(first["field_confidence"]["kind"].get<double>(), 0.991);
  // Empty optionals are null, not missing and not "".
  const auto& bare = first["measures"][1];
  for (const char* key : {"department", "status_raw", "date", "date_raw"}) {
    ASSERT_TRUE(bare.contains(key)) << key;
    EXPECT_TRUE(bare[key].is_null()) << key;
  }
  EXPECT_EQ(bare["status"], "unknown");
  EXPECT_TRUE(bare["field_confidence"].is_object());
  EXPECT_TRUE(bare["field_confidence"].empty());

  const auto nulls =
      nlohmann::ordered_json::parse(kansa::store::finding_json(e.document, e.findings[2]));
  for (const char* key : {"ref", "title", "summary"}) EXPECT_TRUE(nulls[key].is_null()) << key;
  EXPECT_TRUE(nulls["report_pages"].is_array());
  EXPECT_TRUE(nulls["report_pages"].empty());
  DocumentInfo unknown;
  unknown.sha256 = "aa11";
  const auto no_document =
      nlohmann::ordered_json::parse(kansa::store::finding_json(unknown, e.findings[2]));
  for (const char* key :
       {"municipality", "municipality_code", "prefecture", "audit_type", "audit_fiscal_year",
        "title", "theme", "report_number", "notice_date", "department"})
    EXPECT_TRUE(no_document["document"][key].is_null()) << key;
}

TEST(FindingJson, WritesUtf8AsIsOnOneLine) {
  const Extraction e = full_extraction("aa11");
  const std::string line = kansa::store::finding_json(e.document, e.findings[0]);
  EXPECT_NE(line.find("下関市"), std::string::npos);
  EXPECT_EQ(line.find("\\u"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);  // the summary's newline is escaped
  EXPECT_NE(line.find("\\n"), std::string::npos);
}

// ---- Golden records through the store and the JSONL export -----------------------------

template <typename T>
std::optional<T> optional_of(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || object[key].is_null()) return std::nullopt;
  return object[key].get<T>();
}

// The fields a golden record gives, as an Extraction (what the pipeline would produce).
Finding finding_from_gold(const nlohmann::json& gold) {
  Finding f;
  f.ordinal = gold.at("ordinal").get<int>();
  f.ref = optional_of<std::string>(gold, "ref");
  f.kind = gold.at("kind").get<std::string>();
  f.title = optional_of<std::string>(gold, "title");
  f.summary = optional_of<std::string>(gold, "summary");
  f.report_pages = gold.value("report_pages", std::vector<int>{});
  for (const auto& m : gold.at("measures")) {
    Measure measure;
    measure.department = optional_of<std::string>(m, "department");
    measure.status = m.at("status").get<std::string>();
    measure.status_raw = optional_of<std::string>(m, "status_raw");
    measure.text = m.at("text").get<std::string>();
    measure.date = optional_of<std::string>(m, "date");
    measure.date_raw = optional_of<std::string>(m, "date_raw");
    f.measures.push_back(measure);
  }
  return f;
}

DocumentInfo document_from_gold(const nlohmann::json& gold, const std::string& name) {
  DocumentInfo d;
  d.sha256 = "sha-of-" + name;
  d.file = name + ".pdf";
  d.municipality = optional_of<std::string>(gold, "municipality");
  d.municipality_code = optional_of<std::string>(gold, "municipality_code");
  d.prefecture = optional_of<std::string>(gold, "prefecture");
  d.audit_type = optional_of<std::string>(gold, "audit_type");
  d.audit_fiscal_year = optional_of<int>(gold, "audit_fiscal_year");
  d.title = optional_of<std::string>(gold, "title");
  d.theme = optional_of<std::string>(gold, "theme");
  d.report_number = optional_of<std::string>(gold, "report_number");
  d.notice_date = optional_of<std::string>(gold, "notice_date");
  d.department = optional_of<std::string>(gold, "department");
  return d;
}

// Every key of `gold` is in `ours` with the same value, and in the same relative order.
void expect_matches_gold(const nlohmann::ordered_json& gold, const nlohmann::ordered_json& ours,
                         const std::string& where) {
  if (!gold.is_object()) {
    EXPECT_EQ(gold, ours) << where;
    return;
  }
  ASSERT_TRUE(ours.is_object()) << where;
  const auto our_keys = keys_of(ours);
  std::size_t last = 0;
  for (const auto& item : gold.items()) {
    const auto at = std::find(our_keys.begin(), our_keys.end(), item.key());
    ASSERT_NE(at, our_keys.end()) << where << "." << item.key();
    const auto position = static_cast<std::size_t>(at - our_keys.begin());
    EXPECT_GE(position, last) << where << "." << item.key() << " out of schema order";
    last = position;
    if (item.value().is_array() && !item.value().empty() && item.value()[0].is_object()) {
      ASSERT_EQ(item.value().size(), ours[item.key()].size()) << where << "." << item.key();
      for (std::size_t i = 0; i < item.value().size(); ++i)
        expect_matches_gold(item.value()[i], ours[item.key()][i],
                            where + "." + item.key() + "[" + std::to_string(i) + "]");
    } else {
      expect_matches_gold(item.value(), ours[item.key()], where + "." + item.key());
    }
  }
}

TEST_F(StoreTest, GoldenRecordsSurviveTheStoreAndTheJsonlExport) {
  const std::vector<std::string> names = {"shimonoseki-r5-comprehensive", "osaka-kenko-r5"};
  std::vector<nlohmann::ordered_json> golds;
  auto store = kansa::store::open_sqlite(db_path_);
  for (const auto& name : names) {
    std::ifstream in(fs::path(KANSA_FIXTURES_DIR) / "corpus" / name / "expected.jsonl");
    ASSERT_TRUE(in) << name;
    Extraction extraction;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto gold = nlohmann::ordered_json::parse(line);
      if (extraction.findings.empty())
        extraction.document =
            document_from_gold(nlohmann::json::parse(gold["document"].dump()), name);
      extraction.findings.push_back(finding_from_gold(nlohmann::json::parse(line)));
      golds.push_back(gold);
    }
    ASSERT_TRUE(store->save(extraction)) << name;
  }
  ASSERT_GT(golds.size(), 50u);
  std::ostringstream out;
  kansa::store::export_jsonl(kansa::store::open_sqlite(db_path_)->load_all(), out);
  std::istringstream lines(out.str());
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(n, golds.size());
    expect_matches_gold(golds[n], nlohmann::ordered_json::parse(line),
                        "line " + std::to_string(n + 1));
    ++n;
  }
  EXPECT_EQ(n, golds.size());
}

// ---- CSV --------------------------------------------------------------------------------

// A strict RFC 4180 reader for checking the writer: CRLF record ends, quoted fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty() || was_quoted) throw std::runtime_error("quote inside a bare field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else if (c == '\r' || c == '\n') {
      throw std::runtime_error("bare line break outside quotes");
    } else {
      field += c;
    }
  }
  if (quoted || !row.empty() || !field.empty()) throw std::runtime_error("unterminated record");
  return rows;
}

TEST(CsvFormat, QuotesOnlyWhatNeedsIt) {
  using kansa::store::csv::field;
  EXPECT_EQ(field("情報政策課"), "情報政策課");
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(kansa::store::csv::pages({18, 36, 37}), "18;36;37");
  EXPECT_EQ(kansa::store::csv::confidence(0.9567), "0.957");
  EXPECT_EQ(kansa::store::csv::confidence(1.0), "1");
}

TEST(CsvExport, OneRowPerMeasureWithRepeatedColumnsAndQuoting) {
  const std::vector<Extraction> extractions = {full_extraction("aa11"), full_extraction("bb22")};
  std::ostringstream out;
  kansa::store::export_csv(extractions, out);
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, 3), "doc");  // no byte order mark
  const auto rows = parse_csv(text);
  // Per document: 2 measures + 1 row for the finding without measures + 1 measure.
  ASSERT_EQ(rows.size(), 1u + 2 * 4);
  const auto& header = rows[0];
  ASSERT_EQ(header.size(), 29u);
  for (const auto& row : rows) ASSERT_EQ(row.size(), header.size());
  auto column = [&](const std::vector<std::string>& row, const std::string& name) {
    const auto at = std::find(header.begin(), header.end(), name);
    if (at == header.end()) throw std::runtime_error("no column " + name);
    return row[static_cast<std::size_t>(at - header.begin())];
  };
  const Extraction e = full_extraction("aa11");
  // The two measures of the first finding: finding and document columns repeated.
  for (int r : {1, 2}) {
    EXPECT_EQ(column(rows[r], "document_sha256"), "aa11");
    EXPECT_EQ(column(rows[r], "municipality"), "下関市");
    EXPECT_EQ(column(rows[r], "audit_fiscal_year"), "2023");
    EXPECT_EQ(column(rows[r], "ordinal"), "1");
    EXPECT_EQ(column(rows[r], "summary"), e.findings[0].summary.value());  // , " \n survive
    EXPECT_EQ(column(rows[r], "report_pages"), "17;35");
    EXPECT_EQ(column(rows[r], "finding_confidence"), "0.957");
    EXPECT_EQ(column(rows[r], "source_pages"), "1;2");
    EXPECT_EQ(column(rows[r], "method"), "mixed");
  }
  EXPECT_EQ(column(rows[1], "measure_index"), "1");
  EXPECT_EQ(column(rows[1], "department"), "情報政策課");
  EXPECT_EQ(column(rows[1], "status_raw"), "①");
  EXPECT_EQ(column(rows[1], "measure_text"), e.findings[0].measures[0].text);
  EXPECT_EQ(column(rows[1], "date"), "2024-03-07");
  EXPECT_EQ(column(rows[1], "measure_confidence"), "0.123");
  EXPECT_EQ(column(rows[2], "measure_index"), "2");
  EXPECT_EQ(column(rows[2], "department"), "");
  EXPECT_EQ(column(rows[2], "status"), "unknown");
  // The finding without measures: one row, measure columns empty.
  EXPECT_EQ(column(rows[3], "ordinal"), "2");
  EXPECT_EQ(column(rows[3], "ref"), "2(1)");
  for (const char* name : {"measure_index", "department", "status", "status_raw", "measure_text",
                           "date", "date_raw", "measure_confidence"})
    EXPECT_EQ(column(rows[3], name), "") << name;
  EXPECT_EQ(column(rows[3], "finding_confidence"), "0.7");
  EXPECT_EQ(column(rows[4], "ordinal"), "3");
  EXPECT_EQ(column(rows[4], "report_pages"), "");
  EXPECT_EQ(column(rows[5], "document_sha256"), "bb22");
  // The raw text quotes the summary with its inner quotes doubled.
  EXPECT_NE(text.find("\"概要, with a comma and \"\"quotes\"\"\nand a second line\""),
            std::string::npos);
}

TEST(CsvExport, NoExtractionsGiveTheHeaderOnly) {
  std::ostringstream out;
  kansa::store::export_csv({}, out);
  const auto rows = parse_csv(out.str());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].front(), "document_sha256");
  EXPECT_EQ(rows[0].back(), "method");
}

}  // namespace
