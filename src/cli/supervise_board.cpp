// supervise board | trend | sample (see supervise_cmd.hpp, docs/supervision.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_data.hpp"
#include "cli/supervise_json.hpp"
#include "cli/supervise_words.hpp"
#include "core/supervision/sampling.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {

struct BoardArgs {
  std::string campaign, date, region;
  int64_t length = -1;  // -1 = the campaign's list_length
  bool json = false;
};

std::string store_label(const sv::Feeds& feeds, int store) {
  const sv::Store& s = feeds.stores[store];
  return fmt::format("{} {}", s.code, s.name);
}

std::string joined(Lang lang, const std::vector<sv::Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += lang == Lang::kZh ? "；" : "; ";
    out += reason_text(lang, r);
  }
  return out;
}

std::string figures_line(Lang lang, const std::string& label, const sv::Figures& f) {
  auto share = [](std::optional<double> v) { return v ? percent(*v) : std::string("—"); };
  auto rate = [](std::optional<double> v) {
    return v ? fmt::format("{:.2f}", sv::round_half_away(*v, 2)) : std::string("—");
  };
  return tr(lang, "supervision.figures_line", label, f.stores, f.reporting, share(f.participation),
            share(f.cum_participation), rate(f.complaint_rate), score_text(f.mean_score), f.alerts,
            f.executing);
}

void print_list(Lang lang, const sv::Feeds& feeds, const std::vector<sv::ListedStore>& list) {
  int rank = 0;
  for (const auto& l : list) {
    fmt::print("  {:>2}. {:<24} {:<10} {:>6}  {}\n", ++rank, store_label(feeds, l.store),
               feeds.stores[l.store].region, score_text(l.score), joined(lang, l.reasons));
  }
}

void print_alerts(Lang lang, const sv::Feeds& feeds, const std::vector<sv::Alert>& alerts) {
  for (const auto& a : alerts) {
    std::string where =
        a.store >= 0 ? store_label(feeds, a.store) : tr(lang, "supervision.network");
    fmt::print("  [{}] {} — {}\n      {}\n", alert_kind_word(lang, a.kind), where,
               alert_text(lang, feeds, a), a.key(feeds));
  }
}

void print_board(const Context& ctx, const SupervisionData& d, const sv::Board& b,
                 const std::vector<const sv::Problem*>& overdue) {
  Lang lang = ctx.lang;
  const auto& f = d.feeds;
  std::string scope = b.region < 0 ? tr(lang, "supervision.network") : f.regions[b.region];
  fmt::print("{}\n", tr(lang, "supervision.board_title", d.campaign.id, d.campaign.name,
                        day_text(b.day), b.day - f.first_day + 1, scope));
  if (!b.day_ended) fmt::print("{}\n", tr(lang, "supervision.day_not_ended"));
  fmt::print("{}\n", tr(lang, "supervision.target_line",
                        percent(d.campaign.supervision.target_participation)));
  fmt::print("{}\n", figures_line(lang, tr(lang, "supervision.network"), b.network));
  for (const auto& r : b.regions) fmt::print("{}\n", figures_line(lang, f.regions[r.region], r));
  fmt::print("\n{}\n", tr(lang, "supervision.red_header", b.red.size()));
  print_list(lang, f, b.red);
  fmt::print("\n{}\n", tr(lang, "supervision.black_header", b.black.size()));
  if (b.black.empty()) fmt::print("  {}\n", tr(lang, "supervision.black_empty"));
  print_list(lang, f, b.black);
  fmt::print("\n{}\n", tr(lang, "supervision.alerts_header", b.alerts.size()));
  print_alerts(lang, f, b.alerts);
  fmt::print("\n{}\n", tr(lang, "supervision.overdue_header", overdue.size()));
  for (const auto* p : overdue) {
    fmt::print("  {} {:<6} {} — {} ({})\n", p->id, p->store_code.empty() ? "-" : p->store_code,
               p->title, p->owner, core::format_local(p->due_at, *d.zone));
  }
  for (const auto& line : note_lines(lang, f)) fmt::print(stderr, "{}\n", line);
}

