#pragma once
// Supervision feeds (supervision.md) and win-back data (winback.md) of the demo.

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "demo/customers.hpp"
#include "demo/ground_truth.hpp"
#include "demo/network.hpp"
#include "demo/orders.hpp"

namespace pitwall::demo {

struct FeedFile {
  std::string name, kind, encoding;
  int64_t rows = 0;
};

struct SupervisionOutcome {
  std::vector<FeedFile> files;
  int64_t participants = 0, eligible = 0;
};

// Store-day figures, inspections, complaints, spot checks and the rule-quiz survey for every
// day of the campaign, with the alerts of supervision.md planted and recorded in `truth`.
core::Result<SupervisionOutcome> write_supervision(const std::string& dir, const Network& net,
                                                   const StoreDayCounts& days, uint64_t seed,
                                                   GroundTruth& truth);

struct WinbackOutcome {
  std::vector<FeedFile> files;
  int64_t churned = 0, history = 0, visits = 0;
};

// Churned customers, the win-back history (arms of W4 and W5 with the seed's rates exactly)
// and the visits of won-back customers. Adds blacklisted churned customers to `blacklist`.
core::Result<WinbackOutcome> write_winback(const std::string& dir, const Network& net,
                                           const CustomerBook& customers, uint64_t seed,
                                           GroundTruth& truth,
                                           std::vector<BlacklistEntry>& blacklist);

}  // namespace pitwall::demo
