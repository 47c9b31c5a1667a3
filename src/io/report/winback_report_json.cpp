// The report parts of winback_json.hpp: monthly, quarterly audit, cohorts, experiments.
#include <cmath>

#include "io/report/winback_json.hpp"

namespace pitwall::io {

namespace {
namespace wb = core::winback;

Json r4(double v) { return Json::rounded(v, 4); }

Json interval_json(const wb::Interval& i) {
  Json j = Json::array();
  j.push(r4(i.low)).push(r4(i.high));
  return j;
}

Json z_test_json(const wb::ZTest& t) {
  Json j = Json::object();
  j.set("difference", r4(t.difference));
  j.set("z", t.defined ? r4(t.z) : Json()).set("p_value", t.defined ? r4(t.p_value) : Json());
  j.set("significant", t.significant);
  return j;
}
}  // namespace

Json monthly_json(const wb::MonthlyReport& r) {
  Json j = Json::object();
  j.set("month", wb::format_year_month(r.monitor.month));
  j.set("target", r.target).set("won_back", r.won_back).set("completion", r4(r.completion));
  j.set("explicit_cost_fen", r.explicit_cost.fen()).set("average_cost_fen", r.average_cost.fen());
  j.set("hidden_cost_fen", r.hidden_cost.fen()).set("true_cost_fen", r.true_cost.fen());
  j.set("retention_used", r4(r.retention_used));
  j.set("retention_basis", r.retention_observed ? "observed" : "model");
  j.set("estimated_roi", r4(r.estimated_roi));
  Json tiers = Json::array();
  for (int t = 0; t < wb::kTierCount; ++t) {
    const wb::TierLine& line = r.tiers[t];
    Json item = Json::object();
    item.set("tier", wb::tier_token(wb::Tier(t))).set("offers", line.offers);
    item.set("won_back", line.won_back).set("spent_fen", line.spent.fen());
    item.set("average_cost_fen", line.average.fen());
    tiers.push(std::move(item));
  }
  j.set("tiers", std::move(tiers));
  j.set("budget", monitor_json(r.monitor));
  return j;
}

Json audit_json(const wb::QuarterlyAudit& a) {
  Json j = Json::object();
  j.set("quarter", wb::format_quarter(a.quarter)).set("budget_fen", a.budget.fen());
  j.set("explicit_cost_fen", a.explicit_cost.fen()).set("hidden_cost_fen", a.hidden_cost.fen());
  j.set("true_cost_fen", a.true_cost.fen()).set("offers", a.offers);
  j.set("outcomes", a.outcomes).set("won_back", a.won_back);
  j.set("retention_outcomes", a.retention_outcomes).set("retained", a.retained);
  j.set("high_value_won", a.high_value_won).set("suspected_won", a.suspected_won);
  j.set("won_back_annual_value_fen", a.won_back_annual_value.fen());
  j.set("retention_used", r4(a.retention_used));
  j.set("retention_basis", a.retention_observed ? "observed" : "model");
  Json checks = Json::array();
  for (const auto& c : a.checks) {
    Json item = Json::object();
    item.set("standard", wb::standard_token(c.standard)).set("value", r4(c.value));
    item.set("threshold", r4(c.threshold)).set("result", wb::health_token(c.result));
    checks.push(std::move(item));
  }
  j.set("checks", std::move(checks));
  return j;
}

Json cohorts_json(std::span<const wb::Cohort> cohorts) {
  Json list = Json::array();
  for (const auto& c : cohorts) {
    Json j = Json::object();
    j.set("months_from", c.months_from);
    j.set("months_to", std::isinf(c.months_to) ? Json() : Json(c.months_to));
    j.set("attempts", c.attempts).set("won_back", c.won_back).set("success", r4(c.success));
    j.set("retention_known", c.retention_known).set("retained", c.retained);
    j.set("retention", r4(c.retention)).set("true_cost_fen", c.true_cost.fen());
    j.set("won_back_annual_value_fen", c.won_back_annual_value.fen());
    j.set("effective_roi", r4(c.effective_roi));
    list.push(std::move(j));
  }
  return list;
}

Json experiments_json(const wb::ExperimentReport& r) {
  Json j = Json::object();
  j.set("confidence", 0.95);
  j.set("interval_method",
        "Wilson score; effective rate: Wilson of won-and-retained among attempts with a known "
        "outcome");
  j.set("test_method", "two-proportion z-test, pooled, two-sided; significant when p < 0.05");
  j.set("baseline", r.baseline);
  Json arms = Json::array();
  for (const auto& a : r.arms) {
    Json item = Json::object();
    item.set("arm", a.arm).set("attempts", a.attempts).set("won_back", a.won_back);
    item.set("retention_known", a.retention_known).set("retained", a.retained);
    item.set("success", r4(a.success)).set("success_ci", interval_json(a.success_ci));
    item.set("retention", r4(a.retention)).set("retention_ci", interval_json(a.retention_ci));
    item.set("effective_rate", r4(a.effective));
    item.set("effective_rate_ci", interval_json(a.effective_ci));
    item.set("average_cost_fen", a.average_cost.fen());
    arms.push(std::move(item));
  }
  j.set("arms", std::move(arms));
  Json comparisons = Json::array();
  for (const auto& c : r.comparisons) {
    Json item = Json::object();
    item.set("arm", c.arm).set("against", c.against);
    item.set("success", z_test_json(c.success)).set("retention", z_test_json(c.retention));
    item.set("effective_rate", z_test_json(c.effective));
    comparisons.push(std::move(item));
  }
  j.set("comparisons", std::move(comparisons));
  return j;
}

}  // namespace pitwall::io
