// The fixture generator (tools/fixturegen): deterministic for a seed, every layout runs, and the
// committed set under fixtures/generated/ is what the generator makes, with truth that parses,
// follows the schema's shapes and is found in the PDF's own text layer.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kGenerator = fs::path(KANSA_BUILD_DIR) / "kansa-fixturegen";
const fs::path kCommitted = fs::path(KANSA_FIXTURES_DIR) / "generated";

struct PipeClose {
  void operator()(FILE* f) const { pclose(f); }
};

// Runs a shell command; returns its exit status and fills `out` with its standard output.
int run(const std::string& cmd, std::string* out = nullptr) {
  std::unique_ptr<FILE, PipeClose> p(popen(cmd.c_str(), "r"));
  if (!p) return -1;
  std::string text;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p.get())) > 0) text.append(buf.data(), n);
  int status = pclose(p.release());
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("kansa-fixturegen-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

int generate(const fs::path& out, int count, unsigned seed, const std::string& layout = "") {
  std::string cmd = "'" + kGenerator.string() + "' --out '" + out.string() + "' --count " +
                    std::to_string(count) + " --seed " + std::to_string(seed);
  if (!layout.empty()) cmd += " --layout " + layout;
  return run(cmd + " 2>&1");
}

// NFKC with every white space removed: the form in which the truth is looked up in pdftotext's
// output (pdftotext spacing and line breaks are not the document's text).
std::string flat(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(s), err);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (!u_isUWhiteSpace(c)) out.append(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

// Sentences (split after 。) of a truth value, flattened.
std::vector<std::string> sentences(const std::string& v) {
  std::vector<std::string> out;
  std::string f = flat(v);
  const std::string maru = "。";
  size_t start = 0;
  while (start < f.size()) {
    size_t p = f.find(maru, start);
    size_t end = p == std::string::npos ? f.size() : p + maru.size();
    out.push_back(f.substr(start, end - start));
    start = end;
  }
  return out;
}

bool check_digit_ok(const std::string& code) {
  if (!std::regex_match(code, std::regex("[0-9]{6}"))) return false;
  int sum = 0;
  for (int i = 0; i < 5; ++i) sum += (code[i] - '0') * (6 - i);
  return (11 - sum % 11) % 10 == code[5] - '0';
}

std::vector<json> read_jsonl(const fs::path& p) {
  std::vector<json> out;
  std::istringstream in(read_file(p));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

// Every truth value of the set in `dir` (its index.json) is found, sentence by sentence, in
// the PDFs' text layer; counts the rows split across pages and the measure texts that cross one.
// `composed_refs`: refs join a heading's label and an item's (⑴ア), printed apart, so they are
// not looked up.
void expect_truth_in_text_layer(const fs::path& dir, const json& index, int& split_rows,
                                int& split_texts, bool composed_refs = false) {
  for (const json& d : index["documents"]) {
    std::string name = d["name"];
    fs::path pdf = dir / d["pdf"].get<std::string>();
    std::string info;
    ASSERT_EQ(run("pdfinfo '" + pdf.string() + "'", &info), 0) << name;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)")));
    const int pages = std::stoi(m[1]);
    EXPECT_EQ(pages, d["pages"].get<int>()) << name;
    EXPECT_GE(pages, 1);
    // -raw keeps the drawing order: each cell's lines in sequence.
    std::string whole;
    ASSERT_EQ(run("pdftotext -raw '" + pdf.string() + "' -", &whole), 0);
    whole = flat(whole);
    std::vector<std::string> page_text;
    for (int p = 1; p <= pages; ++p) {
      std::string t;
      run("pdftotext -raw -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" +
              pdf.string() + "' -",
          &t);
      page_text.push_back(flat(t));
    }
    split_rows += d["split_rows"].get<int>();
    for (const json& r : read_jsonl(dir / name / "expected.jsonl")) {
      std::vector<std::string> values = {r["title"], r["document"]["title"]};
      if (!r["ref"].is_null() && !composed_refs) values.push_back(r["ref"]);
      if (!r["summary"].is_null()) values.push_back(r["summary"]);
      for (const json& ms : r["measures"]) {
        values.push_back(ms["text"]);
        if (!ms["department"].is_null()) values.push_back(ms["department"]);
        if (!ms["status_raw"].is_null()) values.push_back(ms["status_raw"]);
        if (!ms["date_raw"].is_null()) values.push_back(ms["date_raw"]);
        // A measure text found whole in the document but on no single page crosses a page break.
        std::string text = flat(ms["text"]);
        bool on_one_page = false;
        for (const std::string& pt : page_text)
          on_one_page = on_one_page || pt.find(text) != std::string::npos;
        if (!on_one_page) ++split_texts;
      }
      for (const std::string& v : values) {
        for (const std::string& s : sentences(v)) {
          bool found = whole.find(s) != std::string::npos;
          // A sentence across a page break: its head ends one page, its tail is on the next.
          for (size_t cut = 1; !found && cut < s.size(); ++cut) {
            std::string head = s.substr(0, cut), tail = s.substr(cut);
            for (size_t p = 0; !found && p + 1 < page_text.size(); ++p)
              found = page_text[p].find(head) != std::string::npos &&
                      page_text[p + 1].find(tail) != std::string::npos;
          }
          EXPECT_TRUE(found) << name << ": " << s;
        }
      }
    }
  }
}

}  // namespace

TEST(Fixturegen, SameSeedGivesIdenticalFiles) {
  TempDir a, b;
  ASSERT_EQ(generate(a.path, 4, 77), 0);
  ASSERT_EQ(generate(b.path, 4, 77), 0);
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(a.path)) {
    if (!e.is_regular_file()) continue;
    fs::path rel = fs::relative(e.path(), a.path);
    ASSERT_TRUE(fs::exists(b.path / rel)) << rel;
    EXPECT_EQ(read_file(e.path()), read_file(b.path / rel)) << rel;
    ++files;
  }
  EXPECT_EQ(files, 1 + 4 * 3);  // index.json + pdf, expected.jsonl, meta.json per document
}

