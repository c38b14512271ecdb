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

std::string encode_source_boxes(const std::vector<SourceBox>& boxes) {
  nlohmann::json out = nlohmann::json::array();
  for (const SourceBox& b : boxes)
    out.push_back(
        {{"page", b.page}, {"box", {b.box.x0, b.box.y0, b.box.x1, b.box.y1}}, {"field", b.field}});
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<SourceBox> decode_source_boxes(std::string_view text) {
  constexpr const char* kShape = "an array of {page, box, field}";
  const auto value = parse(text, kShape);
  if (!value.is_array()) malformed(text, kShape);
  std::vector<SourceBox> boxes;
  for (const auto& item : value) {
    if (!item.is_object()) malformed(text, kShape);
    auto page = item.find("page"), box = item.find("box"), field = item.find("field");
    if (page == item.end() || !page->is_number_integer() || box == item.end() || !box->is_array() ||
        box->size() != 4 || field == item.end() || !field->is_string())
      malformed(text, kShape);
    double c[4];
    for (size_t k = 0; k < 4; ++k) {
      const auto& v = (*box)[k];
      if (v.is_null())  // nlohmann writes a non-finite double as null
        c[k] = std::numeric_limits<double>::quiet_NaN();
      else if (v.is_number())
        c[k] = v.get<double>();
      else
        malformed(text, kShape);
    }
    boxes.push_back({page->get<int>(), {c[0], c[1], c[2], c[3]}, field->get<std::string>()});
  }
  return boxes;
}

double round_confidence(double value) {
  if (!std::isfinite(value)) return value;
  return std::round(value * 1000.0) / 1000.0;
}

}  // namespace kansa::store
