// supervise problem open | list | show | update | close | verify (see supervise_cmd.hpp,
// docs/supervision.md). The loop's rules are in core/supervision/problem.hpp; this file finds
// the problem, checks the person's scope, applies one change and stores the record.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_data.hpp"
#include "cli/supervise_json.hpp"
#include "cli/supervise_words.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {

struct ProblemArgs {
  std::string campaign, id, as;
  std::string store, title, owner, alert, note, action, status;
  bool overdue = false, reopen = false, json = false;
};

core::Result<sv::Problem*> find_problem(const Context& ctx, SupervisionData& d,
                                        const std::string& id) {
  for (auto& p : d.problems) {
    if (p.id == id) return &p;
  }
  return core::not_found(tr(ctx.lang, "supervision.unknown_problem", id, d.campaign.id));
}

// The alert with `key` ("lagging/2023-03-02/S012"), recomputed from the feeds of its day.
core::Result<sv::Alert> find_alert(const Context& ctx, const SupervisionData& d,
                                   const std::string& key) {
  size_t a = key.find('/'), b = a == std::string::npos ? a : key.find('/', a + 1);
  std::string date = b == std::string::npos ? std::string() : key.substr(a + 1, b - a - 1);
  if (date.empty()) return core::not_found(tr(ctx.lang, "supervision.unknown_alert", key));
  int32_t day = TRY(campaign_day(ctx, d, date, "--alert"));
  sv::Timeline t = sv::analyse(d.feeds, d.problems, d.campaign.supervision, day, ctx.now());
  for (const auto& alert : t.alerts_of(day)) {
    if (alert.key(d.feeds) == key) return alert;
  }
  return core::not_found(tr(ctx.lang, "supervision.unknown_alert", key));
}

void print_problem_line(const Context& ctx, const SupervisionData& d, const sv::Problem& p) {
  std::string state(sv::problem_status_token(p.status));
  if (p.is_overdue(ctx.now())) state += "!";
  fmt::print("{} {:<12} {:<6} {:<10} {} — {}\n", p.id, state,
             p.store_code.empty() ? "-" : p.store_code, p.owner,
             core::format_local(p.due_at, *d.zone), p.title);
}

void print_problem(const Context& ctx, const SupervisionData& d, const sv::Problem& p) {
  print_problem_line(ctx, d, p);
  if (!p.alert_key.empty())
    fmt::print("  {}\n", tr(ctx.lang, "supervision.from_alert", p.alert_key));
  for (const auto& e : p.events) {
    fmt::print("  {} {:<10} {:<7} {}\n", core::format_local(e.at, *d.zone), e.by,
               sv::problem_event_token(e.kind), e.text);
  }
}

core::Status store_and_print(const Context& ctx, store::Workspace& ws, const SupervisionData& d,
                             const sv::Problem& p, std::string_view done_key, bool json) {
  TRY(save_problem(ws, d.campaign.id, p, ctx.now()));
  if (json) {
    print_json(problem_to_json(p));
  } else {
    std::string status = tr(
        ctx.lang, fmt::format("supervision.report.status_{}", sv::problem_status_token(p.status)));
    fmt::print("{}\n", tr(ctx.lang, done_key, p.id, status));
    print_problem(ctx, d, p);
  }
  return {};
}

