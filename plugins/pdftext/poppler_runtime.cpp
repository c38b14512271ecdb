#include "poppler_runtime.hpp"

#include <Error.h>
#include <GlobalParams.h>

#include <memory>
#include <mutex>

namespace kansa::pdftext {

namespace {

thread_local ErrorCapture* current_capture = nullptr;

void route_poppler_error(ErrorCategory /*category*/, Goffset /*pos*/, const char* msg) {
  if (current_capture != nullptr && msg != nullptr) current_capture->record(msg);
}

}  // namespace

void ensure_poppler_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    setErrorCallback(&route_poppler_error);
  });
}

ErrorCapture::ErrorCapture() : outer_(current_capture) { current_capture = this; }

ErrorCapture::~ErrorCapture() { current_capture = outer_; }

void ErrorCapture::record(const char* message) {
  if (first_.empty()) first_ = message;
}

}  // namespace kansa::pdftext
