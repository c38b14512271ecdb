#include "read_page.hpp"

#include <tesseract/publictypes.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ink_geometry.hpp"
#include "page_cleanup.hpp"
#include "text_bands.hpp"

namespace kansa::ocr {

namespace {

int inches(double dpi, double in) { return std::max(1, static_cast<int>(std::lround(dpi * in))); }

// The page image at each step of its clean-up: grey, its background-normalised version
// (made once per grey image; null if that failed) and the binary made from it.
struct PageImages {
  PixPtr gray, normalised, binary;

  // `gray` as the new page image with its normalised and binary versions; false (nothing
  // changed) when it cannot be binarized.
  bool replace_gray(PixPtr replacement) {
    PixPtr n = normalize_background(replacement.get());
    PixPtr b = binarize(replacement.get(), n.get());
    if (!b) return false;
    gray = std::move(replacement);
    normalised = std::move(n);
    binary = std::move(b);
    return true;
  }
};

PixPtr cut(PIX* image, const PixelRect& r) {
  BoxPtr box = make_box(r);
  return PixPtr(pixClipRectangle(image, box.get(), nullptr));
}

// Whether `r` holds at least `least_ink` ink pixels of `binary` (an empty cell does not).
bool has_ink(PIX* binary, const PixelRect& r, int least_ink) {
  return ink_count(binary, r) >= least_ink;
}

// The grey page (as its background-normalised image `normalised`) with everything farther
// than a couple of pixels from the ink of `binary` white: speckle and ruling lines gone, glyph
// edges still anti-aliased. Paper tone and light cell shading (header rows) are flattened to
// white first: after background normalisation the paper is 200, and everything from 190 up
// becomes 255.
PixPtr text_in_gray(PIX* normalised, PIX* binary) {
  if (normalised == nullptr) return nullptr;
  PixPtr near_ink(pixDilateBrickDwa(nullptr, binary, 5, 5));
  if (!near_ink) return nullptr;
  PixPtr away(pixInvert(nullptr, near_ink.get()));
  PixPtr out(pixGammaTRC(nullptr, normalised, 1.0f, 0, 190));
  if (!away || !out || pixSetMasked(out.get(), away.get(), 255) != 0) return nullptr;
  return out;
}

// Ink wider than this many line heights is a line of text, not a lone mark or a short entry.
constexpr int kGlyphsOfALine = 3;

// Whether the glyphs a one-line cell gave from `first` on may be a lone mark Tesseract could
// not make out: nothing, or at most three symbols of which one is ASCII (a ① read as U), UI or
// し)). A circled number it read is left as it is: the glyph was checked when read.
bool may_be_misread_mark(const std::vector<Glyph>& out, size_t first) {
  const size_t n = out.size() - first;
  if (n > 3) return false;
  bool ascii = n == 0;
  for (size_t i = first; i < out.size(); ++i) {
    if (CircledNumberReader::is_circled_number(out[i].text)) return false;
    ascii |= out[i].text.size() == 1;
  }
  return ascii;
}

// Whether glyphs read from a page say by themselves that it was upright: enough of them, read
// with a high mean confidence. Upright pages of the corpus and generated scans (grey and
// bilevel, 200 and 300 dpi) read at 0.98-0.99; the same pages turned by 90, 180 or 270
// degrees, read as they are, at 0.82-0.86 (Tesseract's recognizer is confident even on
// sideways glyphs, but not that confident).
constexpr size_t kEnoughGlyphs = 50;
bool reads_upright(const std::vector<Glyph>& glyphs) {
  constexpr double kUprightConfidence = 0.93;
  if (glyphs.size() < kEnoughGlyphs) return false;
  double sum = 0;
  for (const Glyph& g : glyphs) sum += g.confidence;
  return sum >= kUprightConfidence * static_cast<double>(glyphs.size());
}

// Looks at the first glyphs read from a page taken as upright: when they already say it may
// not be, reading stops there (a turned page read in full costs several times an upright
// one: sideways text splits into many regions).
struct UprightProbe {
  bool decided = false, doubtful = false;
  bool stop(const std::vector<Glyph>& glyphs) {
    if (decided || glyphs.size() < kEnoughGlyphs) return false;
    decided = true;
    doubtful = !reads_upright(glyphs);
    return doubtful;
  }
};

// One cell of read_cells(), whose text lines are `bands`.
void read_cell(PIX* text, PIX* ink, const PixelRect& cell, const std::vector<TextBand>& bands,
               int typical, int margin, double dpi, bool thin_strokes, Recognizer& recognizer,
               std::vector<Glyph>& out) {
  // One line only (a mark such as ① or ○, a short entry): the line with a line's height of
  // white above and below, as a block; Tesseract reads a lone mark better with room around
  // it than from a tight strip. Thin strokes (a bilevel scan) are thickened first: the
  // broken hairline circle of ① otherwise reads as ゆい.
  // A line of several glyphs is read as a line first: the block mode's own layout analysis
  // garbles some clean single lines (a header 指摘・意見の項目 read as 目缶回見と).
  if (bands.size() == 1) {
    const TextBand& b = bands[0];
    const int height = b.y1 - b.y0;
    const int around = std::max(margin, height);
    PixelRect r = cell;
    r.y = std::max(cell.y, b.y0 - around);
    r.h = std::min(cell.bottom(), b.y1 + around) - r.y;
    PixPtr part = cut(text, r);
    if (!part) return;
    const size_t before = out.size();
    if (ink_extent(ink, r).w > kGlyphsOfALine * height)
      recognizer.read(part.get(), tesseract::PSM_SINGLE_LINE, dpi, r.x, r.y, out, thin_strokes);
    if (out.size() == before)
      recognizer.read(part.get(), tesseract::PSM_SINGLE_BLOCK, dpi, r.x, r.y, out, thin_strokes);
    if (may_be_misread_mark(out, before))
      if (auto circled = recognizer.read_circled(part.get(), dpi, r.x, r.y, thin_strokes)) {
        out.resize(before);
        out.push_back(std::move(*circled));
      }
    return;
  }
  for (const TextBand& b : bands) {
    PixelRect r = cell;
    r.y = std::max(cell.y, b.y0 - margin);
    r.h = std::min(cell.bottom(), b.y1 + margin) - r.y;
    const bool one_line = 2 * (b.y1 - b.y0) <= 3 * typical;
    const size_t before = out.size();
    PixPtr part = cut(text, r);
    if (!part) continue;
    if (one_line) {
      recognizer.read(part.get(), tesseract::PSM_SINGLE_LINE, dpi, r.x, r.y, out);
      // Nothing seen as a line: the line mode returns nothing for some short labels (総論3)
      // at the left of a wide cell, which the raw line mode reads from the line's own ink
      // with a little white around it.
      if (out.size() == before) {
        const PixelRect extent = ink_extent(ink, r);
        PixelRect tight = r;
        tight.x = std::max(cell.x, extent.x - 2 * margin);
        tight.w = std::min(cell.right(), extent.right() + 2 * margin) - tight.x;
        if (tight.w > 0)
          if (PixPtr line = cut(text, tight))
            recognizer.read(line.get(), tesseract::PSM_RAW_LINE, dpi, tight.x, tight.y, out);
      }
    }
    if (out.size() == before)  // no line, or nothing seen as a line: as a block
      recognizer.read(part.get(), tesseract::PSM_SINGLE_BLOCK, dpi, r.x, r.y, out);
  }
}

// Reads the table cells line by line (see text_bands.hpp): each band of `text` (grey, only the
// ink kept) with a small margin, as a single line; a band much taller than the page's typical
// line (lines that touch, a large glyph) as a block.
void read_cells(PIX* text, PIX* ink, const std::vector<PixelRect>& cells, double dpi,
                bool thin_strokes, bool mark_unread, Recognizer& recognizer,
                std::vector<Glyph>& out, UprightProbe* probe = nullptr) {
  std::vector<std::vector<TextBand>> bands;
  std::vector<TextBand> all;
  for (const PixelRect& cell : cells) {
    bands.push_back(ink_bands(ink, cell));
    all.insert(all.end(), bands.back().begin(), bands.back().end());
  }
  const int typical = typical_height(all);
  for (std::vector<TextBand>& b : bands) join_thin_bands(b, typical);
  const int margin = std::max(2, typical / 8);
  for (size_t i = 0; i < cells.size(); ++i) {
    const PixelRect& cell = cells[i];
    const size_t first = out.size();
    read_cell(text, ink, cell, bands[i], typical, margin, dpi, thin_strokes, recognizer, out);
    // Ink that Tesseract read as nothing (a mark it could not make out): the geta mark 〓,
    // which Japanese print sets for an illegible character, with no confidence, so that the
    // cell shows something was there and its fields come out doubtful instead of empty.
    if (mark_unread && out.size() == first) {
      const PixelRect e = ink_extent(ink, cell);
      Glyph g;
      g.text = "〓";
      g.x0 = e.x;
      g.x1 = e.right();
      g.y0 = e.y;
      g.y1 = e.bottom();
      g.line_height = e.h;
      g.confidence = 0;
      out.push_back(std::move(g));
    }
    if (probe != nullptr && probe->stop(out)) return;
  }
}

// Reads the page rendered as `rendered`, turned clockwise by `turns` quarters first. When
// `binary_as_turned` is given it receives the binary page before deskewing (what orientation
// detection looks at). With a `probe`, reading stops early (`out` partial) when the first
// glyphs make the probe doubtful.
bool read_turned(const RenderedPage& page, PIX* rendered, int turns, const Options& options,
                 Recognizer& recognizer, PageReading& out, std::string& problem,
                 PixPtr* binary_as_turned, UprightProbe* probe) {
  const double dpi = page.dpi;
  out = PageReading();
  out.dpi = dpi;
  PageImages images;
  PixPtr turned(turns != 0 ? pixRotateOrth(rendered, turns) : pixClone(rendered));
  if (!turned || !images.replace_gray(std::move(turned))) {
    problem = "cannot binarize the page image";
    return false;
  }
  if (binary_as_turned != nullptr) binary_as_turned->reset(pixClone(images.binary.get()));
  out.quarter_turns = turns;
  const bool sideways = out.quarter_turns % 2 == 1;
  out.width_pt = sideways ? page.height_pt : page.width_pt;
  out.height_pt = sideways ? page.width_pt : page.height_pt;
  out.rotation = (page.rotation + 90 * out.quarter_turns) % 360;

  if (options.deskew) {
    Deskewed d = deskew(images.gray.get(), images.binary.get());
    if (d.applied && images.replace_gray(std::move(d.gray))) out.skew_degrees = d.angle;
  }
  PixPtr gray = std::move(images.gray);
  PixPtr binary = std::move(images.binary);
  PixPtr normalised = std::move(images.normalised);
  const int img_w = pixGetWidth(binary.get()), img_h = pixGetHeight(binary.get());
  out.px_to_pt_x = out.width_pt / img_w;
  out.px_to_pt_y = out.height_pt / img_h;

  PixPtr faint = binarize_faint(normalised.get());
  RulingLines lines = find_ruling_lines(faint ? faint.get() : binary.get(), dpi);
  for (const auto* set : {&lines.horizontal, &lines.vertical})
    out.rules.insert(out.rules.end(), set->begin(), set->end());
  std::vector<Grid> grids = find_grids(lines, dpi);

  // Text without the lines, then without speckle: a cell cut-out then holds only its own
  // ink, and speckle removal judges a speck by the glyphs around it, not by a cell border.
  PixPtr wide_lines(lines.mask ? pixDilateBrickDwa(nullptr, lines.mask.get(), 5, 5) : nullptr);
  // The vertical lines alone bound a text line for speckle removal (see remove_speckle).
  PixPtr columns(pixCreate(pixGetWidth(binary.get()), pixGetHeight(binary.get()), 1));
  if (columns)
    for (const PixelRect& v : lines.vertical)
      pixRasterop(columns.get(), v.x, v.y, v.w, v.h, PIX_SET, nullptr, 0, 0);
  const SpeckleScale speckle = SpeckleScale::at(dpi);
  const auto text_ink = [&](PIX* ink) {
    PixPtr bare(wide_lines ? pixSubtract(nullptr, ink, wide_lines.get()) : pixClone(ink));
    return bare ? remove_speckle(bare.get(), speckle, columns.get()) : nullptr;
  };
  PixPtr content = text_ink(binary.get());
  // The faint ink too (thin strokes of a grey scan that the Otsu threshold drops: the
  // horizontals of 手), cleaned the same way, decides what of the grey page is kept.
  PixPtr faint_content = faint ? text_ink(faint.get()) : nullptr;
  faint.reset();
  if (!content) {
    problem = "cannot separate text from ruling lines and speckle";
    return false;
  }
  // Tesseract reads grey better than bilevel: it gets the grey page with everything but the
  // ink (and a small margin around it) painted white.
  PixPtr text = text_in_gray(normalised.get(), faint_content ? faint_content.get() : content.get());
  if (!text) {
    problem = "cannot mask the grey page image";
    return false;
  }
  gray.reset();
  const int least_ink = inches(dpi, 0.03) * inches(dpi, 0.03);
  std::vector<PixelRect> inked_cells;
  for (const Grid& grid : grids)
    for (const PixelRect& cell : grid.cells)
      if (has_ink(faint_content ? faint_content.get() : content.get(), cell, least_ink))
        inked_cells.push_back(cell);
  const bool thin = strokes_are_thin(content.get());
  read_cells(text.get(), content.get(), inked_cells, dpi, thin, /*mark_unread=*/true, recognizer,
             out.glyphs, probe);
  if (probe != nullptr && probe->doubtful) return true;

  // Everything outside the tables (title, header block, legend, page number) by layout
  // analysis over the page with the tables blanked.
  PixPtr outside(pixCopy(nullptr, text.get()));
  if (!outside) {
    problem = "cannot copy the page image";
    return false;
  }
  PixPtr outside_ink(pixCopy(nullptr, content.get()));
  if (!outside_ink) {
    problem = "cannot copy the page image";
    return false;
  }
  for (const Grid& grid : grids) {
    BoxPtr box = make_box(grid.bounds);
    pixSetInRectArbitrary(outside.get(), box.get(), 255);
    pixClearInRect(outside_ink.get(), box.get());
  }
  // Line by line, as a cell: Tesseract's own layout analysis (PSM 3) dropped letter-spaced
  // labels (報 告 番 号) of header blocks altogether.
  const PixelRect page_rect{0, 0, img_w, img_h};
  if (has_ink(outside_ink.get(), page_rect, least_ink))
    read_cells(outside.get(), outside_ink.get(), {page_rect}, dpi, thin, /*mark_unread=*/false,
               recognizer, out.glyphs, probe);
  return true;
}

}  // namespace

// The page is read as it is first. Only when that reading is doubtful (from its first glyphs,
// or in the end) is Tesseract's orientation detection asked, which costs about a fifth of an
// upright page's recognition, nearly every page being upright; when it is confident the page
// is turned, the page is read turned upright, else as it is.
bool read_page(RenderedPage& page, const Options& options, Recognizer& recognizer, PageReading& out,
               std::string& problem) {
  PixPtr rendered = std::move(page.gray);
  if (!options.detect_orientation)
    return read_turned(page, rendered.get(), 0, options, recognizer, out, problem, nullptr,
                       nullptr);
  PixPtr binary;
  UprightProbe probe;
  if (!read_turned(page, rendered.get(), 0, options, recognizer, out, problem, &binary, &probe))
    return false;
  if (!probe.doubtful && reads_upright(out.glyphs)) return true;
  const int seen = recognizer.detect_quarter_turns(binary.get(), page.dpi);
  binary.reset();
  if (seen != 0) {
    // Content turned `seen` quarters clockwise comes back with 4 - seen more.
    PageReading turned;
    std::string why;
    if (read_turned(page, rendered.get(), (4 - seen) % 4, options, recognizer, turned, why, nullptr,
                    nullptr)) {
      out = std::move(turned);
      return true;
    }
  }
  // Upright after all: read in full if the probe stopped the reading.
  return !probe.doubtful ||
         read_turned(page, rendered.get(), 0, options, recognizer, out, problem, nullptr, nullptr);
}

bool report_page(const PageReading& r, int number, const kansa_page_sink& sink) {
  if (sink.begin_page(sink.host_ctx, number, r.width_pt, r.height_pt, r.rotation) != KANSA_OK)
    return false;
  const auto to_points = [&](double x0, double y0, double x1, double y1) {
    kansa_box b{x0 * r.px_to_pt_x, y0 * r.px_to_pt_y, x1 * r.px_to_pt_x, y1 * r.px_to_pt_y};
    b.x0 = std::clamp(b.x0, 0.0, r.width_pt);
    b.x1 = std::clamp(b.x1, b.x0, r.width_pt);
    b.y0 = std::clamp(b.y0, 0.0, r.height_pt);
    b.y1 = std::clamp(b.y1, b.y0, r.height_pt);
    return b;
  };
  double confidence_sum = 0;
  for (const Glyph& g : r.glyphs) {
    const kansa_span span{g.text.c_str(), to_points(g.x0, g.y0, g.x1, g.y1),
                          g.line_height * r.px_to_pt_y, g.confidence};
    confidence_sum += g.confidence;
    if (sink.add_span(sink.host_ctx, &span) != KANSA_OK) return false;
  }
  for (const PixelRect& p : r.rules) {
    const kansa_rule rule{to_points(p.x, p.y, p.right(), p.bottom())};
    if (sink.add_rule(sink.host_ctx, &rule) != KANSA_OK) return false;
  }
  char reason[256];
  std::snprintf(reason, sizeof reason,
                "ocr: %.0f dpi, deskewed %.2f deg, turned %d deg, %zu glyphs, mean confidence "
                "%.2f",
                r.dpi, r.skew_degrees, 90 * r.quarter_turns, r.glyphs.size(),
                r.glyphs.empty() ? 0.0 : confidence_sum / static_cast<double>(r.glyphs.size()));
  return sink.set_text_layer(sink.host_ctx, KANSA_TEXT_LAYER_USABLE, reason) == KANSA_OK;
}

}  // namespace kansa::ocr