TEST(Fixturegen, DifferentSeedsGiveDifferentDocuments) {
  TempDir a, b;
  ASSERT_EQ(generate(a.path, 1, 1), 0);
  ASSERT_EQ(generate(b.path, 1, 2), 0);
  json ia = json::parse(read_file(a.path / "index.json"));
  json ib = json::parse(read_file(b.path / "index.json"));
  EXPECT_NE(read_file(a.path / ia["documents"][0]["name"].get<std::string>() / "expected.jsonl"),
            read_file(b.path / ib["documents"][0]["name"].get<std::string>() / "expected.jsonl"));
}

TEST(Fixturegen, EveryLayoutRunsAndUnknownLayoutIsRejected) {
  TempDir dir;
  ASSERT_EQ(generate(dir.path / "all", 1, 5), 0);
  json index = json::parse(read_file(dir.path / "all" / "index.json"));
  ASSERT_GE(index["layouts"].size(), 4u);
  for (const json& l : index["layouts"]) {
    std::string name = l["name"];
    fs::path out = dir.path / name;
    ASSERT_EQ(generate(out, 2, 9, name), 0) << name;
    json li = json::parse(read_file(out / "index.json"));
    ASSERT_EQ(li["documents"].size(), 2u);
    for (const json& d : li["documents"]) {
      EXPECT_EQ(d["layout"], name);
      EXPECT_GT(fs::file_size(out / d["pdf"].get<std::string>()), 10000u);
      EXPECT_GT(read_jsonl(out / d["name"].get<std::string>() / "expected.jsonl").size(), 0u);
    }
  }
  EXPECT_EQ(generate(dir.path / "bad", 1, 1, "no-such-layout"), 2);
}

TEST(Fixturegen, CommittedSetIsWhatTheGeneratorMakes) {
  json index = json::parse(read_file(kCommitted / "index.json"));
  TempDir dir;
  ASSERT_EQ(generate(dir.path, index["count"].get<int>(), index["seed"].get<unsigned>()), 0);
  EXPECT_EQ(read_file(dir.path / "index.json"), read_file(kCommitted / "index.json"));
  for (const json& d : index["documents"]) {
    std::string name = d["name"];
    EXPECT_EQ(read_file(dir.path / name / "expected.jsonl"),
              read_file(kCommitted / name / "expected.jsonl"))
        << name;
    EXPECT_EQ(read_file(dir.path / name / "meta.json"), read_file(kCommitted / name / "meta.json"))
        << name;
  }
}

