// The JSON text of list- and map-valued fields as the database stores them, and the
// rounding of confidences used by every export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::store {

// [17,35]. Exact: decode(encode(x)) == x.
std::string encode_pages(const std::vector<int>& pages);
// Throws std::runtime_error when `text` is not a JSON array of integers.
std::vector<int> decode_pages(std::string_view text);

// {"department":0.99,...}; doubles are written in their shortest round-trip form, NaN as
// null, so that decode(encode(x)) == x (NaN stays NaN).
std::string encode_confidences(const FieldConfidence& confidences);
// Throws std::runtime_error when `text` is not a JSON object of numbers (or nulls).
FieldConfidence decode_confidences(std::string_view text);

// [{"page":1,"box":[x0,y0,x1,y1],"field":"ref"},...]; coordinates in their shortest
// round-trip form, so that decode(encode(x)) == x.
std::string encode_source_boxes(const std::vector<SourceBox>& boxes);
// Throws std::runtime_error when `text` is not such an array.
std::vector<SourceBox> decode_source_boxes(std::string_view text);

// A confidence as exports show it: rounded to 3 decimals (0.95 stays 0.95, 0.9567 -> 0.957).
double round_confidence(double value);

}  // namespace kansa::store
