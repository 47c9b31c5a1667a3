#include "core/winback/models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pitwall::core::winback {

namespace {
double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }
double yuan(Money m) { return double(m.fen()) / 100.0; }

// share × amount half up to the fen, as Rate::apply, without 128-bit division when the product
// fits in 64 bits (every realistic amount; scoring does this for each of millions of rows).
Money apply_share(Rate share, Money amount) {
  int64_t fen = amount.fen();
  int64_t basis = share.basis();
  if (fen >= 0 && basis >= 0 && fen < (int64_t{1} << 40) && basis <= (int64_t{1} << 20)) {
    return Money::from_fen((fen * basis + Rate::kScale / 2) / Rate::kScale);
  }
  return share.apply(amount);
}
}  // namespace

double round4(double x) {
  double r = double(to_basis(x)) / 10000.0;
  return r == 0 ? 0 : r;
}

Tier tier_of(const TierRules& rules, Money annual_value) {
  if (annual_value > rules.star_above) return Tier::kStar;
  if (annual_value >= rules.potential_from) return Tier::kPotential;
  if (annual_value >= rules.maintain_from) return Tier::kMaintain;
  return Tier::kBasic;
}

SuccessEstimate table_success(const SuccessRules& rules, const CustomerInput& in) {
  SuccessEstimate e;
  size_t band = 0;
  while (band < rules.months.size() && in.months_churned > rules.months[band]) ++band;
  e.base = rules.base[band];
  e.reason = rules.reason[static_cast<int>(in.reason)];
  e.influence = rules.influence[static_cast<int>(in.influence)];
  e.value = clamp01(e.base + e.reason + e.influence);
  return e;
}

RetentionEstimate table_retention(const RetentionRules& rules, const CustomerInput& in) {
  RetentionEstimate e;
  e.base = rules.base;
  e.bonus = in.reason == Reason::kService ? rules.service_bonus : 0.0;
  e.value = clamp01(e.base + e.bonus);
  return e;
}

double clv_yuan(Money annual_value, Rate margin, double retention, int64_t lifetime_years,
                Money acquisition_cost) {
  double yearly = yuan(annual_value) * margin.to_double();
  double factor = 1;
  double sum = 0;
  for (int64_t n = 0; n < lifetime_years; ++n) {
    sum += yearly * factor;
    factor *= retention;
  }
  return sum - yuan(acquisition_cost);
}

Caps compute_caps(const Programme& programme, Tier tier, const CustomerInput& in, double clv) {
  const TierRules& rules = programme.tiers;
  Caps caps;
  double years = double(programme.lifetime_years);
  caps.cap_per_year = std::max(0.0, clv * rules.clv_cap_share / years);
  bool koc = in.influence == Influence::kKoc;
  caps.koc_cap_per_year = koc ? std::max(0.0, clv * rules.koc_clv_cap_share / years) : kNaN;
  caps.hard_cap_share = rules.cap_share[static_cast<int>(tier)];
  bool deep_tier = std::find(rules.deep_churn_tiers.begin(), rules.deep_churn_tiers.end(), tier) !=
                   rules.deep_churn_tiers.end();
  if (deep_tier && in.months_churned > rules.deep_churn_months &&
      rules.deep_churn_cap_share > caps.hard_cap_share) {
    caps.hard_cap_share = rules.deep_churn_cap_share;
    caps.deep_churn = true;
  }
  caps.hard_cap = apply_share(caps.hard_cap_share, in.annual_value);
  double per_year = koc ? caps.koc_cap_per_year : caps.cap_per_year;
  // Whole yuan of the CLV cap; the 1e-9 absorbs representation error of an exact yuan figure.
  int64_t clv_yuan_floor = static_cast<int64_t>(std::floor(per_year + 1e-9));
  int64_t hard_yuan_floor = caps.hard_cap.fen() / 100;
  caps.total_yuan = std::max<int64_t>(0, std::min(clv_yuan_floor, hard_yuan_floor));
  return caps;
}

ScoreTerms decision_score(const ScoreRules& rules, Money annual_value, double success,
                          double retention, Influence influence) {
  ScoreTerms t;
  double value = std::min(double(annual_value.fen()) / double(rules.value_scale.fen()), 1.0);
  t.value = rules.value_weight * std::max(value, 0.0);
  t.success = rules.success_weight * success;
  t.retention = rules.retention_weight * retention;
  t.influence = rules.influence_weight * rules.influence_value[static_cast<int>(influence)];
  t.total = t.value + t.success + t.retention + t.influence;
  return t;
}

DecisionBand decision_band(const ScoreRules& rules, double score) {
  int64_t s = to_basis(score);
  if (s > to_basis(rules.high_above)) return DecisionBand::kHighPriority;
  if (s >= to_basis(rules.standard_from)) return DecisionBand::kStandard;
  if (s >= to_basis(rules.low_cost_from)) return DecisionBand::kLowCost;
  return DecisionBand::kDoNot;
}

double winback_roi(double clv, Money true_cost) {
  if (true_cost.fen() <= 0) {
    return clv > 0 ? std::numeric_limits<double>::infinity() : kNaN;
  }
  double cost = yuan(true_cost);
  return (clv - cost) / cost;
}

RoiBand roi_band(const RoiRules& rules, double roi) {
  if (std::isnan(roi)) return RoiBand::kDoNot;
  if (std::isinf(roi)) return roi > 0 ? RoiBand::kStrong : RoiBand::kDoNot;
  int64_t r = to_basis(roi);
  if (r > to_basis(rules.strong_above)) return RoiBand::kStrong;
  if (r >= to_basis(rules.recommend_from)) return RoiBand::kRecommend;
  if (r >= to_basis(rules.cautious_from)) return RoiBand::kCautious;
  return RoiBand::kDoNot;
}

double first_year_roi(Money annual_value, Money cost) {
  if (cost.fen() <= 0) return kNaN;
  return double((annual_value - cost).fen()) / double(cost.fen());
}

double effective_rate(double success, double retention) { return success * retention; }

double programme_roi(Money won_back_annual_value, double lifetime_years, double retention,
                     Money cost) {
  if (cost.fen() <= 0) return kNaN;
  double value = yuan(won_back_annual_value) * lifetime_years * retention;
  return (value - yuan(cost)) / yuan(cost);
}

TrueCost true_cost(std::span<const Money> explicit_items, std::span<const Money> hidden_items) {
  TrueCost c;
  for (Money m : explicit_items) c.explicit_total += m;
  for (Money m : hidden_items) c.hidden_total += m;
  c.total = c.explicit_total + c.hidden_total;
  c.overhead = c.explicit_total.fen() > 0
                   ? double(c.hidden_total.fen()) / double(c.explicit_total.fen())
                   : kNaN;
  return c;
}

Approver approver_for(const ApprovalRules& rules, Money amount) {
  if (amount < rules.store_manager_from) return Approver::kAuto;
  if (amount < rules.region_from) return Approver::kStoreManager;
  if (amount <= rules.director_above) return Approver::kRegionManager;
  return Approver::kDirector;
}

}  // namespace pitwall::core::winback
