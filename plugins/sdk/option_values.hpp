// Parsing of option values for plugins (header-only; only the ABI header): the host has
// already checked each value against its declared type, so these only convert and
// range-check.
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "kansa/plugin_abi.h"

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

// Reads each of `given` with `read(key, value, expectation)`, which stores the option and
// returns whether `value` is acceptable, setting `expectation` to what is ("an integer >= 1"),
// or returns nullopt for a key it does not know. On the first refusal returns false with
// `problem` naming `plugin`, the key and the reason.
template <typename Read>
bool read_options(std::span<const kansa_option> given, std::string_view plugin,
                  std::string& problem, Read read) {
  for (const kansa_option& option : given) {
    const std::string_view key = option.key != nullptr ? option.key : "";
    const std::string_view value = option.value != nullptr ? option.value : "";
    std::string_view expectation;
    const std::optional<bool> ok = read(key, value, expectation);
    if (!ok) {
      problem = std::string(plugin) + ": unknown option '" + std::string(key) + "'";
      return false;
    }
    if (!*ok) {
      problem = std::string(plugin) + ": option " + std::string(key) + " must be " +
                std::string(expectation) + ", got '" + std::string(value) + "'";
      return false;
    }
  }
  return true;
}

}  // namespace kansa::sdk
