// Deterministic random choices: std::mt19937 with an explicit seed, mapped to ranges by our own
// arithmetic (the standard distributions differ between standard libraries).
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace fixturegen {

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}

  // Uniform integer in [lo, hi].
  int range(int lo, int hi) {
    if (hi < lo) throw std::invalid_argument("Random::range: empty range");
    return lo + static_cast<int>(engine_() % static_cast<uint32_t>(hi - lo + 1));
  }
  // True with probability p.
  bool chance(double p) { return uniform() < p; }
  // Uniform in [0, 1), in steps of 2^-24.
  double uniform() { return (engine_() >> 8) * (1.0 / 16777216.0); }

  template <class T>
  const T& pick(const std::vector<T>& items) {
    if (items.empty()) throw std::invalid_argument("Random::pick: no items");
    return items[static_cast<size_t>(range(0, static_cast<int>(items.size()) - 1))];
  }
  // Index drawn with the given relative weights.
  size_t weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = range(0, total - 1);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  // A fresh seed for a sub-generator, so that one part's draws do not shift another's.
  uint32_t fork() { return engine_(); }

 private:
  std::mt19937 engine_;
};

}  // namespace fixturegen
