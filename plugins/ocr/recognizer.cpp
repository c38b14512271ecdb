#include "recognizer.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstring>

namespace kansa::ocr {

namespace {

// Tesseract's progress and warning chatter ("Empty page!!") goes nowhere; failures are
// reported through return values.
void silence(tesseract::TessBaseAPI& api) { api.SetVariable("debug_file", "/dev/null"); }

const char* tessdata_of(const Options& o) {
  return o.tessdata.empty() ? nullptr : o.tessdata.c_str();
}

// A white border around a cut-out region: Tesseract finds text touching the image edge
// poorly.
constexpr int kBorder = 12;

// First code point of UTF-8 `s` (0 if malformed).
char32_t first_code_point(const char* s) {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  if (u[0] < 0x80) return u[0];
  if ((u[0] & 0xE0) == 0xC0 && u[1]) return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
  if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2])
    return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3])
    return ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
  return 0;
}

// Full-width characters (CJK punctuation, kana, ideographs, full-width forms) occupy a
// square em whatever their ink: イ, ー and 、 have narrow ink boxes, and the gaps between
// ink boxes would read as spaces downstream.
bool is_full_width(char32_t c) {
  return c >= 0x2E80 && c <= 0xFFEF && !(c >= 0xFF61 && c <= 0xFFDC);
}

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};

}  // namespace

Recognizer::Recognizer(const Options& options) : options_(options) {}
Recognizer::~Recognizer() {
  if (api_) api_->End();
  if (osd_) osd_->End();
}

bool Recognizer::ready(std::string& problem) {
  if (api_) return true;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  silence(*api);
  if (api->Init(tessdata_of(options_), options_.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    problem = "ocr: Tesseract cannot load language '" + options_.language + "' (is tesseract-ocr-" +
              options_.language + " installed, or tessdata set?)";
    return false;
  }
  silence(*api);
  api_ = std::move(api);
  return true;
}

void Recognizer::read(PIX* region, int psm, double dpi, int x, int y, std::vector<Glyph>& out) {
  if (!api_ || region == nullptr) return;
  // White is 0 in a 1 bpp image, 255 in grey.
  const l_uint32 white = pixGetDepth(region) == 1 ? 0 : 255;
  PixPtr padded(pixAddBorder(region, kBorder, white));
  if (!padded) return;
  api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(psm));
  api_->SetImage(padded.get());
  api_->SetSourceResolution(static_cast<int>(dpi));
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    return;
  }
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) {
    api_->Clear();
    return;
  }
  int line_top = 0, line_bottom = 0;
  do {
    if (it->Empty(tesseract::RIL_SYMBOL)) continue;
    int l = 0, t = 0, r = 0, b = 0;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) &&
        it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) {
      line_top = t;
      line_bottom = b;
    }
    std::unique_ptr<char, TextDeleter> text(it->GetUTF8Text(tesseract::RIL_SYMBOL));
    if (!text || text.get()[0] == '\0' || std::strcmp(text.get(), " ") == 0) continue;
    if (!it->BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b)) continue;
    Glyph g;
    g.text = text.get();
    const int dx = x - kBorder, dy = y - kBorder;
    g.x0 = l + dx;
    g.x1 = r + dx;
    // The line's extent, like a font's glyph box, so that 、。ー sit on their line.
    g.y0 = std::min(t, line_top) + dy;
    g.y1 = std::max(b, line_bottom) + dy;
    g.line_height = g.y1 - g.y0;
    const double em = 0.9 * g.line_height;
    if (is_full_width(first_code_point(g.text.c_str())) && g.x1 - g.x0 < em) {
      const double centre = (g.x0 + g.x1) / 2;
      g.x0 = centre - em / 2;
      g.x1 = centre + em / 2;
    }
    g.confidence = std::clamp(it->Confidence(tesseract::RIL_SYMBOL) / 100.0, 0.0, 1.0);
    out.push_back(std::move(g));
  } while (it->Next(tesseract::RIL_SYMBOL));
  api_->Clear();
}

double Recognizer::mean_confidence(PIX* region, double dpi) {
  std::vector<Glyph> glyphs;
  read(region, tesseract::PSM_SINGLE_BLOCK, dpi, 0, 0, glyphs);
  if (glyphs.empty()) return 0;
  double sum = 0;
  for (const Glyph& g : glyphs) sum += g.confidence;
  return sum / static_cast<double>(glyphs.size());
}

int Recognizer::detect_quarter_turns(PIX* binary, double dpi) {
  if (osd_failed_ || binary == nullptr) return 0;
  if (!osd_) {
    auto osd = std::make_unique<tesseract::TessBaseAPI>();
    silence(*osd);
    if (osd->Init(tessdata_of(options_), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
      osd_failed_ = true;
      return 0;
    }
    silence(*osd);
    osd_ = std::move(osd);
  }
  osd_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd_->SetImage(binary);
  osd_->SetSourceResolution(static_cast<int>(dpi));
  int degrees = 0;
  float orientation_confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  const bool found =
      osd_->DetectOrientationScript(&degrees, &orientation_confidence, &script, &script_confidence);
  osd_->Clear();
  // Tesseract's own CLI trusts an orientation from a confidence of about 2 on.
  if (!found || orientation_confidence < 2.0f) return 0;
  return ((degrees / 90) % 4 + 4) % 4;
}

}  // namespace kansa::ocr
