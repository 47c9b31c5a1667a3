// supervise review | phase list/done | decay | practice add/adopt/list (see supervise_cmd.hpp,
// docs/supervision.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <map>

#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_data.hpp"
#include "cli/supervise_json.hpp"
#include "cli/supervise_words.hpp"
#include "core/supervision/phase_plan.hpp"
#include "core/supervision/review.hpp"
#include "io/report/supervision_report.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {

struct ReviewArgs {
  std::string campaign, to, xlsx, html, as, task, note, store, title, text, date, stores;
  bool json = false, undo = false;
};

std::string level_word(Lang lang, int level) {
  return tr(lang, fmt::format("supervision.level.{}", core::words::kSurveyLevels[level]));
}

io::SupervisionReportText report_text(const Context& ctx, const sv::Feeds& feeds) {
  Lang lang = ctx.lang;
  io::SupervisionReportText t;
  t.html_lang = lang == Lang::kZh ? "zh-CN" : "en";
  t.label = [lang](std::string_view key) {
    return std::string(message(lang, fmt::format("supervision.report.{}", key)));
  };
  t.alert = [lang, &feeds](const sv::Alert& a) { return alert_text(lang, feeds, a); };
  t.level = [lang](int level) { return level_word(lang, level); };
  return t;
}

// The last day a review covers: the campaign's last day, or yesterday while it runs.
core::Result<int32_t> review_day(const Context& ctx, const SupervisionData& d,
                                 const std::string& to) {
  if (!to.empty()) return campaign_day(ctx, d, to, "--to");
  int32_t last = std::min(d.feeds.last_day, d.today - 1);
  if (last < d.feeds.first_day) {
    return core::make_error(
        core::ErrorCode::kConflict,
        tr(ctx.lang, "supervision.not_started", d.campaign.id, day_text(d.feeds.first_day)));
  }
  return last;
}

core::Status write_text(const std::string& path, const std::string& text) {
  auto written = store::write_file_atomic(path, text);
  if (!written) {
    core::Error e = written.error();
    e.at_file(path);
    return e;
  }
  return {};
}

io::Json days_json(const Context& ctx, const sv::Feeds& f, const sv::Review& r) {
  io::Json days = io::Json::array();
  for (const auto& day : r.days) {
    io::Json red = io::Json::array(), black = io::Json::array(), incidents = io::Json::array();
    for (int s : day.red) red.push(f.stores[s].code);
    for (int s : day.black) black.push(f.stores[s].code);
    for (const auto& a : day.network_alerts) incidents.push(alert_json(ctx.lang, f, a));
    days.push(io::Json::object()
                  .set("date", day_text(day.day))
                  .set("participation", share_json(day.network.participation))
                  .set("complaint_rate_per_100", number_json(day.network.complaint_rate))
                  .set("alerts", day.alerts)
                  .set("red", std::move(red))
                  .set("black", std::move(black))
                  .set("network_alerts", std::move(incidents)));
  }
  return days;
}

io::Json review_json(const Context& ctx, const SupervisionData& d, const sv::Review& r) {
  const auto& f = d.feeds;
  io::Json j = io::Json::object();
  j.set("campaign", d.campaign.id)
      .set("from", day_text(r.first_day))
      .set("to", day_text(r.last_day));
  j.set("target_participation", io::Json::rounded(r.target, 4));
  j.set("network", figures_json(f, r.network));
  io::Json regions = io::Json::array();
  for (const auto& g : r.regions) regions.push(figures_json(f, g));
  j.set("regions", std::move(regions)).set("stores_executing", r.stores_executing);
  io::Json never = io::Json::array();
  for (int s : r.never_executed) never.push(f.stores[s].code);
  j.set("never_executed", std::move(never));
  io::Json days = days_json(ctx, f, r);
  j.set("days", std::move(days));
  io::Json stores = io::Json::array();
  for (const auto& h : r.stores) {
    stores.push(io::Json::object()
                    .set("store_code", f.stores[h.store].code)
                    .set("red_days", h.red_days)
                    .set("black_days", h.black_days)
                    .set("silent_days", h.silent_days)
                    .set("executed_days", h.executed_days)
                    .set("cum_participation", share_json(h.cum_participation))
                    .set("cum_score", number_json(h.cum_score)));
  }
  j.set("stores", std::move(stores)).set("problems", problem_stats_json(r.problem_stats));
  io::Json practices = io::Json::array();
  for (const auto& p : r.practices) {
    const auto& e = p.effect;
    practices.push(io::Json::object()
                       .set("id", p.practice->id)
                       .set("title", p.practice->title)
                       .set("adopters", e.adopters)
                       .set("campaign_stores", e.campaign_stores)
                       .set("adopters_before", share_json(e.adopters_before))
                       .set("adopters_after", share_json(e.adopters_after))
                       .set("others_before", share_json(e.others_before))
                       .set("others_after", share_json(e.others_after))
                       .set("lift_points", number_json(e.lift_points)));
  }
  j.set("practices", std::move(practices));
  return j;
}

