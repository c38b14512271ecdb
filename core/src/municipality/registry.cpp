#include <fstream>
#include <stdexcept>

#include "kansa/municipality.hpp"
#include "municipality/name_index.hpp"

namespace kansa::municipality {
namespace {

bool is_code(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t', start)) {
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

}  // namespace

Registry Registry::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open municipality registry " + path);
  Registry registry;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("code\t", 0) == 0) continue;
    auto fields = split_tabs(line);
    if (fields.size() < 3 || !is_code(fields[0]) || fields[1].empty() || fields[2].empty()) {
      throw std::runtime_error(path + ":" + std::to_string(line_number) +
                               ": expected code<TAB>prefecture<TAB>name");
    }
    registry.entries_.push_back(
        {std::string(fields[0]), std::string(fields[1]), std::string(fields[2])});
  }
  if (in.bad()) throw std::runtime_error("cannot read municipality registry " + path);
  if (registry.entries_.empty()) throw std::runtime_error("empty municipality registry " + path);
  registry.index_ = std::make_shared<const NameIndex>(NameIndex::build(registry.entries_));
  return registry;
}

std::optional<Entry> Registry::by_code(std::string_view code) const {
  if (!index_) return std::nullopt;
  auto it = index_->by_code.find(std::string(code));
  if (it == index_->by_code.end()) return std::nullopt;
  return entries_[it->second];
}

}  // namespace kansa::municipality
