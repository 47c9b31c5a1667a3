#include "core/winback/abuse.hpp"

#include <algorithm>
#include <cmath>

#include "core/winback/models.hpp"

namespace pitwall::core::winback {

namespace {
// 0 at or above `normal`, 100 at or below `abuser`, linear between.
double falling(double value, double normal, double abuser) {
  if (value >= normal) return 0;
  if (value <= abuser) return 100;
  return (normal - value) / (normal - abuser) * 100.0;
}
}  // namespace

AbuseRisk abuse_risk(const AbuseRules& rules, const CustomerInput& in) {
  AbuseRisk r;
  auto set = [&](Indicator i, bool known, double score) {
    int k = static_cast<int>(i);
    r.known[k] = known;
    r.indicator[k] = known ? score : 0;
    r.weighted[k] = rules.weight[k] * r.indicator[k];
  };
  set(Indicator::kVisits, !std::isnan(in.visits_per_year),
      falling(in.visits_per_year, rules.visits_normal, rules.visits_abuser));
  set(Indicator::kSpend, !std::isnan(in.cheapest_only_share),
      std::clamp(in.cheapest_only_share, 0.0, 1.0) * 100.0);
  set(Indicator::kBooking, !std::isnan(in.booking_lead_days),
      falling(in.booking_lead_days, rules.booking_normal_days, rules.booking_abuser_days));
  set(Indicator::kCommunication, in.offer_only_contact >= 0, in.offer_only_contact == 1 ? 100 : 0);
  set(Indicator::kData, in.info_complete >= 0, in.info_complete == 0 ? 100 : 0);
  for (double w : r.weighted) r.score += w;
  r.suspected = to_basis(r.score) > to_basis(rules.review_above);
  return r;
}

uint8_t review_reasons(const Programme& programme, const AbuseRisk& risk, double review_above,
                       Money amount, bool vehicle_anomaly) {
  uint8_t reasons = 0;
  if (to_basis(risk.score) > to_basis(review_above)) reasons |= kReviewRisk;
  if (amount.fen() > 0 && amount >= programme.approval.review_from) reasons |= kReviewHighValue;
  if (vehicle_anomaly) reasons |= kReviewVehicleAnomaly;
  return reasons;
}

}  // namespace pitwall::core::winback
