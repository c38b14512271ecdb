#include "worker/budget.hpp"

#include <filesystem>

namespace kansa::worker {

std::string precheck_file(const std::string& path, std::uint64_t max_file_mb) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return "cannot read: " + ec.message();
  return over_file_budget(size, max_file_mb);
}

std::string over_file_budget(std::uintmax_t bytes, std::uint64_t max_file_mb) {
  if (bytes <= (max_file_mb << 20)) return "";
  return "budget: file is " + std::to_string((bytes + (1 << 20) - 1) >> 20) +
         " MB, over the budget of " + std::to_string(max_file_mb) + " MB (--max-file-mb)";
}

}  // namespace kansa::worker
