#include "pixel_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

// The rotation must round its float products and differences exactly as Leptonica's plain C
// does, with no fused multiply-add: CMakeLists.txt builds this file with -ffp-contract=off.

namespace kansa::ocr {

namespace {

// Leptonica keeps 8 bpp pixels in 32-bit words, the first pixel in the most significant
// byte: on a little-endian machine pixel x of a row is byte x ^ 3.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "pixel_kernels assumes little-endian");
inline int byte_of(int x) { return x ^ 3; }

bool plain_gray(PIX* pix) {
  return pix != nullptr && pixGetDepth(pix) == 8 && pixGetColormap(pix) == nullptr;
}

l_uint32* row_words(PIX* pix, int y) {
  return pixGetData(pix) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix);
}
std::uint8_t* row_bytes(PIX* pix, int y) {
  return reinterpret_cast<std::uint8_t*>(row_words(pix, y));
}

// Copies `words` 32-bit words from `from` to `to`, each with its bytes reversed: between
// Leptonica's byte order and pixel order, either way.
void copy_swapping_bytes(const void* from, void* to, int words) {
  for (int i = 0; i < words; ++i) {
    std::uint32_t word;
    std::memcpy(&word, static_cast<const std::uint8_t*>(from) + 4 * i, 4);
    word = __builtin_bswap32(word);
    std::memcpy(static_cast<std::uint8_t*>(to) + 4 * i, &word, 4);
  }
}

// The defaults of pixBackgroundNormSimple (Leptonica's adaptmap.c): tiles of 10 x 15
// pixels, foreground below 60, at least 40 background pixels a tile, background made 200,
// the inverse map smoothed over 2 x 1 tiles.
constexpr int kTileWidth = 10, kTileHeight = 15, kForeground = 60, kMinCount = 40;
constexpr int kBackground = 200, kSmoothX = 2, kSmoothY = 1;

// pixGetBackgroundGrayMap(gray, nullptr, kTileWidth, kTileHeight, kForeground, kMinCount):
// the mean of each whole tile's pixels that are not within 3 pixels of a pixel darker than
// kForeground, where at least kMinCount are; the other tiles (and the partial ones at the
// right and bottom) filled by Leptonica's pixFillMapHoles. Null on failure.
PixPtr background_gray_map(PIX* gray) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  PixPtr dark = threshold_to_binary(gray, kForeground);
  // Leptonica dilates by 7x1, then 1x7: the same as by a 7x7 brick.
  PixPtr near_dark(dark ? pixDilateBrickDwa(nullptr, dark.get(), 7, 7) : nullptr);
  if (!near_dark) return nullptr;
  const int map_w = (w + kTileWidth - 1) / kTileWidth;
  const int map_h = (h + kTileHeight - 1) / kTileHeight;
  PixPtr map(pixCreate(map_w, map_h, 8));
  if (!map) return nullptr;
  const int nx = w / kTileWidth, ny = h / kTileHeight;  // whole tiles
  // Per row, in pixel order (not Leptonica's byte order): the pixels of the whole tiles and
  // 1 for each pixel to count, 0 for one near dark ink; made 4 and 32 pixels at a time.
  const int counted = nx * kTileWidth;
  const int pixel_words = (counted + 3) / 4, mask_words = (counted + 31) / 32;
  std::vector<std::uint8_t> values(static_cast<std::size_t>(mask_words) * 32);
  std::vector<std::uint8_t> keep(values.size());
  std::uint32_t keep_of_nibble[16];  // 4 mask bits, first pixel highest -> 4 keep bytes
  for (std::uint32_t nibble = 0; nibble < 16; ++nibble) {
    keep_of_nibble[nibble] = 0;
    for (int t = 0; t < 4; ++t)
      keep_of_nibble[nibble] |= static_cast<std::uint32_t>(((nibble >> (3 - t)) & 1) == 0)
                                << (8 * t);
  }
  std::vector<std::uint32_t> sum(static_cast<std::size_t>(nx)), count(sum.size());
  for (int i = 0; i < ny; ++i) {
    std::fill(sum.begin(), sum.end(), 0);
    std::fill(count.begin(), count.end(), 0);
    for (int y = i * kTileHeight; y < (i + 1) * kTileHeight; ++y) {
      const l_uint32* mask = row_words(near_dark.get(), y);
      copy_swapping_bytes(row_words(gray, y), values.data(), pixel_words);
      for (int m = 0; m < mask_words; ++m)
        for (int q = 0; q < 8; ++q) {
          const std::uint32_t four = keep_of_nibble[(mask[m] >> (28 - 4 * q)) & 0xf];
          std::memcpy(keep.data() + 32 * m + 4 * q, &four, 4);
        }
      const std::uint8_t* v = values.data();
      const std::uint8_t* k = keep.data();
      for (int j = 0; j < nx; ++j, v += kTileWidth, k += kTileWidth) {
        std::uint32_t s = 0, c = 0;
        for (int t = 0; t < kTileWidth; ++t) {
          s += static_cast<std::uint32_t>(v[t]) * k[t];
          c += k[t];
        }
        sum[static_cast<std::size_t>(j)] += s;
        count[static_cast<std::size_t>(j)] += c;
      }
    }
    l_uint32* line = row_words(map.get(), i);
    for (std::size_t j = 0; j < sum.size(); ++j)
      if (count[j] >= static_cast<std::uint32_t>(kMinCount))
        SET_DATA_BYTE(line, j, sum[j] / count[j]);
  }
  if (pixFillMapHoles(map.get(), nx, ny, L_FILL_BLACK) != 0) return nullptr;
  pixCopyResolution(map.get(), gray);
  return map;
}

}  // namespace

