// Pipeline definitions: parsing, data paths, and clear refusals.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_support.hpp"
#include "kansa/pipeline.hpp"

using kansa::pipeline::load_definition;

namespace {
std::string write(const std::string& name, const std::string& text) {
  const std::string path = kansa::testing::temp_dir("pipeline-" + name) + "/" + name + ".toml";
  std::ofstream(path) << text;
  return path;
}
}  // namespace

// The default pipeline reads text layers and scans; `scan` is the same stages under the name
// earlier releases used, `text` leaves OCR out.
TEST(PipelineDefinition, BundledPipelinesNameStagesInOrder) {
  const std::string dir = KANSA_PIPELINES_DIR;
  const std::vector<std::string> with_ocr{"pdftext", "ocr", "tables"}, text{"pdftext", "tables"};
  for (const auto& [file, want] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"default.toml", with_ocr}, {"scan.toml", with_ocr}, {"text.toml", text}}) {
    SCOPED_TRACE(file);
    auto def = load_definition(dir + "/" + file);
    std::vector<std::string> got;
    for (const auto& stage : def.stages) got.push_back(stage.plugin);
    EXPECT_EQ(got, want);
    EXPECT_EQ(def.vocabulary_path, dir + "/vocabulary.toml");
  }
}

TEST(PipelineDefinition, OptionScalarsBecomeStrings) {
  auto def = load_definition(write("opts", R"(
[[stage]]
plugin = "pdftext"
options = { max_pages = 12, rule_max_thickness = 2.5, name = "x" }
[[stage]]
plugin = "tables"
options = { stream = false }
)"));
  EXPECT_EQ(def.stages[0].options.at("max_pages"), "12");
  EXPECT_EQ(def.stages[0].options.at("rule_max_thickness"), "2.5");
  EXPECT_EQ(def.stages[0].options.at("name"), "x");
  EXPECT_EQ(def.stages[1].options.at("stream"), "false");
}

TEST(PipelineDefinition, RefusesUnknownStageKeyNamingFile) {
  const std::string path = write("badkey", "[[stage]]\nplugin = \"pdftext\"\nopts = 1\n");
  try {
    load_definition(path);
    FAIL() << "accepted an unknown key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("unknown key 'opts'"), std::string::npos) << e.what();
  }
}

TEST(PipelineDefinition, RefusesSyntaxErrorWithLine) {
  EXPECT_THROW(load_definition(write("syntax", "[[stage]\nplugin=")), std::runtime_error);
  EXPECT_THROW(load_definition(write("empty", "name = \"x\"\n")), std::runtime_error);
}

TEST(PipelineDefinition, IngestRefusesPipelineWithUnloadedPlugin) {
  const std::string path = write("noplugin", "[[stage]]\nplugin = \"no_such_plugin\"\n");
  auto r = kansa::testing::run_kansa("ingest --db /dev/null/x.db --pipeline " + path + " x.pdf");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("plugin 'no_such_plugin' is not loaded"), std::string::npos) << r.output;
}
