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
class XRef;

namespace kansa::pdftext {

// The page's crop box when a side exceeds `max_side` points (or is not finite), as a
// sentence "crop box W x H points exceeds max_page_side = M"; nullopt when it fits.
std::optional<std::string> oversized_page(const Page& page, double max_side);

// What a page's fonts are loaded for: it decides which font programs Poppler reads whole.
enum class FontUse {
  // Text extraction: Poppler reads a program only to take the built-in encoding of a simple
  // Type 1 or Type 1C (CFF) font (Gfx8BitFont); CID fonts and TrueType fonts are parsed from
  // their dictionaries alone. Which type a font is, Poppler decides from the dictionary and
  // the program's first bytes (a "Type0" whose program is Type 1 is read as a simple font):
  // the budget asks Poppler's own GfxFont::getFontType, so it checks what Poppler will read.
  Text,
  // Drawing glyphs (Splash): every embedded program is loaded.
  Drawing,
};

// Font programs (FontFile, FontFile2, FontFile3) that a page's fonts embed, directly or in
// Type0 descendants or form XObjects, and that Poppler reads whole for `use`. Poppler reads
// a program into memory without limit, so a small Flate bomb there costs gigabytes: each
// such program is inflated once here, into a fixed buffer, and refused past `max_bytes`.
// Programs already checked (by object number) are not read again for later pages. The
// others are not inflated: a document's CJK font programs, megabytes once inflated, cost
// text extraction more than the rest of its reading did.
class FontProgramBudget {
 public:
  FontProgramBudget(std::size_t max_bytes, FontUse use) : max_bytes_(max_bytes), use_(use) {}

  // A sentence naming the first program over budget on `page`; nullopt when all fit.
  std::optional<std::string> check(Page& page);

 private:
  std::optional<std::string> check_resources(XRef* xref, const Object& resources, int depth);
  std::optional<std::string> check_font(const Object& font, int depth);
  std::optional<std::string> check_text_font(XRef* xref, const Object& font);
  std::optional<std::string> check_program(const Object& descriptor);
  std::optional<std::string> check_stream(Object program, const char* key);

  std::size_t max_bytes_;
  FontUse use_;
  std::set<Ref> seen_;  // fonts, descriptors, programs and forms already visited
};

}  // namespace kansa::pdftext
