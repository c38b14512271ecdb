// The drawing toolkit shared by all layouts: an A4 PDF with a flowing cursor, page footers, and
// text blocks laid out by Pango that can be drawn a range of lines at a time (rows that break
// across pages draw their first lines on one page and the rest on the next).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <vector>

namespace fixturegen {

class PageScanner;

// Where a layout writes its report: the PDF file, and the scanner of --scan (none: every page
// keeps its text layer).
struct PdfTarget {
  std::string path;
  PageScanner* scanner = nullptr;
};

enum class Align { kLeft, kCenter, kRight };
enum class FooterStyle { kNone, kDashed, kPlain, kFullWidthDashed };

struct PageStyle {
  bool landscape = false;
  double margin_top = 56, margin_bottom = 52, margin_left = 45, margin_right = 45;  // points
  std::string font_family = "Noto Serif CJK JP";
  double font_size = 10;  // body text, points
  double line_spacing = 1.15;
  FooterStyle footer = FooterStyle::kDashed;
};

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

// One laid-out piece of text at a fixed width. Line geometry in points, relative to the top.
class TextBlock {
 public:
  TextBlock(PangoContext* context, const std::string& text, const std::string& family, double size,
            double width, Align align, double line_spacing);

  int line_count() const { return static_cast<int>(lines_.size()); }
  double line_top(int i) const { return lines_[i].top; }
  double line_bottom(int i) const { return lines_[i].bottom; }
  double height() const { return lines_.empty() ? 0 : lines_.back().bottom; }
  // Draws lines [first, last) so that line `first`'s top lies at y.
  void draw_lines(cairo_t* cr, double x, double y, int first, int last) const;
  void draw(cairo_t* cr, double x, double y) const { draw_lines(cr, x, y, 0, line_count()); }

 private:
  struct Line {
    double top, bottom, baseline, x;
  };
  std::unique_ptr<PangoLayout, GObjectUnref> layout_;
  std::vector<Line> lines_;
};

// An A4 PDF being written, with a text cursor (y) that flows down the pages.
class PdfCanvas {
 public:
  // Opens target.path for writing. Metadata dates are fixed so that output is reproducible.
  // The pages target.scanner wants are drawn aside and written as its scans.
  PdfCanvas(const PdfTarget& target, const PageStyle& style);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() const { return cr_.get(); }
  PangoContext* pango() const { return pango_.get(); }
  const PageStyle& style() const { return style_; }
  double page_width() const { return width_; }
  double page_height() const { return height_; }
  double left() const { return style_.margin_left; }
  double content_width() const { return width_ - style_.margin_left - style_.margin_right; }
  double top() const { return style_.margin_top; }
  double bottom() const { return height_ - style_.margin_bottom; }
  int page() const { return page_; }  // 1-based number of the current page

  double y = 0;  // the cursor

  TextBlock text(const std::string& s, double size, double width, Align align = Align::kLeft) const;
  // Draws a paragraph at the cursor (indent from the left margin), breaking pages between lines.
  void paragraph(const std::string& s, double size, Align align = Align::kLeft, double indent = 0,
                 double space_after = 4);
  void skip(double dy) { y += dy; }
  // Ends the current page (footer drawn) and starts the next one with the cursor at the top.
  void new_page();
  // Ends the last page and closes the file; returns the page count.
  int finish();

 private:
  void draw_footer();
  // A page to be scanned is drawn into a group (a recording of the page) instead of the PDF;
  // at its end the scanner paints its image of the recording in its place.
  void begin_page();
  void end_page();

  PageStyle style_;
  double width_, height_;
  std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> surface_;
  std::unique_ptr<cairo_t, CairoDestroy> cr_;
  std::unique_ptr<PangoContext, GObjectUnref> pango_;
  PageScanner* scanner_ = nullptr;
  bool page_in_group_ = false;
  int page_ = 1;
  bool finished_ = false;
};

}  // namespace fixturegen
