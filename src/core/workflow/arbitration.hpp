#pragma once
// The arbitration queue (灰色地带与仲裁, closeout.md §7) and the stores' disputes (§8).
//
// The queue holds, per order, everything that asks a person to decide: the run's gray zone
// (fraud flags, orders within 10 minutes of a cut-off, fills that changed attribution, claims of a
// store's correction sheet) and the disputes stores filed ("not valid" on an own order, "mine" on
// another store's order). Each item carries its evidence and, once decided, the decision.
//
// Decisions are closeout::ArbitrationDecision values: the pipeline applies them whenever it runs,
// so they survive every re-run (closeout.md §7 "Decisions are adjustments"). Pure functions: the
// disputes and decisions come from the workspace through the caller.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.hpp"
#include "core/closeout/inputs.hpp"
#include "core/closeout/result.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::workflow {

enum class ClaimKind : uint8_t { kNotValid, kMine };
// "not_valid", "mine"; parse accepts "not-valid" too.
std::string_view claim_token(ClaimKind claim);
std::optional<ClaimKind> parse_claim(std::string_view text);

// A store's dispute of one order (closeout.md §8).
struct Dispute {
  std::string order_id;
  ClaimKind claim = ClaimKind::kNotValid;
  std::string store;        // the store filing it
  std::string order_store;  // the store the order was attributed to when it was filed
  std::string note;
  std::string who;
  int64_t when = 0;
};

// "count", "exclude", "store"; and the parse of a --decision value: count | exclude | store:CODE.
std::string_view decision_token(closeout::DecisionKind kind);
Result<closeout::ArbitrationDecision> parse_decision(std::string_view text);

struct Evidence {
  std::string kind;    // finding | near_cutoff | dispute | ring
  std::string rule;    // rule id of a finding; "dispute.mine" / "dispute.not_valid"; ring id
  std::string field;   // orders column the evidence is about ("" when none)
  std::string before;  // finding's before value; the cut-off (local time) for near_cutoff
  std::string after;   // finding's after value; the claimant store for a dispute
  std::string detail;  // finding detail, dispute note, ring links
};

struct QueueItem {
  uint32_t order = 0;
  std::string order_id;
  std::string store;  // attributed now (cleaned settlement evaluation)
  std::string region;
  std::string customer_id;
  uint8_t verdict = 0;  // under the cleaned settlement evaluation
  int64_t amount_fen = 0;
  std::vector<std::string> reasons;  // distinct, in order of first evidence
  std::vector<Evidence> evidence;
  std::vector<std::string> claimants;  // stores claiming the order ("mine"), sorted
  int decision = -1;                   // index into the decisions given, or -1 when open
};

// Order index by order id, for the few ids people name.
class OrderLookup {
 public:
  explicit OrderLookup(const closeout::OrderLedger& ledger);
  // The order index, or nullopt when the campaign has no such order.
  std::optional<uint32_t> find(std::string_view order_id) const;

 private:
  std::unordered_map<std::string_view, uint32_t> index_;
};

// The gray zone's part of the queue: one item per order with gray-zone entries, by order index,
// no decision. What a stored run keeps so that the queue is built without the pipeline.
std::vector<QueueItem> gray_zone_queue(const closeout::RunResult& run, const TimeZone& zone);

// The queue: one item per order with gray-zone entries or disputes, by order index. The last
// decision given for an order is its decision. Times in evidence are local times of `zone`.
std::vector<QueueItem> build_queue(const closeout::RunResult& run, const OrderLookup& lookup,
                                   std::span<const Dispute> disputes,
                                   std::span<const closeout::ArbitrationDecision> decisions,
                                   const TimeZone& zone);

// Blacklist entries an "exclude as fraud" decision on `order` adds (closeout.md §7): for each of
// `kinds` (customer_id | phone | vin) the order's value, phone and VIN normalised as the
// pipeline compares them; kinds with no value on the order are skipped. Errors: kInvalidInput
// naming an unknown kind.
Result<std::vector<closeout::BlacklistEntry>> blacklist_entries_for(
    const closeout::RunResult& run, const Table& orders, uint32_t order,
    std::span<const std::string> kinds, std::string_view reason, std::string_view source);

}  // namespace pitwall::core::workflow
