#include "core/winback/budget.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/winback/models.hpp"

namespace pitwall::core::winback {

namespace {
int64_t floor_rate(int64_t count, Rate rate) {
  return static_cast<int64_t>(__int128(count) * rate.basis() / Rate::kScale);
}
double share(int64_t part, int64_t whole) {
  return whole > 0 ? double(part) / double(whole) : kNaN;
}
}  // namespace

BudgetPlan budget_plan(const BudgetRules& rules) {
  BudgetPlan plan;
  plan.churned = floor_rate(rules.customers, rules.churn_rate);
  plan.won_back_target = floor_rate(plan.churned, rules.target_winback_rate);
  plan.annual = rules.average_cost * plan.won_back_target;
  plan.monthly = Money::from_fen(plan.annual.fen() / 12);
  if (rules.monthly) {
    plan.monthly = *rules.monthly;
    plan.annual = *rules.monthly * 12;
    plan.monthly_given = true;
  }
  plan.monthly_target = rules.monthly_target.value_or(plan.won_back_target / 12);
  return plan;
}

Result<YearMonth> parse_year_month(std::string_view text) {
  auto bad = [&] {
    return invalid_input(
        fmt::format("cannot read \"{}\" as a month (expected a month like 2023-06)", text));
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  YearMonth m{0, 0};
  for (size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return bad();
    int32_t& part = i < 4 ? m.year : m.month;
    part = part * 10 + (text[i] - '0');
  }
  if (m.month < 1 || m.month > 12 || m.year < 1970) return bad();
  return m;
}

std::string format_year_month(YearMonth m) { return fmt::format("{:04}-{:02}", m.year, m.month); }

YearMonth month_of(int64_t at, const TimeZone& zone) {
  CivilTime t = zone.to_local(at);
  return {t.year, t.month};
}

std::string_view alert_token(AlertKind a) {
  switch (a) {
    case AlertKind::kCostOverrun:
      return "cost_overrun";
    case AlertKind::kLowEfficiency:
      return "low_efficiency";
    case AlertKind::kAbuserSurge:
      return "abuser_surge";
    case AlertKind::kRetentionAnomaly:
      return "retention_anomaly";
  }
  return "cost_overrun";
}

namespace {

void add_money(const Offer& o, YearMonth month, const TimeZone& zone, BudgetMonitor& m) {
  for (const Stage& s : o.stages) {
    if (s.released && month_of(s.released->at, zone) == month) m.spent += s.amount;
  }
  bool open = o.status == OfferStatus::kApproved;
  if (open && o.approved_at && month_of(*o.approved_at, zone) == month) {
    m.committed += o.unreleased_total();
  }
}

void add_activity(const Offer& o, YearMonth month, const TimeZone& zone, MonthActivity& a) {
  if (month_of(o.created.at, zone) == month) {
    ++a.offers_created;
    if (o.suspected) ++a.suspected_offers;
  }
  if (o.won_back_by && month_of(o.won_back_by->at, zone) == month) {
    ++a.outcomes;
    if (o.won_back.value_or(false)) ++a.won_back;
  }
  if (o.retained_by && month_of(o.retained_by->at, zone) == month) {
    ++a.retention_outcomes;
    if (!o.retained.value_or(true)) ++a.not_retained;
  }
}

void set_days(BudgetMonitor& m, int64_t now, const TimeZone& zone) {
  m.days_in_month = days_in_month(m.month.year, m.month.month);
  CivilTime today = zone.to_local(now);
  YearMonth current{today.year, today.month};
  if (m.month < current) {
    m.days_gone = m.days_in_month;
  } else if (m.month == current) {
    m.days_gone = today.day;
  } else {
    m.days_gone = 0;
  }
  m.days_left = m.days_in_month - m.days_gone;
}

void set_alerts(const Programme& p, BudgetMonitor& m) {
  const AlertRules& r = p.alerts;
  const MonthActivity& a = m.activity;
  auto above = [](double v, double t) { return !std::isnan(v) && to_basis(v) > to_basis(t); };
  auto below = [](double v, double t) { return !std::isnan(v) && to_basis(v) < to_basis(t); };
  m.alerts[0] = {AlertKind::kCostOverrun, above(m.usage, r.overrun_usage), m.usage,
                 r.overrun_usage};
  double success = share(a.won_back, a.outcomes);
  m.alerts[1] = {AlertKind::kLowEfficiency, below(success, r.low_success), success, r.low_success};
  double suspected = share(a.suspected_offers, a.offers_created);
  bool flood = m.monthly_target > 0 &&
               double(a.won_back) > r.surge_target_multiple * double(m.monthly_target);
  m.alerts[2] = {AlertKind::kAbuserSurge, above(suspected, r.abuser_share) || flood, suspected,
                 r.abuser_share};
  double rechurn = share(a.not_retained, a.retention_outcomes);
  m.alerts[3] = {AlertKind::kRetentionAnomaly, above(rechurn, r.rechurn), rechurn, r.rechurn};
  m.review_above = m.alerts[2].active ? p.abuse.surge_review_above : p.abuse.review_above;
}

}  // namespace

BudgetMonitor monitor_month(const Programme& programme, std::span<const Offer> offers,
                            YearMonth month, int64_t now, const TimeZone& zone, bool overridden) {
  BudgetMonitor m;
  m.month = month;
  m.overridden = overridden;
  BudgetPlan plan = budget_plan(programme.budget);
  m.budget = plan.monthly;
  m.monthly_target = plan.monthly_target;
  for (const Offer& o : offers) {
    add_money(o, month, zone, m);
    add_activity(o, month, zone, m.activity);
  }
  m.remaining = m.budget - m.spent - m.committed;
  m.usage = share((m.spent + m.committed).fen(), m.budget.fen());
  if (std::isnan(m.usage)) m.usage = 0;
  set_days(m, now, zone);
  if (m.days_gone > 0) {
    m.forecast = Money::from_fen(
        divide_round_half_up(__int128(m.spent.fen()) * m.days_in_month, m.days_gone));
    if (m.budget.fen() > 0) m.overspend = double(m.forecast->fen()) / double(m.budget.fen()) - 1;
  }
  set_alerts(programme, m);
  return m;
}

}  // namespace pitwall::core::winback
