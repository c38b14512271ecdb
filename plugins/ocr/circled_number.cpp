#include "circled_number.hpp"

#include <tesseract/baseapi.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "stopwatch.hpp"

namespace kansa::ocr {

namespace {

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};

// Circled numbers ① (U+2460) to ⑳ (U+2473) in UTF-8: E2 91 A0 … E2 91 B3.
constexpr char32_t kCircledOne = 0x2460;
constexpr int kLargestCircled = 20;

std::string utf8_of(char32_t c) {
  std::string s;
  s += static_cast<char>(0xE0 | (c >> 12));
  s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  s += static_cast<char>(0x80 | (c & 0x3F));
  return s;
}

// Grey below this is ink when a grey crop is looked at as ink and paper.
constexpr int kInkThreshold = 160;
// The digit is read at about this height in pixels (Tesseract's comfortable size).
constexpr int kDigitReadHeight = 48;

PixPtr ink_of(PIX* crop) {
  if (pixGetDepth(crop) == 1) return PixPtr(pixClone(crop));
  PixPtr gray(pixGetDepth(crop) == 8 ? pixClone(crop) : pixConvertTo8(crop, 0));
  if (!gray) return nullptr;
  return PixPtr(pixThresholdToBinary(gray.get(), kInkThreshold));
}

struct Parts {
  PixaPtr inside;             // components enclosed by the ring
  PixelRect inside_extent{};  // their union, in the crop
};

// The components of `ink` (w x h) inside a ring, when the ink is a ring around separate
// ink: components reach all four sides of the crop (the circle, whole or, in a thin bilevel
// scan, in arcs), and the rest sits in the middle, clear of the sides.
std::optional<Parts> ring_and_inside(PIX* ink) {
  const int w = pixGetWidth(ink), h = pixGetHeight(ink);
  BOXA* boxes_raw = nullptr;
  PIXA* comps_raw = nullptr;
  boxes_raw = pixConnComp(ink, &comps_raw, 8);
  BoxaPtr boxes(boxes_raw);
  PixaPtr comps(comps_raw);
  if (!boxes || !comps) return std::nullopt;
  const int side = std::max(1, std::min(w, h) / 8);  // "touches a side": within this
  bool left = false, right = false, top = false, bottom = false;
  Parts parts;
  parts.inside.reset(pixaCreate(0));
  int x0 = w, y0 = h, x1 = 0, y1 = 0;
  const int n = boxaGetCount(boxes.get());
  for (int i = 0; i < n; ++i) {
    l_int32 bx = 0, by = 0, bw = 0, bh = 0;
    boxaGetBoxGeometry(boxes.get(), i, &bx, &by, &bw, &bh);
    const bool at_left = (bx < side), at_right = (bx + bw > w - side);
    const bool at_top = (by < side), at_bottom = (by + bh > h - side);
    left |= at_left;
    right |= at_right;
    top |= at_top;
    bottom |= at_bottom;
    if (at_left || at_right || at_top || at_bottom) continue;
    if (bw * bh <= 2) continue;  // a speck
    pixaAddPix(parts.inside.get(), pixaGetPix(comps.get(), i, L_CLONE), L_INSERT);
    pixaAddBox(parts.inside.get(), boxaGetBox(boxes.get(), i, L_COPY), L_INSERT);
    x0 = std::min(x0, bx);
    y0 = std::min(y0, by);
    x1 = std::max(x1, bx + bw);
    y1 = std::max(y1, by + bh);
  }
  if (!(left && right && top && bottom) || pixaGetCount(parts.inside.get()) == 0)
    return std::nullopt;
  // A number fills a good part of its ring's height; a dot or a stroke inside does not.
  if (10 * (y1 - y0) < 3 * h || 10 * (y1 - y0) > 8 * h) return std::nullopt;
  parts.inside_extent = {x0, y0, x1 - x0, y1 - y0};
  return parts;
}

// The inside components alone, on white with room around, at a height Tesseract reads well.
// From a grey crop the grey pixels on and next to them are kept: their anti-aliased edges
// read better than the thresholded shape (a serif 1 thresholded loses its flag).
PixPtr digit_image(PIX* crop, const Parts& parts) {
  const int w = pixGetWidth(crop), h = pixGetHeight(crop);
  PixPtr mask(pixaDisplay(parts.inside.get(), w, h));
  if (!mask) return nullptr;
  PixPtr gray;
  if (pixGetDepth(crop) == 8) {
    PixPtr near(pixDilateBrick(nullptr, mask.get(), 3, 3));
    PixPtr away(near ? pixInvert(nullptr, near.get()) : nullptr);
    gray.reset(pixCopy(nullptr, crop));
    if (!away || !gray || pixSetMasked(gray.get(), away.get(), 255) != 0) return nullptr;
  } else {
    gray.reset(pixConvert1To8(nullptr, mask.get(), 255, 0));
  }
  if (!gray) return nullptr;
  const PixelRect& e = parts.inside_extent;
  BoxPtr box = make_box({e.x - 1, e.y - 1, e.w + 2, e.h + 2});
  PixPtr digit(pixClipRectangle(gray.get(), box.get(), nullptr));
  if (!digit) return nullptr;
  const float scale = std::max(1.0f, static_cast<float>(kDigitReadHeight) / e.h);
  PixPtr scaled(scale > 1.0f ? pixScale(digit.get(), scale, scale) : pixClone(digit.get()));
  if (!scaled) return nullptr;
  return PixPtr(pixAddBorder(scaled.get(), kDigitReadHeight / 2, 255));
}

// Whether the inside ink is a lone upright stroke, the shape of 1, for when a scan left the
// 1 too broken or too blotted for the digits engine. Through the middle of its height (the
// flag at the top and the foot serif left out) each row's ink is one stroke's width and the
// rows do not drift sideways, as the diagonal of a 7 or a 2 does; and the stroke is narrow.
// A thin scan may break the stroke: rows without ink are passed over, up to half of them.
bool is_stroke_of_one(PIX* ink, const Parts& parts) {
  const PixelRect& e = parts.inside_extent;
  std::vector<int> widths;
  int x0 = e.right(), x1 = e.x, rows = 0;
  for (int y = e.y + 3 * e.h / 10; y < e.y + 7 * e.h / 10; ++y, ++rows) {
    int left = e.right(), right = e.x - 1;
    for (int x = e.x; x < e.right(); ++x) {
      l_uint32 v = 0;
      if (pixGetPixel(ink, x, y, &v) == 0 && v != 0) {
        left = std::min(left, x);
        right = x;
      }
    }
    if (right < left) continue;  // a break in the stroke (a thin scan's)
    widths.push_back(right - left + 1);
    x0 = std::min(x0, left);
    x1 = std::max(x1, right + 1);
  }
  if (widths.empty() || 2 * widths.size() < static_cast<size_t>(rows)) return false;
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  const int stroke = widths[widths.size() / 2];
  const int span = x1 - x0;
  return 2 * span <= 3 * stroke + 4 && 10 * span <= 4 * e.h;
}

}  // namespace

