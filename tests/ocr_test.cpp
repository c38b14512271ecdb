// Runtime tests of the `ocr` plugin: loads the built .so with dlopen (like pdftext_test.cpp)
// and checks what it reports for a real scan (fixtures/corpus/osaka-kenko-r5-scan) and for
// pages made here with Leptonica from a clean rendering (fixtures/ocr/): turned by a small
// known angle, turned by a quarter, and too large for the pixel budget.
#include <dlfcn.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kansa/plugin_abi.h"
#include "pdf_writer.hpp"

namespace {

using kansa::testing::fixture;
using kansa::testing::temp_dir;

const kansa_plugin_descriptor* load(const std::string& name) {
  const std::string path = std::string(KANSA_BUILD_DIR) + "/plugins/kansa_" + name + ".so";
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    ADD_FAILURE() << "dlopen " << path << ": " << dlerror();
    return nullptr;
  }
  auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(handle, KANSA_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) ADD_FAILURE() << "no entry point in " << path;
  return entry ? entry() : nullptr;
}

// Plugins stay loaded for the whole run, as the host keeps them resident.
const kansa_plugin_descriptor* ocr_plugin() {
  static const kansa_plugin_descriptor* d = load("ocr");
  return d;
}
const kansa_plugin_descriptor* pdftext_plugin() {
  static const kansa_plugin_descriptor* d = load("pdftext");
  return d;
}

struct Page {
  int number = 0;
  double width = 0, height = 0;
  int rotation = 0;
  std::string text;
  std::vector<double> confidences;
  std::vector<kansa_box> rules;
  std::string reason;
};

struct Recorder {
  std::vector<Page> pages;
  kansa_page_sink sink() {
    kansa_page_sink s{};
    s.host_ctx = this;
    s.begin_page = [](void* ctx, int32_t n, double w, double h, int32_t rot) {
      static_cast<Recorder*>(ctx)->pages.push_back({n, w, h, rot, {}, {}, {}, {}});
      return KANSA_OK;
    };
    s.add_span = [](void* ctx, const kansa_span* span) {
      Page& p = static_cast<Recorder*>(ctx)->pages.back();
      p.text += span->text;
      p.confidences.push_back(span->confidence);
      return KANSA_OK;
    };
    s.add_rule = [](void* ctx, const kansa_rule* rule) {
      static_cast<Recorder*>(ctx)->pages.back().rules.push_back(rule->box);
      return KANSA_OK;
    };
    s.set_text_layer = [](void* ctx, int32_t, const char* reason) {
      static_cast<Recorder*>(ctx)->pages.back().reason = reason ? reason : "";
      return KANSA_OK;
    };
    return s;
  }
};

struct Outcome {
  kansa_status status = KANSA_ERR_INTERNAL;
  std::string message;
  std::vector<Page> pages;
};

Outcome recognize(const std::string& pdf, std::vector<int32_t> pages,
                  std::vector<kansa_option> options = {}) {
  Outcome out;
  const kansa_plugin_descriptor* d = ocr_plugin();
  if (d == nullptr) return out;
  void* instance = nullptr;
  kansa_error error{};
  out.status = d->create(options.data(), options.size(), &instance, &error);
  if (out.status != KANSA_OK) {
    out.message = error.message;
    return out;
  }
  Recorder recorder;
  kansa_page_sink sink = recorder.sink();
  out.status = d->recognize(instance, pdf.c_str(), pages.data(), pages.size(), &sink, &error);
  out.message = error.message;
  out.pages = std::move(recorder.pages);
  d->destroy(instance);
  return out;
}

std::vector<kansa_box> pdftext_rules(const std::string& pdf, int page) {
  const kansa_plugin_descriptor* d = pdftext_plugin();
  if (d == nullptr) return {};
  void* instance = nullptr;
  kansa_error error{};
  if (d->create(nullptr, 0, &instance, &error) != KANSA_OK) return {};
  Recorder recorder;
  kansa_page_sink sink = recorder.sink();
  d->extract(instance, pdf.c_str(), &sink, &error);
  d->destroy(instance);
  for (const Page& p : recorder.pages)
    if (p.number == page) return p.rules;
  return {};
}

bool horizontal(const kansa_box& b) { return b.x1 - b.x0 > b.y1 - b.y0; }
double length(const kansa_box& b) { return std::max(b.x1 - b.x0, b.y1 - b.y0); }

