// winback budget, override, report monthly|audit|cohorts|experiments, log (winback_commands.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_desk.hpp"
#include "cli/winback_output.hpp"
#include "cli/winback_print.hpp"
#include "core/winback/reports.hpp"
#include "io/report/winback_json.hpp"
#include "io/report/winback_report_sheets.hpp"

namespace pitwall::cli::winback {

namespace {

struct ReportArgs {
  std::string month;
  std::string quarter;
  std::string baseline;
  std::vector<std::string> arms;
  bool json = false;
  std::string xlsx;
};

// What every report reads: the workspace, programme, zone, offers.
struct ReportBase {
  std::unique_ptr<store::Workspace> ws;
  ProgrammeInfo info;
  const core::TimeZone* zone = nullptr;
  std::vector<wb::Offer> offers;
};

core::Result<ReportBase> load_base(const Context& ctx) {
  ReportBase b;
  b.ws = TRY(ctx.open_workspace());
  b.info = TRY(active_programme(*b.ws));
  b.zone = TRY(zone_of(b.info.programme));
  b.offers = TRY(load_offers(*b.ws));
  return b;
}

core::Result<wb::YearMonth> month_or_now(const Context& ctx, const ReportBase& b,
                                         const std::string& text) {
  if (text.empty()) return wb::month_of(ctx.now(), *b.zone);
  auto m = wb::parse_year_month(text);
  if (!m) return std::move(m.error().at_column("--month"));
  return *m;
}

// Prints JSON, writes XLSX or prints the terminal form.
template <typename Json, typename Sheets, typename Text>
core::Status emit(const Context& ctx, const ReportArgs& a, Json json, Sheets sheets, Text text) {
  if (!a.xlsx.empty()) {
    std::vector<io::Sheet> s = sheets();
    TRY(write_sheets_xlsx(ctx, s, a.xlsx));
    fmt::print("{}\n", tr(ctx.lang, "winback.written_workbook", a.xlsx));
    return {};
  }
  if (a.json) {
    print_json(json());
    return {};
  }
  text();
  return {};
}

core::Status budget(const Context& ctx, const ReportArgs& a) {
  ReportBase b = TRY(load_base(ctx));
  wb::YearMonth month = TRY(month_or_now(ctx, b, a.month));
  const wb::Programme& p = b.info.programme;
  bool overridden = TRY(month_overridden(*b.ws, month));
  auto m = wb::monitor_month(p, b.offers, month, ctx.now(), *b.zone, overridden);
  wb::BudgetPlan plan = wb::budget_plan(p.budget);
  return emit(
      ctx, a,
      [&] {
        io::Json j = io::Json::object();
        j.set("programme", p.tag()).set("plan", io::budget_plan_json(plan));
        j.set("monitor", io::monitor_json(m));
        return j;
      },
      [&] { return io::budget_sheets(plan, m); }, [&] { print_budget(ctx, p, plan, m); });
}

core::Status monthly(const Context& ctx, const ReportArgs& a) {
  ReportBase b = TRY(load_base(ctx));
  wb::YearMonth month = TRY(month_or_now(ctx, b, a.month));
  const wb::Programme& p = b.info.programme;
  bool overridden = TRY(month_overridden(*b.ws, month));
  auto r = wb::monthly_report(p, b.offers, month, ctx.now(), *b.zone, overridden);
  return emit(
      ctx, a,
      [&] {
        io::Json j = io::Json::object();
        j.set("programme", p.tag());
        merge_members(j, io::monthly_json(r));
        return j;
      },
      [&] { return io::monthly_sheets(r); }, [&] { print_monthly(ctx, p, r); });
}

core::Status audit(const Context& ctx, const ReportArgs& a) {
  ReportBase b = TRY(load_base(ctx));
  wb::Quarter quarter;
  if (a.quarter.empty()) {
    wb::YearMonth m = wb::month_of(ctx.now(), *b.zone);
    quarter = {m.year, (m.month - 1) / 3 + 1};
  } else {
    auto q = wb::parse_quarter(a.quarter);
    if (!q) return std::move(q.error().at_column("--quarter"));
    quarter = *q;
  }
  const wb::Programme& p = b.info.programme;
  auto r = wb::quarterly_audit(p, b.offers, quarter, *b.zone);
  return emit(
      ctx, a,
      [&] {
        io::Json j = io::Json::object();
        j.set("programme", p.tag());
        merge_members(j, io::audit_json(r));
        return j;
      },
      [&] { return io::audit_sheets(r); }, [&] { print_audit(ctx, p, r); });
}

core::Result<std::vector<wb::Attempt>> attempts(const ReportBase& b) {
  core::Table history = TRY(b.ws->load_table(core::TableKind::kWinbackHistory, ""));
  auto list = wb::attempts_from_history(b.info.programme, history);
  for (auto& a : wb::attempts_from_offers(b.offers)) list.push_back(std::move(a));
  return list;
}

core::Status cohorts(const Context& ctx, const ReportArgs& a) {
  ReportBase b = TRY(load_base(ctx));
  auto list = TRY(attempts(b));
  const wb::Programme& p = b.info.programme;
  auto c = wb::cohorts(p, list);
  return emit(
      ctx, a,
      [&] {
        io::Json j = io::Json::object();
        j.set("programme", p.tag()).set("attempts", int64_t(list.size()));
        j.set("cohorts", io::cohorts_json(c));
        return j;
      },
      [&] { return io::cohort_sheets(c); }, [&] { print_cohorts(ctx, p, c, list.size()); });
}

core::Status experiments(const Context& ctx, const ReportArgs& a) {
  ReportBase b = TRY(load_base(ctx));
  auto list = TRY(attempts(b));
  const wb::Programme& p = b.info.programme;
  auto r = wb::experiments(list, a.arms, a.baseline);
  if (!r) return std::move(r.error().at_column("--arms"));
  return emit(
      ctx, a,
      [&] {
        io::Json j = io::Json::object();
        j.set("programme", p.tag());
        merge_members(j, io::experiments_json(*r));
        return j;
      },
      [&] { return io::experiment_sheets(*r); }, [&] { print_experiments(ctx, p, *r); });
}

core::Status decision_log(const Context& ctx, bool json) {
  auto ws = TRY(ctx.open_workspace());
  auto entries = TRY(ws->read_log("winback.decisions"));
  io::Json arr = io::Json::array();
  for (const auto& e : entries) {
    auto j = io::Json::parse(e.json);
    if (!j) continue;  // FIXME: report a corrupt log entry instead of skipping it
    if (!json) {
      fmt::print("{:>5}  {}  {:<12} {:<9} {:<8} {:<10} {:<10} {}\n", e.seq, j->get_string("at"),
                 j->get_string("by"), j->get_string("role"), j->get_string("action"),
                 j->get_string("offer", "-"), j->get_string("customer", "-"),
                 j->get_string("detail"));
    }
    j->set("seq", e.seq);
    arr.push(std::move(*j));
  }
  if (json) print_json(arr);
  return {};
}

using Runner = core::Status (*)(const Context&, const ReportArgs&);

CLI::App* add_report(CLI::App& parent, Context& ctx, const char* name, const char* help,
                     Runner runner, std::shared_ptr<ReportArgs> a) {
  auto* cmd = parent.add_subcommand(name, help);
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->add_option("--xlsx", a->xlsx, "write an XLSX workbook");
  cmd->callback([&ctx, a, runner] { ctx.exit_code = finish(ctx, runner(ctx, *a)); });
  return cmd;
}

}  // namespace

void add_budget_and_report_commands(CLI::App& winback, Context& ctx) {
  auto b = std::make_shared<ReportArgs>();
  add_report(winback, ctx, "budget", "budget and live monitor / 预算与成本监控", budget, b)
      ->add_option("--month", b->month, "month, e.g. 2023-06 (default: now)");

  struct OverrideArgs {
    std::string month, as, reason;
  };
  auto o = std::make_shared<OverrideArgs>();
  auto* override_cmd =
      winback.add_subcommand("override", "director: lift the overrun pause for a month / 解除暂停");
  override_cmd->add_option("--month", o->month, "month, e.g. 2023-06")->required();
  override_cmd->add_option("--as", o->as, "a director's user name")->required();
  override_cmd->add_option("--reason", o->reason, "why")->required();
  override_cmd->callback([&ctx, o] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto month = wb::parse_year_month(o->month);
      if (!month) return std::move(month.error().at_column("--month"));
      TRY(override_month(ctx, *month, o->as, o->reason));
      fmt::print("{}\n", tr(ctx.lang, "winback.overridden", o->month, o->as));
      return {};
    }());
  });

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

  auto* log = winback.add_subcommand("log", "the decision log / 决策日志");
  auto json = std::make_shared<bool>(false);
  log->add_flag("--json", *json, "JSON output");
  log->callback([&ctx, json] { ctx.exit_code = finish(ctx, decision_log(ctx, *json)); });
}

}  // namespace pitwall::cli::winback