CircledNumberReader::CircledNumberReader(const Options& options) : options_(options) {}
CircledNumberReader::~CircledNumberReader() {
  if (digits_) digits_->End();
}

bool CircledNumberReader::is_circled_number(std::string_view text) {
  return text.size() == 3 && static_cast<unsigned char>(text[0]) == 0xE2 &&
         static_cast<unsigned char>(text[1]) == 0x91 &&
         static_cast<unsigned char>(text[2]) >= 0xA0 && static_cast<unsigned char>(text[2]) <= 0xB3;
}

std::optional<std::string> CircledNumberReader::as_plain_number(std::string_view text, int w,
                                                                int h) {
  // A ring is about as wide as high; a digit is at most two thirds as wide, and at least a
  // third (Tesseract gives some symbols a box a pixel wide, which says nothing).
  if (!is_circled_number(text) || 10 * w >= 7 * h || 10 * w < 3 * h) return std::nullopt;
  return std::to_string(static_cast<unsigned char>(text[2]) - 0xA0 + 1);
}

bool CircledNumberReader::worth_checking(std::string_view text) {
  if (is_circled_number(text)) return true;
  // What Tesseract makes of a ring with a digit inside; the ring check rejects the real
  // characters cheaply (a Q's tail joins its ring, a 6 is narrower than a circle).
  static constexpr std::array<std::string_view, 9> kRingLookalikes{"Q", "O", "0", "6", "8",
                                                                   "9", "@", "®", "©"};
  return std::find(kRingLookalikes.begin(), kRingLookalikes.end(), text) != kRingLookalikes.end();
}

