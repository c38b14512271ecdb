// Budgets checked before a page is drawn, so that a hostile document is refused with a
// reason instead of exhausting the process: Poppler itself has no limit on page size or on
// how far a stream may inflate.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include <Object.h>

class Page;

namespace kansa::pdftext {

// The page's crop box when a side exceeds `max_side` points (or is not finite), as a
// sentence "crop box W x H points exceeds max_page_side = M"; nullopt when it fits.
std::optional<std::string> oversized_page(const Page& page, double max_side);

// Font programs (FontFile, FontFile2, FontFile3) that a page's fonts embed, directly or in
// Type0 descendants or form XObjects. Poppler reads a whole font program into memory when it
// loads the font, so a small Flate bomb there costs gigabytes: each program is inflated once
// here, into a fixed buffer, and refused past `max_bytes`. Programs already checked (by
// object number) are not read again for later pages.
class FontProgramBudget {
 public:
  explicit FontProgramBudget(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // A sentence naming the first program over budget on `page`; nullopt when all fit.
  std::optional<std::string> check(Page& page);

 private:
  std::optional<std::string> check_resources(const Object& resources, int depth);
  std::optional<std::string> check_font(const Object& font, int depth);
  std::optional<std::string> check_program(const Object& descriptor);

  std::size_t max_bytes_;
  std::set<Ref> seen_;  // fonts, descriptors, programs and forms already visited
};

}  // namespace kansa::pdftext
