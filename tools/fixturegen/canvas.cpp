#include "canvas.hpp"

#include <cairo-pdf.h>

#include <stdexcept>

#include "era.hpp"
#include "scan.hpp"

namespace fixturegen {
namespace {

constexpr double kA4Short = 595.276, kA4Long = 841.89;

PangoAlignment pango_alignment(Align a) {
  switch (a) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

TextBlock::TextBlock(PangoContext* context, const std::string& text, const std::string& family,
                     double size, double width, Align align, double line_spacing)
    : layout_(pango_layout_new(context)) {
  PangoLayout* l = layout_.get();
  std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), family.c_str());
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_layout_set_font_description(l, font.get());
  pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l, pango_alignment(align));
  pango_layout_set_line_spacing(l, static_cast<float>(line_spacing));
  pango_layout_set_text(l, text.c_str(), -1);

  PangoLayoutIter* it = pango_layout_get_iter(l);
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    int baseline = pango_layout_iter_get_baseline(it);
    lines_.push_back(Line{
        static_cast<double>(y0) / PANGO_SCALE, static_cast<double>(y1) / PANGO_SCALE,
        static_cast<double>(baseline) / PANGO_SCALE, static_cast<double>(logical.x) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  if (text.empty()) lines_.clear();
}

void TextBlock::draw_lines(cairo_t* cr, double x, double y, int first, int last) const {
  if (first >= last) return;
  double origin = lines_[first].top;
  for (int i = first; i < last; ++i) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(layout_.get(), i);
    cairo_move_to(cr, x + lines_[i].x, y + lines_[i].baseline - origin);
    pango_cairo_show_layout_line(cr, line);
  }
}

PdfCanvas::PdfCanvas(const PdfTarget& target, const PageStyle& style)
    : style_(style), scanner_(target.scanner) {
  width_ = style.landscape ? kA4Long : kA4Short;
  height_ = style.landscape ? kA4Short : kA4Long;
  surface_.reset(cairo_pdf_surface_create(target.path.c_str(), width_, height_));
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot create PDF " + target.path);
  // Fixed dates: the same seed gives the same bytes.
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                 "2024-04-01T09:00:00");
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_MOD_DATE,
                                 "2024-04-01T09:00:00");
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "kansa-fixturegen");
  cr_.reset(cairo_create(surface_.get()));
  pango_.reset(pango_cairo_create_context(cr_.get()));
  // Points, not 96-dpi pixels; no hinting, so that line breaks do not depend on the device.
  pango_cairo_context_set_resolution(pango_.get(), 72);
  std::unique_ptr<cairo_font_options_t, void (*)(cairo_font_options_t*)> options(
      cairo_font_options_create(), cairo_font_options_destroy);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_.get(), options.get());
  cairo_set_source_rgb(cr_.get(), 0, 0, 0);
  y = top();
  begin_page();
}

PdfCanvas::~PdfCanvas() {
  if (!finished_) {
    try {
      finish();
    } catch (...) {
    }
  }
}

TextBlock PdfCanvas::text(const std::string& s, double size, double width, Align align) const {
  return TextBlock(pango_.get(), s, style_.font_family, size, width, align, style_.line_spacing);
}

void PdfCanvas::paragraph(const std::string& s, double size, Align align, double indent,
                          double space_after) {
  TextBlock block = text(s, size, content_width() - indent, align);
  int first = 0;
  while (first < block.line_count()) {
    int last = first;
    while (last < block.line_count() &&
           y + block.line_bottom(last) - block.line_top(first) <= bottom())
      ++last;
    if (last == first) {
      new_page();
      continue;
    }
    block.draw_lines(cr(), left() + indent, y, first, last);
    y += block.line_bottom(last - 1) - block.line_top(first);
    first = last;
    if (first < block.line_count()) new_page();
  }
  y += space_after;
}

void PdfCanvas::draw_footer() {
  std::string label;
  switch (style_.footer) {
    case FooterStyle::kNone:
      return;
    case FooterStyle::kDashed:
      label = "- " + std::to_string(page_) + " -";
      break;
    case FooterStyle::kPlain:
      label = std::to_string(page_);
      break;
    case FooterStyle::kFullWidthDashed:
      label = "－" + digits(page_, true) + "－";
      break;
  }
  TextBlock block = text(label, 9, content_width(), Align::kCenter);
  block.draw(cr(), left(), height_ - style_.margin_bottom / 2 - block.height() / 2);
}

void PdfCanvas::begin_page() {
  if (scanner_ == nullptr || !scanner_->wants(page_)) return;
  // The group keeps the drawing as vectors (cairo's PDF surface groups into a recording
  // surface), so the scanner renders it at its own resolution. Layouts set the source colour
  // and line width before they draw, so the graphics state the group restores is not missed.
  cairo_push_group(cr());
  page_in_group_ = true;
}

void PdfCanvas::end_page() {
  draw_footer();
  if (page_in_group_) {
    page_in_group_ = false;
    std::unique_ptr<cairo_pattern_t, void (*)(cairo_pattern_t*)> drawing(cairo_pop_group(cr()),
                                                                         cairo_pattern_destroy);
    scanner_->scan(cr(), drawing.get(), width_, height_, page_);
  }
  cairo_show_page(cr());
}

void PdfCanvas::new_page() {
  end_page();
  ++page_;
  y = top();
  begin_page();
}

int PdfCanvas::finish() {
  if (finished_) return page_;
  end_page();
  cr_.reset();
  cairo_surface_finish(surface_.get());
  cairo_status_t st = cairo_surface_status(surface_.get());
  surface_.reset();
  finished_ = true;
  if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo PDF write failed");
  return page_;
}

}  // namespace fixturegen