PixPtr background_norm_simple(PIX* gray) {
  if (!plain_gray(gray) || pixGetWidth(gray) < kTileWidth || pixGetHeight(gray) < kTileHeight)
    return PixPtr(pixBackgroundNormSimple(gray, nullptr, nullptr));
  PixPtr map = background_gray_map(gray);
  if (!map) return PixPtr(pixCopy(nullptr, gray));  // as Leptonica: no map, the page as it is
  PixPtr inverse(pixGetInvBackgroundMap(map.get(), kBackground, kSmoothX, kSmoothY));
  if (!inverse || pixGetDepth(inverse.get()) != 16) return PixPtr(pixCopy(nullptr, gray));

  // Each pixel times its tile's 16-bit factor, over 256, at most 255. Pixels past the map's
  // last tile are left 0, as Leptonica leaves them.
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  const int map_w = pixGetWidth(inverse.get()), map_h = pixGetHeight(inverse.get());
  PixPtr out(pixCreateTemplate(gray));
  if (!out) return nullptr;
  const int covered_w = std::min(w, map_w * kTileWidth);
  const int covered_h = std::min(h, map_h * kTileHeight);
  // The factors of one band of tiles, by byte position in a row (so that the inner loop
  // runs over bytes in memory order); 0 for bytes that are padding or past the map.
  const std::size_t row_size = static_cast<std::size_t>(pixGetWpl(gray)) * 4;
  std::vector<std::uint32_t> factor(row_size, 0);
  for (int band = 0; band * kTileHeight < covered_h; ++band) {
    const l_uint32* map_row = row_words(inverse.get(), band);
    for (int x = 0; x < covered_w; ++x)
      factor[static_cast<std::size_t>(byte_of(x))] = GET_DATA_TWO_BYTES(map_row, x / kTileWidth);
    const int y_end = std::min(covered_h, (band + 1) * kTileHeight);
    for (int y = band * kTileHeight; y < y_end; ++y) {
      const std::uint8_t* in = row_bytes(gray, y);
      std::uint8_t* to = row_bytes(out.get(), y);
      for (std::size_t b = 0; b < row_size; ++b)
        to[b] = static_cast<std::uint8_t>(std::min<std::uint32_t>(255, (in[b] * factor[b]) >> 8));
    }
  }
  return out;
}

