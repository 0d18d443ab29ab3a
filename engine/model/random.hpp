// random.hpp — a seeded, portable sampler: xoshiro256** (Blackman & Vigna, 2018) seeded by splitmix64, and
// the inverse CDFs of the range distributions. Integer arithmetic and IEEE-exact operations (+, −, ×, ÷,
// sqrt) only, so a seed gives bit-identical samples natively and in wasm; std:: distributions are not used
// because their output differs between standard libraries.
#pragma once

#include <cmath>
#include <cstdint>

#include "model/enums.hpp"

namespace tcoscope {

class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    for (std::uint64_t& s : s_) s = splitmix64(seed);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform on [0, 1): the top 53 bits, exactly representable.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

// The value at quantile u ∈ [0, 1) of a range from `low` to `high` whose most likely value is `mode`
// (triangular) or with every value alike (uniform).
inline double range_quantile(RangeDist dist, double low, double mode, double high, double u) {
  const double width = high - low;
  if (!(width > 0)) return low;
  if (dist == RangeDist::uniform) return low + u * width;
  const double f_mode = (mode - low) / width;
  if (u < f_mode) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1 - u) * width * (high - mode));
}

}  // namespace tcoscope
