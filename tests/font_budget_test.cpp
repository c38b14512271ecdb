// The pdftext plugin's font program budget (plugins/pdftext/resource_budget.hpp): a program
// Poppler would read whole is inflated and refused past the budget; for text extraction, one
// Poppler does not read (a CID font's, a TrueType font's) is left alone, and which is which
// follows Poppler's own reading of the font, not the dictionary's word.
#include "resource_budget.hpp"

#include <GlobalParams.h>
#include <Object.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "pdf_writer.hpp"

namespace {

using kansa::pdftext::FontProgramBudget;
using kansa::pdftext::FontUse;

constexpr std::size_t kBudget = std::size_t{1} << 20;
// Over the budget, unfiltered: what counts is what Poppler would hold in memory.
const std::string kProgramSize = std::to_string(3 * kBudget / 2);

std::string program_stream(const std::string& head, const std::string& extra_keys = "") {
  std::string body = head;
  body.resize(3 * kBudget / 2, ' ');
  return "<< /Length " + kProgramSize + " " + extra_keys + ">>\nstream\n" + body + "\nendstream";
}

// A one-page PDF whose text uses the font of objects 5.. (object 5 the font dictionary).
std::string page_with_font(const std::vector<std::string>& font_objects) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R "
      ">> >> /Contents 4 0 R >>",
      "<< /Length 27 >>\nstream\nBT /F1 12 Tf 72 720 Td (A) Tj ET\nendstream",
  };
  objects.insert(objects.end(), font_objects.begin(), font_objects.end());
  return kansa::testing::pdf_of(objects);
}

const std::string kDescriptor =
    "/Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 "
    "/CapHeight 700 /StemV 80";

// A simple font: font dictionary (5), descriptor (6), program (7) under `file_key`.
std::string simple_font_pdf(const std::string& subtype, const std::string& file_key,
                            const std::string& program) {
  return page_with_font({
      "<< /Type /Font /Subtype /" + subtype +
          " /BaseFont /Probe /FirstChar 32 /LastChar 126 /Widths [" + std::string(95 * 4, ' ') +
          "] /FontDescriptor 6 0 R >>",
      "<< /Type /FontDescriptor /FontName /Probe " + kDescriptor + " /" + file_key + " 7 0 R >>",
      program,
  });
}

// A Type 0 font (5) with a CID descendant (6), its descriptor (7) and program (8).
std::string cid_font_pdf(const std::string& cid_subtype, const std::string& file_key,
                         const std::string& program) {
  return page_with_font({
      "<< /Type /Font /Subtype /Type0 /BaseFont /Probe /Encoding /Identity-H "
      "/DescendantFonts [6 0 R] >>",
      "<< /Type /Font /Subtype /" + cid_subtype +
          " /BaseFont /Probe /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
          "/Supplement 0 >> /FontDescriptor 7 0 R >>",
      "<< /Type /FontDescriptor /FontName /Probe " + kDescriptor + " /" + file_key + " 8 0 R >>",
      program,
  });
}

std::optional<std::string> check(const std::string& pdf, FontUse use) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  // The document reads `pdf` in place: it must outlive `doc`, as it does here.
  PDFDoc doc(new MemStream(pdf.data(), 0, static_cast<Goffset>(pdf.size()), Object(objNull)));
  EXPECT_TRUE(doc.isOk());
  if (!doc.isOk()) return "not a PDF";
  FontProgramBudget budget(kBudget, use);
  return budget.check(*doc.getPage(1));
}

TEST(FontProgramBudget, ASimpleType1ProgramIsInflatedAndRefusedForText) {
  const std::string pdf =
      simple_font_pdf("Type1", "FontFile", program_stream("%!PS-AdobeFont-1.0: Probe\n"));
  const std::optional<std::string> refused = check(pdf, FontUse::Text);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(*refused,
            "embedded font program (FontFile) inflates beyond 1 MiB (max_font_program_mb)");
  EXPECT_TRUE(check(pdf, FontUse::Drawing).has_value());
}

TEST(FontProgramBudget, ACidFontProgramIsLeftAloneForTextAndRefusedForDrawing) {
  const std::string pdf =
      cid_font_pdf("CIDFontType0", "FontFile3", program_stream("", "/Subtype /CIDFontType0C "));
  EXPECT_EQ(check(pdf, FontUse::Text), std::nullopt);
  const std::optional<std::string> refused = check(pdf, FontUse::Drawing);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("(FontFile3)"), std::string::npos) << *refused;
}

TEST(FontProgramBudget, ASimpleTrueTypeProgramIsLeftAloneForText) {
  const std::string pdf = simple_font_pdf("TrueType", "FontFile2", program_stream(""));
  EXPECT_EQ(check(pdf, FontUse::Text), std::nullopt);
  EXPECT_TRUE(check(pdf, FontUse::Drawing).has_value());
}

TEST(FontProgramBudget, AType0WhoseProgramIsType1IsReadAsPopplerReadsIt) {
  // Poppler types a font by its program's first bytes: this "Type 0" font is made a simple
  // Type 1 font, whose program Poppler reads whole for text.
  const std::string pdf =
      cid_font_pdf("CIDFontType0", "FontFile", program_stream("%!PS-AdobeFont-1.0: Probe\n"));
  const std::optional<std::string> refused = check(pdf, FontUse::Text);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("(FontFile)"), std::string::npos) << *refused;
}

}  // namespace
