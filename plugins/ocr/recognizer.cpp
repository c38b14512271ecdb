#include "recognizer.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "line_glyphs.hpp"
#include "stopwatch.hpp"

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

// Moves the symbols of one recognized text line to `out` (see lay_out_line).
void finish_line(std::vector<Glyph>& line, std::vector<int>& words, int line_height,
                 std::vector<Glyph>& out) {
  lay_out_line(line, words, line_height);
  for (Glyph& g : line) out.push_back(std::move(g));
  line.clear();
  words.clear();
}

// A symbol's box in the crop Tesseract read (left, top, right, bottom); empty by default.
struct SymbolBox {
  int l = 0, t = 0, r = -1, b = -1;
  bool holds_centre_of(const SymbolBox& o) const {
    return (o.l + o.r) / 2 >= l && (o.l + o.r) / 2 <= r && (o.t + o.b) / 2 >= t &&
           (o.t + o.b) / 2 <= b;
  }
  SymbolBox united(const SymbolBox& o) const {
    return {std::min(l, o.l), std::min(t, o.t), std::max(r, o.r), std::max(b, o.b)};
  }
};

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};

}  // namespace

Recognizer::Recognizer(const Options& options) : options_(options), circled_(options) {}
Recognizer::~Recognizer() {
  if (api_) api_->End();
  if (osd_) osd_->End();
}

RecognizerTimes Recognizer::times() const {
  RecognizerTimes t = times_;
  t.init_s += circled_.init_seconds();
  t.recognize_s += circled_.engine_seconds();
  return t;
}

bool Recognizer::ready(std::string& problem) {
  if (api_) return true;
  const auto start = Clock::now();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  silence(*api);
  if (api->Init(tessdata_of(options_), options_.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    problem = "ocr: Tesseract cannot load language '" + options_.language + "' (is tesseract-ocr-" +
              options_.language + " installed, or tessdata set?)";
    return false;
  }
  silence(*api);
  api_ = std::move(api);
  times_.init_s += since(start);
  return true;
}

// Tesseract's Japanese model reads thin strokes of low-resolution scans poorly: a 200 dpi
// crop enlarged to 300 dpi with interpolation (smooth edges, the strokes' breaks bridged)
// reads markedly better (監食 -> 監査, 配敵 -> 配備; on the corpus scan at 200 dpi text
// similarity 0.906 -> 0.945). Boxes are scaled back by the callers.
PixPtr Recognizer::prepare(PIX* region, double dpi, bool thicken, double& scale) const {
  scale = dpi < options_.read_dpi ? options_.read_dpi / dpi : 1.0;
  PixPtr scaled(scale > 1.0
                    ? pixScale(region, static_cast<l_float32>(scale), static_cast<l_float32>(scale))
                    : pixClone(region));
  if (!scaled) return nullptr;
  if (thicken && pixGetDepth(scaled.get()) == 8) {
    scaled.reset(pixErodeGray(scaled.get(), 3, 3));
    if (!scaled) return nullptr;
  }
  // White is 0 in a 1 bpp image, 255 in grey.
  const l_uint32 white = pixGetDepth(scaled.get()) == 1 ? 0 : 255;
  return PixPtr(pixAddBorder(scaled.get(), kBorder, white));
}

std::optional<Glyph> Recognizer::read_circled(PIX* region, double dpi, int x, int y, bool thicken) {
  if (region == nullptr) return std::nullopt;
  double scale = 1;
  PixPtr padded = prepare(region, dpi, thicken, scale);
  if (!padded) return std::nullopt;
  l_int32 l = 0, t = 0, w = 0, h = 0;
  auto circled = circled_.read_all(padded.get(), l, t, w, h);
  if (!circled) return std::nullopt;
  Glyph g;
  g.text = std::move(circled->text);
  g.confidence = circled->confidence;
  g.x0 = x + (l - kBorder) / scale;
  g.x1 = x + (l + w - kBorder) / scale;
  g.y0 = y + (t - kBorder) / scale;
  g.y1 = y + (t + h - kBorder) / scale;
  g.line_height = g.y1 - g.y0;
  return g;
}

void Recognizer::read(PIX* region, int psm, double dpi, int x, int y, std::vector<Glyph>& out,
                      bool thicken) {
  if (!api_ || region == nullptr) return;
  const size_t first = out.size();
  double scale = 1;
  PixPtr padded = prepare(region, dpi, thicken, scale);
  if (!padded) return;
  // Tesseract's own time: SetImage (it copies the region), Recognize (it thresholds the
  // region, finds its lines and reads them) and the reading of its results, up to Clear; but
  // for the plugin's own work in between (line lay-out, ring checks), kept in `own`.
  const auto start = Clock::now();
  double own = 0;
  const auto tesseract_done = [&] {
    api_->Clear();
    times_.recognize_s += since(start) - own;
  };
  api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(psm));
  api_->SetImage(padded.get());
  api_->SetSourceResolution(static_cast<int>(dpi * scale));
  const int failed = api_->Recognize(nullptr);
  ++times_.regions;
  if (failed != 0) return tesseract_done();
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) return tesseract_done();
  int line_top = 0, line_bottom = 0;
  std::vector<Glyph> line;
  std::vector<int> words;  // word number of each glyph of `line`
  int word = 0;
  // The box of the last circled number the ring check confirmed: a symbol read inside it is
  // a piece of its ring (②) read as ②) ), not a character.
  SymbolBox ring;
  SymbolBox previous;  // the last symbol of the line
  // From the padded, scaled crop back to the page image.
  const auto page_x = [&](int px) { return x + (px - kBorder) / scale; };
  const auto page_y = [&](int py) { return y + (py - kBorder) / scale; };
  do {
    if (it->Empty(tesseract::RIL_SYMBOL)) continue;
    int l = 0, t = 0, r = 0, b = 0;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      const auto laying_out = Clock::now();
      finish_line(line, words, static_cast<int>((line_bottom - line_top) / scale), out);
      own += since(laying_out);
      previous = {};
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) {
        line_top = t;
        line_bottom = b;
      }
    }
    if (it->IsAtBeginningOf(tesseract::RIL_WORD)) ++word;
    std::unique_ptr<char, TextDeleter> text(it->GetUTF8Text(tesseract::RIL_SYMBOL));
    if (!text || text.get()[0] == '\0' || std::strcmp(text.get(), " ") == 0) continue;
    if (!it->BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b)) continue;
    Glyph g;
    g.text = text.get();
    g.x0 = page_x(l);
    g.x1 = page_x(r);
    // The line's extent, like a font's glyph box, so that 、。ー sit on their line.
    g.y0 = page_y(std::min(t, line_top));
    g.y1 = page_y(std::max(b, line_bottom));
    g.line_height = g.y1 - g.y0;
    g.confidence = std::clamp(it->Confidence(tesseract::RIL_SYMBOL) / 100.0, 0.0, 1.0);
    const SymbolBox box{l, t, r, b};
    if (ring.holds_centre_of(box)) continue;
    // Where a circled number may be drawn: a circled number read from a digit-narrow box is a
    // plain number unless a square about it holds a ring (the box took in part of a thin
    // one); a circled number or a lookalike is looked at over its box, and over the symbol
    // before too when that overlaps it (a ring Tesseract read as two symbols: ② as 2③).
    const std::optional<std::string> plain =
        CircledNumberReader::as_plain_number(g.text, r - l, b - t);
    bool split = false;
    std::optional<SymbolBox> where;
    if (plain) {
      const int side = b - t, left = (l + r - side) / 2;
      where = SymbolBox{left, t, left + side, b};
    } else if (CircledNumberReader::worth_checking(g.text)) {
      split = !line.empty() && previous.r > l;
      where = split ? box.united(previous) : box;
    }
    if (where) {
      const auto checking = Clock::now();
      auto circled = circled_.read(padded.get(), where->l, where->t, where->r, where->b);
      own += since(checking);  // its digits engine's time is counted by circled_
      if (circled) {
        if (split) {
          line.pop_back();
          words.pop_back();
          g.x0 = page_x(where->l);
        }
        g.text = std::move(circled->text);
        g.confidence = circled->confidence;
        ring = *where;
      } else if (plain) {
        g.text = *plain;
        g.confidence *= 0.8;
      }
    }
    previous = box;
    line.push_back(std::move(g));
    words.push_back(word);
  } while (it->Next(tesseract::RIL_SYMBOL));
  it.reset();
  tesseract_done();
  finish_line(line, words, static_cast<int>((line_bottom - line_top) / scale), out);
  if (!options_.dump_dir.empty()) dump(padded.get(), psm, x, y, out, first);
}

