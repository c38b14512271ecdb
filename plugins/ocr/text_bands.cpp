#include "text_bands.hpp"

#include <algorithm>

namespace kansa::ocr {

namespace {

int height(const TextBand& b) { return b.y1 - b.y0; }

int median_height(const std::vector<TextBand>& bands) {
  std::vector<int> h;
  for (const TextBand& b : bands) h.push_back(height(b));
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return h[h.size() / 2];
}

}  // namespace

std::vector<TextBand> ink_bands(PIX* ink, const PixelRect& cell) {
  std::vector<TextBand> bands;
  BoxPtr box = make_box(cell);
  PixPtr part(pixClipRectangle(ink, box.get(), nullptr));
  if (!part) return bands;
  NumaPtr rows(pixCountPixelsByRow(part.get(), nullptr));
  if (!rows) return bands;
  const int n = numaGetCount(rows.get());
  constexpr int kLeastInk = 2;  // pixels in a row of text
  constexpr int kBridge = 1;    // empty rows a band may contain (thin horizontal strokes)
  int start = -1, last_ink = -1;
  for (int y = 0; y <= n; ++y) {
    l_int32 count = 0;
    if (y < n) numaGetIValue(rows.get(), y, &count);
    const bool inked = y < n && count >= kLeastInk;
    if (inked) {
      if (start < 0) start = y;
      last_ink = y;
    } else if (start >= 0 && (y == n || y - last_ink > kBridge)) {
      bands.push_back({cell.y + start, cell.y + last_ink + 1});
      start = -1;
    }
  }
  return bands;
}

int typical_height(const std::vector<TextBand>& bands) {
  return bands.empty() ? 0 : median_height(bands);
}

void join_thin_bands(std::vector<TextBand>& bands, int typical) {
  // Thin bands join their nearest neighbour when it is close.
  for (bool merged = true; merged && bands.size() > 1;) {
    merged = false;
    for (size_t i = 0; i < bands.size(); ++i) {
      if (3 * height(bands[i]) >= typical) continue;
      const int up = i > 0 ? bands[i].y0 - bands[i - 1].y1 : 1 << 30;
      const int down = i + 1 < bands.size() ? bands[i + 1].y0 - bands[i].y1 : 1 << 30;
      const size_t j = up <= down ? i - 1 : i + 1;
      if (std::min(up, down) * 2 > typical) continue;
      bands[j] = {std::min(bands[i].y0, bands[j].y0), std::max(bands[i].y1, bands[j].y1)};
      bands.erase(bands.begin() + static_cast<long>(i));
      merged = true;
      break;
    }
  }
}

}  // namespace kansa::ocr