io::Json board_json(const Context& ctx, const SupervisionData& d, const sv::Board& b,
                    const std::vector<const sv::Problem*>& overdue) {
  const auto& f = d.feeds;
  io::Json j = io::Json::object();
  j.set("campaign", d.campaign.id).set("date", day_text(b.day));
  j.set("day_number", b.day - f.first_day + 1).set("day_ended", b.day_ended);
  j.set("region", b.region < 0 ? io::Json() : io::Json(f.regions[b.region]));
  j.set("target_participation", io::Json::rounded(d.campaign.supervision.target_participation, 4));
  j.set("network", figures_json(f, b.network));
  io::Json regions = io::Json::array();
  for (const auto& r : b.regions) regions.push(figures_json(f, r));
  j.set("regions", std::move(regions));
  io::Json red = io::Json::array(), black = io::Json::array(), alerts = io::Json::array();
  for (const auto& l : b.red) red.push(listed_json(ctx.lang, f, l));
  for (const auto& l : b.black) black.push(listed_json(ctx.lang, f, l));
  for (const auto& a : b.alerts) alerts.push(alert_json(ctx.lang, f, a));
  j.set("red", std::move(red)).set("black", std::move(black)).set("alerts", std::move(alerts));
  io::Json late = io::Json::array();
  for (const auto* p : overdue) {
    late.push(io::Json::object()
                  .set("id", p->id)
                  .set("store_code", p->store_code)
                  .set("title", p->title)
                  .set("owner", p->owner)
                  .set("status", sv::problem_status_token(p->status))
                  .set("due_at", instant_json(p->due_at)));
  }
  j.set("overdue_problems", std::move(late)).set("notes", notes_json(f));
  return j;
}

core::Status run_board(Context& ctx, BoardArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kYes));
  int32_t day = TRY(campaign_day(ctx, d, args.date, "--date"));
  int region = TRY(region_of(ctx, d.feeds, args.region));
  if (args.length >= 0) d.campaign.supervision.list_length = args.length;
  const auto& rule = d.campaign.supervision;
  sv::Timeline timeline = sv::analyse(d.feeds, d.problems, rule, day, ctx.now());
  sv::Board board = sv::board_of(d.feeds, timeline, rule, day, region);
  std::vector<const sv::Problem*> overdue;
  for (const auto* p : sv::overdue_problems(d.problems, ctx.now())) {
    int s = d.feeds.find_store(p->store_code);
    if (region < 0 || (s >= 0 && d.feeds.stores[s].region_index == region)) overdue.push_back(p);
  }
  if (args.json) {
    print_json(board_json(ctx, d, board, overdue));
  } else {
    print_board(ctx, d, board, overdue);
  }
  return {};
}

io::Json parts_json(const sv::Components& parts) {
  static constexpr const char* kNames[sv::kPartCount] = {"participation", "checklist", "complaints",
                                                         "problems"};
  io::Json j = io::Json::object();
  for (int i = 0; i < sv::kPartCount; ++i) j.set(kNames[i], share_json(parts[i]));
  return j;
}

io::Json measure_json(const SupervisionData& d, int s, const sv::StoreMeasure& m) {
  const sv::Store& st = d.feeds.stores[s];
  io::Json j = io::Json::object();
  j.set("store_code", st.code).set("store_name", st.name).set("region", st.region);
  j.set("reported", m.reported).set("eligible", m.eligible).set("participants", m.participants);
  j.set("participation", share_json(m.participation));
  j.set("cum_participation", share_json(m.cum_participation));
  j.set("complaints", count_json(m.complaints));
  j.set("complaint_rate_per_100", number_json(m.complaint_rate));
  j.set("cum_complaints", count_json(m.cum_complaints));
  j.set("cum_complaint_rate_per_100", number_json(m.cum_complaint_rate));
  j.set("checklist", share_json(m.checklist));
  j.set("problems_due", m.problems_due).set("problems_on_time", m.problems_on_time);
  j.set("score", number_json(m.score)).set("cum_score", number_json(m.cum_score));
  j.set("parts", parts_json(m.parts)).set("cum_parts", parts_json(m.cum_parts));
  return j;
}

