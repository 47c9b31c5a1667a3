#pragma once
// Reconciliation bridge (对账桥) between two evaluations, network-wide, for one region or for
// one store (closeout.md §6 "Reconciliation bridge").
//
// Every order counted by exactly one side gets one reason: the non-counting side's verdict,
// which is the first criterion — status, basis time missing, outside the window, cleaning
// exclusion (by stage, then rule id), arbitration — that fails for it (the counting side
// passes them all, so it is also the first that tells the two apart). Orders counted by both
// with different amounts form the "amount_basis" step (0 orders, signed amount); in a region
// or store bridge, orders counted by both but attributed in the scope by only one side form
// "attributed_elsewhere" steps. Steps: one per (reason, direction), in reason order, removing
// before adding; orders and amounts signed; order ids sorted. Invariant, for orders and for
// amounts: from_total + sum of steps = to_total.

#include <cstdint>
#include <string>
#include <vector>

#include "core/definitions/evaluation.hpp"

namespace pitwall::core {

struct BridgeScope {
  enum class Kind : uint8_t { kNetwork, kRegion, kStore };
  Kind kind = Kind::kNetwork;
  uint32_t index = 0;  // region or store index in the StoreDirectory
};

struct BridgeStep {
  std::string reason;      // verdict token, "amount_basis" or "attributed_elsewhere"
  int direction = -1;      // -1 removes orders counted only by `from`, +1 adds those only in `to`
  int64_t orders = 0;      // signed
  int64_t amount_fen = 0;  // signed
  std::vector<uint32_t> order_indices;  // sorted by order id
};

struct Bridge {
  std::string from_tag;
  std::string to_tag;
  BridgeScope scope;
  Totals from_total;  // orders, amount_fen (received_fen as counted)
  Totals to_total;
  std::vector<BridgeStep> steps;
};

// Both evaluations must keep per-order results over the same orders. `threads`: 1 or 2.
Bridge compute_bridge(const Evaluation& from, const Evaluation& to, const StoreDirectory& stores,
                      BridgeScope scope, const OrderIdView& order_ids, int threads = 2);

}  // namespace pitwall::core