TEST(Fixturegen, CommittedTruthFollowsTheSchema) {
  json index = json::parse(read_file(kCommitted / "index.json"));
  const std::set<std::string> kinds = {"finding", "opinion", "unknown"};
  const std::set<std::string> statuses = {"taken", "not_taken", "partially_taken", "in_progress",
                                          "unknown"};
  const std::regex iso("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  std::set<std::string> layouts;
  for (const json& d : index["documents"]) {
    std::string name = d["name"];
    layouts.insert(d["layout"]);
    json meta = json::parse(read_file(kCommitted / name / "meta.json"));
    EXPECT_TRUE(check_digit_ok(meta["municipality_code"])) << name;
    std::vector<json> recs = read_jsonl(kCommitted / name / "expected.jsonl");
    ASSERT_EQ(recs.size(), d["findings"].get<size_t>()) << name;
    size_t measures = 0;
    for (size_t i = 0; i < recs.size(); ++i) {
      const json& r = recs[i];
      EXPECT_EQ(r["schema"], "kansa.finding/1");
      EXPECT_EQ(r["ordinal"], i + 1);
      EXPECT_EQ(r["document"]["municipality"], meta["municipality"]);
      EXPECT_EQ(r["document"]["municipality_code"], meta["municipality_code"]);
      EXPECT_EQ(r["document"]["prefecture"], meta["prefecture"]);
      EXPECT_GE(r["document"]["audit_fiscal_year"].get<int>(), 2019);
      EXPECT_TRUE(kinds.count(r["kind"])) << r["kind"];
      EXPECT_FALSE(r["title"].get<std::string>().empty());
      ASSERT_TRUE(r["report_pages"].is_array());
      ASSERT_FALSE(r["measures"].empty());
      for (const json& m : r["measures"]) {
        ++measures;
        // A printed status has its raw form; an unprinted one is not in the truth (the
        // pipeline may infer it from the text, and the scorer does not count it).
        if (m["status_raw"].is_null()) {
          EXPECT_FALSE(m.contains("status")) << name << " " << i + 1;
        } else {
          ASSERT_TRUE(m.contains("status")) << name << " " << i + 1;
          EXPECT_TRUE(statuses.count(m["status"])) << m["status"];
          EXPECT_NE(m["status"], "unknown") << name << " " << i + 1;
        }
        if (!m["date"].is_null()) {
          EXPECT_TRUE(std::regex_match(m["date"].get<std::string>(), iso));
          EXPECT_FALSE(m["date_raw"].is_null());
        }
        EXPECT_FALSE(m["text"].get<std::string>().empty());
      }
    }
    EXPECT_EQ(measures, d["measures"].get<size_t>()) << name;
  }
  EXPECT_GE(layouts.size(), 4u) << "the committed set covers every layout family";
}

TEST(Fixturegen, CommittedTruthIsInThePdfTextLayer) {
  json index = json::parse(read_file(kCommitted / "index.json"));
  int split_rows = 0, split_texts = 0;
  expect_truth_in_text_layer(kCommitted, index, split_rows, split_texts);
  EXPECT_GT(split_rows, 0);
  EXPECT_GT(split_texts, 0) << "some measure text must continue on the next page";
}

// The opt-in column-table family (seed chosen so that 14 documents cover every variant; the
// variants are drawn at random per document, so a seed is what makes the coverage certain):
// each header set and department placement is drawn, the dates come in their print styles, the
// audit kinds include 例月出納検査 and 住民監査請求, a report printing no status has none in its
// truth, and every truth value is in the text layer.
TEST(Fixturegen, ColumnTableCoversHeaderSetsPlacementsAndDateStyles) {
  TempDir dir;
  ASSERT_EQ(generate(dir.path, 14, 3, "column-table"), 0);
  json index = json::parse(read_file(dir.path / "index.json"));
  std::set<std::string> features, audit_types;
  bool split_spacing = false, western_year = false, commas = false, codes = false;
  for (const json& d : index["documents"]) {
    const std::string name = d["name"];
    std::set<std::string> own;
    for (const json& f : d["features"]) own.insert(f.get<std::string>());
    features.insert(own.begin(), own.end());
    std::string text;
    ASSERT_EQ(
        run("pdftotext -raw '" + (dir.path / d["pdf"].get<std::string>()).string() + "' -", &text),
        0);
    split_spacing =
        split_spacing || std::regex_search(text, std::regex("(平 成|令 和) ?[0-9元]+年 [0-9]+ 月"));
    commas = commas || text.find("，") != std::string::npos;
    for (const json& r : read_jsonl(dir.path / name / "expected.jsonl")) {
      audit_types.insert(r["document"]["audit_type"].get<std::string>());
      if (own.count("refs:code")) {
        EXPECT_TRUE(std::regex_search(r["ref"].get<std::string>(), std::regex("^\\(.+-[0-9]+\\)$")))
            << name << " " << r["ref"];
        codes = true;
      }
      // The kind is what the document prints: a mark, or a finding column headed 指摘事項
      // alone; headers naming more or none (指摘及び検討事項, 監査の結果) leave it unknown.
      if (own.count("kind marks")) {
        EXPECT_NE(r["kind"], "unknown") << name;
      } else if (own.count("headers:dept-finding-measure") ||
                 own.count("headers:finding-measure")) {
        EXPECT_EQ(r["kind"], "finding") << name;
      } else {
        EXPECT_EQ(r["kind"], "unknown") << name;
      }
      // A document-wide department is every measure's.
      if (own.count("department:document")) {
        EXPECT_FALSE(r["document"]["department"].is_null()) << name;
      }
      for (const json& m : r["measures"]) {
        ASSERT_FALSE(m["department"].is_null()) << name;
        if (own.count("department:document")) {
          EXPECT_EQ(m["department"], r["document"]["department"]) << name;
        }
        if (own.count("status:none")) {
          EXPECT_FALSE(m.contains("status")) << name;
          EXPECT_TRUE(m["status_raw"].is_null()) << name;
        } else {
          EXPECT_FALSE(m["status_raw"].is_null()) << name;
        }
        if (!m["date_raw"].is_null())
          western_year = western_year || std::regex_search(m["date_raw"].get<std::string>(),
                                                           std::regex("年\\(20[0-9]{2}\\)"));
      }
    }
  }
  for (const char* f :
       {"headers:result-state", "headers:dept-finding-measure", "headers:item-policy-basis",
        "headers:finding-measure", "headers:result-content", "department:column",
        "department:parentheses", "department:line", "department:groups", "department:document",
        "status:none", "publication date", "notice number", "measure date column",
        "notice date column", "kind marks"})
    EXPECT_TRUE(features.count(f)) << f;
  EXPECT_TRUE(audit_types.count("public_funds"));
  EXPECT_TRUE(audit_types.count("resident_request"));
  EXPECT_TRUE(split_spacing) << "a date printed 令 和 5年 8 月 6日";
  EXPECT_TRUE(western_year) << "a date printed 令和2年(2020)1月29日";
  EXPECT_TRUE(commas) << "full-width commas in running text";
  EXPECT_TRUE(codes) << "refs such as (契約事務-2)";
  int split_rows = 0, split_texts = 0;
  expect_truth_in_text_layer(dir.path, index, split_rows, split_texts);
}

// The opt-in outline-blocks family (heading-blocks with more variety; seed chosen so that 10
// documents cover it): ア headings over （ア） items give refs such as ア(ア), items carry the
// audit side's dates besides the measure's, and every truth value is in the text layer.
TEST(Fixturegen, OutlineBlocksNestKanaAndPrintSeveralDatesPerItem) {
  TempDir dir;
  ASSERT_EQ(generate(dir.path, 10, 3, "outline-blocks"), 0);
  json index = json::parse(read_file(dir.path / "index.json"));
  std::set<std::string> features, audit_types;
  int kana_nested_refs = 0;
  for (const json& d : index["documents"]) {
    for (const json& f : d["features"]) features.insert(f.get<std::string>());
    for (const json& r : read_jsonl(dir.path / d["name"].get<std::string>() / "expected.jsonl")) {
      audit_types.insert(r["document"]["audit_type"].get<std::string>());
      if (!r["ref"].is_null() &&
          std::regex_match(r["ref"].get<std::string>(), std::regex("^[^(]+\\([^)]+\\)$")))
        ++kana_nested_refs;
    }
  }
  for (const char* f :
       {"refs:ア over kana-paren", "refs:⑴ over kana", "指摘年月日 per item", "通知年月日 per item",
        "公表年月日 per item", "full-width commas", "status:none"})
    EXPECT_TRUE(features.count(f)) << f;
  EXPECT_GT(kana_nested_refs, 0);
  EXPECT_TRUE(audit_types.count("public_funds"));
  EXPECT_TRUE(audit_types.count("resident_request"));
  int split_rows = 0, split_texts = 0;
  expect_truth_in_text_layer(dir.path, index, split_rows, split_texts, /*composed_refs=*/true);
}
