#pragma once
// Statistics for the experiment report (winback.md "Reports", experiments): 95% confidence
// intervals of proportions (Wilson score interval) and the two-proportion z-test with a pooled
// standard error (two-sided p-value).

#include <cstdint>

namespace pitwall::core::winback {

inline constexpr double kZ95 = 1.959963984540054;  // two-sided 95% normal quantile

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval of x successes in n trials (NaN bounds when n = 0).
Interval wilson_interval(int64_t x, int64_t n, double z = kZ95);

// Standard normal distribution function.
double normal_cdf(double z);

struct ZTest {
  double difference = 0;  // p1 − p2
  double z = 0;
  double p_value = 1;        // two-sided
  bool significant = false;  // p < 0.05
  bool defined = false;      // both samples non-empty and the pooled variance above 0
};

// Two-proportion z-test of x1/n1 against x2/n2 with the pooled proportion.
ZTest two_proportion_z_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

}  // namespace pitwall::core::winback
