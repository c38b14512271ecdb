// Report page references: "P17、35" -> {17, 35}; "P18、36-46" -> {18, 36, ..., 46}.
#pragma once

#include <string_view>
#include <vector>

namespace kansa::page_refs {

// Pages cited in `text` (raw or normalized; P/p/P./pp./ページ prefixes or a 頁/ページ suffix,
// 、,，・ separators, -～~〜 ranges; full-width digits). Numbers without such a mark count only
// when the whole text is a bare list ("18, 36-46"). Ranges are expanded in order; a range wider
// than 500 pages or reversed is rejected (kept as its two ends). Duplicates are kept once, in
// first-seen order.
std::vector<int> parse(std::string_view text);

}  // namespace kansa::page_refs
