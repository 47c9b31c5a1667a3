#include "io/report/winback_report_sheets.hpp"

#include <cmath>

namespace pitwall::io {

namespace {
namespace wb = core::winback;

SheetCell num(double v, int decimals) { return SheetCell::of_number(v, decimals); }
SheetCell count(int64_t v) { return SheetCell::of_number(double(v), 0); }
SheetCell yuan(core::Money m) { return SheetCell::of_number(double(m.fen()) / 100.0, 2); }
SheetCell rate(double v) { return SheetCell::of_rate(v); }
// A difference of two rates, in percentage points (0.0123 -> 1.23).
SheetCell points(double v) { return SheetCell::of_number(v * 100, 2); }
SheetCell text(std::string_view t) { return SheetCell::of_text(std::string(t)); }
SheetCell word(std::string_view group, std::string_view token) {
  return SheetCell::of_word(group, token);
}

Sheet sheet(std::string name, std::vector<std::string> columns) {
  Sheet s;
  s.name = std::move(name);
  s.columns = std::move(columns);
  return s;
}

Sheet alerts_sheet(const wb::BudgetMonitor& m) {
  Sheet s = sheet("alerts", {"alert", "active", "value", "threshold"});
  for (const auto& a : m.alerts) {
    s.rows.push_back({word("winback.alert_name", wb::alert_token(a.kind)),
                      SheetCell::of_yes_no(a.active), rate(a.value), rate(a.threshold)});
  }
  return s;
}

Sheet monitor_sheet(const wb::BudgetPlan& plan, const wb::BudgetMonitor& m) {
  Sheet s = sheet("summary", {"month", "annual_budget_yuan", "budget_yuan", "spent_yuan",
                              "committed_yuan", "remaining_yuan", "usage", "days_in_month",
                              "days_gone", "days_left", "forecast_yuan", "forecast_overspend",
                              "monthly_target", "large_approvals_paused"});
  s.rows.push_back({text(wb::format_year_month(m.month)), yuan(plan.annual), yuan(m.budget),
                    yuan(m.spent), yuan(m.committed), yuan(m.remaining), rate(m.usage),
                    count(m.days_in_month), count(m.days_gone), count(m.days_left),
                    m.forecast ? yuan(*m.forecast) : SheetCell::empty(),
                    m.overspend ? rate(*m.overspend) : SheetCell::empty(), count(m.monthly_target),
                    SheetCell::of_yes_no(m.large_paused())});
  return s;
}
}  // namespace

std::vector<Sheet> budget_sheets(const wb::BudgetPlan& plan, const wb::BudgetMonitor& m) {
  return {monitor_sheet(plan, m), alerts_sheet(m)};
}

std::vector<Sheet> monthly_sheets(const wb::MonthlyReport& r) {
  Sheet summary = sheet("summary", {"month", "target", "won_back", "completion",
                                    "explicit_cost_yuan", "average_cost_yuan", "hidden_cost_yuan",
                                    "true_cost_yuan", "retention_used", "estimated_roi"});
  summary.rows.push_back({text(wb::format_year_month(r.monitor.month)), count(r.target),
                          count(r.won_back), rate(r.completion), yuan(r.explicit_cost),
                          yuan(r.average_cost), yuan(r.hidden_cost), yuan(r.true_cost),
                          rate(r.retention_used), rate(r.estimated_roi)});
  Sheet tiers = sheet("tiers", {"tier", "offers", "won_back", "spent_yuan", "average_cost_yuan"});
  for (int t = 0; t < wb::kTierCount; ++t) {
    const auto& line = r.tiers[t];
    tiers.rows.push_back({word("winback.tier", wb::tier_token(wb::Tier(t))), count(line.offers),
                          count(line.won_back), yuan(line.spent), yuan(line.average)});
  }
  return {summary, tiers, alerts_sheet(r.monitor)};
}

std::vector<Sheet> audit_sheets(const wb::QuarterlyAudit& a) {
  Sheet summary = sheet("summary", {"quarter", "budget_yuan", "explicit_cost_yuan",
                                    "hidden_cost_yuan", "true_cost_yuan", "offers", "outcomes",
                                    "won_back", "retained", "high_value_won", "suspected_won"});
  summary.rows.push_back({text(wb::format_quarter(a.quarter)), yuan(a.budget),
                          yuan(a.explicit_cost), yuan(a.hidden_cost), yuan(a.true_cost),
                          count(a.offers), count(a.outcomes), count(a.won_back), count(a.retained),
                          count(a.high_value_won), count(a.suspected_won)});
  Sheet checks = sheet("checks", {"standard", "value", "threshold", "result"});
  for (const auto& c : a.checks) {
    checks.rows.push_back({word("winback.standard_name", wb::standard_token(c.standard)),
                           rate(c.value), rate(c.threshold),
                           word("winback.health", wb::health_token(c.result))});
  }
  return {summary, checks};
}

std::vector<Sheet> cohort_sheets(std::span<const wb::Cohort> cohorts) {
  Sheet s = sheet("cohorts", {"months_from", "months_to", "attempts", "won_back", "success",
                              "retained", "retention", "true_cost_yuan", "effective_roi"});
  for (const auto& c : cohorts) {
    s.rows.push_back({num(c.months_from, -1),
                      std::isinf(c.months_to) ? SheetCell::empty() : num(c.months_to, -1),
                      count(c.attempts), count(c.won_back), rate(c.success), count(c.retained),
                      rate(c.retention), yuan(c.true_cost), rate(c.effective_roi)});
  }
  return {s};
}

std::vector<Sheet> experiment_sheets(const wb::ExperimentReport& r) {
  Sheet arms =
      sheet("arms", {"arm", "attempts", "won_back", "success", "success_low", "success_high",
                     "retained", "retention", "retention_low", "retention_high", "effective_rate",
                     "effective_low", "effective_high", "average_cost_yuan"});
  for (const auto& a : r.arms) {
    arms.rows.push_back({text(a.arm), count(a.attempts), count(a.won_back), rate(a.success),
                         rate(a.success_ci.low), rate(a.success_ci.high), count(a.retained),
                         rate(a.retention), rate(a.retention_ci.low), rate(a.retention_ci.high),
                         rate(a.effective), rate(a.effective_ci.low), rate(a.effective_ci.high),
                         yuan(a.average_cost)});
  }
  Sheet tests = sheet("comparisons",
                      {"arm", "against", "metric", "difference", "z", "p_value", "significant"});
  for (const auto& c : r.comparisons) {
    const std::pair<const char*, const wb::ZTest*> metrics[] = {
        {"success", &c.success}, {"retention", &c.retention}, {"effective_rate", &c.effective}};
    for (const auto& [name, t] : metrics) {
      tests.rows.push_back({text(c.arm), text(c.against), word("winback.col", name),
                            points(t->difference),
                            t->defined ? SheetCell::of_number(t->z, 4) : SheetCell::empty(),
                            t->defined ? SheetCell::of_number(t->p_value, 4) : SheetCell::empty(),
                            SheetCell::of_yes_no(t->significant)});
    }
  }
  return {arms, tests};
}

}  // namespace pitwall::io
