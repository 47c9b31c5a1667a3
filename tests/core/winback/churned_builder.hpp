#pragma once
// Builds churned and win-back history tables by hand for the win-back tests.

#include <cmath>
#include <string>

#include "core/model/table.hpp"

namespace pitwall::core::winback::testing {

struct ChurnedRow {
  std::string customer_id = "C1";
  std::string store_code = "S001";
  int64_t annual_fen = 600'000;
  int32_t margin_basis = 5000;
  double months = 4;
  int32_t reason = 0;  // service
  double satisfaction = 5;
  int32_t influence = 2;  // regular
  double visits = std::nan("");
  int32_t cheapest_basis = kNoSmall;
  double booking = std::nan("");
  int32_t offer_only = kNoSmall;
  int32_t info_complete = kNoSmall;
  int32_t anomaly = kNoSmall;
  // History only.
  std::string arm = "three_step";
  int64_t cost_fen = 0;
  int32_t won_back = 0;
  int32_t retained = kNoSmall;
};

inline void add_row(Table& t, const ChurnedRow& r) {
  using namespace churned;
  t.columns[kCustomerId].push_text(t.pool.intern(r.customer_id));
  t.columns[kStoreCode].push_text(t.pool.intern(r.store_code));
  t.columns[kAnnualValue].push_i64(r.annual_fen);
  t.columns[kMargin].push_i32(r.margin_basis);
  t.columns[kMonthsChurned].push_f64(r.months);
  t.columns[kReason].push_i32(r.reason);
  t.columns[kSatisfaction].push_f64(r.satisfaction);
  t.columns[kInfluence].push_i32(r.influence);
  t.columns[kVisitsPerYear].push_f64(r.visits);
  t.columns[kCheapestOnlyShare].push_i32(r.cheapest_basis);
  t.columns[kBookingLeadDays].push_f64(r.booking);
  t.columns[kOfferOnlyContact].push_i32(r.offer_only);
  t.columns[kInfoComplete].push_i32(r.info_complete);
  t.columns[kVehicleAnomaly].push_i32(r.anomaly);
  if (t.kind == TableKind::kWinbackHistory) {
    t.columns[winback_history::kArm].push_text(t.pool.intern(r.arm));
    t.columns[winback_history::kCost].push_i64(r.cost_fen);
    t.columns[winback_history::kWonBack].push_i32(r.won_back);
    t.columns[winback_history::kRetained1y].push_i32(r.retained);
  }
  t.lines.push_back(int64_t(t.rows()) + 2);
  t.batches.push_back(1);
}

}  // namespace pitwall::core::winback::testing
