// supervise board | measures | alerts | trend | sample (see supervise_cmd.hpp,
// docs/supervision.md): parse, call one use case of app/supervision/board.hpp, render.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/supervision/board.hpp"
#include "app/supervision/supervision_json.hpp"
#include "cli/context.hpp"
#include "cli/supervise_cmd.hpp"
#include "cli/supervise_text.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;
namespace sup = app::supervision;
using sup::day_text;
using sup::percent;
using sup::score_text;

namespace {

struct BoardArgs : SuperviseArgs {
  std::string date, region;
  int64_t length = -1;  // -1 = the campaign's list_length
};

void print_list(Lang lang, const sv::Feeds& feeds, const std::vector<sv::ListedStore>& list) {
  int rank = 0;
  for (const auto& l : list) {
    fmt::print("  {:>2}. {:<24} {:<10} {:>6}  {}\n", ++rank, store_label(feeds, l.store),
               feeds.stores[l.store].region, score_text(l.score), reasons_text(lang, l.reasons));
  }
}

void print_board(Lang lang, const sup::BoardResult& r) {
  const sv::Feeds& f = *r.feeds;
  const sv::Board& b = r.board;
  fmt::print("{}\n",
             tr(lang, "supervision.board_title", r.campaign.id, r.campaign.name, day_text(b.day),
                b.day - r.campaign.first_day + 1, scope_label(lang, r.campaign, f, b.region)));
  if (!b.day_ended) fmt::print("{}\n", tr(lang, "supervision.day_not_ended"));
  fmt::print("{}\n", tr(lang, "supervision.target_line", percent(r.campaign.target_participation)));
  fmt::print("{}\n", figures_line(lang, scope_label(lang, r.campaign, f, -1), b.network));
  for (const auto& g : b.regions) {
    if (r.campaign.scope.is_network())
      fmt::print("{}\n", figures_line(lang, f.regions[g.region], g));
  }
  fmt::print("\n{}\n", tr(lang, "supervision.red_header", b.red.size()));
  print_list(lang, f, b.red);
  fmt::print("\n{}\n", tr(lang, "supervision.black_header", b.black.size()));
  if (b.black.empty()) fmt::print("  {}\n", tr(lang, "supervision.black_empty"));
  print_list(lang, f, b.black);
  fmt::print("\n{}\n", tr(lang, "supervision.alerts_header", b.alerts.size()));
  print_alerts(lang, f, b.alerts);
  fmt::print("\n{}\n", tr(lang, "supervision.overdue_header", r.overdue.size()));
  for (const auto& p : r.overdue) {
    fmt::print("  {} {:<6} {} — {} ({})\n", p.id, p.store_code.empty() ? "-" : p.store_code,
               p.title, p.owner, core::format_local(p.due_at, *r.campaign.zone));
  }
  print_notes(lang, f);
}

core::Status run_board(Context& ctx, const BoardArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::read_board(s, {a.campaign, a.date, a.region, a.length}));
  if (a.json) {
    print_json(sup::to_json(r));
  } else {
    print_board(ctx.lang, r);
  }
  return {};
}

core::Status run_measures(Context& ctx, const BoardArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::read_measures(s, {a.campaign, a.date, a.region}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  const sv::Feeds& f = *r.feeds;
  fmt::print("{}\n", tr(ctx.lang, "supervision.measures_title", r.campaign.id, day_text(r.day),
                        scope_label(ctx.lang, r.campaign, f, r.region)));
  fmt::print("{}\n", tr(ctx.lang, "supervision.measures_header"));
  for (const auto& [store, m] : r.stores) {
    fmt::print("{:<24} {:<10} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n", store_label(f, store),
               f.stores[store].region, share_text(m.participation), share_text(m.cum_participation),
               share_text(m.checklist), rate_text(m.complaint_rate), score_text(m.score),
               score_text(m.cum_score));
  }
  return {};
}

core::Status run_alerts(Context& ctx, const BoardArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::list_alerts(s, {a.campaign, a.date, a.region}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "supervision.alerts_title", r.campaign.id, day_text(r.day),
                        scope_label(ctx.lang, r.campaign, *r.feeds, r.region), r.alerts.size()));
  if (!r.day_ended) fmt::print("{}\n", tr(ctx.lang, "supervision.day_not_ended"));
  print_alerts(ctx.lang, *r.feeds, r.alerts);
  if (r.alerts.empty()) fmt::print("  {}\n", tr(ctx.lang, "supervision.no_alerts"));
  return {};
}

struct TrendArgs : SuperviseArgs {
  std::string to, region;
};

