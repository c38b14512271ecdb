// Page images for kansa review: the optional render_page entry point of plugin ABI 1.2 (older
// plugins keep loading without it), the pdftext plugin's implementation through the host,
// and the child process that runs it (a crash or a hang costs the images, not the review).
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <cstddef>
#include <filesystem>
#include <fstream>

#include "cli_support.hpp"
#include "kansa/plugin_host.hpp"
#include "review/plugin_render.hpp"
#include "review/render_process.hpp"

namespace fs = std::filesystem;
using kansa::testing::fixture;
using kansa::testing::temp_dir;

namespace {

kansa_status fake_create(const kansa_option*, size_t, void** instance, kansa_error*) {
  static int dummy;
  *instance = &dummy;
  return KANSA_OK;
}
void fake_destroy(void*) {}
kansa_status fake_extract(void*, const char*, const kansa_page_sink*, kansa_error*) {
  return KANSA_OK;
}
kansa_status fake_render(void*, const char*, int32_t, double, const kansa_image_sink*,
                         kansa_error*) {
  return KANSA_OK;
}

// An extractor descriptor as a plugin built against ABI 1.1 fills it: the render_page slot
// was reserved then, so it is NULL.
kansa_plugin_descriptor abi_1_1_extractor() {
  kansa_plugin_descriptor d{};
  d.abi_major = 1;
  d.abi_minor = 1;
  d.struct_size = sizeof(kansa_plugin_descriptor);
  d.kind = KANSA_KIND_EXTRACTOR;
  d.name = "old";
  d.version = "1.0.0";
  d.create = &fake_create;
  d.destroy = &fake_destroy;
  d.extract = &fake_extract;
  return d;
}

std::unique_ptr<kansa::review::PluginRenderer> pdftext_renderer(kansa::plugin::Host& host) {
  host.load_directory(std::string(KANSA_BUILD_DIR) + "/plugins");
  std::unique_ptr<kansa::review::PluginRenderer> r;
  kansa::Status st = kansa::review::PluginRenderer::open(host, r);
  EXPECT_TRUE(st.is_ok()) << st.message();
  return r;
}

}  // namespace

TEST(RenderAbi, RenderPageTakesTheFirstReservedSlotAndKeepsTheLayout) {
  EXPECT_EQ(offsetof(kansa_plugin_descriptor, render_page), 104u);
  EXPECT_EQ(sizeof(kansa_plugin_descriptor), 160u);  // unchanged from ABI 1.1
  EXPECT_EQ(KANSA_ABI_MINOR, 2u);
}

TEST(RenderAbi, AnAbi11PluginStillLoadsAndCannotRender) {
  const kansa_plugin_descriptor old = abi_1_1_extractor();
  EXPECT_EQ(kansa::plugin::check_descriptor(&old), "");
  EXPECT_FALSE(kansa::review::can_render(old));
  // In 1.1 the slot was reserved: something in it is refused as before.
  kansa_plugin_descriptor odd = old;
  odd.render_page = &fake_render;
  EXPECT_EQ(kansa::plugin::check_descriptor(&odd), "reserved descriptor slots are not empty");
  kansa_plugin_descriptor renders = odd;
  renders.abi_minor = 2;
  EXPECT_EQ(kansa::plugin::check_descriptor(&renders), "");
  EXPECT_TRUE(kansa::review::can_render(renders));
}

