#include "store/csv_format.hpp"

#include <charconv>
#include <cmath>

#include "store/json_values.hpp"

namespace kansa::store::csv {

std::string field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << field(fields[i]);
  }
  out << "\r\n";
}

std::string text(const std::optional<std::string>& value) { return value.value_or(""); }

std::string number(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::string confidence(double value) {
  const double rounded = round_confidence(value);
  if (!std::isfinite(rounded)) return {};
  char buffer[32];
  // Shortest form that reads back as the same double: 0.95, not 0.94999999999999996.
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded);
  return std::string(buffer, result.ptr);
}

std::string pages(const std::vector<int>& pages) {
  std::string joined;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) joined += ';';
    joined += std::to_string(pages[i]);
  }
  return joined;
}

}  // namespace kansa::store::csv
