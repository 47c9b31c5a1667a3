#include "cli/winback_print.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/report/winback_json.hpp"

namespace pitwall::cli::winback {

namespace {

void print_success(const Context& ctx, const wb::CustomerInput& in, const wb::Evaluation& e) {
  if (e.success.model == wb::ModelKind::kCalibrated) {
    fmt::print("{}\n", tr(ctx.lang, "winback.calc.success_model", percent(e.success.value)));
    return;
  }
  fmt::print("{}\n",
             tr(ctx.lang, "winback.calc.success_table", percent(e.success.value), in.months_churned,
                percent(e.success.base), word(ctx, "reason", wb::reason_token(in.reason)),
                signed_percent(e.success.reason),
                word(ctx, "influence", wb::influence_token(in.influence)),
                signed_percent(e.success.influence)));
}

void print_retention(const Context& ctx, const wb::Evaluation& e) {
  if (e.retention.model == wb::ModelKind::kCalibrated) {
    fmt::print("{}\n", tr(ctx.lang, "winback.calc.retention_model", percent(e.retention.value)));
    return;
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.retention_table", percent(e.retention.value),
                        percent(e.retention.base), signed_percent(e.retention.bonus)));
}

void print_clv_and_caps(const Context& ctx, const wb::Programme& p, const wb::CustomerInput& in,
                        const wb::Evaluation& e) {
  std::string factors;
  double f = 1;
  for (int64_t n = 0; n < p.lifetime_years; ++n, f *= e.retention.value) {
    factors += (n ? " + " : "") + fmt::format("{:.4g}", f);
  }
  double yearly = double(in.annual_value.fen()) / 100.0 * in.margin.to_double();
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.clv", p.lifetime_years, yuan(e.clv), yuan(yearly),
                        factors, money(p.acquisition_cost)));
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.cap", yuan(e.caps.cap_per_year),
                        percent(p.tiers.clv_cap_share), p.lifetime_years));
  if (in.influence == wb::Influence::kKoc) {
    fmt::print("{}\n", tr(ctx.lang, "winback.calc.koc_cap", yuan(e.caps.koc_cap_per_year),
                          percent(p.tiers.koc_clv_cap_share), p.lifetime_years));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.hard_cap", money(e.caps.hard_cap),
                        percent(e.caps.hard_cap_share.to_double()),
                        e.caps.deep_churn ? tr(ctx.lang, "winback.calc.deep_churn") : ""));
}

void print_plan(const Context& ctx, const wb::Programme& p, const wb::Evaluation& e,
                const wb::Plan& plan) {
  if (e.gate == wb::PlanGate::kBlacklisted) {
    fmt::print("{}\n", tr(ctx.lang, "winback.plan.none_blacklisted"));
    return;
  }
  if (e.gate == wb::PlanGate::kDoNot) {
    fmt::print("{}\n", tr(ctx.lang, "winback.plan.none_do_not", fixed4(p.score.low_cost_from)));
    return;
  }
  std::string approach =
      tr(ctx.lang, fmt::format("winback.approach.{}", wb::decision_band_token(e.band)),
         money(p.plan.low_cost_max));
  fmt::print("{}\n", tr(ctx.lang, "winback.plan.total", e.plan_total_yuan, approach));
  // A plan of 0 yuan (no margin, so no lifetime value to spend from) has nothing to split.
  if (plan.stages.size() < 3) return;
  fmt::print("{}\n", tr(ctx.lang, "winback.plan.split", money(plan.service), money(plan.cash)));
  for (const auto& c : plan.components) {
    fmt::print("{}\n",
               tr(ctx.lang, "winback.plan.component",
                  message_or(ctx.lang, "winback.component." + c.name, c.name),
                  word(ctx, "account", c.account), word(ctx, "kind", c.kind), money(c.amount)));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.plan.stages", money(plan.stages[0]),
                        money(plan.stages[1]), money(plan.stages[2])));
  fmt::print("{}\n", tr(ctx.lang, "winback.plan.approver", approver_text(ctx, e.approver)));
  if (e.review) fmt::print("{}\n", tr(ctx.lang, "winback.plan.review", review_text(ctx, e.review)));
}

void print_abuse(const Context& ctx, const wb::Programme& p, const wb::AbuseRisk& a) {
  std::string parts;
  for (int i = 0; i < wb::kIndicatorCount; ++i) {
    std::string name = word(ctx, "indicator", wb::indicator_token(wb::Indicator(i)));
    parts += fmt::format("{}{} {:.0f}×{:.0f}%", i ? "; " : "", name, a.indicator[i],
                         p.abuse.weight[i] * 100);
    if (!a.known[i]) parts += "?";
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.abuse", fmt::format("{:.2f}", a.score),
                        a.suspected ? tr(ctx.lang, "winback.abuse.suspected") : "", parts));
}

}  // namespace

std::string yuan(double v) {
  if (!std::isfinite(v)) return "-";
  return core::Money::from_fen(std::llround(v * 100)).to_display_string();
}
std::string money(core::Money m) { return m.to_display_string(); }
std::string fixed4(double v) { return std::isfinite(v) ? fmt::format("{:.4f}", v) : "-"; }
std::string signed_percent(double v) {
  return std::isfinite(v) ? fmt::format("{:+.2f}%", v * 100) : "-";
}

std::string word(const Context& ctx, std::string_view group, std::string_view token) {
  return std::string(message(ctx.lang, fmt::format("winback.{}.{}", group, token)));
}

