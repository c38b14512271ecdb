// Status values for expected failures inside the core (LevelDB style). The codes are the
// plugin ABI's, so a plugin's status crosses into the host unchanged.
#pragma once

#include <string>
#include <utility>

#include "kansa/plugin_abi.h"

namespace kansa {

class Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(kansa_status code, std::string message) {
    return Status(code, std::move(message));
  }

  bool is_ok() const { return code_ == KANSA_OK; }
  kansa_status code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse error: FILE is not a PDF" style text for logs.
  std::string to_string() const;

 private:
  Status(kansa_status code, std::string message) : code_(code), message_(std::move(message)) {}
  kansa_status code_ = KANSA_OK;
  std::string message_;
};

// Short name of a status code: "ok", "parse error", "resource limit", ...
const char* status_name(kansa_status code);

}  // namespace kansa
