#include "core/winback/reports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/winback/customer.hpp"
#include "core/winback/models.hpp"

namespace pitwall::core::winback {

namespace {
double share(int64_t part, int64_t whole) {
  return whole > 0 ? double(part) / double(whole) : kNaN;
}

// Observed retention when any is recorded, else the mean model retention of the won-back.
struct RetentionBasis {
  int64_t known = 0;
  int64_t retained = 0;
  double model_sum = 0;
  int64_t won = 0;
  void add_won(double model, std::optional<bool> retained_flag) {
    ++won;
    model_sum += model;
    if (retained_flag) {
      ++known;
      if (*retained_flag) ++retained;
    }
  }
  bool observed() const { return known > 0; }
  double value() const {
    if (known > 0) return double(retained) / double(known);
    return won > 0 ? model_sum / double(won) : kNaN;
  }
};

bool in_quarter(int64_t at, Quarter q, const TimeZone& zone) {
  YearMonth m = month_of(at, zone);
  return m.year == q.year && (m.month - 1) / 3 + 1 == q.quarter;
}
}  // namespace

Money average_cost(Money cost, int64_t count) {
  if (count <= 0) return Money();
  return Money::from_fen(divide_round_half_up(cost.fen(), count));
}

MonthlyReport monthly_report(const Programme& programme, std::span<const Offer> offers,
                             YearMonth month, int64_t now, const TimeZone& zone, bool overridden) {
  MonthlyReport r;
  r.monitor = monitor_month(programme, offers, month, now, zone, overridden);
  r.target = r.monitor.monthly_target;
  r.won_back = r.monitor.activity.won_back;
  r.completion = share(r.won_back, r.target);
  r.explicit_cost = r.monitor.spent;
  r.average_cost = average_cost(r.explicit_cost, r.won_back);
  r.hidden_cost = programme.hidden_cost_per_case() * r.monitor.activity.offers_created;
  r.true_cost = r.explicit_cost + r.hidden_cost;
  RetentionBasis basis;
  Money won_value;
  for (const Offer& o : offers) {
    TierLine& line = r.tiers[static_cast<int>(o.tier)];
    if (month_of(o.created.at, zone) == month) ++line.offers;
    for (const Stage& s : o.stages) {
      if (s.released && month_of(s.released->at, zone) == month) line.spent += s.amount;
    }
    if (o.won_back.value_or(false) && month_of(o.won_back_by->at, zone) == month) {
      ++line.won_back;
      won_value += o.annual_value;
      basis.add_won(o.retention, o.retained);
    }
  }
  for (TierLine& line : r.tiers) line.average = average_cost(line.spent, line.won_back);
  r.retention_used = basis.value();
  r.retention_observed = basis.observed();
  r.estimated_roi =
      programme_roi(won_value, double(programme.lifetime_years), r.retention_used, r.true_cost);
  return r;
}

Result<Quarter> parse_quarter(std::string_view text) {
  auto bad = [&] {
    return invalid_input(
        fmt::format("cannot read \"{}\" as a quarter (expected a quarter like 2023-Q2)", text));
  };
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return bad();
  Quarter q{0, text[6] - '0'};
  for (size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad();
    q.year = q.year * 10 + (text[i] - '0');
  }
  if (q.quarter < 1 || q.quarter > 4 || q.year < 1970) return bad();
  return q;
}

std::string format_quarter(Quarter q) { return fmt::format("{:04}-Q{}", q.year, q.quarter); }

std::string_view health_token(Health h) {
  switch (h) {
    case Health::kPass:
      return "pass";
    case Health::kFail:
      return "fail";
    case Health::kNoData:
      return "no_data";
  }
  return "no_data";
}

std::string_view standard_token(Standard s) {
  switch (s) {
    case Standard::kCostVsBudget:
      return "cost_vs_budget";
    case Standard::kSuccess:
      return "success_rate";
    case Standard::kRetention:
      return "retention_1y";
    case Standard::kHighValueShare:
      return "high_value_share";
    case Standard::kAbuserShare:
      return "abuser_share";
    case Standard::kRoi:
      return "average_roi";
  }
  return "cost_vs_budget";
}

namespace {
enum class Compare { kAbove, kBelow, kWithin };

HealthCheck check(Standard s, double value, double threshold, Compare compare) {
  HealthCheck c{s, value, threshold, Health::kNoData};
  if (std::isnan(value) || std::isinf(value)) return c;
  int64_t v = to_basis(compare == Compare::kWithin ? std::abs(value) : value);
  int64_t t = to_basis(threshold);
  bool pass = compare == Compare::kAbove ? v > t : compare == Compare::kBelow ? v < t : v <= t;
  c.result = pass ? Health::kPass : Health::kFail;
  return c;
}

void count_offer(const Programme& p, const Offer& o, Quarter q, const TimeZone& zone,
                 QuarterlyAudit& a, RetentionBasis& basis) {
  if (in_quarter(o.created.at, q, zone)) ++a.offers;
  for (const Stage& s : o.stages) {
    if (s.released && in_quarter(s.released->at, q, zone)) a.explicit_cost += s.amount;
  }
  if (!o.won_back_by || !in_quarter(o.won_back_by->at, q, zone)) return;
  ++a.outcomes;
  if (!*o.won_back) return;
  ++a.won_back;
  a.won_back_annual_value += o.annual_value;
  const auto& tiers = p.audit.high_value_tiers;
  if (std::find(tiers.begin(), tiers.end(), o.tier) != tiers.end()) ++a.high_value_won;
  if (o.suspected) ++a.suspected_won;
  basis.add_won(o.retention, o.retained);
  if (o.retained) {
    ++a.retention_outcomes;
    if (*o.retained) ++a.retained;
  }
}
}  // namespace

QuarterlyAudit quarterly_audit(const Programme& programme, std::span<const Offer> offers,
                               Quarter quarter, const TimeZone& zone) {
  QuarterlyAudit a;
  a.quarter = quarter;
  a.budget = budget_plan(programme.budget).monthly * 3;
  RetentionBasis basis;
  for (const Offer& o : offers) count_offer(programme, o, quarter, zone, a, basis);
  a.hidden_cost = programme.hidden_cost_per_case() * a.offers;
  a.true_cost = a.explicit_cost + a.hidden_cost;
  a.retention_used = basis.value();
  a.retention_observed = basis.observed();
  const AuditRules& r = programme.audit;
  double deviation =
      a.budget.fen() > 0 ? double(a.true_cost.fen()) / double(a.budget.fen()) - 1 : kNaN;
  double roi = programme_roi(a.won_back_annual_value, double(programme.lifetime_years),
                             a.retention_used, a.true_cost);
  a.checks[0] = check(Standard::kCostVsBudget, deviation, r.budget_deviation, Compare::kWithin);
  a.checks[1] =
      check(Standard::kSuccess, share(a.won_back, a.outcomes), r.success, Compare::kAbove);
  a.checks[2] = check(Standard::kRetention, share(a.retained, a.retention_outcomes), r.retention,
                      Compare::kAbove);
  a.checks[3] = check(Standard::kHighValueShare, share(a.high_value_won, a.won_back),
                      r.high_value_share, Compare::kAbove);
  a.checks[4] = check(Standard::kAbuserShare, share(a.suspected_won, a.won_back), r.abuser_share,
                      Compare::kBelow);
  a.checks[5] = check(Standard::kRoi, roi, r.roi, Compare::kAbove);
  return a;
}

std::vector<Attempt> attempts_from_history(const Programme& programme, const Table& history) {
  std::vector<Attempt> out;
  if (history.kind != TableKind::kWinbackHistory) return out;
  out.reserve(history.rows());
  for (size_t row = 0; row < history.rows(); ++row) {
    int32_t won = history.i32(winback_history::kWonBack, row);
    if (won == kNoSmall) continue;
    CustomerInput in = read_customer(history, row, programme);
    Attempt a;
    a.arm = std::string(history.text(winback_history::kArm, row));
    a.tier = tier_of(programme.tiers, in.annual_value);
    a.months_churned = in.months_churned;
    a.annual_value = in.annual_value;
    int64_t cost = history.i64(winback_history::kCost, row);
    a.explicit_cost = Money::from_fen(cost == kNoFen ? 0 : cost);
    a.won_back = won != 0;
    int32_t retained = history.i32(winback_history::kRetained1y, row);
    if (a.won_back && retained != kNoSmall) a.retained = retained != 0;
    a.model_retention = table_retention(programme.retention, in).value;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Attempt> attempts_from_offers(std::span<const Offer> offers) {
  std::vector<Attempt> out;
  for (const Offer& o : offers) {
    if (!o.won_back) continue;
    Attempt a;
    a.arm = o.arm;
    a.tier = o.tier;
    a.months_churned = o.months_churned;
    a.annual_value = o.annual_value;
    a.explicit_cost = o.released_total();
    a.won_back = *o.won_back;
    if (a.won_back) a.retained = o.retained;
    a.model_retention = o.retention;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Cohort> cohorts(const Programme& programme, std::span<const Attempt> attempts) {
  const auto& months = programme.success.months;
  std::vector<Cohort> out(months.size() + 1);
  std::vector<RetentionBasis> basis(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].months_from = i == 0 ? 0 : months[i - 1];
    out[i].months_to = i < months.size() ? months[i] : std::numeric_limits<double>::infinity();
  }
  Money hidden = programme.hidden_cost_per_case();
  for (const Attempt& a : attempts) {
    size_t band = 0;
    while (band < months.size() && a.months_churned > months[band]) ++band;
    Cohort& c = out[band];
    ++c.attempts;
    c.true_cost += a.explicit_cost + hidden;
    if (!a.won_back) continue;
    ++c.won_back;
    c.won_back_annual_value += a.annual_value;
    basis[band].add_won(a.model_retention, a.retained);
    if (a.retained) {
      ++c.retention_known;
      if (*a.retained) ++c.retained;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    Cohort& c = out[i];
    c.success = share(c.won_back, c.attempts);
    c.retention = share(c.retained, c.retention_known);
    c.effective_roi = programme_roi(c.won_back_annual_value, double(programme.lifetime_years),
                                    basis[i].value(), c.true_cost);
  }
  return out;
}

namespace {
// Won and retained: the effective outcome (retained is only known for won-back attempts).
int64_t effective_hits(const ArmResult& r) { return r.retained; }

ArmResult arm_result(std::string arm, std::span<const Attempt* const> attempts) {
  ArmResult r;
  r.arm = std::move(arm);
  Money cost;
  for (const Attempt* a : attempts) {
    ++r.attempts;
    cost += a->explicit_cost;
    if (!a->won_back) {
      ++r.effective_known;
      continue;
    }
    ++r.won_back;
    if (!a->retained) continue;
    ++r.retention_known;
    ++r.effective_known;
    if (*a->retained) ++r.retained;
  }
  r.success = share(r.won_back, r.attempts);
  r.success_ci = wilson_interval(r.won_back, r.attempts);
  r.retention = share(r.retained, r.retention_known);
  r.retention_ci = wilson_interval(r.retained, r.retention_known);
  r.effective = effective_rate(r.success, r.retention);
  r.effective_ci = wilson_interval(effective_hits(r), r.effective_known);
  r.average_cost = average_cost(cost, r.attempts);
  return r;
}

}  // namespace

std::string_view trial_of(std::string_view arm) {
  for (std::string_view a : {"cash", "gift", "service", "mixed"}) {
    if (arm == a) return "incentive";
  }
  if (arm == "one_shot" || arm == "three_step") return "release";
  return "other";
}

Result<ExperimentReport> experiments(std::span<const Attempt> attempts,
                                     std::span<const std::string> only, std::string baseline) {
  std::map<std::string, std::vector<const Attempt*>> by_arm;  // sorted by arm name
  for (const Attempt& a : attempts) {
    if (!only.empty() && std::find(only.begin(), only.end(), a.arm) == only.end()) continue;
    by_arm[a.arm].push_back(&a);
  }
  for (const std::string& arm : only) {
    if (!by_arm.count(arm)) return not_found(fmt::format("arm \"{}\" has no attempts", arm));
  }
  ExperimentReport report;
  if (by_arm.empty()) return report;
  if (!baseline.empty() && !by_arm.count(baseline)) {
    return not_found(fmt::format("baseline arm \"{}\" has no attempts", baseline));
  }
  report.baseline = baseline.empty() ? by_arm.begin()->first : baseline;
  for (const auto& [arm, list] : by_arm) report.arms.push_back(arm_result(arm, list));
  // Each trial's baseline: the one asked for in its trial, else its first arm by name.
  std::map<std::string_view, const ArmResult*> base_of_trial;
  for (const auto& a : report.arms) base_of_trial.emplace(trial_of(a.arm), &a);
  for (const auto& a : report.arms) {
    if (a.arm == report.baseline) base_of_trial[trial_of(a.arm)] = &a;
  }
  for (const auto& a : report.arms) {
    const ArmResult* base = base_of_trial.at(trial_of(a.arm));
    if (base == &a) continue;
    ArmComparison c;
    c.arm = a.arm;
    c.against = base->arm;
    c.success = two_proportion_z_test(a.won_back, a.attempts, base->won_back, base->attempts);
    c.retention =
        two_proportion_z_test(a.retained, a.retention_known, base->retained, base->retention_known);
    c.effective = two_proportion_z_test(effective_hits(a), a.effective_known, effective_hits(*base),
                                        base->effective_known);
    report.comparisons.push_back(std::move(c));
  }
  return report;
}

}  // namespace pitwall::core::winback
