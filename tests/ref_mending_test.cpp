// Bracketed refs as OCR leaves them, mended from the document's clean ones
// (core/src/interpret/ref_mending.cpp).
#include <gtest/gtest.h>

#include "interpret/ref_mending.hpp"

namespace kansa::interpret {
namespace {

std::vector<Finding> refs(std::initializer_list<const char*> given, const char* method) {
  std::vector<Finding> out;
  for (const char* r : given) {
    Finding f;
    f.ref = r;
    f.source.method = method;
    f.field_confidence["ref"] = 0.95;
    out.push_back(f);
  }
  return out;
}

std::vector<std::string> texts(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const Finding& f : fs) out.push_back(*f.ref);
  return out;
}

TEST(RefMending, ScannedRefsTakeTheCleanFormOfTheirNeighbours) {
  auto fs = refs({"1)", "(2)", "③)", "(④", "(5)", "2(1)", "2④", "2(3"}, "ocr");
  mend_bracketed_refs(fs);
  EXPECT_EQ(texts(fs),
            (std::vector<std::string>{"(1)", "(2)", "(3)", "(4)", "(5)", "2(1)", "2(4)", "2(3)"}));
  EXPECT_DOUBLE_EQ(fs[0].field_confidence["ref"], 0.95 * 0.8);
  EXPECT_DOUBLE_EQ(fs[1].field_confidence["ref"], 0.95);
}

TEST(RefMending, LeavesPrintedFormsAndTextPagesAlone) {
  // No clean bracketed ref: 1) and ① are how this document numbers.
  auto plain = refs({"1)", "2)", "①", "3"}, "ocr");
  mend_bracketed_refs(plain);
  EXPECT_EQ(texts(plain), (std::vector<std::string>{"1)", "2)", "①", "3"}));
  // A text layer is read as printed.
  auto text = refs({"(1)", "2)"}, "text");
  mend_bracketed_refs(text);
  EXPECT_EQ(texts(text), (std::vector<std::string>{"(1)", "2)"}));
  // Another prefix than the clean refs': 総論1 is no mangled (1).
  auto other = refs({"(1)", "総論1", "ア"}, "ocr");
  mend_bracketed_refs(other);
  EXPECT_EQ(texts(other), (std::vector<std::string>{"(1)", "総論1", "ア"}));
}

}  // namespace
}  // namespace kansa::interpret
