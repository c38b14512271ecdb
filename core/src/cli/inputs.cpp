#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace kansa::cli {

namespace {

bool is_pdf_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".pdf";
}

// Splits one CSV record (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::vector<Input> expand_paths(const std::vector<std::string>& args,
                                const std::optional<std::string>& municipality_code) {
  std::vector<Input> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(a, ec))
        if (e.is_regular_file() && is_pdf_name(e.path())) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      for (auto& f : found) out.push_back({std::move(f), municipality_code});
    } else {
      out.push_back({a, municipality_code});
    }
  }
  return out;
}

std::vector<Input> read_manifest(const std::string& manifest) {
  std::ifstream in(manifest);
  if (!in) throw std::runtime_error("manifest " + manifest + ": cannot be read");
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("manifest " + manifest + ": empty");
  std::vector<std::string> header = split_csv(line);
  auto column = [&](const std::string& name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : int(it - header.begin());
  };
  const int path_col = column("path"), code_col = column("municipality_code");
  if (path_col < 0) throw std::runtime_error("manifest " + manifest + ": no 'path' column");
  const fs::path base = fs::path(manifest).parent_path();
  std::vector<Input> out;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::vector<std::string> f = split_csv(line);
    if (int(f.size()) <= path_col || f[path_col].empty())
      throw std::runtime_error("manifest " + manifest + ":" + std::to_string(n) + ": no path");
    fs::path p(f[path_col]);
    Input input{(p.is_absolute() ? p : base / p).string(), std::nullopt};
    if (code_col >= 0 && int(f.size()) > code_col && !f[code_col].empty())
      input.municipality_code = f[code_col];
    out.push_back(std::move(input));
  }
  return out;
}

}  // namespace kansa::cli
