// `kansa inspect FILE.pdf`: the pipeline run in-process on one file, and what interpretation
// made of it explained: page routes, the layout chosen and its evidence (column roles, block
// labels), the document fields and every item with its confidences; --json the same as one
// object, with the items `ingest` stores.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "cli_support.hpp"
#include "findings_compare.hpp"

using kansa::testing::CommandResult;
using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::read_jsonl;
using kansa::testing::run_kansa;
using kansa::testing::run_kansa_stdout;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

const std::string kText = "corpus/osaka-kenko-r5/osaka-kenko-r5.pdf";
const std::string kLabelBlocks = "generated-blocks/label-blocks/label-blocks-s204-01";
const std::string kHeadingBlocks = "generated-blocks/heading-blocks/heading-blocks-s202-01";
const std::string kMixed =
    "generated-scans/mixed/department-table-s17-01-bilevel200/"
    "department-table-s17-01-bilevel200.pdf";

std::string pdf_of(const std::string& dir) {
  return fixture(dir + "/" + std::filesystem::path(dir).filename().string() + ".pdf");
}

json inspect_json(const std::string& args) {
  CommandResult r = run_kansa_stdout("inspect --json " + args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return json::parse(r.output);
}

// The findings `ingest` then `export` give for `pdf`.
std::vector<json> ingested(const std::string& pdf, const std::string& tag,
                           const std::string& extra = "") {
  const std::string dir = temp_dir("inspect-" + tag);
  CommandResult in = run_kansa("ingest --db " + dir + "/k.db " + extra + " " + pdf);
  EXPECT_EQ(in.exit_code, 0) << in.output;
  CommandResult ex =
      run_kansa("export --db " + dir + "/k.db --format jsonl --out " + dir + "/out.jsonl");
  EXPECT_EQ(ex.exit_code, 0) << ex.output;
  std::vector<json> rows = read_jsonl(dir + "/out.jsonl");
  std::filesystem::remove_all(dir);
  return rows;
}

size_t count_of(const std::string& text, const std::regex& re) {
  return static_cast<size_t>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

}  // namespace

TEST(Inspect, TableDocumentNamesColumnRolesAndItemsWithConfidences) {
  CommandResult r = run_kansa("inspect " + fixture(kText));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string& out = r.output;
  EXPECT_NE(out.find("Layout: table reading  confidence 0."), std::string::npos) << out;
  EXPECT_NE(out.find("block reading not tried"), std::string::npos) << out;
  // Every column of its one table, with the role its header names and the score.
  for (const std::string col : {"\"指摘No\" -> ref 1.00", "\"指摘等の概要\" -> summary 1.00",
                                "\"措置内容又は措置方針等\" -> measure 1.00",
                                "\"措置分類措置日(予定日)\" -> status 0.85, date"})
    EXPECT_NE(out.find(col), std::string::npos) << col << "\n" << out;
  // Its three items, each with its field confidences and its measure's.
  EXPECT_NE(out.find("Items: 3"), std::string::npos) << out;
  for (const std::string ref :
       {"#1  ref 2(1)  finding", "#2  ref 2(2)  finding", "#3  ref 2(3)  finding"})
    EXPECT_NE(out.find(ref), std::string::npos) << ref << "\n" << out;
  EXPECT_EQ(count_of(out, std::regex("fields: kind 0\\.\\d\\d( !)?  measures 0\\.\\d\\d( !)?  "
                                     "ref 0\\.\\d\\d( !)?")),
            3u)
      << out;
  EXPECT_EQ(count_of(out, std::regex("measure 1: department 健康局 \\| status taken")), 3u) << out;
  EXPECT_EQ(count_of(out, std::regex("fields: date 0\\.\\d\\d( !)?  date_raw")), 3u) << out;
  // The document fields with their confidences; a field below 0.6 is marked (no municipality
  // code given: the municipality is not in this document's text).
  EXPECT_NE(out.find("report_number      報告監6の第7号  (0.93)"), std::string::npos) << out;
  EXPECT_NE(out.find("municipality_code  -  (0.50 !)"), std::string::npos) << out;
  EXPECT_NE(out.find("page    1  text  text layer usable"), std::string::npos) << out;
}

TEST(Inspect, BlockDocumentsNameTheBlockReadingAndItsKind) {
  struct Case {
    std::string dir, kind, label;
  };
  for (const Case& c : {Case{kLabelBlocks, "label-value blocks", "指摘事項 (finding) x"},
                        Case{kHeadingBlocks, "heading blocks", "措置結果 (measure) x"}}) {
    SCOPED_TRACE(c.dir);
    CommandResult r = run_kansa("inspect " + pdf_of(c.dir));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Layout: block reading (" + c.kind + ")  confidence"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("no table was found"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("block labels seen: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(c.label), std::string::npos) << r.output;
    // As many items as the document's truth.
    const size_t truth = read_jsonl(fixture(c.dir + "/expected.jsonl")).size();
    EXPECT_NE(r.output.find("Items: " + std::to_string(truth) + " "), std::string::npos)
        << r.output;
  }
}