core::Status run_open(Context& ctx, ProblemArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  store::User user = TRY(ctx.require_user(*ws, args.as));
  sv::ProblemDraft draft{"", args.store, args.title, "", args.owner, user.name, args.note};
  if (!args.alert.empty()) {
    sv::Alert alert = TRY(find_alert(ctx, d, args.alert));
    for (const auto& p : d.problems) {
      if (p.alert_key == args.alert) {
        return core::make_error(core::ErrorCode::kAlreadyExists,
                                tr(ctx.lang, "supervision.alert_has_problem", args.alert, p.id));
      }
    }
    draft.alert_key = args.alert;
    draft.store_code = alert.store >= 0 ? d.feeds.stores[alert.store].code : "";
    if (draft.title.empty()) {
      draft.title = alert_title(ctx.lang, d.feeds, alert);
    }
  } else if (!draft.store_code.empty() && d.feeds.find_store(draft.store_code) < 0) {
    auto e = core::make_error(core::ErrorCode::kUsage,
                              tr(ctx.lang, "supervision.unknown_store", draft.store_code));
    e.at_column("--store");
    return e;
  }
  TRY(check_scope(ctx, user, d.feeds, draft.store_code));
  std::vector<std::string> ids;
  for (const auto& p : d.problems) ids.push_back(p.id);
  draft.id = next_id("P", 4, ids);
  sv::Problem p = TRY(sv::open_problem(draft, ctx.now(), d.campaign.supervision.problem_due_hours));
  return store_and_print(ctx, *ws, d, p, "supervision.problem_opened", args.json);
}

enum class Change { kUpdate, kClose, kVerify };

core::Status run_change(Context& ctx, ProblemArgs& args, Change change) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  store::User user = TRY(ctx.require_user(*ws, args.as));
  sv::Problem* p = TRY(find_problem(ctx, d, args.id));
  TRY(check_scope(ctx, user, d.feeds, p->store_code));
  const int64_t now = ctx.now();
  std::string_view done = "supervision.problem_updated";
  switch (change) {
    case Change::kUpdate:
      if (args.owner.empty() && args.action.empty()) {
        return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "supervision.update_what"));
      }
      if (!args.owner.empty()) TRY(sv::change_owner(*p, user.name, args.owner, now));
      if (!args.action.empty()) TRY(sv::add_action(*p, user.name, args.action, now));
      break;
    case Change::kClose:
      TRY(sv::close_problem(*p, user.name, args.note, now));
      done = "supervision.problem_closed";
      break;
    case Change::kVerify:
      if (args.reopen) {
        TRY(sv::reopen_problem(*p, user.name, args.note, now,
                               d.campaign.supervision.problem_due_hours));
        done = "supervision.problem_reopened";
      } else {
        TRY(sv::verify_problem(*p, user.name, args.note, now));
        done = "supervision.problem_verified";
      }
      break;
  }
  return store_and_print(ctx, *ws, d, *p, done, args.json);
}

core::Status run_list(Context& ctx, ProblemArgs& args, bool one) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  if (one) {
    sv::Problem* p = TRY(find_problem(ctx, d, args.id));
    if (args.json) {
      print_json(problem_to_json(*p));
    } else {
      print_problem(ctx, d, *p);
    }
    return {};
  }
  sv::ProblemStatus wanted{};
  if (!args.status.empty() && !sv::parse_problem_status(args.status, &wanted)) {
    auto e = core::make_error(core::ErrorCode::kUsage,
                              tr(ctx.lang, "supervision.bad_status", args.status));
    e.at_column("--status");
    return e;
  }
  const int64_t now = ctx.now();
  std::vector<const sv::Problem*> shown;
  for (const auto& p : d.problems) {
    if (!args.status.empty() && p.status != wanted) continue;
    if (!args.store.empty() && p.store_code != args.store) continue;
    if (args.overdue && !p.is_overdue(now)) continue;
    shown.push_back(&p);
  }
  sv::ProblemStats stats = sv::problem_stats(d.problems, now);
  if (args.json) {
    io::Json list = io::Json::array();
    for (const auto* p : shown) list.push(problem_to_json(*p));
    print_json(io::Json::object()
                   .set("campaign", d.campaign.id)
                   .set("problems", std::move(list))
                   .set("stats", problem_stats_json(stats)));
    return {};
  }
  for (const auto* p : shown) print_problem_line(ctx, d, *p);
  if (shown.empty()) fmt::print("{}\n", tr(ctx.lang, "supervision.no_problems"));
  auto hours = [](const sv::HoursSummary& h) {
    return h.count == 0 ? std::string("—")
                        : fmt::format("{:.1f} / {:.1f} / {:.1f}", h.mean, h.median, h.max);
  };
  fmt::print("\n{}\n",
             tr(ctx.lang, "supervision.problem_stats", stats.total, stats.open, stats.in_progress,
                stats.resolved, stats.verified, stats.overdue, stats.reopened,
                hours(stats.first_response), hours(stats.time_to_close), stats.closed_on_time));
  return {};
}