core::Status run_measures(Context& ctx, BoardArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  int32_t day = TRY(campaign_day(ctx, d, args.date, "--date"));
  int region = TRY(region_of(ctx, d.feeds, args.region));
  sv::Timeline timeline = sv::analyse(d.feeds, d.problems, d.campaign.supervision, day, ctx.now());
  auto measures = timeline.measures_of(day);
  io::Json stores = io::Json::array();
  if (!args.json) {
    fmt::print("{}\n",
               tr(ctx.lang, "supervision.measures_title", d.campaign.id, day_text(day),
                  region < 0 ? tr(ctx.lang, "supervision.network") : d.feeds.regions[region]));
    fmt::print("{}\n", tr(ctx.lang, "supervision.measures_header"));
  }
  auto share = [](std::optional<double> v) { return v ? percent(*v) : std::string("—"); };
  for (int s = 0; s < static_cast<int>(measures.size()); ++s) {
    if (region >= 0 && d.feeds.stores[s].region_index != region) continue;
    const sv::StoreMeasure& m = measures[s];
    if (args.json) {
      stores.push(measure_json(d, s, m));
      continue;
    }
    fmt::print(
        "{:<24} {:<10} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n", store_label(d.feeds, s),
        d.feeds.stores[s].region, share(m.participation), share(m.cum_participation),
        share(m.checklist),
        m.complaint_rate ? fmt::format("{:.2f}", sv::round_half_away(*m.complaint_rate, 2)) : "—",
        score_text(m.score), score_text(m.cum_score));
  }
  if (args.json) {
    io::Json j = io::Json::object().set("campaign", d.campaign.id).set("date", day_text(day));
    j.set("region", region < 0 ? io::Json() : io::Json(d.feeds.regions[region]));
    print_json(j.set("stores", std::move(stores)));
  }
  return {};
}

struct TrendArgs {
  std::string campaign, to, region;
  bool json = false;
};

core::Status run_trend(Context& ctx, TrendArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  int32_t to = TRY(campaign_day(ctx, d, args.to, "--to"));
  int region = TRY(region_of(ctx, d.feeds, args.region));
  const auto& rule = d.campaign.supervision;
  sv::Timeline timeline = sv::analyse(d.feeds, d.problems, rule, to, ctx.now());
  auto trend = sv::trend_of(d.feeds, timeline, rule, region);
  if (args.json) {
    io::Json j = io::Json::object();
    j.set("campaign", d.campaign.id);
    j.set("region", region < 0 ? io::Json() : io::Json(d.feeds.regions[region]));
    j.set("target_participation", io::Json::rounded(rule.target_participation, 4));
    io::Json days = io::Json::array();
    for (const auto& p : trend) {
      io::Json day = figures_json(d.feeds, p.figures);
      io::Json row = io::Json::object().set("date", day_text(p.day));
      for (const auto& [k, v] : day.members()) row.set(k, v);
      row.set("red", p.red).set("black", p.black);
      days.push(std::move(row));
    }
    j.set("days", std::move(days));
    print_json(j);
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "supervision.trend_title", d.campaign.id, d.campaign.name,
                        region < 0 ? tr(ctx.lang, "supervision.network") : d.feeds.regions[region],
                        percent(rule.target_participation)));
  fmt::print("{}\n", tr(ctx.lang, "supervision.trend_header"));
  auto share = [](std::optional<double> v) { return v ? percent(*v) : std::string("—"); };
  for (const auto& p : trend) {
    const auto& f = p.figures;
    fmt::print(
        "{}  {:>4}/{:<4} {:>7} {:>7} {:>6} {:>7} {:>7} {:>4} {:>4} {:>5}\n", day_text(p.day),
        f.reporting, f.stores, share(f.participation), share(f.cum_participation),
        f.complaints.value_or(0),
        f.complaint_rate ? fmt::format("{:.2f}", sv::round_half_away(*f.complaint_rate, 2)) : "—",
        score_text(f.mean_score), p.red, p.black, f.alerts);
  }
  return {};
}