// Whether `found` has a rule along `want`: same direction, within `tolerance` points across,
// covering at least 90% of its length.
bool has_rule_along(const std::vector<kansa_box>& found, const kansa_box& want, double tolerance) {
  const bool h = horizontal(want);
  const double pos = h ? (want.y0 + want.y1) / 2 : (want.x0 + want.x1) / 2;
  const double lo = h ? want.x0 : want.y0, hi = h ? want.x1 : want.y1;
  double covered = 0;
  for (const kansa_box& f : found) {
    if (horizontal(f) != h) continue;
    const double fpos = h ? (f.y0 + f.y1) / 2 : (f.x0 + f.x1) / 2;
    if (std::fabs(fpos - pos) > tolerance) continue;
    const double flo = h ? f.x0 : f.y0, fhi = h ? f.x1 : f.y1;
    covered += std::max(0.0, std::min(hi, fhi) - std::max(lo, flo));
  }
  return covered >= 0.9 * (hi - lo);
}

// The grid lines of a page: rules of the clean text version at least 30 pt long (not the
// shaded cell areas pdftext also reports).
std::vector<kansa_box> long_rules(const std::vector<kansa_box>& rules) {
  std::vector<kansa_box> out;
  for (const kansa_box& r : rules)
    if (length(r) >= 30 && std::min(r.x1 - r.x0, r.y1 - r.y0) <= 3) out.push_back(r);
  return out;
}

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Writes `pix` as a one-page image PDF at `dpi` (Leptonica's PDF writer).
std::string write_pdf(PIX* pix, int dpi, const std::string& path) {
  if (pixConvertToPdf(pix, L_FLATE_ENCODE, 0, path.c_str(), 0, 0, dpi, nullptr, nullptr,
                      L_FIRST_IMAGE | L_LAST_IMAGE) != 0)
    ADD_FAILURE() << "cannot write " << path;
  return path;
}

PixPtr clean_page_gray() {
  PixPtr mono(pixRead(fixture("ocr/osaka-p1-200dpi-mono.png").c_str()));
  if (!mono) return nullptr;
  return PixPtr(pixConvertTo8(mono.get(), 0));
}

double reported_skew(const std::string& reason) {
  const auto at = reason.find("deskewed ");
  return at == std::string::npos ? NAN : std::stod(reason.substr(at + 9));
}

const std::string kScan = fixture("corpus/osaka-kenko-r5-scan/osaka-kenko-r5-scan.pdf");
const std::string kText = fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");

}  // namespace

TEST(OcrPlugin, DescriptorDeclaresOcrKind) {
  const kansa_plugin_descriptor* d = ocr_plugin();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->kind, KANSA_KIND_OCR);
  EXPECT_STREQ(d->name, "ocr");
  EXPECT_NE(d->recognize, nullptr);
  EXPECT_EQ(d->extract, nullptr);
}

// The scan's page 1 is the text version's page 1 rendered, turned 0.45 degrees and soiled:
// every grid line the text version draws must come back within 3 pt.
TEST(OcrPlugin, ScanPageGivesTheTableGrid) {
  Outcome out = recognize(kScan, {1});
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.pages.size(), 1u);
  const Page& p = out.pages[0];
  EXPECT_EQ(p.number, 1);
  EXPECT_NEAR(p.width, 841.89, 0.5);
  EXPECT_NEAR(p.height, 595.28, 0.5);
  const auto want = long_rules(pdftext_rules(kText, 1));
  ASSERT_GE(want.size(), 8u);
  size_t h = 0, v = 0;
  for (const kansa_box& w : want) {
    EXPECT_TRUE(has_rule_along(p.rules, w, 3.0))
        << (horizontal(w) ? "horizontal" : "vertical") << " rule " << w.x0 << "," << w.y0 << " - "
        << w.x1 << "," << w.y1 << " not found";
    (horizontal(w) ? h : v)++;
  }
  EXPECT_GE(h, 3u);
  EXPECT_GE(v, 4u);
  // Turned 0.45 degrees clockwise when scanned: undone by turning 0.45 counter-clockwise
  // (Leptonica's sign: positive is clockwise).
  EXPECT_NEAR(reported_skew(p.reason), -0.45, 0.1) << p.reason;
  // Recognized text with confidences in range.
  EXPECT_NE(p.text.find("ウイルス"), std::string::npos) << p.text;
  for (double c : p.confidences) {
    EXPECT_GE(c, 0.0);
    EXPECT_LE(c, 1.0);
  }
}

