#pragma once
// What a close-out run returns (closeout.md "Pipeline": "the raw rows + findings + per-order
// derived values"), in one struct the CLI stores and the workflow desk (arbitration,
// confirmation, sign-off) reads.
//
// Orders are indexed 0..n-1 in the order of their winning rows in the orders table (one index per
// distinct order id; collect.cpp says why not by first appearance). Per-order vectors below are
// indexed that way. Text of the orders table (order ids, customer ids) is referenced, not copied:
// the RunResult must not outlive the input tables it was computed from (`orders.pool`).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/closeout/finding.hpp"
#include "core/definitions/bridge.hpp"
#include "core/definitions/evaluation.hpp"

namespace pitwall::core::closeout {

inline constexpr uint8_t kNoExclusion = 0xFF;

// One row per order, columnar.
struct OrderLedger {
  const Table* table = nullptr;      // the orders table (rows, batches, lines)
  const StringPool* pool = nullptr;  // the orders table's pool
  std::vector<uint32_t> row;         // winning row in the orders table (closeout.md §1)
  // The order ids, order k's at id k + 1: copied out of the orders table's pool, whose other
  // strings (phones, VINs, devices, ...) make it several times larger; reading ids at random
  // (findings name other orders) would otherwise keep most of that pool in memory.
  StringPool ids_text;
  std::vector<uint32_t> customer;        // customer index
  std::vector<uint32_t> customer_id;     // per customer index: pool id of the customer id
  std::vector<uint32_t> identity;        // per customer index: the person (smallest customer
                                         // index among the accounts merged by phone / VIN)
  OrderStores store_raw;                 // StoreDirectory index as imported
  OrderStores store_cleaned;             // after aliases, corrections and fills
  std::vector<uint8_t> first_exclusion;  // Rule of the first exclude finding, or kNoExclusion
  // Superseded rows of re-exported orders: (order, row), by order then row.
  std::vector<std::pair<uint32_t, uint32_t>> history;

  uint32_t size() const { return static_cast<uint32_t>(row.size()); }
  std::string_view order_id(uint32_t order) const { return ids_text.view(order + 1); }
  std::string_view customer_of(uint32_t order) const {
    return customer[order] == UINT32_MAX ? std::string_view()
                                         : pool->view(customer_id[customer[order]]);
  }
  OrderIdView ids() const { return OrderIdView{&ids_text, {}, {}}; }
};

// A fraud ring (closeout.md §4): the accounts, and the identifier values that link them.
struct RingLink {
  std::string kind;  // device_id | payment_account | address
  std::string value;
  std::vector<std::string> accounts;  // customer ids sharing the value, sorted
};
struct Ring {
  std::string id;                     // "R1", "R2", ... in order of the ring's first order
  std::vector<std::string> accounts;  // customer ids, sorted
  uint32_t identities = 0;            // persons after identity resolution
  int64_t paid_orders = 0;            // paid-or-redeemed orders after stage 3
  std::vector<RingLink> links;        // by kind, then value
  std::vector<uint32_t> flagged;      // orders after the earliest paid, by order index
};

// A customer caught by fraud.mass_cancel.
struct MassCancel {
  uint32_t customer = 0;  // the person's representative customer index
  int64_t orders = 0;
  int64_t cancelled = 0;
};

// Gray zone (closeout.md §7): orders the pipeline does not decide, for arbitration.
enum class GrayKind : uint8_t {
  kFraudFlag,               // a fraud rule flagged the order (finding)
  kNearCutoff,              // a timestamp within 10 minutes of a cut-off
  kFillChangedAttribution,  // fill.store / fill.home_store moved the order to a store
  kStoreClaim,              // a store's correction sheet claims another store's order
};
std::string_view gray_kind_token(GrayKind kind);

struct GrayZoneItem {
  uint32_t order = 0;
  GrayKind kind = GrayKind::kFraudFlag;
  uint32_t finding = UINT32_MAX;  // index into RunResult::findings (evidence), or none
  int8_t field = kNoField;        // kNearCutoff: the timestamp column
  int64_t cutoff = 0;             // kNearCutoff: the cut-off instant (UTC)
};

// A row of a side input that could not be applied (the workbook's Errors sheet).
struct InputProblem {
  std::string source;  // orders | corrections | exceptions | decisions | blacklist
  int64_t line = 0;    // source line (0 for decisions and extra blacklist entries)
  std::string code;    // empty_order_id | unknown_order | unknown_field | bad_value |
                       // unknown_store | unknown_kind
  std::string value;
};

// Raw vs cleaned for one definition (closeout.md §6 "Gross vs net").
struct GrossNet {
  uint32_t raw = 0;                             // index into RunResult::evaluations
  uint32_t cleaned = 0;                         // index into RunResult::evaluations
  std::optional<double> order_difference_rate;  // (cleaned - raw) / raw; none when raw is 0
  std::optional<double> amount_difference_rate;
  int64_t rebate_raw_fen = 0;
  int64_t rebate_cleaned_fen = 0;
  std::optional<double> roi_raw;  // (received - cost) / cost; none when cost is 0
  std::optional<double> roi_cleaned;
};

struct StoreSettlement {
  uint32_t store = 0;
  int64_t orders = 0;
  int64_t received_fen = 0;
  int64_t rebate_fen = 0;  // rate x received (half up) + per order x orders
  int64_t raw_orders = 0;
  int64_t raw_received_fen = 0;
  int64_t raw_rebate_fen = 0;
  int64_t overpayment_avoided_fen = 0;  // raw rebate - rebate
  int64_t clawback_orders = 0;
  int64_t clawback_fen = 0;  // benefits of fraud.stack_return orders
  int64_t payable_fen = 0;   // rebate - clawback
};

struct StaffShare {
  uint32_t staff = 0;  // index into Settlement::staff_ids
  uint32_t store = 0;  // StoreDirectory index from the staff file (unattributed if unknown)
  int64_t orders = 0;  // orders in which the person holds a role
  int64_t share_fen = 0;
};

struct Settlement {
  uint32_t cleaned = 0;  // index into RunResult::evaluations
  uint32_t raw = 0;
  std::vector<StoreSettlement> stores;  // every store but "(unattributed)", by index
  Totals unattributed;                  // counted orders of no known store: no rebate
  std::vector<uint32_t> unattributed_orders;
  std::vector<std::string> staff_ids;
  std::vector<std::string> staff_names;
  std::vector<StaffShare> staff;     // by staff id
  int64_t unassigned_split_fen = 0;  // orders naming nobody: stays with the store
  StoreSettlement total;             // sums over stores (store = unattributed index)
};

struct RunResult {
  OrderLedger orders;
  StoreDirectory stores;
  FindingList findings;  // by order, then stage and rule
  std::vector<Ring> rings;
  std::vector<MassCancel> mass_cancels;
  std::vector<GrayZoneItem> gray_zone;  // by order
  std::vector<InputProblem> problems;
  // [0, d): the definitions as declared, in input order (per-order results kept);
  // [d, 2d): each definition evaluated the other way (cleaned if declared raw, else raw;
  // per-order results only with KeepOrders::kAll, and for the settlement definition cleaned).
  std::vector<Evaluation> evaluations;
  std::vector<GrossNet> gross_net;  // per definition, input order
  Settlement settlement;
  uint32_t settlement_definition = 0;  // index of the settlement definition
};

}  // namespace pitwall::core::closeout
