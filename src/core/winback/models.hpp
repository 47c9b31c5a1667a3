#pragma once
// The win-back models of winback.md "Models", one function each: tier, success probability and
// 1-year retention by the tables, CLV, spend caps, first-year and win-back ROI, decision score,
// the bands, true cost, effective win-back rate and the true programme ROI.
//
// Model values are double; money that moves is Money. Scores and ROI are rounded to 4 decimals
// before they are banded (band comparisons are on integer ten-thousandths, so 0.7 is exactly
// 0.7). A plan total is rounded down to the yuan.

#include <cstdint>
#include <span>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/types.hpp"

namespace pitwall::core::winback {

// x rounded half away from zero to 4 decimals, as an integer number of ten-thousandths (inline:
// scoring calls it a dozen times a row). NaN gives 0; beyond ±9.2e14 saturates.
inline int64_t to_basis(double x) {
  double v = x * 10000.0;
  if (!(v > -9.2e18 && v < 9.2e18)) return v > 0 ? INT64_MAX : (v < 0 ? INT64_MIN : 0);
  return v >= 0 ? int64_t(v + 0.5) : -int64_t(-v + 0.5);
}
// x rounded half away from zero to 4 decimals.
double round4(double x);

// Tier by annual value: star > star_above, potential from potential_from up to star_above
// inclusive, maintain from maintain_from below potential_from, basic below.
Tier tier_of(const TierRules& rules, Money annual_value);

// 挽回成功概率 by the table: base by months churned + reason + influence, clamped to [0, 1].
struct SuccessEstimate {
  double value = 0;
  double base = 0;       // by months churned
  double reason = 0;     // reason adjustment
  double influence = 0;  // influence adjustment
  ModelKind model = ModelKind::kTable;
};
SuccessEstimate table_success(const SuccessRules& rules, const CustomerInput& in);

// 1-year retention by the table: base + service bonus when the reason is `service`, in [0, 1].
struct RetentionEstimate {
  double value = 0;
  double base = 0;
  double bonus = 0;
  ModelKind model = ModelKind::kTable;
};
RetentionEstimate table_retention(const RetentionRules& rules, const CustomerInput& in);

// CLV (yuan) = Σ_{n=0}^{L−1} annual × margin × r^n − acquisition cost.
double clv_yuan(Money annual_value, Rate margin, double retention, int64_t lifetime_years,
                Money acquisition_cost);

// Spend caps (winback.md "Recommended spend cap per year" and "Hard cap").
struct Caps {
  double cap_per_year = 0;      // CLV × clv_cap_share ÷ L (yuan)
  double koc_cap_per_year = 0;  // CLV × koc_clv_cap_share ÷ L (yuan); NaN unless KOC
  Rate hard_cap_share;          // tier share, or the deep-churn share
  Money hard_cap;               // hard_cap_share × annual value, half up to the fen
  bool deep_churn = false;      // the deep-churn exception raised the share
  int64_t total_yuan = 0;  // min(cap per year — the KOC one for a KOC —, hard cap), floored
};
Caps compute_caps(const Programme& programme, Tier tier, const CustomerInput& in, double clv);

// 挽回决策得分 = w_v × min(annual ÷ scale, 1) + w_s × success + w_r × retention + w_i × influence.
struct ScoreTerms {
  double value = 0;
  double success = 0;
  double retention = 0;
  double influence = 0;
  double total = 0;
};
ScoreTerms decision_score(const ScoreRules& rules, Money annual_value, double success,
                          double retention, Influence influence);
DecisionBand decision_band(const ScoreRules& rules, double score);

// Win-back ROI = (CLV − true cost) ÷ true cost; +inf (or NaN for CLV 0) when the cost is 0.
double winback_roi(double clv, Money true_cost);
RoiBand roi_band(const RoiRules& rules, double roi);
// First-year ROI = (annual value − cost) ÷ cost (the seed's tier tables, vector W3).
double first_year_roi(Money annual_value, Money cost);

// 有效挽回率 = success × 1-year retention.
double effective_rate(double success, double retention);

// True programme ROI = (won-back annual value × lifetime × retention − cost) ÷ cost.
double programme_roi(Money won_back_annual_value, double lifetime_years, double retention,
                     Money cost);

// 真实挽回成本 = explicit + hidden; overhead = hidden ÷ explicit (W9: +49.4%).
struct TrueCost {
  Money explicit_total;
  Money hidden_total;
  Money total;
  double overhead = 0;  // NaN when explicit is 0
};
TrueCost true_cost(std::span<const Money> explicit_items, std::span<const Money> hidden_items);

// 分级审批: < store_manager_from auto; up to region_from store manager; up to director_above
// inclusive region manager; above director (vector W7).
Approver approver_for(const ApprovalRules& rules, Money amount);

}  // namespace pitwall::core::winback