core::Result<std::optional<sv::DecayReport>> load_decay(store::Workspace& ws,
                                                        std::string_view campaign) {
  core::Table survey = TRY(ws.load_table(core::TableKind::kSurvey, campaign));
  if (survey.rows() == 0) return std::optional<sv::DecayReport>();
  return std::optional<sv::DecayReport>(sv::execution_decay(survey));
}

core::Status run_review(Context& ctx, ReviewArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kYes));
  int32_t to = TRY(review_day(ctx, d, args.to));
  const auto& rule = d.campaign.supervision;
  auto practices = TRY(load_practices(*ws, d.campaign.id));
  auto decay = TRY(load_decay(*ws, d.campaign.id));
  sv::Timeline timeline = sv::analyse(d.feeds, d.problems, rule, to, ctx.now());
  sv::Review review = sv::make_review(d.feeds, timeline, rule, d.problems, practices, decay);
  io::SupervisionReport report{&d.campaign, &d.feeds, &review,
                               core::format_local(ctx.now(), *d.zone), report_text(ctx, d.feeds)};
  if (!args.html.empty()) TRY(write_text(args.html, io::render_supervision_html(report)));
  if (!args.xlsx.empty()) TRY(io::write_supervision_xlsx(report, args.xlsx));
  if (args.json) {
    print_json(review_json(ctx, d, review));
    return {};
  }
  const auto& n = review.network;
  fmt::print("{}\n", tr(ctx.lang, "supervision.review_title", d.campaign.id, d.campaign.name,
                        day_text(review.first_day), day_text(review.last_day)));
  fmt::print("{}\n", tr(ctx.lang, "supervision.review_target", percent(review.target),
                        n.cum_participation ? percent(*n.cum_participation) : "—",
                        review.stores_executing, n.stores, review.never_executed.size()));
  const auto& ps = review.problem_stats;
  fmt::print("{}\n", tr(ctx.lang, "supervision.review_problems", ps.total, ps.closed_on_time,
                        ps.overdue, ps.reopened));
  for (const auto& path : {args.html, args.xlsx}) {
    if (!path.empty()) fmt::print("{}\n", tr(ctx.lang, "supervision.written", path));
  }
  return {};
}

core::Status mark_task(const Context& ctx, store::Workspace& ws, const SupervisionData& d,
                       const ReviewArgs& args) {
  store::User user = TRY(ctx.require_user(ws, args.as));
  if (!sv::is_phase_task(args.task)) {
    auto e = core::make_error(core::ErrorCode::kUsage,
                              tr(ctx.lang, "supervision.unknown_task", args.task));
    e.at_column("--task");
    return e;
  }
  io::Json rec = io::Json::object();
  rec.set("task", args.task).set("done", !args.undo).set("by", user.name);
  rec.set("at", instant_json(ctx.now())).set("note", args.note);
  std::string text = rec.dump();
  return ws.transaction([&]() -> core::Status {
    TRY(ws.put_record(kPhaseTasks, fmt::format("{}/{}", d.campaign.id, args.task), text,
                      ctx.now()));
    TRY(ws.append_log(fmt::format("supervision/{}", d.campaign.id), text));
    return {};
  });
}

io::Json phase_json(const Context& ctx, const SupervisionData& d, const sv::PhaseStep& step,
                    const std::map<std::string, io::Json>& state) {
  io::Json tasks = io::Json::array();
  for (std::string_view task : step.tasks) {
    auto it = state.find(std::string(task));
    bool done = it != state.end() && it->second.get_bool("done");
    io::Json t = io::Json::object().set("task", task).set("text", task_word(ctx.lang, task));
    t.set("done", done);
    t.set("by", done ? io::Json(it->second.get_string("by")) : io::Json());
    t.set("at", done ? io::Json(it->second.get_string("at")) : io::Json());
    tasks.push(std::move(t));
  }
  return io::Json::object()
      .set("phase", sv::phase_token(step.phase))
      .set("label", step.label)
      .set("from", day_text(step.first_day))
      .set("to", day_text(step.last_day))
      .set("current", d.today >= step.first_day && d.today <= step.last_day)
      .set("tasks", std::move(tasks));
}

void print_phase(const Context& ctx, const sv::PhaseStep& step, const io::Json& j) {
  fmt::print("{} {:<8} {} → {}  {}\n", j.get_bool("current") ? "▶" : " ", step.label,
             j.get_string("from"), j.get_string("to"), phase_word(ctx.lang, step.phase));
  for (const io::Json& t : j.find("tasks")->items()) {
    bool done = t.get_bool("done");
    fmt::print("    [{}] {:<28} {}{}\n", done ? "x" : " ", t.get_string("task"),
               t.get_string("text"), done ? fmt::format(" ({})", t.get_string("by")) : "");
  }
}

