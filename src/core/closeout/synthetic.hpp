#pragma once
// A generated campaign for benchmarks and property tests: a network of stores and staff,
// customers with phones, VINs and devices, and orders with the defects the close-out exists
// for (re-exported rows, double submits, test orders, unknown and old store codes, amounts typed
// in the wrong unit, mass cancellers, rings sharing a device, stack-and-return refunds,
// blacklisted customers, orders on both sides of the cut-offs).
//
// Deterministic: std::mt19937_64 with the given seed and our own mapping to ranges. Not the demo
// generator (src/demo/), which writes files and a ground truth; this one builds tables in
// memory, fast enough for 10 million orders.

#include <cstdint>
#include <vector>

#include "core/closeout/inputs.hpp"
#include "core/definitions/definition.hpp"
#include "core/model/campaign.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::closeout {

struct SyntheticOptions {
  uint64_t seed = 1;
  uint32_t orders = 10000;  // distinct orders (rows are about 2% more: re-exports)
  uint32_t stores = 218;
  uint32_t regions = 6;
  // Rows repeated by a later export, per mille of the rows (the dirty shape of issue 24: 200).
  uint32_t reexport_per_mille = 20;
  // Orders, per mille, that go to one of five stores and, separately, to one of 200 customers
  // (the skewed shape: 600; 0 draws nothing, so the campaign stays as it was).
  uint32_t skew_per_mille = 0;
};

struct SyntheticCampaign {
  Campaign campaign;  // March 2023 in UTC+8
  Table orders, stores, staff, customers, price_list, blacklist, corrections, exceptions;
  // it (all statuses, raw, recorded_at), ops (all but cancelled, raw, created_at),
  // finance (paid and redeemed, raw, paid_at): the three departments of closeout.md §6.
  std::vector<MetricDefinition> definitions;

  // The close-out's inputs over these tables, all three definitions, in `zone`.
  CloseoutInputs inputs(const TimeZone& zone) const;
};

SyntheticCampaign generate_synthetic(const SyntheticOptions& options);

}  // namespace pitwall::core::closeout
