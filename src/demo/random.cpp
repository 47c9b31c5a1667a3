#include "demo/random.hpp"

#include <algorithm>
#include <numeric>

#include "core/base/check.hpp"

namespace pitwall::demo {

size_t Rng::weighted(std::span<const double> weights) {
  double total = 0;
  for (double w : weights) total += w;
  double x = real() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

size_t pick_cumulative(std::span<const double> cumulative, uint64_t bits) {
  PW_CHECK(!cumulative.empty(), "no weights");
  double x = unit(bits) * cumulative.back();
  auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
  return std::min<size_t>(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

namespace {
// Modular inverse of a mod n (gcd(a, n) = 1), by the extended Euclidean algorithm.
uint64_t inverse_mod(uint64_t a, uint64_t n) {
  __int128 t = 0, new_t = 1, r = n, new_r = a;
  while (new_r != 0) {
    __int128 q = r / new_r;
    __int128 tmp = t - q * new_t;
    t = new_t;
    new_t = tmp;
    tmp = r - q * new_r;
    r = new_r;
    new_r = tmp;
  }
  PW_CHECK(r == 1, "multiplier not invertible");
  if (t < 0) t += n;
  return static_cast<uint64_t>(t);
}
}  // namespace

AffinePerm::AffinePerm(uint64_t n, uint64_t bits) : n_(n) {
  PW_CHECK(n >= 1, "empty permutation");
  if (n == 1) return;
  uint64_t a = n / 2 + below(mix64(bits), n / 2) + 1;  // in (n/2, n]
  while (std::gcd(a % n, n) != 1) ++a;
  a_ = a % n;
  b_ = below(mix64(bits + 1), n);
  a_inv_ = inverse_mod(a_, n);
}

// Below 2^32 the products fit in 64 bits, and a 64-bit remainder is several times faster than
// a 128-bit one (the customers file computes one per row).
uint64_t AffinePerm::operator()(uint64_t x) const {
  if (n_ <= kNarrow) return (a_ * x + b_) % n_;
  return static_cast<uint64_t>((static_cast<unsigned __int128>(a_) * x + b_) % n_);
}

uint64_t AffinePerm::inverse(uint64_t y) const {
  uint64_t d = (y + n_ - b_) % n_;
  if (n_ <= kNarrow) return (a_inv_ * d) % n_;
  return static_cast<uint64_t>((static_cast<unsigned __int128>(a_inv_) * d) % n_);
}

}  // namespace pitwall::demo
