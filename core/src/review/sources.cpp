#include "review/sources.hpp"

#include <filesystem>
#include <vector>

#include "kansa/pipeline.hpp"

namespace kansa::review {

namespace fs = std::filesystem;

SourceFile locate_source(const std::string& recorded_path, const std::string& sha256,
                         const std::string& database_path) {
  SourceFile out;
  if (recorded_path.empty()) {
    out.reason = "no path recorded";
    return out;
  }
  std::vector<fs::path> candidates{fs::path(recorded_path)};
  if (fs::path(recorded_path).is_relative())
    candidates.push_back(fs::absolute(database_path).parent_path() / recorded_path);
  std::string changed;
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) continue;
    std::string hex;
    if (!pipeline::sha256_file(candidate.string(), hex).is_ok()) continue;
    if (hex != sha256) {
      if (changed.empty()) changed = candidate.string();
      continue;
    }
    out.available = true;
    out.path = fs::absolute(candidate, ec).lexically_normal().string();
    return out;
  }
  out.reason = changed.empty() ? "not found: " + recorded_path
                               : "changed since ingest (SHA-256 differs): " + changed;
  return out;
}

}  // namespace kansa::review