core::Status run_phase(Context& ctx, ReviewArgs& args, bool mark) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  if (mark) TRY(mark_task(ctx, *ws, d, args));
  auto records = TRY(ws->list_records(kPhaseTasks, fmt::format("{}/", d.campaign.id)));
  std::map<std::string, io::Json> state;
  for (const auto& r : records) {
    io::Json j = TRY(io::Json::parse(r.json));
    state[j.get_string("task")] = j;
  }
  io::Json out = io::Json::array();
  for (const auto& step : sv::phase_plan(d.feeds.first_day, d.feeds.last_day)) {
    io::Json j = phase_json(ctx, d, step, state);
    if (!args.json) print_phase(ctx, step, j);
    out.push(std::move(j));
  }
  if (args.json) print_json(io::Json::object().set("campaign", d.campaign.id).set("phases", out));
  return {};
}

core::Status run_decay(Context& ctx, ReviewArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  TRY(ctx.load_campaign(*ws, args.campaign));
  auto decay = TRY(load_decay(*ws, args.campaign));
  if (!decay) {
    return core::not_found(tr(ctx.lang, "supervision.no_survey", args.campaign));
  }
  auto index = [](std::optional<double> v) { return v ? io::Json::rounded(*v, 2) : io::Json(); };
  io::Json levels = io::Json::array();
  for (const auto& l : decay->levels) {
    levels.push(io::Json::object()
                    .set("level", core::words::kSurveyLevels[l.level])
                    .set("respondents", l.respondents)
                    .set("completeness", index(l.completeness))
                    .set("willingness", index(l.willingness))
                    .set("completeness_index", index(l.completeness_index))
                    .set("willingness_index", index(l.willingness_index)));
  }
  if (args.json) {
    io::Json j = io::Json::object().set("campaign", args.campaign).set("levels", levels);
    j.set("weakest_level", decay->weakest_step < 0
                               ? io::Json()
                               : io::Json(core::words::kSurveyLevels[decay->weakest_step]));
    j.set("weakest_drop_points", io::Json::rounded(decay->weakest_drop, 2));
    print_json(j);
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "supervision.decay_header"));
  auto text = [](std::optional<double> v, const char* unit) {
    return v ? fmt::format("{:.1f}{}", core::supervision::round_half_away(*v, 1), unit)
             : std::string("—");
  };
  for (const auto& l : decay->levels) {
    fmt::print("{:<16} {:>5} {:>8} {:>8} {:>8} {:>8}\n", level_word(ctx.lang, l.level),
               l.respondents, text(l.completeness, ""), text(l.willingness, ""),
               text(l.completeness_index, "%"), text(l.willingness_index, "%"));
  }
  if (decay->weakest_step > 0) {
    fmt::print("{}\n",
               tr(ctx.lang, "supervision.decay_weakest", level_word(ctx.lang, decay->weakest_step),
                  text(decay->weakest_drop, "")));
  }
  return {};
}

}  // namespace

void add_supervise_review_commands(CLI::App& supervise, Context& ctx) {
  auto review_args = std::make_shared<ReviewArgs>();
  auto* review = supervise.add_subcommand("review", "the review report (D+1) / 督导复盘报告");
  review->add_option("--campaign", review_args->campaign, "campaign id")->required();
  review->add_option("--to", review_args->to, "last day (default: the campaign's, or yesterday)");
  review->add_option("--html", review_args->html, "write the HTML report (charts inline)");
  review->add_option("--xlsx", review_args->xlsx, "write the workbook");
  review->add_flag("--json", review_args->json, "JSON output");
  review->callback(
      [&ctx, review_args] { ctx.exit_code = finish(ctx, run_review(ctx, *review_args)); });

  auto* phase = supervise.add_subcommand("phase", "the phase plan D-1 … D+1 / 督导流程");
  phase->require_subcommand(1);
  auto list_args = std::make_shared<ReviewArgs>();
  auto* list = phase->add_subcommand("list", "phases, tasks and their done state");
  list->add_option("--campaign", list_args->campaign, "campaign id")->required();
  list->add_flag("--json", list_args->json, "JSON output");
  list->callback(
      [&ctx, list_args] { ctx.exit_code = finish(ctx, run_phase(ctx, *list_args, false)); });
  auto done_args = std::make_shared<ReviewArgs>();
  auto* done = phase->add_subcommand("done", "mark a task done (or --undo)");
  done->add_option("--campaign", done_args->campaign, "campaign id")->required();
  done->add_option("--task", done_args->task, "task id, e.g. prelaunch.materials")->required();
  done->add_option("--note", done_args->note, "note");
  done->add_flag("--undo", done_args->undo, "mark it not done");
  done->add_option("--as", done_args->as, "who (a registered user)")->required();
  done->add_flag("--json", done_args->json, "JSON output");
  done->callback(
      [&ctx, done_args] { ctx.exit_code = finish(ctx, run_phase(ctx, *done_args, true)); });

  auto decay_args = std::make_shared<ReviewArgs>();
  auto* decay = supervise.add_subcommand("decay", "execution decay from the survey / 执行衰减");
  decay->add_option("--campaign", decay_args->campaign, "campaign id")->required();
  decay->add_flag("--json", decay_args->json, "JSON output");
  decay->callback([&ctx, decay_args] { ctx.exit_code = finish(ctx, run_decay(ctx, *decay_args)); });
}

}  // namespace pitwall::cli
