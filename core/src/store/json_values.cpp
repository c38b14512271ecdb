#include "store/json_values.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kansa::store {

namespace {

nlohmann::json parse(std::string_view text, const char* expected) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    throw std::runtime_error(std::string("stored value is not JSON (expected ") + expected +
                             "): " + std::string(text.substr(0, 80)));
  return value;
}

[[noreturn]] void malformed(std::string_view text, const char* expected) {
  throw std::runtime_error(std::string("stored JSON is not ") + expected + ": " +
                           std::string(text.substr(0, 80)));
}

}  // namespace

std::string encode_pages(const std::vector<int>& pages) { return nlohmann::json(pages).dump(); }

std::vector<int> decode_pages(std::string_view text) {
  const auto value = parse(text, "an array of integers");
  if (!value.is_array()) malformed(text, "an array of integers");
  std::vector<int> pages;
  pages.reserve(value.size());
  for (const auto& item : value) {
    if (!item.is_number_integer()) malformed(text, "an array of integers");
    pages.push_back(item.get<int>());
  }
  return pages;
}

std::string encode_confidences(const FieldConfidence& confidences) {
  // nlohmann writes a non-finite double as null.
  return nlohmann::json(confidences).dump();
}

FieldConfidence decode_confidences(std::string_view text) {
  const auto value = parse(text, "an object of numbers");
  if (!value.is_object()) malformed(text, "an object of numbers");
  FieldConfidence confidences;
  for (const auto& [key, item] : value.items()) {
    if (item.is_null())
      confidences[key] = std::numeric_limits<double>::quiet_NaN();
    else if (item.is_number())
      confidences[key] = item.get<double>();
    else
      malformed(text, "an object of numbers");
  }
  return confidences;
}

double round_confidence(double value) {
  if (!std::isfinite(value)) return value;
  return std::round(value * 1000.0) / 1000.0;
}

}  // namespace kansa::store
