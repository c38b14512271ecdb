// Filling a kansa_error for the pdftext plugin's entry points (extract, render_page).
#pragma once

#include <cstdarg>
#include <cstdio>

#include "kansa/plugin_abi.h"

namespace kansa::pdftext {

// Formats the message into `error` (truncated to its buffer) and returns `status`.
inline kansa_status fail(kansa_error& error, kansa_status status, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

inline kansa_status fail(kansa_error& error, kansa_status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vsnprintf(error.message, sizeof error.message, format, args);
  va_end(args);
  return status;
}

}  // namespace kansa::pdftext