CLI::App* problem_command(CLI::App& group, const char* name, const char* help,
                          std::shared_ptr<ProblemArgs> args, bool with_id, bool writes) {
  auto* cmd = group.add_subcommand(name, help);
  cmd->add_option("--campaign", args->campaign, "campaign id")->required();
  if (with_id) cmd->add_option("ID", args->id, "problem id, e.g. P0001")->required();
  if (writes) cmd->add_option("--as", args->as, "who does it (a registered user)")->required();
  cmd->add_flag("--json", args->json, "JSON output");
  return cmd;
}

}  // namespace

void add_supervise_problem_commands(CLI::App& supervise, Context& ctx) {
  auto* group = supervise.add_subcommand("problem", "the problem loop / 问题闭环");
  group->require_subcommand(1);

  auto open_args = std::make_shared<ProblemArgs>();
  auto* open =
      problem_command(*group, "open", "open a problem, by hand or from an alert / 登记问题",
                      open_args, false, true);
  open->add_option("--alert", open_args->alert, "alert key from the board (opens in one step)");
  open->add_option("--store", open_args->store, "store code (by hand)");
  open->add_option("--title", open_args->title, "what is wrong (default from the alert)");
  open->add_option("--owner", open_args->owner, "who acts on it")->required();
  open->add_option("--note", open_args->note, "note");
  open->callback([&ctx, open_args] { ctx.exit_code = finish(ctx, run_open(ctx, *open_args)); });

  auto list_args = std::make_shared<ProblemArgs>();
  auto* list = problem_command(*group, "list", "problems and their statistics / 问题列表",
                               list_args, false, false);
  list->add_option("--status", list_args->status, "open | in_progress | resolved | verified");
  list->add_option("--store", list_args->store, "store code");
  list->add_flag("--overdue", list_args->overdue, "overdue ones only");
  list->callback(
      [&ctx, list_args] { ctx.exit_code = finish(ctx, run_list(ctx, *list_args, false)); });

  auto show_args = std::make_shared<ProblemArgs>();
  auto* show = problem_command(*group, "show", "one problem with its history / 问题详情", show_args,
                               true, false);
  show->callback(
      [&ctx, show_args] { ctx.exit_code = finish(ctx, run_list(ctx, *show_args, true)); });

  auto update_args = std::make_shared<ProblemArgs>();
  auto* update = problem_command(*group, "update", "record an action or a new owner / 跟进",
                                 update_args, true, true);
  update->add_option("--action", update_args->action, "what was done");
  update->add_option("--owner", update_args->owner, "hand over to");
  update->callback([&ctx, update_args] {
    ctx.exit_code = finish(ctx, run_change(ctx, *update_args, Change::kUpdate));
  });

  auto close_args = std::make_shared<ProblemArgs>();
  auto* close =
      problem_command(*group, "close", "resolve a problem / 关闭问题", close_args, true, true);
  close->add_option("--note", close_args->note, "how it was fixed");
  close->callback([&ctx, close_args] {
    ctx.exit_code = finish(ctx, run_change(ctx, *close_args, Change::kClose));
  });

  auto verify_args = std::make_shared<ProblemArgs>();
  auto* verify = problem_command(*group, "verify", "confirm the fix holds, or reopen / 验证",
                                 verify_args, true, true);
  verify->add_option("--note", verify_args->note, "what was checked");
  verify->add_flag("--reopen", verify_args->reopen, "the fix did not hold: reopen");
  verify->callback([&ctx, verify_args] {
    ctx.exit_code = finish(ctx, run_change(ctx, *verify_args, Change::kVerify));
  });
}

}  // namespace pitwall::cli
