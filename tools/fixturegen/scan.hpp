// Scanned output (--scan MODE): chosen pages of a generated report are written as a scanner
// delivers them, an image-only page of the same size (no text layer, no fonts), while the
// other pages keep their text layer. The canvas hands each chosen page's drawing to a
// PageScanner instead of writing it to the PDF (canvas.cpp).
#pragma once

#include <cairo.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fixturegen {

struct ScanMode {
  std::string name;  // bilevel200, gray200, bilevel300, gray300
  int dpi = 200;
  bool bilevel = true;  // 1-bit (lossless Flate) or 8-bit grey (JPEG)
};

// The mode of that name, or nothing.
std::optional<ScanMode> scan_mode(const std::string& name);
// "bilevel200, gray200, bilevel300, gray300"
std::string scan_mode_names();
// How a page of that mode is stored in the PDF, e.g. "8-bit DeviceGray, JPEG quality 75".
std::string scan_encoding(const ScanMode& mode);
// Page numbers from "2", "1,3-4"; throws std::invalid_argument on anything else.
std::set<int> parse_page_list(const std::string& list);

struct ScannedPage {
  int page = 0;
  double angle_deg = 0;  // clockwise as seen on the page
};

class PageScanner {
 public:
  // `pages` empty: every page is scanned. Each page's angle and noise come from (seed, page),
  // so a page looks the same whichever other pages are scanned.
  PageScanner(ScanMode mode, std::set<int> pages, uint32_t seed);

  const ScanMode& mode() const { return mode_; }
  bool wants(int page) const { return pages_.empty() || pages_.count(page) > 0; }
  // Scans `drawing` (the page's vector drawing, in points) and paints the image over the
  // whole current page of `pdf`.
  void scan(cairo_t* pdf, cairo_pattern_t* drawing, double page_w, double page_h, int page);
  // The pages scanned so far, in order.
  const std::vector<ScannedPage>& scanned() const { return scanned_; }

 private:
  ScanMode mode_;
  std::set<int> pages_;
  uint32_t seed_;
  std::vector<ScannedPage> scanned_;
};

}  // namespace fixturegen
