// Routing of pages between the text layer and OCR in the default pipeline, through the command
// line: a page with a usable text layer is read from it and not OCRed; a page without a text
// layer, or whose fonts lack ToUnicode, is OCRed, as each finding's source (pages, method
// text / ocr / mixed) and the document's method on the ingest line show. The per-page route and
// its reason, as stored and listed by `kansa status --pages`, are tested in
// page_routes_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "findings_compare.hpp"

using kansa::testing::fixture;
using kansa::testing::read_file;
using kansa::testing::read_jsonl;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;
using json = nlohmann::json;

namespace {

const std::string kMixed = "generated-scans/mixed/";

struct Ingested {
  kansa::testing::CommandResult run;
  std::vector<json> findings;
};

Ingested ingest(const std::string& dir, const std::string& pipeline, const std::string& code,
                const std::string& pdf) {
  Ingested out;
  const std::string db = dir + "/" + pipeline + ".db";
  out.run = run_kansa("ingest --db " + db + " --pipeline " + pipeline + " --municipality-code " +
                      code + " " + pdf);
  if (out.run.exit_code != 0) return out;
  const std::string jsonl = dir + "/" + pipeline + ".jsonl";
  if (run_kansa("export --db " + db + " --format jsonl --out " + jsonl).exit_code == 0)
    out.findings = read_jsonl(jsonl);
  return out;
}

std::set<int> page_set(const json& pages) {
  std::set<int> out;
  for (const json& p : pages) out.insert(p.is_object() ? p["page"].get<int>() : p.get<int>());
  return out;
}

}  // namespace

// Page 1 keeps its text layer, page 2 is a scan: a finding read from page 1 only is "text",
// from page 2 only "ocr", across both "mixed"; and what was read from the text layer is the
// truth exactly (OCR would not be).
TEST(OcrRouting, MixedDocumentOcrsOnlyItsScannedPage) {
  const json index = json::parse(read_file(fixture(kMixed + "index.json")));
  const json& doc = index["documents"][0];
  const std::string name = doc["name"];
  const json meta = json::parse(read_file(fixture(kMixed + name + "/meta.json")));
  const std::set<int> text_pages = page_set(meta["scan"]["text_pages"]);
  const std::set<int> scanned = page_set(meta["scan"]["scanned_pages"]);
  ASSERT_EQ(text_pages, std::set<int>{1});
  ASSERT_EQ(scanned, std::set<int>{2});
  const auto gold = read_jsonl(fixture(kMixed + name + "/expected.jsonl"));
  const std::string dir = temp_dir("ocr-routing-mixed");

  const Ingested r = ingest(dir, "default", meta["municipality_code"].get<std::string>(),
                            fixture(kMixed + doc["pdf"].get<std::string>()));
  ASSERT_EQ(r.run.exit_code, 0) << r.run.output;
  EXPECT_NE(r.run.output.find(", mixed ("), std::string::npos) << r.run.output;
  ASSERT_EQ(r.findings.size(), gold.size());
  std::map<std::string, int> methods;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const json& f = r.findings[i];
    SCOPED_TRACE("finding " + std::to_string(i + 1));
    const std::set<int> pages = page_set(f["source"]["pages"]);
    ASSERT_FALSE(pages.empty());
    bool on_text = false, on_scan = false;
    for (int p : pages) (text_pages.count(p) ? on_text : on_scan) = true;
    const std::string expected = on_text && on_scan ? "mixed" : on_scan ? "ocr" : "text";
    EXPECT_EQ(f["source"]["method"], expected);
    ++methods[f["source"]["method"].get<std::string>()];
    if (expected == "text") {
      std::vector<json> one_gold{gold[i]}, one_pred{f};
      const auto s = kansa::testing::compare(one_gold, one_pred);
      EXPECT_EQ(s.correct, s.total) << s.misses_text();
    }
  }
  EXPECT_GE(methods["text"], 1);
  EXPECT_GE(methods["ocr"], 1);

  // Without an OCR stage (--pipeline text) the scanned page gives nothing: only the text
  // page's findings.
  const Ingested d = ingest(dir, "text", meta["municipality_code"].get<std::string>(),
                            fixture(kMixed + doc["pdf"].get<std::string>()));
  ASSERT_EQ(d.run.exit_code, 0) << d.run.output;
  EXPECT_NE(d.run.output.find(", text ("), std::string::npos) << d.run.output;
  EXPECT_LT(d.findings.size(), gold.size());
  EXPECT_GE(d.findings.size(), size_t(methods["text"]));
  for (const json& f : d.findings) {
    EXPECT_EQ(f["source"]["method"], "text");
    for (int p : page_set(f["source"]["pages"])) EXPECT_EQ(text_pages.count(p), 1u) << p;
  }
}

// Fonts without ToUnicode make the text layer unusable: the default pipeline OCRs those pages,
// while the same report with a good text layer is read from it although OCR is available.
TEST(OcrRouting, PagesWithoutToUnicodeAreOcredAndGoodTextIsNot) {
  const std::string dir = temp_dir("ocr-routing-tounicode");
  for (const std::string item : {"osaka-kenko-r5-notounicode", "osaka-kenko-r5"}) {
    SCOPED_TRACE(item);
    const bool usable = item == "osaka-kenko-r5";
    const std::string base = "corpus/" + item + "/";
    const json meta = json::parse(read_file(fixture(base + "meta.json")));
    const std::string sub = dir + "/" + item;
    std::filesystem::create_directories(sub);
    const Ingested r = ingest(sub, "default", meta["municipality_code"].get<std::string>(),
                              fixture(base + item + ".pdf"));
    ASSERT_EQ(r.run.exit_code, 0) << r.run.output;
    const std::string method = usable ? "text" : "ocr";
    EXPECT_NE(r.run.output.find(", " + method + " ("), std::string::npos) << r.run.output;
    EXPECT_EQ(r.findings.size(), read_jsonl(fixture(base + "expected.jsonl")).size());
    for (const json& f : r.findings) EXPECT_EQ(f["source"]["method"], method);
  }
  // The reason of the route is what a refusal without OCR stage names, page by page.
  const auto refused =
      run_kansa("ingest --pipeline text --db " + dir + "/refused.db " +
                fixture("corpus/osaka-kenko-r5-notounicode/osaka-kenko-r5-notounicode.pdf"));
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("page 1: "), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("without ToUnicode"), std::string::npos) << refused.output;
}
