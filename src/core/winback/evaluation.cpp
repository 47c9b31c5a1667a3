#include "core/winback/evaluation.hpp"

#include <algorithm>
#include <array>

#include "core/base/check.hpp"

namespace pitwall::core::winback {

std::string_view plan_gate_token(PlanGate g) {
  switch (g) {
    case PlanGate::kProposed:
      return "proposed";
    case PlanGate::kLowCostCapped:
      return "low_cost_capped";
    case PlanGate::kDoNot:
      return "do_not";
    case PlanGate::kBlacklisted:
      return "blacklisted";
  }
  return "proposed";
}

namespace {
constexpr int kMaxFeatures = 32;

void apply_calibration(const Programme& programme, const CustomerInput& in,
                       const Calibration& calibration, Evaluation& e) {
  bool success = calibration.success.used == ModelKind::kCalibrated;
  bool retention = calibration.retention.used == ModelKind::kCalibrated;
  if (!success && !retention) return;
  std::array<double, kMaxFeatures> features;
  PW_CHECK(feature_count(programme) <= kMaxFeatures, "too many features");
  fill_features(programme, in, features.data());
  if (success) {
    e.success.value = calibration.success.model.predict(features.data());
    e.success.model = ModelKind::kCalibrated;
  }
  if (retention) {
    e.retention.value = calibration.retention.model.predict(features.data());
    e.retention.model = ModelKind::kCalibrated;
  }
}
}  // namespace

Evaluation evaluate(const Programme& programme, const CustomerInput& in,
                    const EvaluationOptions& options) {
  Evaluation e;
  e.tier = tier_of(programme.tiers, in.annual_value);
  e.success = table_success(programme.success, in);
  e.retention = table_retention(programme.retention, in);
  if (options.calibration) apply_calibration(programme, in, *options.calibration, e);
  e.clv = clv_yuan(in.annual_value, in.margin, e.retention.value, programme.lifetime_years,
                   programme.acquisition_cost);
  e.caps = compute_caps(programme, e.tier, in, e.clv);
  e.score = decision_score(programme.score, in.annual_value, e.success.value, e.retention.value,
                           in.influence);
  e.band = decision_band(programme.score, e.score.total);
  int64_t total = e.caps.total_yuan;
  if (options.blacklisted) {
    e.gate = PlanGate::kBlacklisted;
  } else if (e.band == DecisionBand::kDoNot) {
    e.gate = PlanGate::kDoNot;
  } else if (e.band == DecisionBand::kLowCost && total > programme.plan.low_cost_max.fen() / 100) {
    e.gate = PlanGate::kLowCostCapped;
    total = programme.plan.low_cost_max.fen() / 100;
  }
  bool has_plan = e.gate == PlanGate::kProposed || e.gate == PlanGate::kLowCostCapped;
  e.plan_total_yuan = has_plan ? total : 0;
  e.hidden_cost = options.hidden_cost ? *options.hidden_cost : programme.hidden_cost_per_case();
  e.true_cost = Money::from_yuan(total) + e.hidden_cost;
  e.roi = winback_roi(e.clv, e.true_cost);
  e.roi_band = roi_band(programme.roi, e.roi);
  e.target_roi = programme.tiers.target_roi[static_cast<int>(e.tier)];
  e.first_year_roi = first_year_roi(in.annual_value, e.true_cost);
  e.effective_rate = effective_rate(e.success.value, e.retention.value);
  e.abuse = abuse_risk(programme.abuse, in);
  Money amount = Money::from_yuan(e.plan_total_yuan);
  e.approver = approver_for(programme.approval, amount);
  e.review = has_plan ? review_reasons(programme, e.abuse, options.review_above, amount,
                                       in.vehicle_anomaly)
                      : 0;
  return e;
}

}  // namespace pitwall::core::winback
