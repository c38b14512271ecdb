#include "cli/shard.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <stdexcept>

namespace kansa::cli {

namespace {

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
  const std::size_t slash = text.find('/');
  Shard shard;
  if (slash == std::string::npos ||
      !parse_number(std::string_view(text).substr(0, slash), shard.index) ||
      !parse_number(std::string_view(text).substr(slash + 1), shard.count)) {
    error = "'" + text + "' is not K/N (two whole numbers, e.g. 0/4)";
    return std::nullopt;
  }
  if (shard.count == 0 || shard.index >= shard.count) {
    error = "'" + text + "': K must be 0 to N-1 (shards are numbered from 0)";
    return std::nullopt;
  }
  return shard;
}

std::uint64_t shard_of(const std::string& path_or_url, std::uint64_t count) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(path_or_url.data(), path_or_url.size(), digest, &size, EVP_sha256(), nullptr) !=
          1 ||
      size < 8)
    throw std::runtime_error("SHA-256 unavailable");
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = value << 8 | digest[i];
  return value % count;
}

std::vector<Input> select_shard(const std::vector<Input>& inputs, const Shard& shard) {
  std::vector<Input> out;
  for (const Input& input : inputs)
    if (shard_of(input.path, shard.count) == shard.index) out.push_back(input);
  return out;
}

}  // namespace kansa::cli
