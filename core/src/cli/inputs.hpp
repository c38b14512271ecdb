// Input lists for ingest: PDF paths from arguments (files or folders) and manifests.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kansa::cli {

struct Input {
  std::string path;
  std::optional<std::string> municipality_code;
};

// Expands folders into the PDF files below them (sorted); files are taken as given.
std::vector<Input> expand_paths(const std::vector<std::string>& args,
                                const std::optional<std::string>& municipality_code);

// Reads a CSV manifest with a header row naming at least `path` (and optionally
// `municipality_code`); relative paths resolve against the manifest's folder. Throws
// std::runtime_error naming the file and line on a malformed manifest.
std::vector<Input> read_manifest(const std::string& manifest);

}  // namespace kansa::cli
