// Turning evidence into probabilities. Every field's confidence starts from how its value
// was found and how well it fits what the field expects (see the callers), and is lowered
// here for text read by OCR and for a table grid found with doubt.
#pragma once

#include "kansa/model.hpp"

namespace kansa::interpret {

enum class FieldKind {
  Short,  // ref, status, department, date: a few characters, easy to get right
  Text,   // title, summary, measure text: must match almost character for character
  Count,  // how many measures: from the layout of the text, hardly from its characters
};

// Confidence of a value read from text with OCR confidence `ocr_conf` (1.0 for a text
// layer): OCR of long text rarely gets every character right.
double for_source(double base, FieldKind kind, bool ocr, double ocr_conf);

// Lowers every field of `fields` for a table whose grid was found with confidence
// `table_confidence` (a ruled grid 0.95, a shaded one 0.85, whitespace columns 0.8 or less):
// a cell of a doubtful grid may hold a neighbour's text. A ruled grid changes nothing.
void for_grid(FieldConfidence& fields, double table_confidence);

// The probability that every field is right, treating fields as independent: the product,
// kept inside [0.01, 0.99].
double combine(const FieldConfidence& fields);

double clamp_confidence(double c);

}  // namespace kansa::interpret
