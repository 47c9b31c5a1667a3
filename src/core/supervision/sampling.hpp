#pragma once
// Spot-check plan (远程抽查, supervision.md "Spot-check plan"): a seeded sample of campaign
// stores for phone or video checks, stratified by region with proportional allocation (largest
// remainder, so the quotas add up to n), drawn with higher probability for stores on the day's
// black list or with open alerts or problems.
//
// Reproducible by construction: one std::mt19937_64 seeded with the recorded seed, our own
// unbiased mapping to ranges (no <random> distributions, which differ between standard
// libraries), integer weights, strata in region-name order and stores in code order.
// Weights: 1, plus 3 on the black list, plus 2 with an alert that day or an open problem.

#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "core/supervision/alerts.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::core::supervision {

inline constexpr int64_t kBaseWeight = 1;
inline constexpr int64_t kBlackListWeight = 3;
inline constexpr int64_t kAlertWeight = 2;

// Quotas proportional to `sizes` that sum to min(n, sum of sizes): floors first, then one more
// to the largest fractional parts (ties: the lower index). Never more than a stratum's size.
std::vector<int64_t> allocate_proportional(std::span<const int64_t> sizes, int64_t n);

// A uniform integer in [0, bound) (bound > 0) by rejection, the same on every platform.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t bound);

struct SamplePick {
  int store = 0;
  int64_t weight = kBaseWeight;
  bool black_list = false;
  std::optional<double> score;    // the day's score
  std::vector<AlertKind> alerts;  // the store's alerts of the day, in alert order
  int64_t open_problems = 0;
  int64_t draw = 0;  // 1-based order of the draw within the plan
};

struct Stratum {
  int region = 0;
  int64_t stores = 0;
  int64_t quota = 0;
  double exact = 0;   // n x stores / total: the unrounded share
  int64_t risky = 0;  // stores with a weight above the base
};

struct SamplePlan {
  uint64_t seed = 0;
  int32_t day = 0;
  int64_t requested = 0;
  int64_t drawn = 0;
  std::vector<Stratum> strata;    // by region name
  std::vector<SamplePick> picks;  // by region, then draw order
};

// The plan for `day`. `black` and `alerts` are the day's network black list and alerts;
// `problems` the campaign's problems (open ones raise a store's weight).
SamplePlan plan_spot_checks(const Feeds& feeds, int32_t day, std::span<const ListedStore> black,
                            std::span<const Alert> alerts, std::span<const Problem> problems,
                            int64_t n, uint64_t seed);

}  // namespace pitwall::core::supervision
