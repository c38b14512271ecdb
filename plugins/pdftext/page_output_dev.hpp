// Poppler output device that records, for the page being drawn, what the plugin reports:
// glyphs (through TextOutputDev's TextPage), ruling lines, and a tally of how the glyphs
// decoded (for the text-layer verdict).
#pragma once

#include <Object.h>  // Ref
#include <TextOutputDev.h>

#include <memory>
#include <vector>

#include "kansa/plugin_abi.h"
#include "rule_geometry.hpp"
#include "text_layer_verdict.hpp"

namespace kansa::pdftext {

// Draw one page into it with PDFDoc::displayPage (72 dpi, crop box, rotation 0): Poppler
// then applies the page's own /Rotate, and because the device is upside-down its device
// space is exactly the ABI's page space (points, top-left origin of the displayed page,
// y down). Glyph boxes from the TextPage and the path points we transform with the CTM
// are therefore in the same space.
class PageOutputDev final : public TextOutputDev {
 public:
  explicit PageOutputDev(RuleLimits limits);

  // Poppler hooks. Each records what it needs, then defers to TextOutputDev.
  void startPage(int page_num, GfxState* state, XRef* xref) override;
  void drawChar(GfxState* state, double x, double y, double dx, double dy, double origin_x,
                double origin_y, CharCode code, int n_bytes, const Unicode* u, int u_len) override;
  void stroke(GfxState* state) override;
  void fill(GfxState* state) override;
  void eoFill(GfxState* state) override;

  // Results for the last page drawn.
  double page_width() const { return page_width_; }
  double page_height() const { return page_height_; }
  const std::vector<kansa_box>& rules() const { return rules_; }
  GlyphTally& tally() { return tally_; }

 private:
  void collect_filled_rules(const GfxState* state);
  void add_rule(kansa_box box);

  RuleLimits limits_;
  double page_width_ = 0, page_height_ = 0;
  std::vector<kansa_box> rules_;
  GlyphTally tally_;

  // Per-font facts, cached because drawChar runs once per glyph and fonts rarely change.
  const GfxFont* last_font_ = nullptr;
  Ref last_font_id_ = Ref::INVALID();
  FontDecoding last_font_decoding_ = FontDecoding::kMapped;
  std::string last_font_name_;
};

}  // namespace kansa::pdftext
