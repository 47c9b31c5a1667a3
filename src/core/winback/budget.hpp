#pragma once
// Budget (预算) and the live monitor with its alerts (winback.md "Budget").
//
// Annual budget = ⌊⌊customers × churn rate⌋ × target win-back rate⌋ × average cost, the counts
// floored at each step in exact decimal arithmetic (vector W6); monthly = annual ÷ 12 floored to
// the fen, or budget.monthly_yuan when set; monthly target won back = ⌊annual target ÷ 12⌋ or
// budget.monthly_target.
//
// The monitor of a month, from the offers: spent = stage amounts released in the month; committed
// = unreleased stage amounts of offers approved in the month that are still open (approved, not
// closed); usage = (spent + committed) ÷ budget; days gone = the day of the month at `now` in the
// programme's time zone (a past month: all its days; a future month: 0 and no forecast); forecast
// = spent ÷ days gone × days in month (half up to the fen); overspend = forecast ÷ budget − 1.
//
// Alerts (异常预警) of the month:
//   cost overrun       usage > alerts.overrun_usage → approvals ≥ approval.review_from paused
//                      until next month or a director's override;
//   low efficiency     won back ÷ outcomes recorded in the month < alerts.low_success;
//   abuser surge       suspected abusers (risk > 80 at creation) ÷ offers created in the month >
//                      alerts.abuser_share, or won back in the month > surge multiple × monthly
//                      target → the review threshold drops to abuse.surge_review_above;
//   retention anomaly  not retained ÷ retention outcomes recorded in the month > alerts.rechurn.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/base/result.hpp"
#include "core/winback/offer.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::core::winback {

struct BudgetPlan {
  int64_t churned = 0;          // expected churned customers
  int64_t won_back_target = 0;  // a year
  Money annual;
  Money monthly;
  int64_t monthly_target = 0;
  bool monthly_given = false;  // budget.monthly_yuan replaced the formula
};
BudgetPlan budget_plan(const BudgetRules& rules);

struct YearMonth {
  int32_t year = 1970;
  int32_t month = 1;
  auto operator<=>(const YearMonth&) const = default;
};
// "2023-06"; errors name the text and the expected form.
Result<YearMonth> parse_year_month(std::string_view text);
std::string format_year_month(YearMonth m);
YearMonth month_of(int64_t at, const TimeZone& zone);

enum class AlertKind : uint8_t { kCostOverrun, kLowEfficiency, kAbuserSurge, kRetentionAnomaly };
inline constexpr int kAlertCount = 4;
std::string_view alert_token(AlertKind a);  // "cost_overrun", "low_efficiency", ...

struct Alert {
  AlertKind kind = AlertKind::kCostOverrun;
  bool active = false;
  double value = 0;      // the measured share or rate (NaN without data)
  double threshold = 0;  // the programme's threshold
};

// Counts of the month that the alerts and reports use.
struct MonthActivity {
  int64_t offers_created = 0;
  int64_t suspected_offers = 0;
  int64_t outcomes = 0;  // won-back outcomes recorded (won or not)
  int64_t won_back = 0;
  int64_t retention_outcomes = 0;
  int64_t not_retained = 0;
};

struct BudgetMonitor {
  YearMonth month;
  Money budget;
  Money spent;
  Money committed;
  Money remaining;  // budget − spent − committed
  double usage = 0;
  int32_t days_in_month = 0;
  int32_t days_gone = 0;
  int32_t days_left = 0;
  std::optional<Money> forecast;    // none for a future month or before any day is gone
  std::optional<double> overspend;  // forecast ÷ budget − 1
  int64_t monthly_target = 0;
  MonthActivity activity;
  Alert alerts[kAlertCount];
  bool overridden = false;  // a director overrode the overrun pause for the month
  // Large approvals are refused: cost overrun on and no override.
  bool large_paused() const { return alerts[0].active && !overridden; }
  // The in-person review threshold in force (80, or the surge threshold during a surge).
  double review_above = 80;
};

// The monitor of `month` over all offers. `overridden`: whether a director override exists.
BudgetMonitor monitor_month(const Programme& programme, std::span<const Offer> offers,
                            YearMonth month, int64_t now, const TimeZone& zone, bool overridden);

}  // namespace pitwall::core::winback
