#include "io/report/winback_json.hpp"

#include <cmath>

#include "core/winback/plan.hpp"

namespace pitwall::io {

namespace {
namespace wb = core::winback;

Json r4(double v) { return Json::rounded(v, 4); }
Json yuan(double v) { return Json::rounded(v, 2); }
Json money_yuan(core::Money m) { return Json::rounded(double(m.fen()) / 100.0, 2); }

Json success_json(const wb::SuccessEstimate& s) {
  Json j = Json::object();
  j.set("model", wb::model_kind_token(s.model));
  if (s.model == wb::ModelKind::kTable) {
    j.set("base", r4(s.base)).set("reason", r4(s.reason)).set("influence", r4(s.influence));
  }
  return j;
}

Json retention_json(const wb::RetentionEstimate& r) {
  Json j = Json::object();
  j.set("model", wb::model_kind_token(r.model));
  if (r.model == wb::ModelKind::kTable) j.set("base", r4(r.base)).set("service_bonus", r4(r.bonus));
  return j;
}

Json clv_json(const wb::Programme& p, const wb::CustomerInput& in, const wb::Evaluation& e) {
  Json j = Json::object();
  double yearly = double(in.annual_value.fen()) / 100.0 * in.margin.to_double();
  j.set("annual_margin_yuan", yuan(yearly)).set("retention", r4(e.retention.value));
  Json factors = Json::array();
  double f = 1;
  for (int64_t n = 0; n < p.lifetime_years; ++n, f *= e.retention.value) factors.push(Json(f));
  j.set("factors", std::move(factors)).set("lifetime_years", p.lifetime_years);
  j.set("acquisition_cost_yuan", money_yuan(p.acquisition_cost));
  return j;
}

Json score_terms_json(const wb::ScoreTerms& t) {
  Json j = Json::object();
  j.set("value", r4(t.value)).set("success", r4(t.success)).set("retention", r4(t.retention));
  j.set("influence", r4(t.influence));
  return j;
}

Json abuse_json(const wb::Programme& p, const wb::AbuseRisk& a) {
  Json j = Json::object();
  j.set("risk", r4(a.score)).set("suspected", a.suspected);
  Json indicators = Json::array();
  for (int i = 0; i < wb::kIndicatorCount; ++i) {
    Json ind = Json::object();
    ind.set("indicator", wb::indicator_token(wb::Indicator(i)));
    ind.set("known", a.known[i]).set("score", r4(a.indicator[i]));
    ind.set("weight", r4(p.abuse.weight[i])).set("weighted", r4(a.weighted[i]));
    indicators.push(std::move(ind));
  }
  j.set("indicators", std::move(indicators));
  return j;
}

Json sign_off_view(const std::optional<wb::SignOff>& s, const core::TimeZone& zone) {
  if (!s) return Json();
  Json j = Json::object();
  j.set("by", s->by).set("role", s->role).set("at", core::format_local_iso(s->at, zone));
  if (!s->note.empty()) j.set("note", s->note);
  return j;
}
}  // namespace

std::string_view attachment_token(wb::Approver a) {
  switch (a) {
    case wb::Approver::kAuto:
      return "";
    case wb::Approver::kStoreManager:
      return "customer_value_statement";
    case wb::Approver::kRegionManager:
      return "roi_analysis";
    case wb::Approver::kDirector:
      return "full_plan_roi_justification";
  }
  return "";
}

Json review_reasons_json(uint8_t bits) {
  Json j = Json::array();
  if (bits & wb::kReviewRisk) j.push("risk");
  if (bits & wb::kReviewHighValue) j.push("high_value");
  if (bits & wb::kReviewVehicleAnomaly) j.push("vehicle_anomaly");
  return j;
}

Json plan_json(const wb::Programme& p, const wb::Evaluation& e) {
  Json j = Json::object();
  j.set("total_yuan", e.plan_total_yuan).set("gate", wb::plan_gate_token(e.gate));
  j.set("approach", wb::decision_band_token(e.band));
  wb::Plan plan = wb::make_plan(p, e.tier, core::Money::from_yuan(e.plan_total_yuan));
  j.set("service_yuan", money_yuan(plan.service)).set("cash_yuan", money_yuan(plan.cash));
  Json components = Json::array();
  for (const auto& c : plan.components) {
    Json item = Json::object();
    item.set("name", c.name).set("account", c.account).set("kind", c.kind);
    item.set("amount_yuan", money_yuan(c.amount));
    components.push(std::move(item));
  }
  j.set("components", std::move(components));
  Json stages = Json::array();
  for (size_t i = 0; i < plan.stages.size(); ++i) {
    Json s = Json::object();
    s.set("stage", wb::stage_token(i)).set("share", p.plan.release_shares[i].to_string());
    s.set("amount_yuan", money_yuan(plan.stages[i]));
    stages.push(std::move(s));
  }
  j.set("stages", std::move(stages));
  bool has_plan = e.plan_total_yuan > 0;
  j.set("approver", has_plan ? Json(wb::approver_token(e.approver)) : Json());
  j.set("attachment", has_plan ? Json(attachment_token(e.approver)) : Json());
  j.set("review_required", e.review != 0).set("review_reasons", review_reasons_json(e.review));
  return j;
}

Json customer_json(const wb::Programme& p, const wb::CustomerInput& in, const wb::Evaluation& e,
                   Detail detail) {
  bool derive = detail == Detail::kDerivation;
  Json j = Json::object();
  j.set("tier", wb::tier_token(e.tier));
  j.set("success", r4(e.success.value));
  if (derive) j.set("success_derivation", success_json(e.success));
  j.set("retention", r4(e.retention.value));
  if (derive) j.set("retention_derivation", retention_json(e.retention));
  j.set("clv_yuan", yuan(e.clv));
  if (derive) j.set("clv_derivation", clv_json(p, in, e));
  j.set("cap_per_year_yuan", yuan(e.caps.cap_per_year));
  if (in.influence == wb::Influence::kKoc) {
    j.set("koc_cap_per_year_yuan", yuan(e.caps.koc_cap_per_year));
  }
  j.set("hard_cap_yuan", money_yuan(e.caps.hard_cap));
  if (derive) {
    j.set("hard_cap_share", e.caps.hard_cap_share.to_string()).set("deep_churn", e.caps.deep_churn);
  }
  j.set("score", r4(e.score.total));
  if (derive) j.set("score_terms", score_terms_json(e.score));
  j.set("band", wb::decision_band_token(e.band));
  j.set("roi", std::isfinite(e.roi) ? r4(e.roi) : Json())
      .set("roi_band", wb::roi_band_token(e.roi_band));
  j.set("true_cost_yuan", money_yuan(e.true_cost))
      .set("hidden_cost_yuan", money_yuan(e.hidden_cost));
  j.set("first_year_roi", r4(e.first_year_roi)).set("target_roi", r4(e.target_roi));
  j.set("effective_rate", r4(e.effective_rate));
  j.set("abuse", abuse_json(p, e.abuse));
  j.set("plan", plan_json(p, e));
  return j;
}

Json calibration_json(const wb::Calibration& c) {
  auto fit_json = [&](const wb::ModelFit& f) {
    Json j = Json::object();
    j.set("model", wb::model_kind_token(f.used));
    if (f.used == wb::ModelKind::kTable) j.set("table_reason", f.table_reason);
    j.set("rows", f.rows).set("positives", f.positives).set("train_rows", f.train_rows);
    j.set("holdout_rows", f.holdout_rows);
    if (f.used == wb::ModelKind::kCalibrated) {
      j.set("method", "logistic regression, Newton-Raphson with ridge; held out by customer id");
      j.set("converged", f.converged).set("iterations", int64_t(f.iterations));
      j.set("holdout_log_loss", r4(f.holdout_log_loss)).set("holdout_auc", r4(f.holdout_auc));
      j.set("table_log_loss", r4(f.table_log_loss)).set("table_auc", r4(f.table_auc));
      Json coefficients = Json::object();
      for (size_t i = 0; i < f.model.coefficients.size() && i < c.features.size(); ++i) {
        coefficients.set(c.features[i], r4(f.model.coefficients[i]));
      }
      j.set("coefficients", std::move(coefficients));
    }
    return j;
  };
  Json j = Json::object();
  j.set("success", fit_json(c.success)).set("retention", fit_json(c.retention));
  return j;
}

Json score_summary_json(const wb::ScoreSummary& s) {
  Json j = Json::object();
  j.set("customers", s.customers);
  Json bands = Json::object();
  for (int i = 0; i < wb::kDecisionBandCount; ++i) {
    bands.set(wb::decision_band_token(wb::DecisionBand(i)), s.by_band[i]);
  }
  Json tiers = Json::object();
  for (int i = 0; i < wb::kTierCount; ++i) tiers.set(wb::tier_token(wb::Tier(i)), s.by_tier[i]);
  Json roi = Json::object();
  for (int i = 0; i < wb::kRoiBandCount; ++i) {
    roi.set(wb::roi_band_token(wb::RoiBand(i)), s.by_roi_band[i]);
  }
  Json approvers = Json::object();
  for (int i = 0; i < wb::kApproverCount; ++i) {
    approvers.set(wb::approver_token(wb::Approver(i)), s.by_approver[i]);
  }
  j.set("by_band", std::move(bands)).set("by_tier", std::move(tiers));
  j.set("by_roi_band", std::move(roi)).set("by_approver", std::move(approvers));
  j.set("with_plan", s.with_plan).set("plan_total_yuan", s.plan_total_yuan);
  j.set("suspected", s.suspected).set("review", s.review).set("blacklisted", s.blacklisted);
  return j;
}

Json budget_plan_json(const wb::BudgetPlan& b) {
  Json j = Json::object();
  j.set("churned", b.churned).set("won_back_target", b.won_back_target);
  j.set("annual_fen", b.annual.fen()).set("monthly_fen", b.monthly.fen());
  j.set("monthly_target", b.monthly_target).set("monthly_given", b.monthly_given);
  return j;
}

Json monitor_json(const wb::BudgetMonitor& m) {
  Json j = Json::object();
  j.set("month", wb::format_year_month(m.month)).set("budget_fen", m.budget.fen());
  j.set("spent_fen", m.spent.fen()).set("committed_fen", m.committed.fen());
  j.set("remaining_fen", m.remaining.fen()).set("usage", r4(m.usage));
  j.set("days_in_month", int64_t(m.days_in_month)).set("days_gone", int64_t(m.days_gone));
  j.set("days_left", int64_t(m.days_left));
  j.set("forecast_fen", m.forecast ? Json(m.forecast->fen()) : Json());
  j.set("forecast_overspend", m.overspend ? r4(*m.overspend) : Json());
  j.set("forecast_overspend_fen", m.forecast ? Json((*m.forecast - m.budget).fen()) : Json());
  j.set("monthly_target", m.monthly_target);
  const auto& a = m.activity;
  Json activity = Json::object();
  activity.set("offers_created", a.offers_created).set("suspected_offers", a.suspected_offers);
  activity.set("outcomes", a.outcomes).set("won_back", a.won_back);
  activity.set("retention_outcomes", a.retention_outcomes).set("not_retained", a.not_retained);
  j.set("activity", std::move(activity));
  Json alerts = Json::array();
  for (const auto& alert : m.alerts) {
    Json item = Json::object();
    item.set("alert", wb::alert_token(alert.kind)).set("active", alert.active);
    item.set("value", r4(alert.value)).set("threshold", r4(alert.threshold));
    alerts.push(std::move(item));
  }
  j.set("alerts", std::move(alerts));
  j.set("large_approvals_paused", m.large_paused()).set("overridden", m.overridden);
  j.set("review_above", r4(m.review_above));
  return j;
}

Json offer_view_json(const wb::Offer& o, const core::TimeZone& zone) {
  Json j = Json::object();
  j.set("id", o.id).set("customer_id", o.customer_id).set("store_code", o.store_code);
  j.set("region", o.region).set("status", wb::offer_status_token(o.status));
  j.set("amount_fen", o.amount.fen()).set("programme", o.programme).set("arm", o.arm);
  j.set("tier", wb::tier_token(o.tier)).set("band", wb::decision_band_token(o.band));
  j.set("score", r4(o.score)).set("risk", r4(o.risk)).set("suspected", o.suspected);
  j.set("approver", wb::approver_token(o.approver));
  j.set("attachment", attachment_token(o.approver));
  j.set("review_reasons", review_reasons_json(o.review));
  j.set("created", sign_off_view(o.created, zone));
  j.set("approval", sign_off_view(o.approval, zone));
  j.set("in_person_review", sign_off_view(o.in_person_review, zone));
  j.set("rejection", sign_off_view(o.rejection, zone));
  Json stages = Json::array();
  for (size_t i = 0; i < o.stages.size(); ++i) {
    Json s = Json::object();
    s.set("stage", wb::stage_token(i)).set("amount_fen", o.stages[i].amount.fen());
    s.set("released", sign_off_view(o.stages[i].released, zone));
    stages.push(std::move(s));
  }
  j.set("stages", std::move(stages));
  j.set("won_back", o.won_back ? Json(*o.won_back) : Json());
  j.set("retained", o.retained ? Json(*o.retained) : Json());
  return j;
}

}  // namespace pitwall::io
