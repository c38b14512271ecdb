// The export formats as the README documents them: the CSV columns listed in the README are
// the exporter's header, in order; --format parquet is refused with the way to convert.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kansa/store.hpp"

using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

namespace {

std::string readme() { return read_file(std::string(KANSA_FIXTURES_DIR) + "/../README.md"); }

// The first cell, in backquotes, of each row of the table between the README's markers.
std::vector<std::string> documented_csv_columns() {
  const std::string text = readme();
  const auto begin = text.find("<!-- csv-columns:begin -->");
  const auto end = text.find("<!-- csv-columns:end -->");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return {};
  std::istringstream table(text.substr(begin, end - begin));
  const std::regex row(R"(^\| `([a-z0-9_]+)` \|.*\|\s*$)");
  std::vector<std::string> columns;
  for (std::string line; std::getline(table, line);) {
    std::smatch m;
    if (std::regex_match(line, m, row)) columns.push_back(m[1]);
  }
  return columns;
}

std::vector<std::string> exported_header() {
  std::ostringstream out;
  kansa::store::export_csv({}, out);
  std::string line = out.str();
  EXPECT_EQ(line.substr(line.size() - 2), "\r\n");
  line.resize(line.size() - 2);
  std::vector<std::string> columns;
  std::istringstream in(line);
  for (std::string c; std::getline(in, c, ',');) columns.push_back(c);
  return columns;
}

}  // namespace

TEST(ExportFormats, ReadmeDocumentsEveryCsvColumnInOrder) {
  const auto documented = documented_csv_columns();
  ASSERT_FALSE(documented.empty()) << "no CSV column table between the README's markers";
  EXPECT_EQ(documented, exported_header());
}

TEST(ExportFormats, ReadmeDocumentsEveryCsvColumnWithTypeAndExample) {
  // | `name` | meaning | type | example | JSONL field |: five non-empty cells.
  const std::string text = readme();
  const auto begin = text.find("<!-- csv-columns:begin -->");
  const auto end = text.find("<!-- csv-columns:end -->");
  ASSERT_NE(begin, std::string::npos);
  std::istringstream table(text.substr(begin, end - begin));
  const std::regex row(R"(^\| `[a-z0-9_]+` \|([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|\s*$)");
  int rows = 0;
  for (std::string line; std::getline(table, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    ++rows;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, row))
        << "not name | meaning | type | example | JSONL field: " << line;
    for (int i = 1; i <= 4; ++i)
      EXPECT_NE(m[i].str().find_first_not_of(' '), std::string::npos) << line;
  }
  EXPECT_EQ(rows, static_cast<int>(exported_header().size()));
}

TEST(ExportFormats, ParquetIsRefusedWithTheWayToConvert) {
  const std::string dir = temp_dir("parquet");
  kansa::store::open_sqlite(dir + "/k.db");  // an empty database
  const auto r = run_kansa("export --db " + dir + "/k.db --format parquet --out " + dir + "/o.pq");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no Parquet writer"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FORMAT parquet"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir + "/o.pq"));
}