void Recognizer::dump(PIX* region, int psm, int x, int y, const std::vector<Glyph>& glyphs,
                      size_t first) {
  char stem[32];
  std::snprintf(stem, sizeof stem, "/%06d", dumped_++);
  const std::string base = options_.dump_dir + stem;
  pixWrite((base + ".png").c_str(), region, IFF_PNG);
  if (FILE* f = std::fopen((base + ".txt").c_str(), "w")) {
    std::fprintf(f, "psm %d at %d,%d\n", psm, x, y);
    for (size_t i = first; i < glyphs.size(); ++i)
      std::fprintf(f, "%s %.2f\n", glyphs[i].text.c_str(), glyphs[i].confidence);
    std::fclose(f);
  }
}

int Recognizer::detect_quarter_turns(PIX* binary, double dpi) {
  if (osd_failed_ || binary == nullptr) return 0;
  const auto start = Clock::now();
  if (!osd_) {
    auto osd = std::make_unique<tesseract::TessBaseAPI>();
    silence(*osd);
    if (osd->Init(tessdata_of(options_), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
      osd_failed_ = true;
      return 0;
    }
    silence(*osd);
    osd_ = std::move(osd);
    times_.init_s += since(start);
  }
  const auto detecting = Clock::now();
  osd_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd_->SetImage(binary);
  osd_->SetSourceResolution(static_cast<int>(dpi));
  int degrees = 0;
  float orientation_confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  const bool found =
      osd_->DetectOrientationScript(&degrees, &orientation_confidence, &script, &script_confidence);
  osd_->Clear();
  times_.osd_s += since(detecting);
  // Tesseract's own CLI trusts an orientation from a confidence of about 2 on.
  if (!found || orientation_confidence < 2.0f) return 0;
  return ((degrees / 90) % 4 + 4) % 4;
}

}  // namespace kansa::ocr
