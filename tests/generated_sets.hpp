// Committed sets of generated documents (fixtures/<dir>/<family>/, made by kansa-fixturegen
// --layout <family>): checks that a set is what the generator makes, and reads every document
// of it through the command line against its truth.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "findings_compare.hpp"

namespace kansa::testing {

// Regenerates the committed set `fixture_dir` (relative to fixtures/) with the seed, count and
// layout of its index.json and expects the same index and truth files.
inline void expect_set_regenerates(const std::string& fixture_dir) {
  const std::string committed = fixture(fixture_dir);
  const nlohmann::json index = nlohmann::json::parse(read_file(committed + "/index.json"));
  const std::string out = temp_dir("regen") + "/set";
  const std::string cmd = std::string(KANSA_BUILD_DIR) + "/kansa-fixturegen --out " + out +
                          " --count " + std::to_string(index["count"].get<int>()) + " --seed " +
                          std::to_string(index["seed"].get<unsigned>()) + " --layout " +
                          index["layout"].get<std::string>() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(read_file(out + "/index.json"), read_file(committed + "/index.json"));
  for (const nlohmann::json& d : index["documents"]) {
    const std::string name = d["name"];
    EXPECT_EQ(read_file(out + "/" + name + "/expected.jsonl"),
              read_file(committed + "/" + name + "/expected.jsonl"))
        << name;
  }
  std::filesystem::remove_all(std::filesystem::path(out).parent_path());
}

// Ingests every document of the committed set `fixture_dir` with the municipality code of its
// meta.json, exports it and expects as many findings as its truth and at least
// `min_field_accuracy` of the truth's fields.
inline void expect_set_reads_true(const std::string& fixture_dir, double min_field_accuracy) {
  const std::string base = fixture_dir + "/";
  const nlohmann::json index = nlohmann::json::parse(read_file(fixture(base + "index.json")));
  ASSERT_FALSE(index["documents"].empty()) << fixture_dir;
  const std::string dir = temp_dir("set-e2e");
  for (const nlohmann::json& d : index["documents"]) {
    const std::string name = d["name"];
    SCOPED_TRACE(name);
    const nlohmann::json meta =
        nlohmann::json::parse(read_file(fixture(base + name + "/meta.json")));
    const std::string db = dir + "/" + name + ".db";
    const std::string out = dir + "/" + name + ".jsonl";
    auto r = run_kansa("ingest --db " + db + " --municipality-code " +
                       meta["municipality_code"].get<std::string>() + " " +
                       fixture(base + d["pdf"].get<std::string>()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_kansa("export --db " + db + " --format jsonl --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto gold = read_jsonl(fixture(base + name + "/expected.jsonl"));
    const auto pred = read_jsonl(out);
    EXPECT_EQ(pred.size(), gold.size());
    const FieldScore s = compare(gold, pred);
    EXPECT_GE(s.accuracy(), min_field_accuracy)
        << s.correct << "/" << s.total << " fields right; misses:\n"
        << s.misses_text();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace kansa::testing
