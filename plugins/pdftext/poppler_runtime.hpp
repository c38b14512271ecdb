// Process-wide Poppler setup and the capture of Poppler's error messages.
#pragma once

#include <string>

namespace kansa::pdftext {

// Creates Poppler's globalParams (unless someone already did) and installs an error
// callback that routes messages to the calling thread's ErrorCapture instead of stderr.
// Safe to call from any thread, any number of times.
void ensure_poppler_initialised();

// While alive, collects the Poppler error messages raised on this thread. Captures nest:
// the innermost one collects. Messages raised with no capture alive are dropped.
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The first message seen (the cause; later ones are usually consequences), or "".
  const std::string& first_message() const { return first_; }

  void record(const char* message);

 private:
  ErrorCapture* outer_;
  std::string first_;
};

}  // namespace kansa::pdftext
