// Manifests of `kansa ingest --manifest`: CSV and JSON lines, local paths and URLs, the
// optional fields, and errors that name the file and line.
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "cli/inputs.hpp"
#include "cli_support.hpp"
#include "fetch/url.hpp"
#include "kansa/pipeline.hpp"

namespace {

using kansa::cli::Input;
using kansa::cli::read_manifest;
using kansa::testing::temp_dir;

std::string write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The message of read_manifest's exception, or "" when it read the file.
std::string error_of(const std::string& path) {
  try {
    read_manifest(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Manifest, CsvWithUrlsPathsAndOptionalFields) {
  const std::string dir = temp_dir("manifest-csv");
  const auto inputs = read_manifest(
      write(dir, "feed.csv",
            "\xEF\xBB\xBFurl,municipality_code,published,audit_type\r\n"
            "https://example.org/a/%E6%8E%AA%E7%BD%AE.pdf?v=2,352012,2024-03-29,regular\r\n"
            "reports/local.pdf,,,\r\n"
            "\r\n"
            "HTTP://user:pw@example.org/b.pdf,271004,2024-02-29,\r\n"));
  ASSERT_EQ(inputs.size(), 3u);
  EXPECT_EQ(inputs[0].url, "https://example.org/a/%E6%8E%AA%E7%BD%AE.pdf?v=2");
  EXPECT_EQ(inputs[0].path, inputs[0].url);
  EXPECT_EQ(inputs[0].municipality_code, "352012");
  EXPECT_EQ(inputs[0].published, "2024-03-29");
  EXPECT_EQ(inputs[0].audit_type, "regular");
  EXPECT_EQ(kansa::cli::input_file_name(inputs[0]), "措置.pdf");
  EXPECT_FALSE(inputs[1].is_remote());
  EXPECT_EQ(inputs[1].path, dir + "/reports/local.pdf");
  EXPECT_FALSE(inputs[1].municipality_code);
  EXPECT_EQ(inputs[2].url, "HTTP://user:pw@example.org/b.pdf");
  EXPECT_EQ(inputs[2].path, "HTTP://user:***@example.org/b.pdf");
  EXPECT_EQ(kansa::cli::input_file_name(inputs[2]), "b.pdf");
}

TEST(Manifest, JsonLinesByExtensionOrFirstCharacter) {
  const std::string dir = temp_dir("manifest-jsonl");
  const std::string lines =
      "{\"url\": \"http://127.0.0.1:8/x.pdf\", \"municipality_code\": \"012041\", "
      "\"published\": null}\n"
      "\n"
      "{\"path\": \"/abs/y.pdf\", \"audit_type\": \"comprehensive_external\"}\n";
  for (const std::string name : {"feed.jsonl", "feed.ndjson", "feed.txt"}) {
    const auto inputs = read_manifest(write(dir, name, lines));
    ASSERT_EQ(inputs.size(), 2u) << name;
    EXPECT_EQ(inputs[0].url, "http://127.0.0.1:8/x.pdf");
    EXPECT_EQ(inputs[0].municipality_code, "012041");
    EXPECT_FALSE(inputs[0].published);
    EXPECT_EQ(inputs[1].path, "/abs/y.pdf");
    EXPECT_EQ(inputs[1].audit_type, "comprehensive_external");
  }
}

TEST(Manifest, ErrorsNameTheFileAndLine) {
  const std::string dir = temp_dir("manifest-errors");
  const struct {
    std::string name, text, message;
  } cases[] = {
      {"a.csv", "file,municipality_code\nx.pdf,1\n", ":1: unknown column 'file'"},
      {"b.csv", "municipality_code\n352012\n", ":1: no 'path' column (or 'url', 'source')"},
      {"c.csv", "path,url\nx,y\n", ":1: more than one of the columns path, url, source"},
      {"d.csv", "path,municipality_code\nx.pdf,352012\n,352012\n", ":3: no path or URL"},
      {"e.csv", "path,municipality_code\nx.pdf,35201\n",
       ":2: municipality_code '35201' is not 6 digits"},
      {"f.csv", "path,published\nx.pdf,2023-02-29\n", ":2: published '2023-02-29' is not a date"},
      {"g.csv", "path,audit_type\nx.pdf,external\n", ":2: audit_type 'external' is not one of"},
      {"h.csv", "url\nftp://example.org/x.pdf\n",
       ":2: ftp://example.org/x.pdf: only http and https URLs are fetched, not ftp://"},
      {"i.csv", "url\nfile:///etc/passwd\n", ":2: file:///etc/passwd: only http and https"},
      {"j.csv", "url\nhttps://u:hunter2@/x.pdf\n", ":2: https://u:***@/x.pdf: "},
      {"k.csv", "path\nx.pdf,extra\n", ":2: 2 fields, the header names 1"},
      {"l.jsonl", "{\"url\": \"http://h/x.pdf\"}\n{\"url\": 5}\n", ":2: 'url' is not a string"},
      {"m.jsonl", "{\"url\": \"http://h/x.pdf\"\n", ":1: not JSON: "},
      {"n.jsonl", "[\"http://h/x.pdf\"]\n", ":1: not a JSON object"},
      {"o.jsonl", "{\"url\": \"http://h/x.pdf\", \"title\": \"t\"}\n", ":1: unknown field 'title'"},
      {"p.jsonl", "{\"url\": \"http://h/x.pdf\", \"path\": \"y.pdf\"}\n",
       ":1: more than one of the keys path, url, source"},
      {"q.csv", "", ": empty"},
  };
  for (const auto& c : cases) {
    const std::string path = write(dir, c.name, c.text);
    const std::string message = error_of(path);
    EXPECT_EQ(message.rfind("manifest " + path + c.message, 0), 0u) << c.name << ": " << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  }
}

TEST(Manifest, GivenFieldsFillWhatTheDocumentLacks) {
  Input in;
  in.url = "https://example.org/dir/report.pdf";
  in.path = in.url;
  in.audit_type = "regular";
  in.published = "2024-03-29";
  kansa::DocumentInfo silent;  // names no audit type
  silent.file = "0123abcd.pdf";
  kansa::cli::apply_input_fields(in, silent);
  EXPECT_EQ(silent.file, "report.pdf");
  EXPECT_EQ(silent.audit_type, "regular");
  EXPECT_DOUBLE_EQ(silent.field_confidence.at("audit_type"), kansa::cli::kGivenAuditTypeConfidence);
  EXPECT_EQ(silent.published, "2024-03-29");

  kansa::DocumentInfo named;
  named.audit_type = "comprehensive_external";
  named.field_confidence["audit_type"] = 0.95;
  kansa::cli::apply_input_fields(in, named);
  EXPECT_EQ(named.audit_type, "comprehensive_external");
  EXPECT_DOUBLE_EQ(named.field_confidence.at("audit_type"), 0.95);
}

TEST(FeedUrl, RedactionKeysAndFileNames) {
  using namespace kansa::fetch;
  EXPECT_EQ(redact_url("https://u:p%40ss@host:8443/a@b/c.pdf"),
            "https://u:***@host:8443/a@b/c.pdf");
  EXPECT_EQ(redact_url("https://u@host/c.pdf"), "https://u@host/c.pdf");
  // libcurl takes a third slash for none: the password is still the password.
  EXPECT_EQ(redact_url("https:///u:secret@host/c.pdf"), "https:///u:***@host/c.pdf");
  EXPECT_EQ(url_password("https:///u:secret@host/c.pdf"), "secret");
  EXPECT_EQ(redact_url("https://host/a:b@c.pdf"), "https://host/a:b@c.pdf");
  EXPECT_EQ(url_password("https://u:p%40ss@host/c.pdf"), "p%40ss");
  // The key is of the redacted URL: a changed password keeps the same local copy.
  EXPECT_EQ(url_key("https://u:one@host/c.pdf"), url_key("https://u:two@host/c.pdf"));
  EXPECT_NE(url_key("https://host/c.pdf"), url_key("https://host/d.pdf"));
  EXPECT_EQ(url_key("https://host/c.pdf").size(), 64u);
  EXPECT_EQ(url_file_name("https://host/x/..%2F..%2Fescape.pdf"), "..%2F..%2Fescape.pdf");
  EXPECT_EQ(url_file_name("https://host/x/a%00b.pdf"), "a%00b.pdf");
  EXPECT_EQ(url_file_name("https://host/"), "host");
  // Found by fuzzing: a third slash before the authority (libcurl skips it), a path ending
  // in ..: the host names it.
  EXPECT_EQ(url_file_name("https:///ser=pw@example.org/a/..?/.pdf?x=1"), "example.org");
  EXPECT_EQ(url_file_name("https://host/x/..?q=1"), "host");
  EXPECT_EQ(url_problem("https://host/x.pdf"), "");
  EXPECT_NE(url_problem("https://ho st/x.pdf"), "");
  EXPECT_NE(url_problem("gopher://host/"), "");
}

TEST(NightlyPipeline, DefinitionCarriesFetchSettings) {
  const auto def =
      kansa::pipeline::load_definition(std::string(KANSA_PIPELINES_DIR) + "/nightly.toml");
  EXPECT_EQ(def.name, "nightly");
  ASSERT_EQ(def.stages.size(), 3u);
  EXPECT_EQ(def.stages[1].plugin, "ocr");
  EXPECT_EQ(def.fetch.timeout_s, 600);
  EXPECT_EQ(def.fetch.retries, 3);
  EXPECT_EQ(def.fetch.retry_delay_s, 30);
  EXPECT_EQ(def.fetch.jobs, 2);
  // Unknown keys and values out of bounds are refused, naming the file.
  const std::string dir = temp_dir("nightly-pipeline");
  const std::string base = "[[stage]]\nplugin = \"pdftext\"\n[fetch]\n";
  for (const std::string bad : {"timout = 5\n", "retries = -1\n", "retries = 1.5\n"}) {
    const std::string path = write(dir, "p.toml", base + bad);
    try {
      kansa::pipeline::load_definition(path);
      ADD_FAILURE() << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("pipeline " + path + ": [fetch]", 0), 0u) << e.what();
    }
  }
}

}  // namespace
