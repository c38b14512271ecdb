#include "municipality/name_index.hpp"

#include <algorithm>

#include "kansa/text.hpp"
#include "text/utf8.hpp"

namespace kansa::municipality {
namespace {

constexpr std::string_view kWardSuffix = "区";
constexpr std::string_view kCitySuffix = "市";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of UTF-8 `s` (all of it when shorter).
std::string first_code_points(std::string_view s, size_t n) {
  size_t end = 0, seen = 0;
  for (; end < s.size(); ++end) {
    if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return std::string(s.substr(0, end));
}

}  // namespace

std::string name_key(std::string_view name) {
  std::string out;
  for (const auto& cp : text::decode_utf8(text::normalize_compact(name))) {
    char32_t c = cp.c;
    if (c == U'ヶ') c = U'ケ';
    if (c == U'ヵ') c = U'カ';
    text::append_utf8(out, c);
  }
  return out;
}

Registry::NameIndex Registry::NameIndex::build(const std::vector<Entry>& entries) {
  NameIndex index;
  index.is_prefecture.resize(entries.size());
  index.city_of.resize(entries.size());
  std::unordered_map<std::string, size_t> city_by_full_name;  // "大阪府/大阪市" -> entry
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    index.by_code.emplace(e.code, i);
    index.is_prefecture[i] = e.name == e.prefecture;
    index.city_of[i] = i;
    std::string key = name_key(e.name);
    index.max_name_chars = std::max(index.max_name_chars, count_code_points(key));
    index.name_starts.insert(first_code_points(key, 2));
    index.by_name[key].push_back(i);
    if (ends_with(e.name, kCitySuffix)) city_by_full_name.emplace(e.prefecture + "/" + e.name, i);
  }
  // A ward of a designated city is named "<city>市<ward>区" in the data: link it to its city.
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (!ends_with(e.name, kWardSuffix)) continue;
    for (size_t cut = e.name.find(kCitySuffix); cut != std::string::npos;
         cut = e.name.find(kCitySuffix, cut + 1)) {
      const size_t city_end = cut + kCitySuffix.size();
      auto city = city_by_full_name.find(e.prefecture + "/" + e.name.substr(0, city_end));
      if (city == city_by_full_name.end() || city_end == e.name.size()) continue;
      index.city_of[i] = city->second;
      index.ward_short_names.insert(name_key(e.name.substr(city_end)));
      break;
    }
  }
  return index;
}

}  // namespace kansa::municipality
