// The plugin host: refusing bad plugins with a clear message, accepting the real ones,
// validating options against a plugin's schema.
#include <gtest/gtest.h>

#include <fstream>

#include "kansa/plugin_host.hpp"

using kansa::plugin::Host;

namespace {

std::string bad(const std::string& name) {
  return std::string(KANSA_TEST_PLUGIN_DIR) + "/kansa_bad_" + name + ".so";
}

const std::string kPlugins = std::string(KANSA_BUILD_DIR) + "/plugins";

}  // namespace

TEST(PluginHost, RefusesWrongAbiMajorNamingFileAndReason) {
  Host host;
  kansa::Status st = host.load_file(bad("wrong_abi"));
  EXPECT_FALSE(st.is_ok());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].path.find("kansa_bad_wrong_abi.so"), std::string::npos);
  EXPECT_NE(host.refused()[0].reason.find("ABI major version 2"), std::string::npos)
      << host.refused()[0].reason;
  EXPECT_TRUE(host.loaded().empty());
}

TEST(PluginHost, RefusesLibraryWithoutEntryPoint) {
  Host host;
  EXPECT_FALSE(host.load_file(bad("no_entry")).is_ok());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].reason.find("no entry point 'kansa_plugin_entry'"),
            std::string::npos);
}

TEST(PluginHost, RefusesDescriptorWithMissingFields) {
  Host host;
  EXPECT_FALSE(host.load_file(bad("missing_fields")).is_ok());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].reason.find("no name"), std::string::npos);
}

TEST(PluginHost, RefusesFileThatIsNotALibrary) {
  const std::string path = ::testing::TempDir() + "/kansa_not_a_library.so";
  std::ofstream(path) << "this is text, not ELF";
  Host host;
  kansa::Status st = host.load_file(path);
  EXPECT_FALSE(st.is_ok());
  EXPECT_NE(st.message().find(path), std::string::npos);
  EXPECT_NE(st.message().find("cannot load"), std::string::npos);
}

TEST(PluginHost, GoesOnLoadingGoodPluginsBesideBadOnes) {
  Host host;
  host.load_directory(KANSA_TEST_PLUGIN_DIR);  // three bad ones
  host.load_directory(kPlugins);               // the real ones
  EXPECT_EQ(host.refused().size(), 3u);
  ASSERT_NE(host.find("pdftext"), nullptr);
  ASSERT_NE(host.find("tables"), nullptr);
  EXPECT_EQ(host.find("pdftext")->descriptor->kind, KANSA_KIND_EXTRACTOR);
  EXPECT_EQ(host.find("tables")->descriptor->kind, KANSA_KIND_TABLES);
}

TEST(PluginHost, RefusesSecondPluginOfTheSameName) {
  Host host;
  host.load_directory(kPlugins);
  const size_t loaded = host.loaded().size();
  EXPECT_FALSE(host.load_file(kPlugins + "/kansa_pdftext.so").is_ok());
  EXPECT_EQ(host.loaded().size(), loaded);
  EXPECT_NE(host.refused().back().reason.find("already loaded"), std::string::npos);
}

TEST(PluginInstance, RejectsUnknownOptionAndBadTypedValue) {
  Host host;
  host.load_directory(kPlugins);
  const auto* pdftext = host.find("pdftext");
  ASSERT_NE(pdftext, nullptr);
  std::unique_ptr<kansa::plugin::Instance> inst;
  kansa::Status st = kansa::plugin::Instance::create(*pdftext, {{"no_such_option", "1"}}, inst);
  EXPECT_EQ(st.code(), KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("unknown option 'no_such_option'"), std::string::npos);
  EXPECT_EQ(inst, nullptr);

  st = kansa::plugin::Instance::create(*pdftext, {{"max_pages", "many"}}, inst);
  EXPECT_EQ(st.code(), KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("must be an integer"), std::string::npos) << st.message();

  st = kansa::plugin::Instance::create(*pdftext, {{"max_pages", "10"}}, inst);
  EXPECT_TRUE(st.is_ok()) << st.message();
  EXPECT_NE(inst, nullptr);
}

TEST(DescriptorCheck, AcceptsTheRealPluginsAndStatesLayout) {
  // The ABI layout is part of the contract: a change here is an ABI break.
  EXPECT_EQ(sizeof(kansa_box), 32u);
  EXPECT_EQ(sizeof(kansa_span), 56u);
  EXPECT_EQ(offsetof(kansa_plugin_descriptor, create), 64u);
  EXPECT_EQ(offsetof(kansa_plugin_descriptor, recognize), 96u);
  EXPECT_EQ(sizeof(kansa_plugin_descriptor), 160u);
  Host host;
  host.load_directory(kPlugins);
  for (const auto& p : host.loaded())
    EXPECT_EQ(kansa::plugin::check_descriptor(p.descriptor), "") << p.path;
}
