// Parsing of option values for plugins (header-only, no dependencies): the host has already
// checked each value against its declared type, so these only convert and range-check.
#pragma once

#include <charconv>
#include <cmath>
#include <string_view>
#include <type_traits>

namespace kansa::sdk {

// Whole `text` as a number of type T (finite, for floating point). False on anything else.
template <typename T>
bool parse_number(std::string_view text, T& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if constexpr (std::is_floating_point_v<T>) {
    if (ec == std::errc() && !std::isfinite(value)) return false;
  }
  return ec == std::errc() && ptr == end && !text.empty();
}

// "true"/"false" (the host's spelling of booleans), also 1/0, yes/no, on/off.
inline bool parse_flag(std::string_view text, bool& value) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return value = true, true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return value = false, true;
  return false;
}

}  // namespace kansa::sdk