TEST(RenderAbi, PdftextRendersPagesAsDisplayedAtTheResolutionAsked) {
  kansa::plugin::Host host;
  auto renderer = pdftext_renderer(host);
  ASSERT_NE(renderer, nullptr);
  EXPECT_EQ(renderer->plugin_name(), "pdftext");
  const std::string dir = temp_dir("render-abi");
  // Osaka's report is A4 landscape (842 x 595 pt): 72 dpi gives a pixel per point.
  int w = 0, h = 0;
  const std::string png = dir + "/p1.png";
  kansa::Status st =
      renderer->render(fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"), 1, 72, png, w, h);
  ASSERT_TRUE(st.is_ok()) << st.message();
  EXPECT_NEAR(w, 842, 1);
  EXPECT_NEAR(h, 595, 1);
  PIX* pix = pixRead(png.c_str());
  ASSERT_NE(pix, nullptr);
  EXPECT_EQ(pixGetWidth(pix), w);
  EXPECT_EQ(pixGetHeight(pix), h);
  pixDestroy(&pix);
  st = renderer->render(fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"), 2, 150, png, w, h);
  ASSERT_TRUE(st.is_ok()) << st.message();
  EXPECT_NEAR(w, 842 * 150 / 72.0, 1);
  fs::remove_all(dir);
}

TEST(RenderAbi, PdftextRefusesBadPagesFilesAndSizesWithReasons) {
  kansa::plugin::Host host;
  auto renderer = pdftext_renderer(host);
  ASSERT_NE(renderer, nullptr);
  const std::string dir = temp_dir("render-refuse");
  const std::string pdf = fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  int w = 0, h = 0;
  kansa::Status st = renderer->render(pdf, 3, 72, dir + "/x.png", w, h);
  EXPECT_EQ(st.code(), KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("no page 3 (the document has 2)"), std::string::npos) << st.message();
  st = renderer->render(fixture("pdftext/not-a-pdf.pdf"), 1, 72, dir + "/x.png", w, h);
  EXPECT_EQ(st.code(), KANSA_ERR_PARSE) << st.message();
  st = renderer->render(pdf, 1, 1200, dir + "/x.png", w, h);  // 140 megapixels
  EXPECT_EQ(st.code(), KANSA_ERR_RESOURCE);
  EXPECT_NE(st.message().find("max_render_pixels"), std::string::npos) << st.message();
  EXPECT_FALSE(fs::exists(dir + "/x.png"));
  fs::remove_all(dir);
}

TEST(RenderProcess, DrawsPagesInAChildAndReportsEachPage) {
  const std::string dir = temp_dir("render-child");
  kansa::review::RenderJob job;
  job.executable = std::string(KANSA_BUILD_DIR) + "/kansa";
  job.pdf = fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  job.pages = {1, 7};
  job.dpi = 50;
  job.folder = dir;
  const auto images = kansa::review::render_in_child(job);
  ASSERT_EQ(images.size(), 2u);
  EXPECT_TRUE(images[0].ok) << images[0].error;
  EXPECT_EQ(images[0].page, 1);
  EXPECT_TRUE(fs::exists(images[0].png));
  EXPECT_NEAR(images[0].width_px, 842 * 50 / 72.0, 1);
  EXPECT_FALSE(images[1].ok);
  EXPECT_NE(images[1].error.find("no page 7"), std::string::npos) << images[1].error;
  fs::remove_all(dir);
}

TEST(RenderProcess, ACrashOrHangOfTheChildIsAReasonNotAFailure) {
  const std::string dir = temp_dir("render-bad-child");
  auto script = [&](const std::string& name, const std::string& body) {
    const std::string path = dir + "/" + name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
  };
  kansa::review::RenderJob job;
  job.pdf = "/nonexistent.pdf";
  job.pages = {1, 2};
  job.folder = dir;
  job.executable = script("crash.sh", "echo 'ok 1 10 10'\nkill -SEGV $$");
  auto images = kansa::review::render_in_child(job);
  ASSERT_EQ(images.size(), 2u);
  EXPECT_TRUE(images[0].ok);  // reported before the crash
  EXPECT_EQ(images[1].error, "the renderer crashed (SIGSEGV)");
  job.executable = script("hang.sh", "exec sleep 60");
  job.timeout_s = 0.5;
  images = kansa::review::render_in_child(job);
  EXPECT_EQ(images[0].error, "the renderer took longer than 0.5 s");
  job.executable = script("fail.sh", "echo 'kansa render-pages: no plugin renders pages'\nexit 3");
  images = kansa::review::render_in_child(job);
  EXPECT_EQ(images[1].error,
            "the renderer failed (exit status 3): kansa render-pages: no plugin renders pages");
  fs::remove_all(dir);
}
