// tools/deploy/: the Kubernetes manifest and the Slurm script checked without a cluster
// (check-manifests.py: YAML parsed, Indexed Job wired to --shard, scripts parsed by the shell),
// and the Slurm script run for real as the three tasks of an array against the test
// PostgreSQL: together they store what one run stores.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "pg_support.hpp"

using kansa::testing::fixture;
using kansa::testing::run_shell;

namespace {

const std::string kSource = std::string(KANSA_FIXTURES_DIR) + "/..";

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string export_jsonl(const std::string& db) {
  return kansa::testing::run_kansa_stdout("export --db '" + db + "'").output;
}

}  // namespace

TEST(Deploy, ManifestsPassTheirChecks) {
  const auto r = run_shell("python3 " + kSource + "/tools/deploy/check-manifests.py 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("pass"), std::string::npos) << r.output;
}

class DeploySlurm : public kansa::testing::PgTest {};

TEST_F(DeploySlurm, ThreeArrayTasksStoreWhatOneRunStores) {
  const std::string manifest = fixture("demo-manifest.csv");
  kansa::testing::PgSchema single;
  ASSERT_EQ(
      kansa::testing::run_kansa("ingest --db '" + single.address() + "' --manifest " + manifest)
          .exit_code,
      0);
  const std::string script = kSource + "/tools/deploy/slurm/kansa-backfill.sbatch";
  for (int task = 0; task < 3; ++task) {
    const auto r = run_shell("SLURM_ARRAY_TASK_ID=" + std::to_string(task) +
                             " SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0"
                             " SLURM_ARRAY_TASK_MAX=2 SLURM_CPUS_PER_TASK=1 KANSA_BIN=" +
                             KANSA_BUILD_DIR + "/kansa KANSA_MANIFEST=" + manifest + " KANSA_DB='" +
                             schema().address() + "' bash " + script + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("kansa: shard " + std::to_string(task) + "/3: "), std::string::npos)
        << r.output;
  }
  const std::string want = export_jsonl(single.address());
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(sorted_lines(export_jsonl(schema().address())), sorted_lines(want));
  // An array that does not start at 0 is refused (shards are numbered from 0).
  const auto refused = run_shell(
      "SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 "
      "SLURM_ARRAY_TASK_MAX=3 KANSA_BIN=/bin/false KANSA_MANIFEST=x KANSA_DB=x bash " +
      script + " 2>&1");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
}
