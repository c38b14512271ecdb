// `kansa ingest --shard K/N`: N machines share one backfill, each taking the inputs of its
// shard K. An input belongs to shard (first 8 bytes of SHA-256 of its path or URL, as given,
// read as a big-endian number) mod N: stable across machines, runs and program versions,
// whatever the order or number of the inputs, so that N runs over the same input list take
// every input exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.hpp"

namespace kansa::cli {

struct Shard {
  std::uint64_t index = 0;  // K: 0-based, as Kubernetes' JOB_COMPLETION_INDEX
  std::uint64_t count = 1;  // N
};

// Reads "K/N" (0 <= K < N, N >= 1, decimal). Returns nullopt and sets `error` otherwise.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

// The shard (0 .. count - 1) that an input path or URL belongs to.
std::uint64_t shard_of(const std::string& path_or_url, std::uint64_t count);

// The inputs of `shard`, in their given order.
std::vector<Input> select_shard(const std::vector<Input>& inputs, const Shard& shard);

}  // namespace kansa::cli
