#include "recognizer.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>

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

bool is_ascii_alnum(const std::string& s) {
  return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0]));
}

bool is_ascii_digit(const std::string& s) {
  return s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0]));
}

bool is_katakana(const std::string& s) {
  const char32_t c = first_code_point(s.c_str());
  return (c >= U'ァ' && c <= U'ヺ') || c == U'ー';
}

// The kanji 一 and the long-vowel mark ー are one horizontal stroke each, and the model takes
// one for the other. ー only lengthens the katakana before it: one after anything else
// that no katakana follows is 一 (ー部措置, のー部). Between two katakana 一 is ー (サ一ビス);
// before a kanji it stays (データ一覧).
void settle_one_or_long_vowel(std::vector<Glyph>& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    const bool after_katakana = i > 0 && is_katakana(line[i - 1].text);
    const bool before_katakana = i + 1 < line.size() && is_katakana(line[i + 1].text);
    if (line[i].text == "ー" && !after_katakana && !before_katakana)
      line[i].text = "一";
    else if (line[i].text == "一" && after_katakana && before_katakana)
      line[i].text = "ー";
  }
}

// Moves the symbols of one recognized text line (in Tesseract's reading order, with word
// numbers `words`) to `out`, with boxes fit for geometric line assembly downstream:
//  - the LSTM engine's symbol boxes are approximate and neighbours' boxes are sometimes
//    swapped, while its reading order is right: the boxes, ordered by centre, are handed out
//    in reading order;
//  - full-width characters get a full em (the line's height) about their centre;
//  - within one word the gap to the next symbol is closed (narrow digits such as "11" would
//    otherwise read as "1 1"), and so is a gap of less than half an em between words unless
//    both sides are Latin letters or digits: Japanese text has no spaces, while brackets and
//    digits around it ("(USB) 5本") have narrow boxes. Other gaps may become spaces;
//  - a gap of less than an em between two digits is closed too: Japanese print sets digits
//    full-width (令和４年１２月), whose narrow ink leaves about half an em between two of
//    them, and Tesseract often makes each its own word ("1 2月", "第1 6 7条"). A number is
//    never split by less than a character. Wider gaps between full-width characters are left
//    alone, although box errors make some: a gap sets labels apart (キ　庁用車…, 1　【意見】,
//    所管部　健康福祉部), and closing gaps up to an em lost those (measured: generated
//    label-blocks and column-table scans lost a fifth of their fields).
void finish_line(std::vector<Glyph>& line, std::vector<int>& words, int line_height,
                 std::vector<Glyph>& out) {
  std::vector<std::pair<double, double>> boxes;
  for (const Glyph& g : line) boxes.emplace_back(g.x0, g.x1);
  std::stable_sort(boxes.begin(), boxes.end(), [](const auto& a, const auto& b) {
    return a.first + a.second < b.first + b.second;
  });
  const double em = 0.9 * std::max(1, line_height);
  for (size_t i = 0; i < line.size(); ++i) {
    Glyph& g = line[i];
    std::tie(g.x0, g.x1) = boxes[i];
    if (is_full_width(first_code_point(g.text.c_str())) && g.x1 - g.x0 < em) {
      const double centre = (g.x0 + g.x1) / 2;
      g.x0 = centre - em / 2;
      g.x1 = centre + em / 2;
    }
  }
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const double gap = line[i + 1].x0 - line[i].x1;
    if (gap <= 0) continue;
    const std::string& a = line[i].text;
    const std::string& b = line[i + 1].text;
    const bool latin_pair = is_ascii_alnum(a) && is_ascii_alnum(b);
    const bool in_number = is_ascii_digit(a) && is_ascii_digit(b);
    if (words[i] == words[i + 1] || (!latin_pair && gap < 0.5 * em) || (in_number && gap < em))
      line[i].x1 = line[i + 1].x0;
  }
  settle_one_or_long_vowel(line);
  for (Glyph& g : line) out.push_back(std::move(g));
  line.clear();
  words.clear();
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

void Recognizer::read(PIX* region, int psm, double dpi, int x, int y, std::vector<Glyph>& out,
                      bool thicken) {
  if (!api_ || region == nullptr) return;
  const size_t first = out.size();
  // Tesseract's Japanese model reads thin strokes of low-resolution scans poorly: a 200 dpi
  // crop enlarged to 300 dpi with interpolation (smooth edges, the strokes' breaks bridged)
  // reads markedly better (監食 -> 監査, 配敵 -> 配備; on the corpus scan at 200 dpi text
  // similarity 0.906 -> 0.945). Boxes are scaled back below.
  const double scale = dpi < options_.read_dpi ? options_.read_dpi / dpi : 1.0;
  PixPtr scaled(scale > 1.0
                    ? pixScale(region, static_cast<l_float32>(scale), static_cast<l_float32>(scale))
                    : pixClone(region));
  if (!scaled) return;
  if (thicken && pixGetDepth(scaled.get()) == 8) {
    scaled.reset(pixErodeGray(scaled.get(), 3, 3));
    if (!scaled) return;
  }
  // White is 0 in a 1 bpp image, 255 in grey.
  const l_uint32 white = pixGetDepth(scaled.get()) == 1 ? 0 : 255;
  PixPtr padded(pixAddBorder(scaled.get(), kBorder, white));
  if (!padded) return;
  api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(psm));
  api_->SetImage(padded.get());
  api_->SetSourceResolution(static_cast<int>(dpi * scale));
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
  std::vector<Glyph> line;
  std::vector<int> words;  // word number of each glyph of `line`
  int word = 0;
  // From the padded, scaled crop back to the page image.
  const auto page_x = [&](int px) { return x + (px - kBorder) / scale; };
  const auto page_y = [&](int py) { return y + (py - kBorder) / scale; };
  do {
    if (it->Empty(tesseract::RIL_SYMBOL)) continue;
    int l = 0, t = 0, r = 0, b = 0;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      finish_line(line, words, static_cast<int>((line_bottom - line_top) / scale), out);
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
    line.push_back(std::move(g));
    words.push_back(word);
  } while (it->Next(tesseract::RIL_SYMBOL));
  finish_line(line, words, static_cast<int>((line_bottom - line_top) / scale), out);
  api_->Clear();
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
