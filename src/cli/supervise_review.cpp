// supervise review | phase list/done | decay (see supervise_cmd.hpp, docs/supervision.md): parse,
// call one use case of app/supervision/review.hpp or phase.hpp, render.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/supervision/phase.hpp"
#include "app/supervision/review.hpp"
#include "app/supervision/supervision_json.hpp"
#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_text.hpp"
#include "cli/usage.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;
namespace sup = app::supervision;
using sup::day_text;
using sup::percent;

namespace {

struct ReviewArgs : SuperviseArgs {
  std::string to, xlsx, html, task, note;
  bool undo = false;
};

void print_review(Lang lang, const ReviewArgs& a, const sup::ReviewResult& r) {
  const sv::Review& review = r.review;
  const auto& n = review.network;
  fmt::print("{}\n", tr(lang, "supervision.review_title", r.campaign.id, r.campaign.name,
                        day_text(review.first_day), day_text(review.last_day)));
  fmt::print("{}\n", tr(lang, "supervision.review_target", percent(review.target),
                        share_text(n.cum_participation), review.stores_executing, n.stores,
                        review.never_executed.size()));
  const auto& ps = review.problem_stats;
  fmt::print("{}\n", tr(lang, "supervision.review_problems", ps.total, ps.closed_on_time,
                        ps.overdue, ps.reopened));
  for (const auto& path : {a.html, a.xlsx}) {
    if (!path.empty()) fmt::print("{}\n", tr(lang, "supervision.written", path));
  }
}

core::Status run_review(Context& ctx, const ReviewArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::read_review(s, {a.campaign, a.to}));
  if (!a.html.empty()) TRY(sup::write_review_html(r, ctx.lang, a.html));
  if (!a.xlsx.empty()) TRY(sup::write_review_xlsx(r, ctx.lang, a.xlsx));
  if (a.json) {
    print_json(sup::to_json(r));
  } else {
    print_review(ctx.lang, a, r);
  }
  return {};
}

void print_phases(Lang lang, const sup::PhasePlanResult& r) {
  for (const sup::PhaseEntry& e : r.phases) {
    const sv::PhaseStep& step = e.step;
    fmt::print("{} {:<8} {} → {}  {}\n", e.current ? "▶" : " ", step.label,
               day_text(step.first_day), day_text(step.last_day),
               sup::phase_word(lang, step.phase));
    for (const sup::TaskState& t : e.tasks) {
      fmt::print("    [{}] {:<28} {}{}\n", t.done ? "x" : " ", t.task, sup::task_word(lang, t.task),
                 t.done ? fmt::format(" ({})", t.by) : "");
    }
  }
}

core::Status run_phase(Context& ctx, const ReviewArgs& a, bool mark) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  sup::PhasePlanResult r;
  if (mark) {
    auto how = a.undo ? sup::TaskMark::kNotDone : sup::TaskMark::kDone;
    r = TRY(sup::mark_task(s, {a.campaign, a.task, how, a.note}));
  } else {
    r = TRY(sup::read_phase_plan(s, {a.campaign}));
  }
  if (a.json) {
    print_json(sup::to_json(r));
  } else {
    print_phases(ctx.lang, r);
  }
  return {};
}

std::string decimal_text(std::optional<double> v, const char* unit) {
  return v ? fmt::format("{:.1f}{}", sv::round_half_away(*v, 1), unit) : std::string("—");
}

core::Status run_decay(Context& ctx, const ReviewArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::read_decay(s, {a.campaign}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  const sv::DecayReport& d = r.report;
  fmt::print("{}\n", tr(ctx.lang, "supervision.decay_header"));
  for (const auto& l : d.levels) {
    fmt::print("{:<16} {:>5} {:>8} {:>8} {:>8} {:>8}\n", sup::level_word(ctx.lang, l.level),
               l.respondents, decimal_text(l.completeness, ""), decimal_text(l.willingness, ""),
               decimal_text(l.completeness_index, "%"), decimal_text(l.willingness_index, "%"));
  }
  if (d.weakest_step > 0) {
    fmt::print("{}\n",
               tr(ctx.lang, "supervision.decay_weakest", sup::level_word(ctx.lang, d.weakest_step),
                  decimal_text(d.weakest_drop, "")));
  }
  return {};
}

}  // namespace

void add_supervise_review_commands(CLI::App& supervise, Context& ctx) {
  auto rv = std::make_shared<ReviewArgs>();
  auto* review =
      supervise_command(supervise, ctx, "review", "the review report (D+1) / 督导复盘报告", *rv,
                        [&ctx, rv] { return run_review(ctx, *rv); });
  review->add_option("--to", rv->to, "last day (default: the campaign's, or yesterday)");
  review->add_option("--html", rv->html, "write the HTML report (charts inline)")
      ->check(output_named(ctx.lang, ".html"));
  review->add_option("--xlsx", rv->xlsx, "write the workbook")
      ->check(output_named(ctx.lang, ".xlsx"));

  auto* phase = supervise.add_subcommand("phase", "the phase plan D-1 … D+1 / 督导流程");
  phase->require_subcommand(1);
  auto list_args = std::make_shared<ReviewArgs>();
  supervise_command(*phase, ctx, "list", "phases, tasks and their done state", *list_args,
                    [&ctx, list_args] { return run_phase(ctx, *list_args, false); });
  auto done_args = std::make_shared<ReviewArgs>();
  auto* done = supervise_command(*phase, ctx, "done", "mark a task done (or --undo)", *done_args,
                                 [&ctx, done_args] { return run_phase(ctx, *done_args, true); });
  done->add_option("--task", done_args->task, "task id, e.g. prelaunch.materials")->required();
  done->add_option("--note", done_args->note, "note");
  done->add_flag("--undo", done_args->undo, "mark it not done");

  auto dc = std::make_shared<ReviewArgs>();
  supervise_command(supervise, ctx, "decay", "execution decay from the survey / 执行衰减", *dc,
                    [&ctx, dc] { return run_decay(ctx, *dc); });
}

}  // namespace pitwall::cli
