// Terminal forms of offers, the budget monitor and the reports (see winback_print.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/winback_print.hpp"
#include "core/base/instant.hpp"
#include "core/winback/plan.hpp"

namespace pitwall::cli::winback {

namespace {

std::string signed_text(const Context& ctx, const std::optional<wb::SignOff>& s,
                        const core::TimeZone& zone) {
  if (!s) return tr(ctx.lang, "winback.none");
  return tr(ctx.lang, "winback.offer.signed", s->by, word(ctx, "role", s->role),
            core::format_local(s->at, zone));
}

void print_alerts(const Context& ctx, const wb::BudgetMonitor& m) {
  fmt::print("{}\n", tr(ctx.lang, "winback.alerts.title"));
  bool any = false;
  for (const auto& a : m.alerts) {
    if (!a.active) continue;
    any = true;
    fmt::print("{}\n", tr(ctx.lang, fmt::format("winback.alert.{}", wb::alert_token(a.kind)),
                          percent(a.value), percent(a.threshold)));
  }
  if (!any) fmt::print("{}\n", tr(ctx.lang, "winback.alerts.none"));
  if (m.alerts[0].active && m.overridden) {
    fmt::print("{}\n", tr(ctx.lang, "winback.alerts.overridden"));
  }
}

}  // namespace

void print_offer(const Context& ctx, const use::OfferResult& r) {
  const wb::Offer& o = r.offer;
  const core::TimeZone& zone = *r.zone;
  fmt::print("{}\n", tr(ctx.lang, "winback.offer.head", o.id, o.customer_id, o.store_code,
                        o.region.empty() ? "-" : o.region, money(o.amount),
                        word(ctx, "status", wb::offer_status_token(o.status))));
  fmt::print("{}\n", tr(ctx.lang, "winback.offer.routing", approver_text(ctx, o.approver),
                        review_text(ctx, o.review), fmt::format("{:.2f}", o.risk),
                        word(ctx, "tier", wb::tier_token(o.tier)), fixed4(o.score), o.programme));
  fmt::print("{}\n", tr(ctx.lang, "winback.offer.signoffs", signed_text(ctx, o.approval, zone),
                        o.needs_review() ? signed_text(ctx, o.in_person_review, zone)
                                         : tr(ctx.lang, "winback.not_needed")));
  if (o.rejection) {
    fmt::print("{}\n", tr(ctx.lang, "winback.offer.rejected", signed_text(ctx, o.rejection, zone),
                          o.rejection->note));
  }
  for (size_t i = 0; i < o.stages.size(); ++i) {
    const auto& released = o.stages[i].released;
    std::string state =
        released ? tr(ctx.lang, "winback.offer.released", signed_text(ctx, released, zone))
                 : tr(ctx.lang, "winback.offer.not_released");
    fmt::print("{}\n",
               tr(ctx.lang, "winback.offer.stage", i + 1, word(ctx, "stage", wb::stage_token(i)),
                  money(o.stages[i].amount), state));
  }
  auto yes_no = [&](const std::optional<bool>& b) {
    return b ? tr(ctx.lang, *b ? "winback.yes" : "winback.no") : std::string("-");
  };
  fmt::print("{}\n", tr(ctx.lang, "winback.offer.outcome", yes_no(o.won_back), yes_no(o.retained)));
}

void print_offer_list(const Context& ctx, const use::OfferListResult& r) {
  const auto& offers = r.offers;
  if (offers.empty()) {
    fmt::print("{}\n", tr(ctx.lang, "winback.offer.none"));
    return;
  }
  for (const auto& o : offers) {
    fmt::print("{:<10} {:<12} {:<6} {:>12} {:<14} {}\n", o.id, o.customer_id, o.store_code,
               money(o.amount), word(ctx, "approver", wb::approver_token(o.approver)),
               word(ctx, "status", wb::offer_status_token(o.status)));
  }
}

void print_budget(const Context& ctx, const use::BudgetResult& r) {
  const wb::Programme& p = r.programme;
  const wb::BudgetPlan& plan = r.plan;
  const wb::BudgetMonitor& m = r.monitor;
  fmt::print("{}\n", tr(ctx.lang, "winback.budget.title", wb::format_year_month(m.month), p.tag()));
  if (plan.monthly_given) {
    fmt::print("{}\n", tr(ctx.lang, "winback.budget.given", money(m.budget)));
  } else {
    fmt::print("{}\n", tr(ctx.lang, "winback.budget.formula", money(m.budget), money(plan.annual),
                          p.budget.customers, percent(p.budget.churn_rate.to_double()),
                          plan.churned, percent(p.budget.target_winback_rate.to_double()),
                          plan.won_back_target, money(p.budget.average_cost)));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.budget.lines", money(m.spent), money(m.committed),
                        money(m.remaining), fmt::format("{:.1f}%", m.usage * 100)));
  fmt::print("{}\n",
             tr(ctx.lang, "winback.budget.days", m.days_left, m.days_in_month, m.days_gone));
  if (m.forecast) {
    std::string key = m.overspend && *m.overspend > 0 ? "winback.budget.forecast_over"
                                                      : "winback.budget.forecast_under";
    double share = m.overspend ? std::abs(*m.overspend) : 0;
    fmt::print("{}\n", tr(ctx.lang, key, money(*m.forecast), fmt::format("{:.1f}%", share * 100),
                          money(*m.forecast - m.budget)));
  } else {
    fmt::print("{}\n", tr(ctx.lang, "winback.budget.no_forecast"));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.budget.review", fmt::format("{:.0f}", m.review_above),
                        m.monthly_target));
  print_alerts(ctx, m);
}

