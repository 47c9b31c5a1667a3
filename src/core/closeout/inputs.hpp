#pragma once
// What a close-out run takes (closeout.md "Pipeline"): one campaign's orders and the tables
// beside them, the campaign's rules, its time zone, the metric definitions to evaluate, and
// the adjustments people made (arbitration decisions, blacklist entries added by arbitration).
//
// Tables are core::Table of their kind (model/table.hpp); a null pointer means "not loaded"
// (an empty table means the same). The orders table holds every imported row of every orders
// batch, re-exports included, in import order (`Table::batches`, `Table::lines`).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/base/instant.hpp"
#include "core/definitions/definition.hpp"
#include "core/model/campaign.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::closeout {

// A blacklist entry added outside the blacklist file (closeout.md §7: an arbitration decision
// "exclude as fraud" may add the customer, phone or VIN). kind: customer_id | phone | vin |
// device_id | payment_account.
struct BlacklistEntry {
  std::string kind;
  std::string value;
  std::string reason;
  std::string source;  // e.g. "arbitration:2023-spring-renewal"
};

// An arbitration decision on one order (closeout.md §7). Applies to cleaned evaluations only:
// kCount makes the order count whatever exclusion findings it has (status and time window
// still apply), kExclude excludes it, kStore attributes it to `store_code` (transacting-store
// attribution). When an order has several decisions the last one in the list holds.
enum class DecisionKind : uint8_t { kCount, kExclude, kStore };

struct ArbitrationDecision {
  std::string order_id;
  DecisionKind kind = DecisionKind::kCount;
  std::string store_code;  // kStore only
  std::string reason;
  std::string who;
  int64_t when = 0;  // UTC seconds
};

struct CloseoutInputs {
  const Campaign* campaign = nullptr;  // required; times UTC
  const TimeZone* zone = nullptr;      // required; the campaign's zone
  const Table* orders = nullptr;       // required (TableKind::kOrders)
  const Table* stores = nullptr;
  const Table* staff = nullptr;
  const Table* customers = nullptr;
  const Table* price_list = nullptr;
  const Table* blacklist = nullptr;
  const Table* corrections = nullptr;  // the campaign's store supplementary sheets
  const Table* exceptions = nullptr;   // the campaign's customer-service exception records
  std::vector<BlacklistEntry> extra_blacklist;
  std::vector<ArbitrationDecision> decisions;
  // Evaluated as declared, in this order. Must include campaign->settlement_definition.
  std::vector<MetricDefinition> definitions;
  int threads = 2;  // 1 or 2
  // Which evaluations keep per-order results (what bridges need): the definitions as declared
  // and the settlement definition cleaned, or every evaluation (raw and cleaned of each).
  enum class KeepOrders : uint8_t { kDeclared, kAll };
  KeepOrders keep_orders = KeepOrders::kDeclared;
  // Called after each stage with its name (collect, domains, cleaned, validate, dedup, fraud,
  // evaluate_settle_findings — the last three run side by side), so a benchmark can time the
  // stages and a caller holding the orders in mapped files can drop their pages between stages
  // (the columns must stay readable); may be empty.
  std::function<void(const char* stage)> on_stage;
};

}  // namespace pitwall::core::closeout