bool otsu_split_threshold(PIX* gray, float score_fraction, int& threshold) {
  if (!plain_gray(gray)) {
    l_int32 t = 0;
    if (pixSplitDistributionFgBg(gray, score_fraction, 1, &t, nullptr, nullptr, nullptr) != 0)
      return false;
    threshold = t;
    return true;
  }
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  // Four counters, one per byte lane, so that neighbouring bytes do not wait on one another.
  std::vector<std::uint32_t> counts(4 * 256, 0);
  const int whole_words = w / 4;
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = row_bytes(gray, y);
    for (int i = 0; i < whole_words; ++i) {
      const std::uint8_t* word = row + 4 * i;  // four pixels, in whatever order
      ++counts[word[0]];
      ++counts[256 + word[1]];
      ++counts[512 + word[2]];
      ++counts[768 + word[3]];
    }
    for (int x = 4 * whole_words; x < w; ++x) ++counts[row[byte_of(x)]];
  }
  NumaPtr histogram(numaCreate(256));
  if (!histogram) return false;
  for (int v = 0; v < 256; ++v)
    numaAddNumber(histogram.get(), static_cast<l_float32>(counts[v] + counts[256 + v] +
                                                          counts[512 + v] + counts[768 + v]));
  l_int32 t = 0;
  if (numaSplitDistribution(histogram.get(), score_fraction, &t, nullptr, nullptr, nullptr, nullptr,
                            nullptr) != 0)
    return false;
  threshold = t;
  return true;
}

PixPtr threshold_to_binary(PIX* gray, int threshold) {
  if (!plain_gray(gray) || threshold < 0 || threshold > 256)
    return PixPtr(pixThresholdToBinary(gray, threshold));
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  PixPtr out(pixCreate(w, h, 1));
  if (!out) return nullptr;
  pixCopyResolution(out.get(), gray);
  pixCopyInputFormat(out.get(), gray);
  const int whole_words = w / 32;  // output words of 32 pixels, all inside the row
  const auto limit = static_cast<std::uint8_t>(threshold > 0 ? threshold - 1 : 0);
  std::vector<std::uint8_t> ink(static_cast<std::size_t>(whole_words) * 32);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* in = row_bytes(gray, y);
    l_uint32* to = row_words(out.get(), y);
    // 1 where a byte is ink, in memory order (a loop the compiler vectorises)...
    for (std::size_t b = 0; b < ink.size(); ++b) ink[b] = threshold > 0 && in[b] <= limit;
    // ...then packed 32 pixels a word, the first in the most significant bit. A source word's
    // four bytes hold pixels 3, 2, 1, 0 of its group in memory order.
    for (int i = 0; i < whole_words; ++i) {
      std::uint32_t word = 0;
      for (int q = 0; q < 8; ++q) {
        std::uint32_t v;
        std::memcpy(&v, ink.data() + 32 * i + 4 * q, 4);
        const std::uint32_t nibble = (v & 1) | ((v >> 7) & 2) | ((v >> 14) & 4) | ((v >> 21) & 8);
        word = (word << 4) | nibble;
      }
      to[i] = word;
    }
    if (whole_words * 32 < w) {  // the last pixels, one by one (padding bytes are not pixels)
      std::uint32_t word = 0;
      for (int x = whole_words * 32; x < w; ++x)
        word |= static_cast<std::uint32_t>(in[byte_of(x)] < threshold) << (31 - (x % 32));
      to[whole_words] = word;
    }
  }
  return out;
}

