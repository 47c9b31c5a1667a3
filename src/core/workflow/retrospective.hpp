#pragma once
// Retrospective (复盘沉淀, closeout.md §11): the data assets a close-out leaves for the next
// campaign — the funnel and the customer value tiers reached. Lessons and the three
// recommendations are entered by people and kept by the caller.
//
// Funnel, in distinct customer ids:
//   reached   the campaign's audience (the audience import), else every customer of the
//             customers file (formats.md: "without it the campaign's audience is every customer
//             of the network");
//   visited   the stores' reported participants (sum of store-day `participants`);
//   ordered   customers with an order the cleaning kept (not excluded, not decided excluded);
//   paid      customers with an order counted under the cleaned settlement evaluation;
//   redeemed  customers with such a counted order that was redeemed (redeemed_at set).
// Tiers (winback.md "Value tiers"): the paying customers by the annual value of the customers
// file: star > 8000, potential 4000–8000, maintain 2000–<4000, basic < 2000 yuan; "unknown"
// when the customers file gives none.

#include <cstdint>
#include <string>
#include <vector>

#include "core/closeout/result.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::workflow {

struct Funnel {
  int64_t reached = 0;
  bool reached_from_audience = false;  // false: every customer of the customers file
  int64_t visited = 0;
  int64_t ordered = 0;
  int64_t paid = 0;
  int64_t redeemed = 0;
};

struct TierCount {
  std::string tier;  // star | potential | maintain | basic | unknown
  int64_t customers = 0;
  int64_t amount_fen = 0;  // their counted amount under the settlement definition
};

struct RetrospectiveInputs {
  const closeout::RunResult* run = nullptr;
  const Table* orders = nullptr;     // the run's orders table
  const Table* audience = nullptr;   // may be null
  const Table* customers = nullptr;  // may be null
  const Table* store_day = nullptr;  // may be null
};

Funnel compute_funnel(const RetrospectiveInputs& in);
// The five tiers in the order star, potential, maintain, basic, unknown.
std::vector<TierCount> tiers_reached(const RetrospectiveInputs& in);
// "star" ... "basic" of an annual value in fen.
std::string_view value_tier(int64_t annual_value_fen);

}  // namespace pitwall::core::workflow
