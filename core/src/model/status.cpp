#include "kansa/status.hpp"

namespace kansa {

const char* status_name(kansa_status code) {
  switch (code) {
    case KANSA_OK:
      return "ok";
    case KANSA_ERR_INVALID_ARGUMENT:
      return "invalid argument";
    case KANSA_ERR_IO:
      return "i/o error";
    case KANSA_ERR_PARSE:
      return "parse error";
    case KANSA_ERR_UNSUPPORTED:
      return "unsupported";
    case KANSA_ERR_RESOURCE:
      return "resource limit";
    case KANSA_ERR_INTERNAL:
      return "internal error";
    case KANSA_ERR_ABORTED:
      return "aborted";
  }
  return "unknown status";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  return std::string(status_name(code_)) + ": " + message_;
}

}  // namespace kansa
