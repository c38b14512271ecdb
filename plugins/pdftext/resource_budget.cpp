#include "resource_budget.hpp"

#include <GfxFont.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <XRef.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace kansa::pdftext {

namespace {

// Form XObjects may nest; real documents nest a few levels, hostile ones forever.
constexpr int kMaxDepth = 8;

std::string format_points(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

// The descriptor entry (FontFile, FontFile2, FontFile3) that names `program`, in the font's
// descriptor or its first descendant's, where getFontType looks: for the refusal's wording.
const char* program_key(const Object& font, Ref program) {
  Object holder = font.dictLookup("DescendantFonts");
  holder = holder.isArray() && holder.arrayGetLength() > 0 ? holder.arrayGet(0) : Object(objNull);
  const Object descriptor = (holder.isDict() ? holder : font).dictLookup("FontDescriptor");
  for (const char* key : {"FontFile", "FontFile2", "FontFile3"}) {
    if (descriptor.isDict() && descriptor.dictLookupNF(key).isRef() &&
        descriptor.dictLookupNF(key).getRef() == program)
      return key;
  }
  return "FontFile";
}

}  // namespace

std::optional<std::string> oversized_page(const Page& page, double max_side) {
  const double w = page.getCropWidth(), h = page.getCropHeight();
  if (std::isfinite(w) && std::isfinite(h) && std::fabs(w) <= max_side &&
      std::fabs(h) <= max_side) {
    return std::nullopt;
  }
  return "crop box " + format_points(w) + " x " + format_points(h) +
         " points exceeds max_page_side = " + format_points(max_side);
}

std::optional<std::string> FontProgramBudget::check(Page& page) {
  return check_resources(page.getDoc()->getXRef(), *page.getResourceDictObject(), 0);
}

std::optional<std::string> FontProgramBudget::check_resources(XRef* xref, const Object& resources,
                                                              int depth) {
  if (!resources.isDict() || depth > kMaxDepth) return std::nullopt;
  const Object fonts = resources.dictLookup("Font");
  if (fonts.isDict()) {
    for (int i = 0; i < fonts.dictGetLength(); ++i) {
      const Object& ref = fonts.dictGetValNF(i);
      if (ref.isRef() && !seen_.insert(ref.getRef()).second) continue;
      const Object font = fonts.dictGetVal(i);
      auto problem = use_ == FontUse::Text ? check_text_font(xref, font) : check_font(font, depth);
      if (problem) return problem;
    }
  }
  const Object xobjects = resources.dictLookup("XObject");
  if (xobjects.isDict()) {
    for (int i = 0; i < xobjects.dictGetLength(); ++i) {
      const Object& ref = xobjects.dictGetValNF(i);
      // Only forms have resources; images are skipped without being fetched twice.
      if (!ref.isRef() || !seen_.insert(ref.getRef()).second) continue;
      const Object xobject = xobjects.dictGetVal(i);
      if (!xobject.isStream() || !xobject.streamGetDict()->lookup("Subtype").isName("Form")) {
        continue;
      }
      const Object inner = xobject.streamGetDict()->lookup("Resources");
      if (auto problem = check_resources(xref, inner, depth + 1)) return problem;
    }
  }
  return std::nullopt;
}

std::optional<std::string> FontProgramBudget::check_font(const Object& font, int depth) {
  if (!font.isDict()) return std::nullopt;
  const Object& descriptor_ref = font.dictLookupNF("FontDescriptor");
  if (!descriptor_ref.isRef() || seen_.insert(descriptor_ref.getRef()).second) {
    if (auto problem = check_program(font.dictLookup("FontDescriptor"))) return problem;
  }
  const Object descendants = font.dictLookup("DescendantFonts");
  if (descendants.isArray() && depth <= kMaxDepth) {
    for (int i = 0; i < descendants.arrayGetLength(); ++i) {
      const Object& ref = descendants.arrayGetNF(i);
      if (ref.isRef() && !seen_.insert(ref.getRef()).second) continue;
      if (auto problem = check_font(descendants.arrayGet(i), depth + 1)) return problem;
    }
  }
  return std::nullopt;
}

// The program Gfx8BitFont's constructor reads (GfxFont.cc: "check embedded font file for
// base encoding"): that of a simple font whose type, as GfxFont::makeFont decides it, is
// Type 1 or Type 1C. getFontType is Poppler's own (protected) decision, reached through a
// subclass that is never made.
std::optional<std::string> FontProgramBudget::check_text_font(XRef* xref, const Object& font) {
  struct TypeOf : GfxFont {
    static GfxFontType of(XRef* xref, Dict* dict, Ref* program) {
      return getFontType(xref, dict, program);
    }
  };
  if (!font.isDict()) return std::nullopt;
  Ref program = Ref::INVALID();
  const GfxFontType type = TypeOf::of(xref, font.getDict(), &program);
  if ((type != fontType1 && type != fontType1C) || program == Ref::INVALID()) return std::nullopt;
  if (!seen_.insert(program).second) return std::nullopt;
  return check_stream(Object(program).fetch(xref), program_key(font, program));
}

std::optional<std::string> FontProgramBudget::check_program(const Object& descriptor) {
  if (!descriptor.isDict()) return std::nullopt;
  for (const char* key : {"FontFile", "FontFile2", "FontFile3"}) {
    const Object& ref = descriptor.dictLookupNF(key);
    if (ref.isRef() && !seen_.insert(ref.getRef()).second) continue;
    if (auto problem = check_stream(descriptor.dictLookup(key), key)) return problem;
  }
  return std::nullopt;
}

std::optional<std::string> FontProgramBudget::check_stream(Object program, const char* key) {
  if (!program.isStream()) return std::nullopt;
  Stream* stream = program.getStream();
  stream->reset();
  std::array<unsigned char, 65536> buffer;
  std::size_t total = 0;
  int n;
  while ((n = stream->doGetChars(int(buffer.size()), buffer.data())) > 0) {
    total += std::size_t(n);
    if (total > max_bytes_) {
      stream->close();
      return std::string("embedded font program (") + key + ") inflates beyond " +
             std::to_string(max_bytes_ >> 20) + " MiB (max_font_program_mb)";
    }
  }
  stream->close();
  return std::nullopt;
}

}  // namespace kansa::pdftext
