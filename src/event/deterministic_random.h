#pragma once

#include <cstdint>

namespace salesflow {

// SplitMix64: a small, fast generator whose sequence is fixed by its seed on every platform and
// compiler (std:: distributions are not), so a seed always gives the same events.
class DeterministicRandom {
 public:
  explicit DeterministicRandom(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n) for n >= 1 (modulo; the bias is below 2^-32 for our sizes).
  uint64_t Below(uint64_t n) { return Next() % n; }

  // Uniform in [lo, hi], both included.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // True with probability p (0 never, 1 always). Probabilities only; never money.
  bool Chance(double p) {
    if (p <= 0) return false;
    return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p;
  }

 private:
  uint64_t state_;
};

}  // namespace salesflow