TEST(Inspect, MixedScanShowsATextPageAndAnOcrPage) {
  CommandResult r = run_kansa("inspect --pipeline scan " + fixture(kMixed));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Pages: 2 pages: 1 text, 1 ocr"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("page    1  text  text layer usable"), std::string::npos) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("page    2  ocr   no text layer; ocr: ")))
      << r.output;
}

TEST(Inspect, JsonHasTheItemsIngestStores) {
  struct Case {
    std::string pdf, args, layout;
  };
  for (const Case& c : {Case{fixture(kText), "--municipality-code 271004", "table"},
                        Case{pdf_of(kLabelBlocks), "", "blocks"}}) {
    SCOPED_TRACE(c.pdf);
    json j = inspect_json(c.args + " " + c.pdf);
    std::vector<json> stored = ingested(c.pdf, c.layout, c.args);
    ASSERT_FALSE(stored.empty());
    ASSERT_EQ(j["items"].size(), stored.size());
    for (size_t k = 0; k < stored.size(); ++k) {
      EXPECT_EQ(j["items"][k]["ref"], stored[k]["ref"]);
      EXPECT_EQ(j["items"][k]["title"], stored[k]["title"]);
      EXPECT_EQ(j["items"][k]["measures"].size(), stored[k]["measures"].size());
    }
    EXPECT_EQ(j["layout"]["chosen"], c.layout);
    EXPECT_GT(j["layout"]["confidence"].get<double>(), 0.5);
    EXPECT_FALSE(j["layout"]["why"].empty());
    EXPECT_EQ(j["pages"].size(), stored[0]["document"]["pages"].get<size_t>());
    EXPECT_EQ(j["document"]["municipality_code"], stored[0]["document"]["municipality_code"]);
    EXPECT_EQ(j["document"]["title"], stored[0]["document"]["title"]);
    for (const json& item : j["items"]) {
      EXPECT_FALSE(item["field_confidence"].empty());
      for (const json& m : item["measures"]) EXPECT_FALSE(m["field_confidence"].empty());
    }
  }
  // The code given is the document's.
  json j = inspect_json("--municipality-code 271004 " + fixture(kText));
  EXPECT_EQ(j["document"]["municipality"], "大阪市");
  EXPECT_EQ(j["tables"].size(), 1u);
  EXPECT_EQ(j["tables"][0]["findings"], 3);
  EXPECT_TRUE(j["blocks"].is_null());
}

TEST(Inspect, BadFileGivesAClearErrorNamingIt) {
  for (const std::string name : {"html-page.pdf", "empty.pdf", "truncated-half.pdf"}) {
    SCOPED_TRACE(name);
    const std::string path = fixture("bad/" + name);
    CommandResult r = run_kansa("inspect " + path);
    EXPECT_EQ(r.exit_code, 1) << r.output;  // 1: the document could not be read; no crash
    EXPECT_NE(r.output.find("kansa: cannot inspect " + path + ": "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not a readable PDF"), std::string::npos) << r.output;
    CommandResult j = run_kansa_stdout("inspect --json " + path);
    EXPECT_EQ(j.exit_code, 1);
    EXPECT_TRUE(j.output.empty()) << j.output;  // nothing half-written on stdout
  }
  // A readable PDF that is no report: read, and nothing recognized, with the reasons.
  CommandResult plain = run_kansa("inspect " + fixture("bad/xref-prev-loop.pdf"));
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_NE(plain.output.find("Layout: nothing recognized\n"), std::string::npos) << plain.output;
  EXPECT_NE(plain.output.find("block reading found no item"), std::string::npos) << plain.output;
  EXPECT_NE(plain.output.find("Items: 0 "), std::string::npos) << plain.output;
  CommandResult missing = run_kansa("inspect /nonexistent/report.pdf");
  EXPECT_GT(missing.exit_code, 0) << missing.output;  // refused by the command line parser
  EXPECT_NE(missing.output.find("/nonexistent/report.pdf"), std::string::npos) << missing.output;
}
