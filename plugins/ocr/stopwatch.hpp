// Steady-clock seconds for the plugin's own statistics (KANSA_OCR_STATS): where a page's time
// went, Tesseract's against the plugin's.
#pragma once

#include <chrono>

namespace kansa::ocr {

using Clock = std::chrono::steady_clock;

// Seconds from `t` to now.
inline double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace kansa::ocr
