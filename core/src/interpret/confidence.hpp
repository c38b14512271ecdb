// Turning evidence into probabilities. Every field's confidence starts from how its value
// was found (see the callers) and is lowered here for text read by OCR.
#pragma once

#include "kansa/model.hpp"

namespace kansa::interpret {

enum class FieldKind {
  Short,  // ref, status, department, date: a few characters, easy to get right
  Text,   // title, summary, measure text: must match almost character for character
};

// Confidence of a value read from text with OCR confidence `ocr_conf` (1.0 for a text
// layer): OCR of long text rarely gets every character right.
double for_source(double base, FieldKind kind, bool ocr, double ocr_conf);

// The probability that every field is right, treating fields as independent: the product,
// kept inside [0.01, 0.99].
double combine(const FieldConfidence& fields);

double clamp_confidence(double c);

}  // namespace kansa::interpret
