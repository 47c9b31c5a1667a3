// supervise problem open | list | show | update | close | verify (see supervise_cmd.hpp,
// docs/supervision.md): parse, call one use case of app/supervision/problems.hpp, render.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/supervision/problems.hpp"
#include "app/supervision/supervision_json.hpp"
#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_text.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;
namespace sup = app::supervision;

namespace {

struct ProblemArgs : SuperviseArgs {
  std::string id, store, title, owner, alert, note, action, status;
  bool overdue = false, reopen = false;
};

void print_problem_line(const sup::CampaignInfo& c, const sv::Problem& p, int64_t now) {
  std::string state(sv::problem_status_token(p.status));
  if (p.is_overdue(now)) state += "!";
  fmt::print("{} {:<12} {:<6} {:<10} {} — {}\n", p.id, state,
             p.store_code.empty() ? "-" : p.store_code, p.owner,
             core::format_local(p.due_at, *c.zone), p.title);
}

void print_problem(Lang lang, const sup::CampaignInfo& c, const sv::Problem& p, int64_t now) {
  print_problem_line(c, p, now);
  if (!p.alert_key.empty()) fmt::print("  {}\n", tr(lang, "supervision.from_alert", p.alert_key));
  for (const auto& e : p.events) {
    fmt::print("  {} {:<10} {:<7} {}\n", core::format_local(e.at, *c.zone), e.by,
               sv::problem_event_token(e.kind), e.text);
  }
}

// Prints a changed problem: its JSON, or what was done and the problem.
void print_change(const app::Session& s, const ProblemArgs& a, const sup::ProblemResult& r,
                  std::string_view done_key) {
  if (a.json) {
    print_json(sup::to_json(r));
    return;
  }
  const sv::Problem& p = r.problem;
  fmt::print("{}\n", s.tr(done_key, p.id, sup::status_word(s.lang, p.status)));
  print_problem(s.lang, r.campaign, p, s.now);
}

core::Status run_open(Context& ctx, const ProblemArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::open_problem(s, {a.campaign, a.alert, a.store, a.title, a.owner, a.note}));
  print_change(s, a, r, "supervision.problem_opened");
  return {};
}

core::Status run_change(Context& ctx, const ProblemArgs& a, sup::ProblemChange change) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  if (change == sup::ProblemChange::kVerify && a.reopen) change = sup::ProblemChange::kReopen;
  auto r = TRY(sup::update_problem(s, {a.campaign, a.id, change, a.action, a.owner, a.note}));
  static constexpr std::string_view kDone[] = {
      "supervision.problem_updated", "supervision.problem_closed", "supervision.problem_verified",
      "supervision.problem_reopened"};
  print_change(s, a, r, kDone[static_cast<int>(change)]);
  return {};
}

core::Status run_show(Context& ctx, const ProblemArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::show_problem(s, {a.campaign, a.id}));
  if (a.json) {
    print_json(sup::to_json(r));
  } else {
    print_problem(ctx.lang, r.campaign, r.problem, s.now);
  }
  return {};
}

std::string hours_text(const sv::HoursSummary& h) {
  return h.count == 0 ? std::string("—")
                      : fmt::format("{:.1f} / {:.1f} / {:.1f}", h.mean, h.median, h.max);
}

core::Status run_list(Context& ctx, const ProblemArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::list_problems(s, {a.campaign, a.status, a.store, a.overdue}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  for (const auto& p : r.problems) print_problem_line(r.campaign, p, r.now);
  if (r.problems.empty()) fmt::print("{}\n", tr(ctx.lang, "supervision.no_problems"));
  const sv::ProblemStats& st = r.stats;
  fmt::print("\n{}\n",
             tr(ctx.lang, "supervision.problem_stats", st.total, st.open, st.in_progress,
                st.resolved, st.verified, st.overdue, st.reopened, hours_text(st.first_response),
                hours_text(st.time_to_close), st.closed_on_time));
  return {};
}

CLI::App* problem_command(CLI::App& group, Context& ctx, const char* name, const char* help,
                          std::shared_ptr<ProblemArgs> args, bool with_id,
                          std::function<core::Status(Context&, const ProblemArgs&)> run) {
  auto* cmd = supervise_command(group, ctx, name, help, *args,
                                [&ctx, args, run] { return run(ctx, *args); });
  if (with_id) cmd->add_option("ID", args->id, "problem id, e.g. P0001")->required();
  return cmd;
}

}  // namespace

void add_supervise_problem_commands(CLI::App& supervise, Context& ctx) {
  auto* group = supervise.add_subcommand("problem", "the problem loop / 问题闭环");
  group->require_subcommand(1);
  using sup::ProblemChange;

  auto o = std::make_shared<ProblemArgs>();
  auto* open =
      problem_command(*group, ctx, "open", "open a problem, by hand or from an alert / 登记问题", o,
                      false, run_open);
  open->add_option("--alert", o->alert, "alert key from the board (opens in one step)");
  open->add_option("--store", o->store, "store code (by hand)");
  open->add_option("--title", o->title, "what is wrong (default from the alert)");
  open->add_option("--owner", o->owner, "who acts on it")->required();
  open->add_option("--note", o->note, "note");

  auto l = std::make_shared<ProblemArgs>();
  auto* list = problem_command(*group, ctx, "list", "problems and their statistics / 问题列表", l,
                               false, run_list);
  list->add_option("--status", l->status, "open | in_progress | resolved | verified");
  list->add_option("--store", l->store, "store code");
  list->add_flag("--overdue", l->overdue, "overdue ones only");

  problem_command(*group, ctx, "show", "one problem with its history / 问题详情",
                  std::make_shared<ProblemArgs>(), true, run_show);

  auto u = std::make_shared<ProblemArgs>();
  auto* update = problem_command(
      *group, ctx, "update", "record an action or a new owner / 跟进", u, true,
      [](Context& c, const ProblemArgs& a) { return run_change(c, a, ProblemChange::kUpdate); });
  update->add_option("--action", u->action, "what was done");
  update->add_option("--owner", u->owner, "hand over to");

  auto c = std::make_shared<ProblemArgs>();
  auto* close = problem_command(
      *group, ctx, "close", "resolve a problem / 关闭问题", c, true,
      [](Context& x, const ProblemArgs& a) { return run_change(x, a, ProblemChange::kClose); });
  close->add_option("--note", c->note, "how it was fixed");

  auto v = std::make_shared<ProblemArgs>();
  auto* verify = problem_command(
      *group, ctx, "verify", "confirm the fix holds, or reopen / 验证", v, true,
      [](Context& x, const ProblemArgs& a) { return run_change(x, a, ProblemChange::kVerify); });
  verify->add_option("--note", v->note, "what was checked");
  verify->add_flag("--reopen", v->reopen, "the fix did not hold: reopen");
}

}  // namespace pitwall::cli