TEST(OcrPlugin, DeskewMeasuresAKnownRotation) {
  PixPtr gray = clean_page_gray();
  ASSERT_TRUE(gray);
  const std::string dir = temp_dir("ocr-skew");
  for (double degrees : {1.2, -0.7}) {
    PixPtr turned(pixRotate(gray.get(), static_cast<float>(degrees * M_PI / 180), L_ROTATE_AREA_MAP,
                            L_BRING_IN_WHITE, 0, 0));
    ASSERT_TRUE(turned);
    const std::string pdf = write_pdf(turned.get(), 200, dir + "/skew.pdf");
    Outcome out = recognize(pdf, {1}, {{"detect_orientation", "false"}});
    ASSERT_EQ(out.status, KANSA_OK) << out.message;
    ASSERT_EQ(out.pages.size(), 1u);
    // Leptonica's angle is the one that undoes the turn.
    EXPECT_NEAR(reported_skew(out.pages[0].reason), -degrees, 0.1) << out.pages[0].reason;
    // Level again: the long horizontal lines of the clean page are found as level lines.
    for (const kansa_box& w : long_rules(pdftext_rules(kText, 1)))
      if (horizontal(w)) {
        EXPECT_TRUE(has_rule_along(out.pages[0].rules, w, 3.0))
            << "turned " << degrees << ": rule " << w.x0 << "," << w.y0 << " - " << w.x1 << ","
            << w.y1 << " not found among " << out.pages[0].rules.size();
      }
  }
}

TEST(OcrPlugin, QuarterTurnedPageIsReadUpright) {
  PixPtr gray = clean_page_gray();
  ASSERT_TRUE(gray);
  PixPtr turned(pixRotateOrth(gray.get(), 1));  // a quarter turn clockwise: portrait
  ASSERT_TRUE(turned);
  const std::string pdf = write_pdf(turned.get(), 200, temp_dir("ocr-turn") + "/turned.pdf");
  Outcome out = recognize(pdf, {1});
  ASSERT_EQ(out.status, KANSA_OK) << out.message;
  ASSERT_EQ(out.pages.size(), 1u);
  const Page& p = out.pages[0];
  EXPECT_GT(p.width, p.height) << "reported sideways: " << p.reason;
  EXPECT_EQ(p.rotation % 180, 90) << p.reason;
  EXPECT_NE(p.text.find("措置状況報告"), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("ウイルス対策ソフト"), std::string::npos) << p.text;
}

