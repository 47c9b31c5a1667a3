// winback budget, override, report monthly|audit|cohorts|experiments, log (winback_commands.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/winback/reports.hpp"
#include "app/winback/winback_json.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_output.hpp"
#include "cli/winback_print.hpp"
#include "io/report/winback_report_sheets.hpp"

namespace pitwall::cli::winback {

namespace {

struct ReportArgs {
  std::string month;
  std::string quarter;
  std::string baseline;
  std::vector<std::string> arms;
  std::string as;
  bool json = false;
  std::string xlsx;
};

core::Result<std::optional<wb::YearMonth>> parse_month(const std::string& text) {
  if (text.empty()) return std::optional<wb::YearMonth>();
  auto m = wb::parse_year_month(text);
  if (!m) return std::move(m.error().at_column("--month"));
  return std::optional<wb::YearMonth>(*m);
}

// Calls the use case, then prints JSON, writes XLSX or prints the terminal form.
template <typename Call, typename Sheets, typename Text>
core::Status emit(const Context& ctx, const ReportArgs& a, Call call, Sheets sheets, Text text) {
  Opened o = TRY(open_session(ctx, a.as));
  auto result = TRY(call(o.session));
  if (!a.xlsx.empty()) {
    std::vector<io::Sheet> s = sheets(result);
    TRY(write_sheets_xlsx(ctx, s, a.xlsx));
    fmt::print("{}\n", tr(ctx.lang, "winback.written_workbook", a.xlsx));
    return {};
  }
  if (a.json) {
    print_json(use::to_json(result));
    return {};
  }
  text(ctx, result);
  return {};
}

core::Status budget(const Context& ctx, const ReportArgs& a) {
  use::BudgetRequest r{TRY(parse_month(a.month))};
  return emit(
      ctx, a, [&](const app::Session& s) { return use::show_budget(s, r); },
      [](const use::BudgetResult& b) { return io::budget_sheets(b.plan, b.monitor); },
      print_budget);
}

core::Status monthly(const Context& ctx, const ReportArgs& a) {
  use::MonthlyRequest r{TRY(parse_month(a.month))};
  return emit(
      ctx, a, [&](const app::Session& s) { return use::monthly_report(s, r); },
      [](const use::MonthlyResult& m) { return io::monthly_sheets(m.report); }, print_monthly);
}

core::Status audit(const Context& ctx, const ReportArgs& a) {
  use::AuditRequest r;
  if (!a.quarter.empty()) {
    auto q = wb::parse_quarter(a.quarter);
    if (!q) return std::move(q.error().at_column("--quarter"));
    r.quarter = *q;
  }
  return emit(
      ctx, a, [&](const app::Session& s) { return use::quarterly_audit(s, r); },
      [](const use::AuditResult& q) { return io::audit_sheets(q.audit); }, print_audit);
}

core::Status cohorts(const Context& ctx, const ReportArgs& a) {
  return emit(
      ctx, a, [&](const app::Session& s) { return use::cohort_report(s, {}); },
      [](const use::CohortsResult& c) { return io::cohort_sheets(c.cohorts); }, print_cohorts);
}

core::Status experiments(const Context& ctx, const ReportArgs& a) {
  use::ExperimentsRequest r{a.arms, a.baseline};
  return emit(
      ctx, a, [&](const app::Session& s) { return use::experiment_report(s, r); },
      [](const use::ExperimentsResult& e) { return io::experiment_sheets(e.report); },
      print_experiments);
}

using Runner = core::Status (*)(const Context&, const ReportArgs&);

CLI::App* add_report(CLI::App& parent, Context& ctx, const char* name, const char* help,
                     Runner runner, std::shared_ptr<ReportArgs> a) {
  auto* cmd = parent.add_subcommand(name, help);
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->add_option("--xlsx", a->xlsx, "write an XLSX workbook")
      ->check(output_named(ctx.lang, ".xlsx"));
  cmd->add_option("--as", a->as, "read as this registered user (or PITWALL_AS)");
  cmd->callback([&ctx, a, runner] { ctx.exit_code = finish(ctx, runner(ctx, *a)); });
  return cmd;
}

void add_override(CLI::App& winback, Context& ctx) {
  struct OverrideArgs {
    std::string month, as, reason;
    bool json = false;
  };
  auto o = std::make_shared<OverrideArgs>();
  auto* cmd = winback.add_subcommand(
      "override", "director: lift a month's overrun pause and budget limit / 解除本月限制");
  cmd->add_option("--month", o->month, "month, e.g. 2023-06")->required();
  cmd->add_option("--as", o->as, "a director's user name (or PITWALL_AS)");
  cmd->add_option("--reason", o->reason, "why")->required();
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->callback([&ctx, o] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto month = wb::parse_year_month(o->month);
      if (!month) return std::move(month.error().at_column("--month"));
      Opened opened = TRY(open_session(ctx, o->as));
      use::OverrideResult r = TRY(use::override_month(opened.session, {*month, o->reason}));
      if (o->json) {
        print_json(use::to_json(r));
      } else {
        fmt::print("{}\n", tr(ctx.lang, "winback.overridden", o->month, r.by));
      }
      return {};
    }());
  });
}

void add_log(CLI::App& winback, Context& ctx) {
  struct LogArgs {
    std::string as;
    bool json = false;
  };
  auto l = std::make_shared<LogArgs>();
  auto* log = winback.add_subcommand("log", "the decision log / 决策日志");
  log->add_flag("--json", l->json, "JSON output");
  log->add_option("--as", l->as, "read as this registered user (or PITWALL_AS)");
  log->callback([&ctx, l] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      Opened o = TRY(open_session(ctx, l->as));
      use::LogResult r = TRY(use::decision_log(o.session, {}));
      if (l->json) {
        print_json(use::to_json(r));
      } else {
        print_log(ctx, r);
      }
      return {};
    }());
  });
}

}  // namespace

void add_budget_and_report_commands(CLI::App& winback, Context& ctx) {
  auto b = std::make_shared<ReportArgs>();
  add_report(winback, ctx, "budget", "budget and live monitor / 预算与成本监控", budget, b)
      ->add_option("--month", b->month, "month, e.g. 2023-06 (default: now)");
  add_override(winback, ctx);

  auto* report = winback.add_subcommand("report", "win-back reports / 挽回报告");
  report->require_subcommand(1);
  auto m = std::make_shared<ReportArgs>();
  add_report(*report, ctx, "monthly", "monthly analysis / 月度挽回分析", monthly, m)
      ->add_option("--month", m->month, "month, e.g. 2023-06 (default: now)");
  auto q = std::make_shared<ReportArgs>();
  add_report(*report, ctx, "audit", "quarterly ROI audit / 季度ROI审计", audit, q)
      ->add_option("--quarter", q->quarter, "quarter, e.g. 2023-Q2 (default: now)");
  add_report(*report, ctx, "cohorts", "cohorts by churn duration / 流失时长分组", cohorts,
             std::make_shared<ReportArgs>());
  auto e = std::make_shared<ReportArgs>();
  auto* ex = add_report(*report, ctx, "experiments", "compare incentive arms / 激励方案对比",
                        experiments, e);
  ex->add_option("--arms", e->arms, "only these arms (comma separated)")->delimiter(',');
  ex->add_option("--baseline", e->baseline, "the arm the others are tested against");

  add_log(winback, ctx);
}

}  // namespace pitwall::cli::winback