bool CircledNumberReader::ready() {
  if (digits_) return true;
  if (failed_) return false;
  const auto start = Clock::now();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  api->SetVariable("debug_file", "/dev/null");
  const char* tessdata = options_.tessdata.empty() ? nullptr : options_.tessdata.c_str();
  // The English model reads lone digits well; the whitelist keeps it to digits.
  if (api->Init(tessdata, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    failed_ = true;
    return false;
  }
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("tessedit_char_whitelist", "0123456789");
  api->SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  digits_ = std::move(api);
  init_s_ += since(start);
  return true;
}

std::optional<CircledNumberReader::Reading> CircledNumberReader::read(PIX* image, int l, int t,
                                                                      int r, int b) {
  const int w = r - l, h = b - t;
  // A circled number is about as wide as high and more than a few pixels.
  if (w < 12 || h < 12 || 4 * w < 3 * h || 3 * w > 4 * h) return std::nullopt;
  BoxPtr box(boxCreate(l, t, w, h));
  PixPtr crop(pixClipRectangle(image, box.get(), nullptr));
  if (!crop) return std::nullopt;
  PixPtr ink = ink_of(crop.get());
  if (!ink) return std::nullopt;
  const std::optional<Parts> parts = ring_and_inside(ink.get());
  if (!parts || !ready()) return std::nullopt;
  PixPtr digit = digit_image(crop.get(), *parts);
  if (!digit) return std::nullopt;
  const auto start = Clock::now();
  digits_->SetImage(digit.get());
  std::unique_ptr<char, TextDeleter> text(digits_->GetUTF8Text());
  const int confidence = digits_->MeanTextConf();
  digits_->Clear();
  engine_s_ += since(start);
  std::string digits;
  for (const char* p = text ? text.get() : ""; *p != '\0'; ++p)
    if (std::isdigit(static_cast<unsigned char>(*p))) digits += *p;
  int number = 0;
  double sure = 0;
  const bool engine_read =
      !digits.empty() && digits.size() <= 2 && digits[0] != '0' && confidence >= 50;
  const bool upright_stroke = is_stroke_of_one(ink.get(), *parts);
  // A serif 1 with a long flag reads as 7; the upright stroke tells them apart.
  if (engine_read && !(digits == "7" && upright_stroke)) {
    number = std::stoi(digits);
    sure = std::min(0.95, confidence / 100.0);
  } else if (upright_stroke) {
    number = 1;
    sure = 0.6;
  }
  if (number < 1 || number > kLargestCircled) return std::nullopt;
  return Reading{utf8_of(kCircledOne + static_cast<char32_t>(number - 1)), sure};
}

std::optional<CircledNumberReader::Reading> CircledNumberReader::read_all(PIX* image, int& l,
                                                                          int& t, int& w, int& h) {
  PixPtr ink = ink_of(image);
  BOX* found = nullptr;
  if (!ink || pixClipToForeground(ink.get(), nullptr, &found) != 0 || found == nullptr)
    return std::nullopt;
  BoxPtr extent(found);
  boxGetGeometry(extent.get(), &l, &t, &w, &h);
  return read(image, l, t, l + w, t + h);
}

}  // namespace kansa::ocr