TEST(OcrPlugin, PageOverPixelBudgetIsRefusedClearly) {
  Outcome out = recognize(kScan, {1}, {{"max_pixels", "100000"}});
  EXPECT_EQ(out.status, KANSA_ERR_RESOURCE);
  EXPECT_NE(out.message.find("page 1"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("max_pixels"), std::string::npos) << out.message;
}

// Page size x resolution: a 100000 x 100000 point page needs 43 G pixels at the lowest
// resolution allowed; the OCR stage refuses it before rendering (in a pipeline the text
// stage's max_page_side refuses it first).
TEST(OcrPlugin, HugePageIsRefusedBeforeRendering) {
  Outcome out = recognize(fixture("bad/huge-mediabox.pdf"), {1});
  EXPECT_EQ(out.status, KANSA_ERR_RESOURCE) << out.message;
  EXPECT_NE(out.message.find("100000 x 100000 pt"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("max_pixels"), std::string::npos) << out.message;
  EXPECT_TRUE(out.pages.empty());
}

// Image pixels: rendering decodes an image at its declared size, so one declared 40000 x
// 40000 (1.6 G pixels) is refused before rendering, whether the page's resources name it
// or only its content stream does (an inline image, met while rendering: not decoded).
TEST(OcrPlugin, ImageOverPixelBudgetIsRefusedBeforeDecoding) {
  Outcome xobject = recognize(fixture("bad/huge-image-scan.pdf"), {1});
  EXPECT_EQ(xobject.status, KANSA_ERR_RESOURCE) << xobject.message;
  EXPECT_NE(xobject.message.find("page 1: image /Im1 is 40000 x 40000 pixels"), std::string::npos)
      << xobject.message;
  EXPECT_NE(xobject.message.find("image-pixel budget of 200 megapixels (option max_image_pixels)"),
            std::string::npos)
      << xobject.message;
  Outcome in_content = recognize(fixture("bad/huge-inline-image.pdf"), {1});
  EXPECT_EQ(in_content.status, KANSA_ERR_RESOURCE) << in_content.message;
  EXPECT_NE(in_content.message.find("inline image is 40000 x 40000 pixels"), std::string::npos)
      << in_content.message;
  EXPECT_TRUE(xobject.pages.empty() && in_content.pages.empty());

  // The budget is an option: a real scan's image (a few megapixels) is refused under a
  // budget below its size.
  Outcome tight = recognize(kScan, {1}, {{"max_image_pixels", "1000000"}});
  EXPECT_EQ(tight.status, KANSA_ERR_RESOURCE) << tight.message;
  EXPECT_NE(tight.message.find("max_image_pixels"), std::string::npos) << tight.message;
  EXPECT_EQ(recognize(kScan, {1}, {{"max_image_pixels", "0"}}).status, KANSA_ERR_INVALID_ARGUMENT);
}

// Every page to read is checked before any is rendered: a document whose second page is
// over a budget reports nothing, not its first page.
TEST(OcrPlugin, BudgetsOfEveryPageComeBeforeAnyRendering) {
  // Page 1: one ruled box (nothing to read, but rendered and reported if reached);
  // page 2: the 40000 x 40000 image.
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 5 0 R >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 6 0 "
      "R >> >> /Contents 7 0 R >>",
      "<< /Length 20 >>\nstream\n100 100 200 200 re S\nendstream",
      "<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8 /Length 4 >>\nstream\nAAAA\nendstream",
      "<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
  };
  const std::string path = temp_dir("ocr-budget-order") + "/two-pages.pdf";
  std::ofstream(path, std::ios::binary) << kansa::testing::pdf_of(objects);

  Outcome first_alone = recognize(path, {1});
  ASSERT_EQ(first_alone.status, KANSA_OK) << first_alone.message;
  EXPECT_EQ(first_alone.pages.size(), 1u);
  Outcome both = recognize(path, {1, 2});
  EXPECT_EQ(both.status, KANSA_ERR_RESOURCE) << both.message;
  EXPECT_NE(both.message.find("page 2: image /Im1"), std::string::npos) << both.message;
  EXPECT_TRUE(both.pages.empty()) << "page 1 was rendered before page 2's budget was checked";
}

TEST(OcrPlugin, RefusesBadInputWithStatus) {
  EXPECT_EQ(recognize(fixture("ocr/README.md"), {1}).status, KANSA_ERR_PARSE);
  EXPECT_EQ(recognize("/nonexistent/x.pdf", {1}).status, KANSA_ERR_IO);
  Outcome beyond = recognize(kScan, {3});
  EXPECT_EQ(beyond.status, KANSA_ERR_INVALID_ARGUMENT) << beyond.message;
  Outcome bad_option = recognize(kScan, {1}, {{"max_dpi", "abc"}});
  EXPECT_EQ(bad_option.status, KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_NE(bad_option.message.find("max_dpi"), std::string::npos);
}

// Pages read on two threads (the second with its own Tesseract engines, started with a core
// lent through the pipe) come out in order and exactly as on one thread, and the lent core is
// back in the pipe afterwards.
TEST(OcrPlugin, PagesReadOnTwoThreadsAreTheSameAsOnOne) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  const char token = '+';
  ASSERT_EQ(write(fds[1], &token, 1), 1);
  const std::string pipe_ends = std::to_string(fds[0]) + "," + std::to_string(fds[1]);
  Outcome one = recognize(kScan, {1, 2});
  Outcome two = recognize(kScan, {1, 2}, {{"threads", "2"}, {"core_tokens", pipe_ends.c_str()}});
  ASSERT_EQ(one.status, KANSA_OK) << one.message;
  ASSERT_EQ(two.status, KANSA_OK) << two.message;
  ASSERT_EQ(one.pages.size(), 2u);
  ASSERT_EQ(two.pages.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Page &a = one.pages[i], &b = two.pages[i];
    EXPECT_EQ(b.number, int(i) + 1);
    EXPECT_EQ(b.text, a.text);
    EXPECT_EQ(b.confidences, a.confidences);
    EXPECT_EQ(b.reason, a.reason);
    ASSERT_EQ(b.rules.size(), a.rules.size());
    for (size_t k = 0; k < a.rules.size(); ++k) {
      EXPECT_EQ(b.rules[k].x0, a.rules[k].x0);
      EXPECT_EQ(b.rules[k].y1, a.rules[k].y1);
    }
  }
  char back[4];
  EXPECT_EQ(read(fds[0], back, sizeof back), 1);  // the one core lent, and no more
  close(fds[0]);
  close(fds[1]);
  Outcome bad = recognize(kScan, {1}, {{"core_tokens", "7"}});
  EXPECT_EQ(bad.status, KANSA_ERR_INVALID_ARGUMENT);
  EXPECT_NE(bad.message.find("core_tokens"), std::string::npos) << bad.message;
}

// The whole way through the real binary with the default pipeline (no --pipeline: a scan
// needs no option), export, three findings.
TEST(OcrEndToEnd, OsakaScanGivesThreeFindings) {
  using kansa::testing::run_kansa;
  const std::string dir = temp_dir("ocr-e2e");
  auto r = run_kansa("ingest --db " + dir + "/k.db --municipality-code 271004 " + kScan);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_EQ(
      run_kansa("export --db " + dir + "/k.db --format jsonl --out " + dir + "/o.jsonl").exit_code,
      0);
  const std::string jsonl = kansa::testing::read_file(dir + "/o.jsonl");
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 3) << jsonl;
  EXPECT_NE(jsonl.find("\"method\":\"ocr\""), std::string::npos);
}
