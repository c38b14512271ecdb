// The `ocr` plugin loads its engine (libkansa_ocr_engine.so, which links Tesseract and
// Leptonica) only when a page is to be read: a run whose pages all have a usable text layer
// never maps it, though the default pipeline has the OCR stage. Seen through the dynamic
// loader's own account (LD_DEBUG=files) of the real binary. An engine missing beside the
// plugin is a set-up error that names it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_support.hpp"

using kansa::testing::fixture;
using kansa::testing::run_shell;
using kansa::testing::temp_dir;

namespace {

const std::string kKansa = std::string(KANSA_BUILD_DIR) + "/kansa";
const std::string kMixedScan =
    "generated-scans/mixed/department-table-s17-01-bilevel200/"
    "department-table-s17-01-bilevel200.pdf";

// What the dynamic loader loaded while `kansa inspect` read `pdf` with the default pipeline.
std::string libraries_loaded_reading(const std::string& pdf) {
  const auto r = run_shell("LD_DEBUG=files " + kKansa + " inspect " + fixture(pdf) + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output.substr(r.output.size() > 4000 ? r.output.size() - 4000 : 0);
  return r.output;
}

}  // namespace

TEST(OcrEngineLoading, ATextReportNeverMapsTheEngine) {
  const std::string loaded = libraries_loaded_reading("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  EXPECT_NE(loaded.find("kansa_ocr.so"), std::string::npos);  // the stage is there
  EXPECT_EQ(loaded.find("libkansa_ocr_engine.so"), std::string::npos);
  EXPECT_EQ(loaded.find("libtesseract"), std::string::npos);
}

TEST(OcrEngineLoading, AScannedPageLoadsTheEngine) {
  const std::string loaded = libraries_loaded_reading(kMixedScan);
  EXPECT_NE(loaded.find("libkansa_ocr_engine.so"), std::string::npos);
  EXPECT_NE(loaded.find("libtesseract"), std::string::npos);
  EXPECT_NE(loaded.find("  page    2  ocr"), std::string::npos);  // and it read the page
}

// The plugin alone in a folder of $KANSA_PLUGIN_PATH, its engine not beside it: the run
// stops at set-up with the engine's path, before any document.
TEST(OcrEngineLoading, AMissingEngineIsASetUpErrorNamingIt) {
  namespace fs = std::filesystem;
  const std::string dir = temp_dir("ocr-engine-missing");
  fs::copy_file(std::string(KANSA_BUILD_DIR) + "/plugins/kansa_ocr.so", dir + "/kansa_ocr.so",
                fs::copy_options::overwrite_existing);
  const auto r =
      run_shell("KANSA_PLUGIN_PATH=" + dir + " " + kKansa + " ingest --db " + dir + "/k.db " +
                fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf") + " 2>&1");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(dir + "/libkansa_ocr_engine.so is missing"), std::string::npos)
      << r.output;
  fs::remove_all(dir);
}
