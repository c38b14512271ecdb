// --shard K/N: parsing, and the selection of inputs (stable, disjoint, covering).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cli/shard.hpp"

using kansa::cli::Input;
using kansa::cli::parse_shard;
using kansa::cli::select_shard;
using kansa::cli::shard_of;

// An input read from a local path, nothing else known.
Input input_at(std::string path) {
  Input in;
  in.path = std::move(path);
  return in;
}

TEST(Shard, ParsesKOfNFromZero) {
  std::string error;
  const auto shard = parse_shard("2/3", error);
  ASSERT_TRUE(shard) << error;
  EXPECT_EQ(shard->index, 2u);
  EXPECT_EQ(shard->count, 3u);
  ASSERT_TRUE(parse_shard("0/1", error));
  for (const char* bad : {"3/3", "1/0", "-1/3", "a/3", "1/b", "1", "1/3/4", "", "/3", "1/", " 1/3",
                          "1/3 ", "+1/3", "99999999999999999999/3"}) {
    error.clear();
    EXPECT_FALSE(parse_shard(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

// The rule pinned on known digests (printf %s STRING | sha256sum), so that a change of it,
// which would move inputs between machines in the middle of a backfill, fails here.
TEST(Shard, SelectionIsTheSha256OfThePathModuloN) {
  EXPECT_EQ(shard_of("", 1), 0u);
  // SHA-256("") = e3b0c44298fc1c14...
  EXPECT_EQ(shard_of("", 7), 1u);   // 0xe3b0c44298fc1c14 mod 7
  EXPECT_EQ(shard_of("", 10), 2u);  // 0xe3b0c44298fc1c14 mod 10
  // SHA-256("abc") = ba7816bf8f01cfea...
  EXPECT_EQ(shard_of("abc", 3), 0u);  // 0xba7816bf8f01cfea mod 3
  EXPECT_EQ(shard_of("abc", 1000), 74u);
}

TEST(Shard, ShardsAreDisjointCoverEveryInputAndKeepOrder) {
  std::vector<Input> inputs;
  for (int i = 0; i < 1000; ++i)
    inputs.push_back(input_at("/data/reports/" + std::to_string(i) + "/措置状況.pdf"));
  for (std::uint64_t n : {1u, 2u, 3u, 7u}) {
    std::multiset<std::string> seen;
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::vector<Input> mine = select_shard(inputs, {k, n});
      // Each shard gets its share, give or take: 1000 inputs, N <= 7.
      EXPECT_GT(mine.size(), 1000 / n * 3 / 4) << k << "/" << n;
      EXPECT_LT(mine.size(), 1000 / n * 5 / 4 + 1) << k << "/" << n;
      std::size_t last = 0;
      for (const Input& in : mine) {
        seen.insert(in.path);
        // In the given order.
        std::size_t at = 0;
        while (inputs[at].path != in.path) ++at;
        EXPECT_GE(at, last);
        last = at;
      }
    }
    EXPECT_EQ(seen.size(), inputs.size()) << n;  // every input once: no duplicates, no loss
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), inputs.size()) << n;
  }
}

TEST(Shard, AnInputsShardDependsOnItsPathAloneNotOnTheOthers) {
  const std::vector<Input> few = {input_at("b.pdf"), input_at("a.pdf")};
  std::vector<Input> many = few;
  for (int i = 0; i < 50; ++i) many.push_back(input_at(std::to_string(i) + ".pdf"));
  for (std::uint64_t k = 0; k < 4; ++k) {
    std::set<std::string> from_few, from_many;
    for (const Input& in : select_shard(few, {k, 4})) from_few.insert(in.path);
    for (const Input& in : select_shard(many, {k, 4}))
      if (in.path == "a.pdf" || in.path == "b.pdf") from_many.insert(in.path);
    EXPECT_EQ(from_few, from_many) << k;
  }
}