core::Status run_trend(Context& ctx, const TrendArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::read_trend(s, {a.campaign, a.to, a.region}));
  if (a.json) {
    print_json(sup::to_json(r));
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "supervision.trend_title", r.campaign.id, r.campaign.name,
                        scope_label(ctx.lang, r.campaign, *r.feeds, r.region),
                        percent(r.campaign.target_participation)));
  fmt::print("{}\n", tr(ctx.lang, "supervision.trend_header"));
  for (const auto& p : r.days) {
    const auto& f = p.figures;
    fmt::print("{}  {:>4}/{:<4} {:>7} {:>7} {:>6} {:>7} {:>7} {:>4} {:>4} {:>5}\n", day_text(p.day),
               f.reporting, f.stores, share_text(f.participation), share_text(f.cum_participation),
               f.complaints.value_or(0), rate_text(f.complaint_rate), score_text(f.mean_score),
               p.red, p.black, f.alerts);
  }
  return {};
}

struct SampleArgs : SuperviseArgs {
  std::string date;
  int64_t n = 10;
  uint64_t seed = 1;
};

std::string why_text(Lang lang, const sv::SamplePick& p) {
  std::vector<std::string> parts;
  if (p.black_list) parts.push_back(tr(lang, "supervision.why.black_list", score_text(p.score)));
  if (!p.alerts.empty()) {
    std::string kinds;
    for (auto k : p.alerts) {
      std::string w = sup::alert_kind_word(lang, k);
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

void print_sample(Lang lang, const sup::SampleResult& r) {
  const sv::Feeds& f = *r.feeds;
  const sv::SamplePlan& plan = r.plan;
  fmt::print("{}\n", tr(lang, "supervision.sample_title", r.campaign.id, day_text(plan.day),
                        plan.seed, plan.requested, plan.drawn));
  for (const auto& s : plan.strata) {
    fmt::print("{}\n", tr(lang, "supervision.sample_stratum", f.regions[s.region], s.stores,
                          s.quota, fmt::format("{:.2f}", s.exact), s.risky));
  }
  fmt::print("{}\n", tr(lang, "supervision.sample_calls"));
  for (const auto& p : plan.picks) {
    fmt::print("  {:>2}. {:<24} {:<10} {} — {}\n", p.draw, store_label(f, p.store),
               f.stores[p.store].region, tr(lang, "supervision.weight", p.weight),
               why_text(lang, p));
  }
}

core::Status run_sample(Context& ctx, const SampleArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session s = TRY(ctx.session(*ws, a.as));
  auto r = TRY(sup::plan_sample(s, {a.campaign, a.date, a.n, a.seed}));
  if (a.json) {
    print_json(sup::to_json(r));
  } else {
    print_sample(ctx.lang, r);
  }
  return {};
}

}  // namespace

void add_supervise_board_commands(CLI::App& supervise, Context& ctx) {
  auto b = std::make_shared<BoardArgs>();
  auto* board = supervise_command(supervise, ctx, "board",
                                  "the day's red and black lists and alerts / 红黑榜", *b,
                                  [&ctx, b] { return run_board(ctx, *b); });
  board->add_option("--date", b->date, "day YYYY-MM-DD (default: today)");
  board->add_option("--region", b->region, "one region only");
  board->add_option("--length", b->length, "list length (default: the campaign's)");

  auto m = std::make_shared<BoardArgs>();
  auto* measures = supervise_command(supervise, ctx, "measures",
                                     "every store's measures and scores of a day / 门店指标", *m,
                                     [&ctx, m] { return run_measures(ctx, *m); });
  measures->add_option("--date", m->date, "day YYYY-MM-DD (default: today)");
  measures->add_option("--region", m->region, "one region only");

  auto al = std::make_shared<BoardArgs>();
  auto* alerts = supervise_command(supervise, ctx, "alerts", "the day's alerts / 当日预警", *al,
                                   [&ctx, al] { return run_alerts(ctx, *al); });
  alerts->add_option("--date", al->date, "day YYYY-MM-DD (default: today)");
  alerts->add_option("--region", al->region, "one region only");

  auto t = std::make_shared<TrendArgs>();
  auto* trend =
      supervise_command(supervise, ctx, "trend", "participation and complaints by day / 趋势", *t,
                        [&ctx, t] { return run_trend(ctx, *t); });
  trend->add_option("--to", t->to, "last day YYYY-MM-DD (default: today)");
  trend->add_option("--region", t->region, "one region only");

  auto sa = std::make_shared<SampleArgs>();
  auto* sample = supervise_command(supervise, ctx, "sample", "spot-check call list / 远程抽查计划",
                                   *sa, [&ctx, sa] { return run_sample(ctx, *sa); });
  sample->add_option("--date", sa->date, "day whose board gives the risk (default: today)");
  sample->add_option("--n", sa->n, "stores to call (default 10)");
  sample->add_option("--seed", sa->seed, "random seed; the same seed, the same list");
}

}  // namespace pitwall::cli
