// The whole pipeline through the command line on the corpus fixtures: ingest, re-ingest,
// export, and the findings compared field by field with the golden files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "kansa/text.hpp"

using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> rows;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(json::parse(line));
  return rows;
}

// Equality as the scorer sees it: strings compared after schema normalization.
bool same_value(const json& gold, const json& pred) {
  if (gold.is_string() && pred.is_string())
    return kansa::text::normalize(gold.get<std::string>()) ==
           kansa::text::normalize(pred.get<std::string>());
  return gold == pred;
}

struct FieldScore {
  int correct = 0, total = 0;
  std::vector<std::string> misses;
  void count(bool ok, const std::string& what) {
    ++total;
    if (ok) ++correct;
    else if (misses.size() < 15) misses.push_back(what);
  }
  double accuracy() const { return total ? double(correct) / total : 1.0; }
};

// Compares findings position by position (the golden files are in document order).
FieldScore compare(const std::vector<json>& gold, const std::vector<json>& pred) {
  FieldScore s;
  for (const char* k : {"municipality", "municipality_code", "prefecture", "audit_type",
                        "audit_fiscal_year", "title", "theme", "report_number", "notice_date",
                        "department"})
    s.count(!pred.empty() && same_value(gold[0]["document"][k], pred[0]["document"][k]),
            std::string("document.") + k);
  for (size_t i = 0; i < gold.size(); ++i) {
    const json& g = gold[i];
    const json p = i < pred.size() ? pred[i] : json::object();
    const std::string at = "finding " + std::to_string(i + 1) + ".";
    for (const char* k : {"ref", "kind", "title", "summary", "report_pages"})
      s.count(p.contains(k) && same_value(g[k], p[k]), at + k);
    const json& gm = g["measures"];
    const json pm = p.contains("measures") ? p["measures"] : json::array();
    s.count(gm.size() == pm.size(), at + "measures.count");
    for (size_t m = 0; m < gm.size(); ++m)
      for (const char* k : {"department", "status", "status_raw", "text", "date", "date_raw"})
        s.count(m < pm.size() && same_value(gm[m][k], pm[m][k]),
                at + "measure " + std::to_string(m + 1) + "." + k);
  }
  return s;
}

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
  std::string misses;
  for (const auto& m : s.misses) misses += "  " + m + "\n";
  EXPECT_GE(s.accuracy(), 0.97) << s.correct << "/" << s.total << " fields right; misses:\n"
                                << misses;
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
  auto r = run_kansa("ingest --db " + dir + "/k.db " +
                     fixture("corpus/osaka-kenko-r5-notounicode/osaka-kenko-r5-notounicode.pdf"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no usable text layer"), std::string::npos) << r.output;
}

TEST(Export, CsvHasOneRowPerMeasure) {
  const std::string dir = temp_dir("csv");
  ASSERT_EQ(run_kansa("ingest --db " + dir + "/k.db --municipality-code 352012 " +
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
  auto r = run_kansa("tables " +
                     fixture("corpus/shimonoseki-r5-comprehensive/shimonoseki-r5-comprehensive.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  json j = json::parse(r.output.substr(r.output.find('{')));
  ASSERT_FALSE(j["tables"].empty());
  // The main table runs over all 8 pages as one table with 4 columns.
  bool found = false;
  for (const auto& t : j["tables"])
    if (t["pages"].size() == 8 && t["cells"][0].size() == 4) found = true;
  EXPECT_TRUE(found) << r.output.substr(0, 2000);
}

TEST(Cli, PluginsCommandListsVersionsAndOptions) {
  auto r = run_kansa("plugins");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("pdftext"), std::string::npos);
  EXPECT_NE(r.output.find("tables"), std::string::npos);
  EXPECT_NE(r.output.find("option max_pages"), std::string::npos) << r.output;
}
