#include "core/winback/customer.hpp"

#include "core/base/check.hpp"

namespace pitwall::core::winback {

CustomerInput read_customer(const Table& table, size_t row, const Programme& programme) {
  PW_CHECK(table.kind == TableKind::kChurned || table.kind == TableKind::kWinbackHistory,
           "read_customer needs a churned or win-back history table");
  using namespace churned;
  CustomerInput in;
  int64_t annual = table.i64(kAnnualValue, row);
  in.annual_value = Money::from_fen(annual == kNoFen ? 0 : annual);
  int32_t margin = table.i32(kMargin, row);
  in.margin = margin == kNoSmall ? programme.default_margin : Rate::from_basis(margin);
  double months = table.f64(kMonthsChurned, row);
  in.months_churned = std::isnan(months) ? 0 : months;
  int32_t reason = table.i32(kReason, row);
  if (reason >= 0 && reason < kReasonCount) in.reason = Reason(reason);
  in.satisfaction = table.f64(kSatisfaction, row);
  int32_t influence = table.i32(kInfluence, row);
  if (influence >= 0 && influence < kInfluenceCount) in.influence = Influence(influence);
  in.visits_per_year = table.f64(kVisitsPerYear, row);
  int32_t cheapest = table.i32(kCheapestOnlyShare, row);
  if (cheapest != kNoSmall) in.cheapest_only_share = double(cheapest) / Rate::kScale;
  in.booking_lead_days = table.f64(kBookingLeadDays, row);
  int32_t offer_only = table.i32(kOfferOnlyContact, row);
  if (offer_only != kNoSmall) in.offer_only_contact = offer_only ? 1 : 0;
  int32_t complete = table.i32(kInfoComplete, row);
  if (complete != kNoSmall) in.info_complete = complete ? 1 : 0;
  int32_t anomaly = table.i32(kVehicleAnomaly, row);
  in.vehicle_anomaly = anomaly != kNoSmall && anomaly != 0;
  return in;
}

}  // namespace pitwall::core::winback
