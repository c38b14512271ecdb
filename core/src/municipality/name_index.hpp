// Lookup tables of the municipality registry, built once by Registry::load().
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kansa/municipality.hpp"

namespace kansa::municipality {

// The form names are compared in: normalize_compact() plus ヶ/ヵ folded to ケ/カ (金ヶ崎町
// and 金ケ崎町 are spelled both ways).
std::string name_key(std::string_view name);

struct Registry::NameIndex {
  std::unordered_map<std::string, size_t> by_code;  // code -> entry
  // name_key -> entries with that name (several for 府中市). A ward is keyed by its full
  // name (大阪市北区).
  std::unordered_map<std::string, std::vector<size_t>> by_name;
  std::vector<bool> is_prefecture;  // per entry
  std::vector<size_t> city_of;      // per entry: the city of a ward, else the entry
  std::unordered_set<std::string> ward_short_names;  // 北区, 中央区: also Tokyo's wards
  size_t max_name_chars = 0;                         // longest name key, in code points
  // The first two code points of every name key (UTF-8): where a text's two characters are
  // none of these, no name starts there, and the scan skips the lookups of every length.
  std::unordered_set<std::string> name_starts;

  static NameIndex build(const std::vector<Entry>& entries);
};

}  // namespace kansa::municipality