struct SampleArgs {
  std::string campaign, date;
  int64_t n = 10;
  uint64_t seed = 1;
  bool json = false;
};

std::string why_text(Lang lang, const sv::SamplePick& p) {
  std::vector<std::string> parts;
  if (p.black_list) parts.push_back(tr(lang, "supervision.why.black_list", score_text(p.score)));
  if (!p.alerts.empty()) {
    std::string kinds;
    for (auto k : p.alerts) {
      std::string w = alert_kind_word(lang, k);
      if (kinds.find(w) != std::string::npos) continue;
      kinds += (kinds.empty() ? "" : (lang == Lang::kZh ? "、" : ", ")) + w;
    }
    parts.push_back(tr(lang, "supervision.why.alerts", kinds));
  }
  if (p.open_problems > 0) parts.push_back(tr(lang, "supervision.why.problems", p.open_problems));
  if (parts.empty()) return tr(lang, "supervision.why.random");
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : (lang == Lang::kZh ? "；" : "; ")) + s;
  return out;
}

io::Json sample_json(const Context& ctx, const SupervisionData& d, const sv::SamplePlan& plan) {
  const auto& f = d.feeds;
  io::Json j = io::Json::object();
  j.set("campaign", d.campaign.id).set("date", day_text(plan.day)).set("seed", plan.seed);
  j.set("requested", plan.requested).set("drawn", plan.drawn);
  j.set("weights", io::Json::object()
                       .set("base", sv::kBaseWeight)
                       .set("black_list", sv::kBlackListWeight)
                       .set("alert_or_open_problem", sv::kAlertWeight));
  io::Json strata = io::Json::array();
  for (const auto& s : plan.strata) {
    strata.push(io::Json::object()
                    .set("region", f.regions[s.region])
                    .set("stores", s.stores)
                    .set("quota", s.quota)
                    .set("exact_share", io::Json::rounded(s.exact, 4))
                    .set("risky", s.risky));
  }
  j.set("strata", std::move(strata));
  io::Json calls = io::Json::array();
  for (const auto& p : plan.picks) {
    io::Json kinds = io::Json::array();
    for (auto k : p.alerts) kinds.push(sv::alert_kind_token(k));
    calls.push(io::Json::object()
                   .set("draw", p.draw)
                   .set("store_code", f.stores[p.store].code)
                   .set("store_name", f.stores[p.store].name)
                   .set("region", f.stores[p.store].region)
                   .set("weight", p.weight)
                   .set("black_list", p.black_list)
                   .set("score", number_json(p.score))
                   .set("alerts", std::move(kinds))
                   .set("open_problems", p.open_problems)
                   .set("why", why_text(ctx.lang, p)));
  }
  j.set("calls", std::move(calls));
  return j;
}

void print_sample(const Context& ctx, const SupervisionData& d, const sv::SamplePlan& plan) {
  const auto& f = d.feeds;
  fmt::print("{}\n", tr(ctx.lang, "supervision.sample_title", d.campaign.id, day_text(plan.day),
                        plan.seed, plan.requested, plan.drawn));
  for (const auto& s : plan.strata) {
    fmt::print("{}\n", tr(ctx.lang, "supervision.sample_stratum", f.regions[s.region], s.stores,
                          s.quota, fmt::format("{:.2f}", s.exact), s.risky));
  }
  fmt::print("{}\n", tr(ctx.lang, "supervision.sample_calls"));
  for (const auto& p : plan.picks) {
    fmt::print("  {:>2}. {:<24} {:<10} {} — {}\n", p.draw, store_label(f, p.store),
               f.stores[p.store].region, tr(ctx.lang, "supervision.weight", p.weight),
               why_text(ctx.lang, p));
  }
}