PixPtr rotate_area_map_white(PIX* gray, float radians) {
  // Leptonica's smallest rotation (MinAngleToRotate in rotate.c): below it, the same image.
  constexpr float kMinAngle = 0.001f;
  if (!plain_gray(gray) || pixGetWidth(gray) < 2 || pixGetHeight(gray) < 2)
    return PixPtr(pixRotate(gray, radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (std::fabs(radians) < kMinAngle) return PixPtr(pixClone(gray));
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  PixPtr out(pixCreateTemplate(gray));
  if (!out) return nullptr;
  const int xcen = w / 2, ycen = h / 2;
  // Source positions in sixteenths of a pixel, with Leptonica's float rounding: per column
  // the products that do not change along a column, per row those that do not change along a
  // row; each position is then one float sum, as in the original expression.
  const float sina = static_cast<float>(16.0 * std::sin(static_cast<double>(radians)));
  const float cosa = static_cast<float>(16.0 * std::cos(static_cast<double>(radians)));
  std::vector<float> column_x(static_cast<std::size_t>(w)), column_y(static_cast<std::size_t>(w));
  for (int j = 0; j < w; ++j) {
    const int xdif = xcen - j;
    column_x[static_cast<std::size_t>(j)] = static_cast<float>(-xdif) * cosa;
    column_y[static_cast<std::size_t>(j)] = static_cast<float>(xdif) * sina;
  }
  std::vector<std::int32_t> xpm(static_cast<std::size_t>(w)), ypm(static_cast<std::size_t>(w));
  const std::ptrdiff_t wpl_bytes = static_cast<std::ptrdiff_t>(pixGetWpl(gray)) * 4;
  const std::uint8_t* const source = row_bytes(gray, 0);
  for (int i = 0; i < h; ++i) {
    const int ydif = ycen - i;
    const float row_x = static_cast<float>(ydif) * sina;
    const float row_y = static_cast<float>(-ydif) * cosa;
    for (int j = 0; j < w; ++j) {
      xpm[static_cast<std::size_t>(j)] =
          static_cast<std::int32_t>(column_x[static_cast<std::size_t>(j)] - row_x);
      ypm[static_cast<std::size_t>(j)] =
          static_cast<std::int32_t>(row_y + column_y[static_cast<std::size_t>(j)]);
    }
    std::uint8_t* to = row_bytes(out.get(), i);
    for (int j = 0; j < w; ++j) {
      const std::int32_t xm = xpm[static_cast<std::size_t>(j)];
      const std::int32_t ym = ypm[static_cast<std::size_t>(j)];
      const int xp = xcen + (xm >> 4), yp = ycen + (ym >> 4);
      if (xp < 0 || yp < 0 || xp > w - 2 || yp > h - 2) {
        to[byte_of(j)] = 255;
        continue;
      }
      // The four source pixels, weighted by the sixteenths of the destination pixel over each.
      const int xf = xm & 0x0f, yf = ym & 0x0f;
      const std::uint8_t* top = source + yp * wpl_bytes;
      const std::uint8_t* bottom = top + wpl_bytes;
      // (16-yf)((16-xf)a + xf b) + yf((16-xf)c + xf d): Leptonica's four products, factored.
      const int v = (16 - yf) * ((16 - xf) * top[byte_of(xp)] + xf * top[byte_of(xp + 1)]) +
                    yf * ((16 - xf) * bottom[byte_of(xp)] + xf * bottom[byte_of(xp + 1)]);
      to[byte_of(j)] = static_cast<std::uint8_t>((v + 128) / 256);
    }
  }
  return out;
}

PixPtr gray_from_bytes(const unsigned char* bytes, int width, int height, int row_bytes_in) {
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return nullptr;
  const int whole_words = width / 4;
  for (int y = 0; y < height; ++y) {
    const unsigned char* line = bytes + static_cast<std::ptrdiff_t>(y) * row_bytes_in;
    l_uint32* to = row_words(pix.get(), y);
    copy_swapping_bytes(line, to, whole_words);  // four pixels a word, the first highest
    for (int x = 4 * whole_words; x < width; ++x) SET_DATA_BYTE(to, x, line[x]);
  }
  return pix;
}

}  // namespace kansa::ocr
