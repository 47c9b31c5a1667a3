#pragma once
// Reports of the win-back desk (winback.md "Reports"): the monthly analysis, the quarterly ROI
// audit with its six health standards, cohorts by churn duration, and experiments comparing
// incentive arms.
//
// Sources. Monthly and quarterly reports read the offers (they have dates): an offer counts in
// the period of the event — created, stage released, won-back outcome, retention outcome. Cohorts
// and experiments read attempts: the rows of the imported win-back history plus every offer with
// a won-back outcome.
//
// Cost. Explicit cost is what was released (offers) or the history's cost column; true cost adds
// the programme's hidden cost per case (`[cost]`) for every offer created (or history attempt).
// ROI figures are the true programme ROI = (won-back annual value × lifetime × retention − true
// cost) ÷ true cost, with the observed 1-year retention where any is recorded, else the mean
// model retention of the won-back customers.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/table.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/offer.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/stats.hpp"

namespace pitwall::core::winback {

// --- Monthly report (月度挽回分析) ---

struct TierLine {
  int64_t offers = 0;
  int64_t won_back = 0;
  Money spent;
  Money average;  // spent ÷ won back, half up to the fen (0 when none)
};

struct MonthlyReport {
  BudgetMonitor monitor;  // budget, spend, activity and alerts (problems and actions)
  int64_t target = 0;
  int64_t won_back = 0;
  double completion = 0;  // won back ÷ target (NaN without a target)
  Money explicit_cost;    // released in the month
  Money average_cost;     // explicit ÷ won back (W11)
  Money hidden_cost;      // hidden per case × offers created
  Money true_cost;
  double retention_used = 0;
  bool retention_observed = false;
  double estimated_roi = 0;  // NaN without cost
  TierLine tiers[kTierCount];
};

MonthlyReport monthly_report(const Programme& programme, std::span<const Offer> offers,
                             YearMonth month, int64_t now, const TimeZone& zone, bool overridden);

// Average cost per won-back customer: cost ÷ count, half up to the fen (W11); 0 when none.
Money average_cost(Money cost, int64_t count);

// --- Quarterly audit (季度ROI审计) ---

struct Quarter {
  int32_t year = 1970;
  int32_t quarter = 1;  // 1..4
};
// "2023-Q2"
Result<Quarter> parse_quarter(std::string_view text);
std::string format_quarter(Quarter q);

enum class Health : uint8_t { kPass, kFail, kNoData };
std::string_view health_token(Health h);  // "pass", "fail", "no_data"

enum class Standard : uint8_t {
  kCostVsBudget,
  kSuccess,
  kRetention,
  kHighValueShare,
  kAbuserShare,
  kRoi
};
inline constexpr int kStandardCount = 6;
std::string_view standard_token(Standard s);  // "cost_vs_budget", "success_rate", ...

struct HealthCheck {
  Standard standard = Standard::kCostVsBudget;
  double value = 0;
  double threshold = 0;
  Health result = Health::kNoData;
};

struct QuarterlyAudit {
  Quarter quarter;
  Money budget;  // 3 × monthly budget
  Money explicit_cost;
  Money hidden_cost;
  Money true_cost;
  int64_t offers = 0;
  int64_t outcomes = 0;
  int64_t won_back = 0;
  int64_t retention_outcomes = 0;
  int64_t retained = 0;
  int64_t high_value_won = 0;
  int64_t suspected_won = 0;
  Money won_back_annual_value;
  double retention_used = 0;
  bool retention_observed = false;
  HealthCheck checks[kStandardCount];
};

QuarterlyAudit quarterly_audit(const Programme& programme, std::span<const Offer> offers,
                               Quarter quarter, const TimeZone& zone);

// --- Attempts: history rows and decided offers ---

struct Attempt {
  std::string arm;
  Tier tier = Tier::kBasic;
  double months_churned = 0;
  Money annual_value;
  Money explicit_cost;
  bool won_back = false;
  std::optional<bool> retained;  // known only for won-back attempts
  double model_retention = 0;    // the table (history) or the offer's retention at creation
};

std::vector<Attempt> attempts_from_history(const Programme& programme, const Table& history);
std::vector<Attempt> attempts_from_offers(std::span<const Offer> offers);

// --- Cohorts by churn duration (Xpeng table) ---

struct Cohort {
  double months_from = 0;  // exclusive (0 for the first: inclusive)
  double months_to = 0;    // inclusive; +inf for the last
  int64_t attempts = 0;
  int64_t won_back = 0;
  int64_t retention_known = 0;
  int64_t retained = 0;
  double success = 0;    // won ÷ attempts
  double retention = 0;  // retained ÷ retention known (NaN when none)
  Money true_cost;
  Money won_back_annual_value;
  double effective_roi = 0;
};

// One cohort per band of success.months (≤ 3, 3–6, 6–12, > 12 by default).
std::vector<Cohort> cohorts(const Programme& programme, std::span<const Attempt> attempts);

// --- Experiments ---

struct ArmResult {
  std::string arm;
  int64_t attempts = 0;
  int64_t won_back = 0;
  int64_t retention_known = 0;
  int64_t retained = 0;
  int64_t effective_known = 0;  // attempts whose effective outcome is known
  double success = 0;
  Interval success_ci;
  double retention = 0;
  Interval retention_ci;
  double effective = 0;   // success × retention
  Interval effective_ci;  // Wilson, of won-and-retained among attempts whose outcome is known
  Money average_cost;     // explicit cost per attempt
};

struct ArmComparison {
  std::string arm;
  std::string against;  // the baseline of the arm's trial
  ZTest success;
  ZTest retention;
  ZTest effective;  // on won-and-retained among attempts whose outcome is known
};

struct ExperimentReport {
  std::vector<ArmResult> arms;  // sorted by arm name
  std::string baseline;         // the baseline asked for, else the first arm by name
  // Every other arm against the baseline of its own trial, in arm order.
  std::vector<ArmComparison> comparisons;
};

// The trial an arm belongs to (winback.md "Experiments"; the seed runs two): the incentive trial
// of cash, gift, service and mixed, and the release trial of one_shot and three_step. Any other
// arm is in one trial with the other arms neither names.
std::string_view trial_of(std::string_view arm);

// Arms of the attempts (only those in `only` when it is not empty), each compared only with the
// baseline of its own trial: `baseline` for the trial it is in, the first arm by name for every
// other trial (and for all when `baseline` is empty). Errors: kNotFound when the baseline or an
// arm of `only` has no attempts.
Result<ExperimentReport> experiments(std::span<const Attempt> attempts,
                                     std::span<const std::string> only, std::string baseline);

}  // namespace pitwall::core::winback
