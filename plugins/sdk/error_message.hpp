// Writing a plugin's error message into the host's kansa_error (header-only): cut to the
// buffer, always terminated; nothing when the host passed no error.
#pragma once

#include <algorithm>
#include <string>

#include "kansa/plugin_abi.h"

namespace kansa::sdk {

inline void write_message(kansa_error* error, const std::string& text) {
  if (error == nullptr) return;
  const std::size_t n = std::min(text.size(), sizeof error->message - 1);
  text.copy(error->message, n);
  error->message[n] = '\0';
}

}  // namespace kansa::sdk
