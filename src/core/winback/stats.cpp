#include "core/winback/stats.hpp"

#include <algorithm>
#include <cmath>

#include "core/winback/types.hpp"

namespace pitwall::core::winback {

Interval wilson_interval(int64_t x, int64_t n, double z) {
  if (n <= 0) return {kNaN, kNaN};
  double nn = double(n);
  double p = double(x) / nn;
  double z2 = z * z;
  double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

ZTest two_proportion_z_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  ZTest t;
  if (n1 <= 0 || n2 <= 0) return t;
  double p1 = double(x1) / double(n1);
  double p2 = double(x2) / double(n2);
  t.difference = p1 - p2;
  double pooled = double(x1 + x2) / double(n1 + n2);
  double se = std::sqrt(pooled * (1 - pooled) * (1.0 / double(n1) + 1.0 / double(n2)));
  if (!(se > 0)) return t;
  t.defined = true;
  t.z = t.difference / se;
  t.p_value = std::erfc(std::abs(t.z) / std::sqrt(2.0));
  t.significant = t.p_value < 0.05;
  return t;
}

}  // namespace pitwall::core::winback
