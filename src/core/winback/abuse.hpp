#pragma once
// 羊毛党识别: the abuse risk score 0–100 = Σ weight × indicator score (winback.md "Abuse risk";
// indicator scoring in vectors.md). An unknown indicator (empty cell) scores 0: no evidence.
//
// Visits a year: at or above visits_normal 0, at or below visits_abuser 100, linear between
// (3 → 0, 2 → 50, 1 → 100). Spend pattern: cheapest-only share × 100. Booking lead: at or above
// booking_normal_days 0, at or below booking_abuser_days 100, linear between. Communication:
// asks only about offers 100. Personal data: incomplete or false 100.

#include "core/winback/customer.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::core::winback {

struct AbuseRisk {
  double score = 0;                     // 0–100
  double indicator[kIndicatorCount]{};  // each 0–100
  double weighted[kIndicatorCount]{};   // weight × indicator
  bool known[kIndicatorCount]{};        // the input was present
  bool suspected = false;               // score (4 decimals) above review_above: 疑似羊毛党
};

AbuseRisk abuse_risk(const AbuseRules& rules, const CustomerInput& in);

// Why a plan needs the store manager's in-person review (店长面审), as bits.
enum ReviewReason : uint8_t {
  kReviewRisk = 1,            // risk above the (possibly tightened) threshold
  kReviewHighValue = 2,       // plan total at or above approval.review_from
  kReviewVehicleAnomaly = 4,  // the churned file flags a vehicle-data anomaly
};

// Review reasons of a plan of `amount` for a customer with `risk`; `review_above` is 80, or the
// surge threshold (60) while an abuser surge is on.
uint8_t review_reasons(const Programme& programme, const AbuseRisk& risk, double review_above,
                       Money amount, bool vehicle_anomaly);

}  // namespace pitwall::core::winback
