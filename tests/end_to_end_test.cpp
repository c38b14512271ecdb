// The whole pipeline through the command line on the corpus fixtures: ingest, re-ingest,
// export, and the findings compared field by field with the golden files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "findings_compare.hpp"

using kansa::testing::compare;
using kansa::testing::FieldScore;
using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::read_jsonl;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

struct CorpusCase {
  const char* name;
  const char* code;
};
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.name; }

class CorpusEndToEnd : public ::testing::TestWithParam<CorpusCase> {};

}  // namespace

TEST_P(CorpusEndToEnd, MatchesGoldenFindings) {
  const CorpusCase c = GetParam();
  const std::string dir = temp_dir(std::string("e2e-") + c.name);
  const std::string pdf = fixture(std::string("corpus/") + c.name + "/" + c.name + ".pdf");
  auto r = run_kansa("ingest --db " + dir + "/k.db --municipality-code " + c.code + " " + pdf);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_kansa("export --db " + dir + "/k.db --format jsonl --out " + dir + "/out.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto gold = read_jsonl(fixture(std::string("corpus/") + c.name + "/expected.jsonl"));
  auto pred = read_jsonl(dir + "/out.jsonl");
  EXPECT_EQ(pred.size(), gold.size());
  FieldScore s = compare(gold, pred);
  EXPECT_GE(s.accuracy(), 0.97) << s.correct << "/" << s.total << " fields right; misses:\n"
                                << s.misses_text();
  for (const json& f : pred) {
    EXPECT_EQ(f["schema"], "kansa.finding/1");
    EXPECT_EQ(f["source"]["method"], "text");
    EXPECT_GE(f["confidence"].get<double>(), 0.0);
    EXPECT_LE(f["confidence"].get<double>(), 1.0);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusEndToEnd,
                         ::testing::Values(CorpusCase{"shimonoseki-r5-comprehensive", "352012"},
                                           CorpusCase{"shimonoseki-r5-kangxi", "352012"},
                                           CorpusCase{"osaka-kenko-r5", "271004"}),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

TEST(Ingest, SameFileTwiceStoresOneCopy) {
  const std::string dir = temp_dir("reingest");
  const std::string pdf = fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  ASSERT_EQ(run_kansa("ingest --db " + dir + "/k.db " + pdf).exit_code, 0);
  auto again = run_kansa("ingest --db " + dir + "/k.db " + pdf + " " + pdf);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("already stored"), std::string::npos) << again.output;
  ASSERT_EQ(run_kansa("export --db " + dir + "/k.db --out " + dir + "/o.jsonl").exit_code, 0);
  EXPECT_EQ(read_jsonl(dir + "/o.jsonl").size(), 3u);
}

TEST(Ingest, BadFileFailsAloneWithReasonAndTheBatchGoesOn) {
  const std::string dir = temp_dir("badfile");
  const std::string bad = dir + "/not-a-pdf.pdf";
  std::ofstream(bad) << "<html><body>404 Not Found</body></html>";
  const std::string good = fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  auto r = run_kansa("ingest --db " + dir + "/k.db " + bad + " " + good);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not-a-pdf.pdf: FAILED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 stored"), std::string::npos) << r.output;
  ASSERT_EQ(run_kansa("export --db " + dir + "/k.db --out " + dir + "/o.jsonl").exit_code, 0);
  EXPECT_EQ(read_jsonl(dir + "/o.jsonl").size(), 3u);
}

TEST(Ingest, UnusableTextLayerIsRefusedWithoutOcrStage) {
  const std::string dir = temp_dir("notounicode");
  auto r = run_kansa("ingest --pipeline text --db " + dir + "/k.db " +
                     fixture("corpus/osaka-kenko-r5-notounicode/osaka-kenko-r5-notounicode.pdf"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no usable text layer"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(the default pipeline has one)"), std::string::npos) << r.output;
}

TEST(Export, CsvHasOneRowPerMeasure) {
  const std::string dir = temp_dir("csv");
  ASSERT_EQ(
      run_kansa("ingest --db " + dir + "/k.db --municipality-code 352012 " +
                fixture("corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf"))
          .exit_code,
      0);
  auto r = run_kansa("export --db " + dir + "/k.db --format csv --out " + dir + "/o.csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string csv = read_file(dir + "/o.csv");
  // Count records, not lines: quoted fields may hold line breaks.
  int records = 0;
  bool quoted = false;
  for (char ch : csv) {
    if (ch == '"') quoted = !quoted;
    if (ch == '\n' && !quoted) ++records;
  }
  EXPECT_EQ(records, 1 + 71);  // header + 71 measures of the golden file
}

TEST(Cli, TablesCommandPrintsStitchedTable) {
  auto r = run_kansa(
      "tables " + fixture("corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  json j = json::parse(r.output.substr(r.output.find('{')));
  ASSERT_FALSE(j["tables"].empty());
  // The main table runs over all 8 pages as one table with 4 columns.
  bool found = false;
  for (const auto& t : j["tables"])
    if (t["pages"].size() == 8 && t["cells"][0].size() == 4) found = true;
  EXPECT_TRUE(found) << r.output.substr(0, 2000);
}

TEST(Cli, BadCommandLineExitsWithTwo) {
  // A file that does not exist fails validation (for ingest it is a failed document: 1).
  EXPECT_EQ(run_kansa("tables /nonexistent/x.pdf").exit_code, 2);
  EXPECT_EQ(run_kansa("export --no-such-option").exit_code, 2);
  EXPECT_EQ(run_kansa("tables --help").exit_code, 0);
}

TEST(Cli, PluginsCommandListsVersionsAndOptions) {
  auto r = run_kansa("plugins");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("pdftext"), std::string::npos);
  EXPECT_NE(r.output.find("tables"), std::string::npos);
  EXPECT_NE(r.output.find("option max_pages"), std::string::npos) << r.output;
}

// Regression: workers run in their own folder, so a path relative to the caller's folder
// (from the command line, a manifest or --pipeline FILE) must still reach them.
TEST(Ingest, RelativePathsWorkFromTheCallersFolder) {
  const std::string dir = temp_dir("relative");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(KANSA_FIXTURES_DIR);
  auto direct = run_kansa("ingest --db " + dir + "/a.db corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  auto manifest = run_kansa("ingest --db " + dir + "/b.db --manifest demo-manifest.csv");
  auto definition = run_kansa("ingest --db " + dir +
                              "/c.db --pipeline ../pipelines/default.toml "
                              "corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  std::filesystem::current_path(previous);
  EXPECT_EQ(direct.exit_code, 0) << direct.output;
  EXPECT_NE(direct.output.find("3 findings"), std::string::npos) << direct.output;
  EXPECT_EQ(manifest.exit_code, 0) << manifest.output;
  EXPECT_NE(manifest.output.find("4 stored"), std::string::npos) << manifest.output;
  EXPECT_EQ(definition.exit_code, 0) << definition.output;
  EXPECT_NE(definition.output.find("3 findings"), std::string::npos) << definition.output;
}
