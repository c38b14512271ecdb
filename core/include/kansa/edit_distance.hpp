// Levenshtein distance (insertions, deletions, substitutions), header-only so that the
// plugins, which link no core library, share the one implementation with the core.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace kansa {

template <class Char>
std::size_t edit_distance(std::basic_string_view<Char> a, std::basic_string_view<Char> b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The edit distance when it is at most `most`, else most + 1, without the full table when the
// lengths alone say it is farther (the interpretation compares every vocabulary word with
// every header cell and status text, nearly all of them far apart in length).
template <class Char>
std::size_t edit_distance_at_most(std::basic_string_view<Char> a, std::basic_string_view<Char> b,
                                  std::size_t most) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > most) return most + 1;
  return std::min(edit_distance(a, b), most + 1);
}

}  // namespace kansa
