#include "worker/budget.hpp"

#include <filesystem>

namespace kansa::worker {

std::string precheck_file(const std::string& path, std::uint64_t max_file_mb) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return "cannot read: " + ec.message();
  if (size > (max_file_mb << 20))
    return "budget: file is " + std::to_string((size + (1 << 20) - 1) >> 20) +
           " MB, over the budget of " + std::to_string(max_file_mb) + " MB (--max-file-mb)";
  return "";
}

}  // namespace kansa::worker