std::string review_text(const Context& ctx, uint8_t bits) {
  std::string out;
  io::Json reasons = io::review_reasons_json(bits);
  for (const auto& r : reasons.items()) {
    if (!out.empty()) out += ctx.lang == Lang::kZh ? "、" : ", ";
    out += word(ctx, "review", r.as_string());
  }
  return out.empty() ? tr(ctx.lang, "winback.none") : out;
}

std::string approver_text(const Context& ctx, wb::Approver a) {
  std::string text = word(ctx, "approver", wb::approver_token(a));
  std::string_view attachment = io::attachment_token(a);
  if (!attachment.empty()) text += word(ctx, "attachment", attachment);
  return text;
}

std::string percent(double share) {
  return std::isfinite(share) ? fmt::format("{:.2f}%", share * 100) : "-";
}

void print_calc(const Context& ctx, const use::CalcResult& r) {
  const wb::Programme& p = r.programme;
  const wb::CustomerInput& in = r.input;
  const wb::Evaluation& e = r.evaluation;
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.title", p.tag()));
  if (!r.customer_id.empty()) {
    fmt::print("{}\n", tr(ctx.lang, "winback.calc.customer", r.customer_id, r.store_code));
  }
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.tier", word(ctx, "tier", wb::tier_token(e.tier)),
                        money(in.annual_value), percent(in.margin.to_double())));
  print_success(ctx, in, e);
  print_retention(ctx, e);
  print_clv_and_caps(ctx, p, in, e);
  const auto& t = e.score;
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.score", fixed4(t.total), fixed4(t.value),
                        fixed4(t.success), fixed4(t.retention), fixed4(t.influence),
                        word(ctx, "band", wb::decision_band_token(e.band))));
  print_plan(ctx, p, e, r.plan);
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.roi", money(e.true_cost),
                        money(core::Money::from_yuan(e.plan_total_yuan)), money(e.hidden_cost),
                        percent(e.roi), word(ctx, "roi_band", wb::roi_band_token(e.roi_band)),
                        percent(e.first_year_roi), percent(e.target_roi)));
  fmt::print("{}\n", tr(ctx.lang, "winback.calc.effective", percent(e.effective_rate)));
  print_abuse(ctx, p, e.abuse);
}

void print_models(const Context& ctx, const wb::Calibration& c, use::ModelChoice choice) {
  auto line = [&](std::string_view which, const wb::ModelFit& f) {
    std::string label = word(ctx, "model_for", which);
    if (choice == use::ModelChoice::kTable || f.used == wb::ModelKind::kTable) {
      std::string why = choice == use::ModelChoice::kTable ? "chosen" : f.table_reason;
      fmt::print("{}\n", tr(ctx.lang, "winback.models.table", label, word(ctx, "table_reason", why),
                            f.rows));
      return;
    }
    fmt::print("{}\n", tr(ctx.lang, "winback.models.calibrated", label, f.train_rows,
                          f.holdout_rows, fixed4(f.holdout_log_loss), fixed4(f.holdout_auc),
                          fixed4(f.table_log_loss), fixed4(f.table_auc)));
  };
  line("success", c.success);
  line("retention", c.retention);
}

void print_score(const Context& ctx, const use::ScoreResult& r) {
  const wb::Programme& p = r.programme();
  // The ranking may hold only the first rows asked for; the summary counts every customer.
  size_t customers = size_t(r.ranking.summary.customers);
  fmt::print("{}\n", tr(ctx.lang, "winback.score.title", p.tag(), customers));
  print_models(ctx, r.fitted_models(), r.model());
  fmt::print("{}\n", tr(ctx.lang, "winback.score.header"));
  for (size_t i = 0; i < r.size(); ++i) {
    use::ScoreRow row = r.row(i);
    const wb::Evaluation& e = row.evaluation;
    std::string plan = e.plan_total_yuan > 0
                           ? fmt::format("{} {}", e.plan_total_yuan,
                                         word(ctx, "approver", wb::approver_token(e.approver)))
                           : word(ctx, "gate", wb::plan_gate_token(e.gate));
    fmt::print("{:>5} {:<12} {:<8} {:<10} {:>6} {:>7} {:>7} {:>10} {:>8} {:<12} {:>9} {:>6}{} {}\n",
               row.rank, row.customer_id, row.store_code, word(ctx, "tier", wb::tier_token(e.tier)),
               fixed4(e.score.total), percent(e.success.value), percent(e.retention.value),
               yuan(e.clv), yuan(e.caps.cap_per_year),
               word(ctx, "band", wb::decision_band_token(e.band)), percent(e.roi),
               fmt::format("{:.1f}", e.abuse.score), e.review ? "*" : " ", plan);
  }
  if (r.size() < customers) {
    fmt::print("{}\n", tr(ctx.lang, "winback.score.more", customers - r.size()));
  }
  const auto& s = r.ranking.summary;
  fmt::print("{}\n", tr(ctx.lang, "winback.score.summary", s.by_band[0], s.by_band[1], s.by_band[2],
                        s.by_band[3], s.plan_total_yuan, s.review, s.suspected, s.blacklisted));
}

void print_programme(const Context& ctx, const use::ProgrammeResult& r) {
  const auto& p = r.programme;
  fmt::print("{}\n{}\n",
             tr(ctx.lang, "winback.programme.show", p.tag(), p.name, r.file.empty() ? "-" : r.file),
             p.normalised_json());
}

}  // namespace pitwall::cli::winback
