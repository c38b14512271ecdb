#include "page_output_dev.hpp"

#include <GfxFont.h>
#include <GfxState.h>

#include <algorithm>
#include <string_view>

namespace kansa::pdftext {

namespace {

// "BAAAAA+IPAMincho" -> "IPAMincho": the subset tag means nothing to a reader.
std::string display_font_name(const GfxFont& font) {
  const auto& name = font.getName();
  if (!name || name->empty()) return "(unnamed font)";
  const std::string& full = *name;
  if (full.size() > 7 && full[6] == '+' &&
      std::all_of(full.begin(), full.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return full.substr(7);
  return full;
}

FontDecoding decoding_of(const GfxFont& font) {
  if (font.hasToUnicodeCMap()) return FontDecoding::kMapped;
  if (!font.isCIDFont()) return FontDecoding::kEncodingGuess;
  // Without ToUnicode Poppler maps CIDs through the collection's cidToUnicode table
  // (poppler-data) and, for Adobe-Identity or unknown collections, reads the code itself
  // as Unicode, which is right only when the producer chose CIDs equal to code points.
  const GooString* collection = static_cast<const GfxCIDFont&>(font).getCollection();
  if (collection == nullptr) return FontDecoding::kRawCodeGuess;
  const std::string_view name = collection->toStr();
  for (std::string_view mapped : {"Adobe-Japan1", "Adobe-Japan2", "Adobe-GB1", "Adobe-CNS1",
                                  "Adobe-Korea1", "Adobe-KR", "Adobe-UCS"}) {
    if (name == mapped) return FontDecoding::kMapped;
  }
  return FontDecoding::kRawCodeGuess;
}

// Paint nobody can see (white on the usual white page, or fully transparent) draws no rule.
bool is_invisible(const GfxRGB& rgb, double opacity) {
  constexpr double kNearWhite = 0.95;
  return opacity < 0.05 || (colToDbl(rgb.r) >= kNearWhite && colToDbl(rgb.g) >= kNearWhite &&
                            colToDbl(rgb.b) >= kNearWhite);
}

Point device_point(const GfxState& state, double x, double y) {
  Point p;
  state.transform(x, y, &p.x, &p.y);
  return p;
}

}  // namespace

PageOutputDev::PageOutputDev(RuleLimits limits)
    : TextOutputDev(/*fileName=*/nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0,
                    /*rawOrderA=*/false, /*append=*/false),
      limits_(limits) {}

void PageOutputDev::startPage(int page_num, GfxState* state, XRef* xref) {
  page_width_ = state != nullptr ? state->getPageWidth() : 0;
  page_height_ = state != nullptr ? state->getPageHeight() : 0;
  rules_.clear();
  tally_ = GlyphTally{};
  last_font_ = nullptr;
  TextOutputDev::startPage(page_num, state, xref);
}

void PageOutputDev::drawChar(GfxState* state, double x, double y, double dx, double dy,
                             double origin_x, double origin_y, CharCode code, int n_bytes,
                             const Unicode* u, int u_len) {
  const GfxFont* font = state->getFont().get();
  // The address alone could be reused by another font once a form XObject's resources are
  // freed; the object reference tells them apart.
  if (font != last_font_ || (font != nullptr && *font->getID() != last_font_id_)) {
    last_font_ = font;
    last_font_id_ = font != nullptr ? *font->getID() : Ref::INVALID();
    last_font_decoding_ = font != nullptr ? decoding_of(*font) : FontDecoding::kMapped;
    last_font_name_ = font != nullptr ? display_font_name(*font) : std::string();
  }
  tally_.add_glyph(last_font_decoding_, u, u_len, last_font_name_);
  TextOutputDev::drawChar(state, x, y, dx, dy, origin_x, origin_y, code, n_bytes, u, u_len);
}

void PageOutputDev::stroke(GfxState* state) {
  GfxRGB rgb;
  state->getStrokeRGB(&rgb);
  if (!is_invisible(rgb, state->getStrokeOpacity())) {
    const double width = state->getTransformedLineWidth();
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      // Consecutive points both off-curve form a straight segment; this covers the four
      // edges of an `re` rectangle too (closepath adds the point back to the start).
      for (int i = 0; i + 1 < sub->getNumPoints(); ++i) {
        if (sub->getCurve(i) || sub->getCurve(i + 1)) continue;
        const Point a = device_point(*state, sub->getX(i), sub->getY(i));
        const Point b = device_point(*state, sub->getX(i + 1), sub->getY(i + 1));
        if (auto box = stroked_segment_rule(a, b, width, limits_)) add_rule(*box);
      }
    }
  }
  TextOutputDev::stroke(state);
}

void PageOutputDev::fill(GfxState* state) {
  collect_filled_rules(state);
  TextOutputDev::fill(state);
}

void PageOutputDev::eoFill(GfxState* state) {
  collect_filled_rules(state);
  TextOutputDev::eoFill(state);
}

void PageOutputDev::collect_filled_rules(const GfxState* state) {
  GfxRGB rgb;
  state->getFillRGB(&rgb);
  if (is_invisible(rgb, state->getFillOpacity())) return;
  const GfxPath* path = state->getPath();
  std::vector<Point> corners;
  for (int s = 0; s < path->getNumSubpaths(); ++s) {
    const GfxSubpath* sub = path->getSubpath(s);
    const int n = sub->getNumPoints();
    if (n < 4 || n > 5) continue;  // a rectangle has 4 corners, 5 with the closing point
    corners.clear();
    bool straight = true;
    for (int i = 0; i < n && straight; ++i) {
      straight = !sub->getCurve(i);
      corners.push_back(device_point(*state, sub->getX(i), sub->getY(i)));
    }
    if (!straight) continue;
    if (auto box = filled_rectangle_rule(corners, limits_)) add_rule(*box);
  }
}

void PageOutputDev::add_rule(kansa_box box) {
  if (auto clipped = clip_to_page(box, page_width_, page_height_)) rules_.push_back(*clipped);
}

}  // namespace kansa::pdftext