core::Status run_sample(Context& ctx, SampleArgs& args) {
  auto ws = TRY(ctx.open_workspace());
  SupervisionData d = TRY(load_supervision(ctx, *ws, args.campaign, WithOrders::kNo));
  int32_t day = TRY(campaign_day(ctx, d, args.date, "--date"));
  if (args.n < 1) {
    auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "supervision.bad_n", args.n));
    e.at_column("--n");
    return e;
  }
  const auto& rule = d.campaign.supervision;
  sv::Timeline timeline = sv::analyse(d.feeds, d.problems, rule, day, ctx.now());
  sv::Board board = sv::board_of(d.feeds, timeline, rule, day, -1);
  sv::SamplePlan plan = sv::plan_spot_checks(d.feeds, day, board.black, timeline.alerts_of(day),
                                             d.problems, args.n, args.seed);
  if (args.json) {
    print_json(sample_json(ctx, d, plan));
  } else {
    print_sample(ctx, d, plan);
  }
  return {};
}

}  // namespace

void add_supervise_board_commands(CLI::App& supervise, Context& ctx) {
  auto board_args = std::make_shared<BoardArgs>();
  auto* board =
      supervise.add_subcommand("board", "the day's red and black lists and alerts / 红黑榜");
  board->add_option("--campaign", board_args->campaign, "campaign id")->required();
  board->add_option("--date", board_args->date, "day YYYY-MM-DD (default: today)");
  board->add_option("--region", board_args->region, "one region only");
  board->add_option("--length", board_args->length, "list length (default: the campaign's)");
  board->add_flag("--json", board_args->json, "JSON output");
  board->callback([&ctx, board_args] { ctx.exit_code = finish(ctx, run_board(ctx, *board_args)); });

  auto measures_args = std::make_shared<BoardArgs>();
  auto* measures =
      supervise.add_subcommand("measures", "every store's measures and scores of a day / 门店指标");
  measures->add_option("--campaign", measures_args->campaign, "campaign id")->required();
  measures->add_option("--date", measures_args->date, "day YYYY-MM-DD (default: today)");
  measures->add_option("--region", measures_args->region, "one region only");
  measures->add_flag("--json", measures_args->json, "JSON output");
  measures->callback(
      [&ctx, measures_args] { ctx.exit_code = finish(ctx, run_measures(ctx, *measures_args)); });

  auto trend_args = std::make_shared<TrendArgs>();
  auto* trend = supervise.add_subcommand("trend", "participation and complaints by day / 趋势");
  trend->add_option("--campaign", trend_args->campaign, "campaign id")->required();
  trend->add_option("--to", trend_args->to, "last day YYYY-MM-DD (default: today)");
  trend->add_option("--region", trend_args->region, "one region only");
  trend->add_flag("--json", trend_args->json, "JSON output");
  trend->callback([&ctx, trend_args] { ctx.exit_code = finish(ctx, run_trend(ctx, *trend_args)); });

  auto sample_args = std::make_shared<SampleArgs>();
  auto* sample = supervise.add_subcommand("sample", "spot-check call list / 远程抽查计划");
  sample->add_option("--campaign", sample_args->campaign, "campaign id")->required();
  sample->add_option("--date", sample_args->date,
                     "day whose board gives the risk (default: today)");
  sample->add_option("--n", sample_args->n, "stores to call (default 10)");
  sample->add_option("--seed", sample_args->seed, "random seed; the same seed, the same list");
  sample->add_flag("--json", sample_args->json, "JSON output");
  sample->callback(
      [&ctx, sample_args] { ctx.exit_code = finish(ctx, run_sample(ctx, *sample_args)); });
}

}  // namespace pitwall::cli
