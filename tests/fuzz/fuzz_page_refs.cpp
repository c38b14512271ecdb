// kansa::page_refs::parse on arbitrary bytes: positive page numbers, each at most once, and
// no more pages than the input can name (a range adds at most 500).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "fuzz_check.hpp"
#include "kansa/page_refs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<int> pages = kansa::page_refs::parse(text);
  std::set<int> seen;
  for (int p : pages) {
    FUZZ_CHECK(p > 0);
    FUZZ_CHECK(seen.insert(p).second);
  }
  FUZZ_CHECK(pages.size() <= (size + 1) * 501);
  return 0;
}