void print_monthly(const Context& ctx, const use::MonthlyResult& result) {
  const wb::Programme& p = result.programme;
  const wb::MonthlyReport& r = result.report;
  fmt::print("{}\n", tr(ctx.lang, "winback.monthly.title", wb::format_year_month(r.monitor.month),
                        p.tag()));
  fmt::print("{}\n",
             tr(ctx.lang, "winback.monthly.overall", r.target, r.won_back, percent(r.completion),
                money(r.explicit_cost), money(r.average_cost), money(r.hidden_cost),
                money(r.true_cost), percent(r.estimated_roi), percent(r.retention_used),
                word(ctx, "basis", r.retention_observed ? "observed" : "model")));
  fmt::print("{}\n", tr(ctx.lang, "winback.monthly.tiers"));
  for (int t = 0; t < wb::kTierCount; ++t) {
    const auto& line = r.tiers[t];
    fmt::print("  {:<10} {:>6} {:>6} {:>12} {:>10}\n",
               word(ctx, "tier", wb::tier_token(wb::Tier(t))), line.offers, line.won_back,
               money(line.spent), money(line.average));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.monthly.problems"));
  print_alerts(ctx, r.monitor);
}

void print_audit(const Context& ctx, const use::AuditResult& r) {
  const wb::Programme& p = r.programme;
  const wb::QuarterlyAudit& a = r.audit;
  fmt::print("{}\n", tr(ctx.lang, "winback.audit.title", wb::format_quarter(a.quarter), p.tag()));
  fmt::print("{}\n",
             tr(ctx.lang, "winback.audit.costs", money(a.budget), money(a.explicit_cost),
                money(a.hidden_cost), money(a.true_cost), a.offers, a.outcomes, a.won_back));
  for (const auto& c : a.checks) {
    bool deviation = c.standard == wb::Standard::kCostVsBudget;
    std::string value = deviation ? signed_percent(c.value) : percent(c.value);
    fmt::print("  {:<8} {}\n", word(ctx, "health", wb::health_token(c.result)),
               tr(ctx.lang, fmt::format("winback.standard.{}", wb::standard_token(c.standard)),
                  value, percent(c.threshold)));
  }
}

void print_cohorts(const Context& ctx, const use::CohortsResult& r) {
  fmt::print("{}\n", tr(ctx.lang, "winback.cohorts.title", r.programme.tag(), r.attempts));
  fmt::print("{}\n", tr(ctx.lang, "winback.cohorts.header"));
  for (const auto& c : r.cohorts) {
    std::string range =
        std::isinf(c.months_to)
            ? fmt::format("> {}", c.months_from)
            : (c.months_from == 0 ? fmt::format("≤ {}", c.months_to)
                                  : fmt::format("{}–{}", c.months_from, c.months_to));
    fmt::print("  {:<8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>10}\n", range, c.attempts, c.won_back,
               percent(c.success), c.retained, percent(c.retention), percent(c.effective_roi));
  }
}

void print_experiments(const Context& ctx, const use::ExperimentsResult& result) {
  const wb::ExperimentReport& r = result.report;
  // One baseline per trial (arms are compared within their own trial only).
  std::vector<std::string> baselines = {r.baseline};
  for (const auto& c : r.comparisons) {
    if (std::find(baselines.begin(), baselines.end(), c.against) == baselines.end()) {
      baselines.push_back(c.against);
    }
  }
  std::string shown;
  for (const auto& b : baselines) {
    shown += (shown.empty() ? "" : std::string(message(ctx.lang, "winback.list_separator"))) + b;
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.experiments.title", result.programme.tag(), shown));
  fmt::print("{}\n", tr(ctx.lang, "winback.experiments.method"));
  fmt::print("{}\n", tr(ctx.lang, "winback.experiments.header"));
  auto ci = [](const wb::Interval& i) {
    return fmt::format("[{}, {}]", percent(i.low), percent(i.high));
  };
  for (const auto& a : r.arms) {
    fmt::print("  {:<12} {:>6} {:>8} {:<20} {:>8} {:<20} {:>8} {:<20}\n", a.arm, a.attempts,
               percent(a.success), ci(a.success_ci), percent(a.retention), ci(a.retention_ci),
               percent(a.effective), ci(a.effective_ci));
  }
  for (const auto& c : r.comparisons) {
    auto test = [&](const wb::ZTest& t) {
      if (!t.defined) return std::string("-");
      return tr(
          ctx.lang,
          t.significant ? "winback.experiments.significant" : "winback.experiments.not_significant",
          tr(ctx.lang, "winback.experiments.points", fmt::format("{:+.2f}", t.difference * 100)),
          fmt::format("{:.2f}", t.z), fmt::format("{:.4f}", t.p_value));
    };
    fmt::print("{}\n", tr(ctx.lang, "winback.experiments.comparison", c.arm, c.against,
                          test(c.success), test(c.retention), test(c.effective)));
  }
}

void print_log(const Context& ctx, const use::LogResult& r) {
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  for (const auto& e : r.entries) {
    fmt::print("{:>5}  {}  {:<12} {:<9} {:<8} {:<10} {:<10} {}\n", e.seq,
               core::format_local(e.at, *r.zone), e.by, or_dash(e.role), e.action, or_dash(e.offer),
               or_dash(e.customer), e.detail);
  }
  if (r.entries.empty()) fmt::print("{}\n", tr(ctx.lang, "winback.log.empty"));
}

}  // namespace pitwall::cli::winback
