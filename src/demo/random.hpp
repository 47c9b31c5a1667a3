#pragma once
// Deterministic randomness for the demo generator (style.md "Same input, same bytes").
//
// Two sources, both portable across standard libraries and machines:
//   - Rng: a std::mt19937_64 stream with our own mapping to ranges (no <random>
//     distributions), for things generated in a fixed sequence.
//   - mix(seed, stream, index): a pure function (SplitMix64 finaliser) for attributes that must
//     be derived at random access — a customer's phone from its index, wherever it is needed —
//     so that millions of customers never have to be held in memory.
// AffinePerm: a bijection on [0, n) (x -> a·x + b mod n), to draw distinct items (customers,
// order numbers) without remembering which were drawn.

#include <cstdint>
#include <random>
#include <span>

namespace pitwall::demo {

// SplitMix64's finaliser: a bijection on 64-bit values with good avalanche.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline constexpr uint64_t kStreamMultiplier = 0xd6e8feb86659fd93ULL;
constexpr uint64_t mix(uint64_t seed, uint64_t stream, uint64_t index) {
  return mix64(mix64(seed ^ (stream * kStreamMultiplier)) + index);
}

// A value in [0, n) from 64 random bits (multiply-shift; n > 0).
constexpr uint64_t below(uint64_t bits, uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(bits) * n) >> 64);
}
// A double in [0, 1) from 64 random bits.
constexpr double unit(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t bits() { return engine_(); }
  // Uniform integer in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(bits(), static_cast<uint64_t>(hi - lo + 1)));
  }
  double real() { return unit(bits()); }
  bool chance(double p) { return real() < p; }
  // Index drawn with the given non-negative weights.
  size_t weighted(std::span<const double> weights);

 private:
  std::mt19937_64 engine_;
};

// Index drawn with cumulative weights `cumulative` (last = total) from 64 random bits.
size_t pick_cumulative(std::span<const double> cumulative, uint64_t bits);

class AffinePerm {
 public:
  AffinePerm() = default;
  // A bijection on [0, n), n >= 1, chosen by `bits`.
  AffinePerm(uint64_t n, uint64_t bits);
  uint64_t operator()(uint64_t x) const;
  uint64_t inverse(uint64_t y) const;
  uint64_t size() const { return n_; }

 private:
  static constexpr uint64_t kNarrow = uint64_t{1} << 32;
  uint64_t n_ = 1, a_ = 1, b_ = 0, a_inv_ = 1;
};

}  // namespace pitwall::demo
