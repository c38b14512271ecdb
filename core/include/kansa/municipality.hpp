// Japanese local governments and their 6-digit codes (全国地方公共団体コード with check digit).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansa::municipality {

struct Entry {
  std::string code;        // "352012"
  std::string prefecture;  // "山口県"
  std::string name;        // "下関市" (a prefecture's own entry: name == prefecture)
};

class Registry {
 public:
  // Loads the TSV data file (code, prefecture, name). Throws std::runtime_error naming the
  // file on failure.
  static Registry load(const std::string& path);

  std::optional<Entry> by_code(std::string_view code) const;

  // Best municipality named in `text` (e.g. 「下関市行政情報セキュリティポリシー」,
  // 大阪市監査委員). The text is normalized first. Names match whole (not after another kanji,
  // except after a prefecture or 郡 name); at each position the longest name wins (東大阪市, not
  // 大阪市); a designated-city ward (大阪市北区) stands for its city. A name shared by several
  // entries (府中市, or 北区 = a Tokyo ward and many city wards) counts only with its prefecture in
  // the text. Among the names found, a municipality beats a prefecture (山口県下関市 -> 下関市),
  // then the most frequent wins, then the first. nullopt when nothing is found.
  std::optional<Entry> infer_from_text(std::string_view text) const;

  size_t size() const { return entries_.size(); }

 private:
  struct NameIndex;  // lookup tables built by load(); immutable afterwards
  std::vector<Entry> entries_;
  std::shared_ptr<const NameIndex> index_;
};

}  // namespace kansa::municipality
