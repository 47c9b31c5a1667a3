// The "winback" command group (see winback_commands.hpp; docs/winback.md): programme, calc,
// score, models here; offers in winback_offer_cmd.cpp; budget, override, reports and the log in
// winback_report_cmd.cpp.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "app/winback/programme.hpp"
#include "app/winback/scoring.hpp"
#include "app/winback/winback_json.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_output.hpp"
#include "cli/winback_print.hpp"
#include "io/text/fields.hpp"

namespace pitwall::cli {

namespace winback {

core::Result<Opened> open_session(const Context& ctx, std::string_view as) {
  Opened o;
  o.ws = TRY(ctx.open_workspace());
  o.session = TRY(ctx.session(*o.ws, as));
  return o;
}

}  // namespace winback

namespace {

using namespace winback;

// Runs `body` and sets the exit code from its status.
template <typename Body>
void run(Context& ctx, Body body) {
  ctx.exit_code = finish(ctx, body());
}

core::Result<use::ModelChoice> parse_model(const Context& ctx, const std::string& text) {
  if (text == "auto") return use::ModelChoice::kAuto;
  if (text == "table") return use::ModelChoice::kTable;
  core::Error e =
      core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.bad_model", text));
  e.at_column("--model");
  return e;
}

// A wrong value of a filter option: usage, the option named.
core::Error bad_filter(const Context& ctx, std::string_view option, std::string_view key,
                       const std::string& text) {
  core::Error e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, key, text));
  e.at_column(std::string(option));
  return e;
}

core::Result<core::Money> parse_yuan(const Context& ctx, const std::string& text,
                                     std::string_view option) {
  auto fen = io::parse_amount_fen(text);
  if (!fen || *fen < 0) {
    core::Error e = core::invalid_input(tr(ctx.lang, "winback.bad_amount", text));
    e.at_column(std::string(option));
    return e;
  }
  return core::Money::from_fen(*fen);
}

// A programme file as a request: its name and bytes.
core::Result<use::ProgrammeAddRequest> read_programme_file(Lang lang, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    core::Error e = core::make_error(core::ErrorCode::kNotFound, tr(lang, "core.cannot_read"));
    e.at_file(path);
    return e;
  }
  auto slash = path.find_last_of('/');
  std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
  return use::ProgrammeAddRequest{file, text.str()};
}

// The options of a read: --json, and --as (whose rows: a scoped reader sees only theirs).
struct ReadArgs {
  std::string as;
  bool json = false;
};
void add_read_options(CLI::App& cmd, ReadArgs& a) {
  cmd.add_flag("--json", a.json, "JSON output");
  cmd.add_option("--as", a.as, "read as this registered user (or PITWALL_AS)");
}

// --- programme ---

void add_programme_commands(CLI::App& winback, Context& ctx) {
  auto* programme = winback.add_subcommand("programme", "win-back programme / 挽回方案配置");
  programme->require_subcommand(1);
  struct AddArgs {
    std::string path, as;
    bool json = false;
  };
  auto* add = programme->add_subcommand("add", "add a programme file and make it active / 添加");
  auto a = std::make_shared<AddArgs>();
  add->add_option("FILE", a->path, "winback.toml")->required();
  add->add_option("--as", a->as, "your registered user name (hq; or PITWALL_AS)");
  add->add_flag("--json", a->json, "JSON output");
  add->callback([&ctx, a] {
    run(ctx, [&]() -> core::Status {
      Opened o = TRY(open_session(ctx, a->as));
      use::ProgrammeAddRequest request = TRY(read_programme_file(ctx.lang, a->path));
      use::ProgrammeResult r = TRY(use::add_programme(o.session, request));
      if (a->json) {
        print_json(use::to_json(r));
      } else {
        fmt::print("{}\n",
                   tr(ctx.lang, "winback.programme.added", r.programme.tag(), r.programme.name));
      }
      return {};
    });
  });
  auto* show = programme->add_subcommand("show", "the active programme / 当前配置");
  auto r = std::make_shared<ReadArgs>();
  add_read_options(*show, *r);
  show->callback([&ctx, r] {
    run(ctx, [&]() -> core::Status {
      Opened o = TRY(open_session(ctx, r->as));
      use::ProgrammeResult result = TRY(use::show_programme(o.session, {}));
      if (r->json) {
        print_json(use::to_json(result));
      } else {
        print_programme(ctx, result);
      }
      return {};
    });
  });
}

// --- calc ---

struct CalcArgs {
  std::string customer;
  std::string annual;
  std::string margin;
  std::optional<double> months;
  std::string reason = "other";
  std::optional<double> satisfaction;
  std::string influence = "regular";
  bool koc = false;
  std::optional<double> visits;
  std::string cheapest;
  std::optional<double> booking;
  bool offer_only = false;
  bool incomplete = false;
  bool anomaly = false;
  std::string model = "table";
  std::string programme_file;
  std::string as;
  bool json = false;
};

// The calculator's own inputs (without --customer).
core::Status calc_input(const Context& ctx, const CalcArgs& a, use::CalcRequest& r) {
  wb::CustomerInput& in = r.input;
  if (a.annual.empty() || !a.months) {
    return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.calc.needs_input"));
  }
  // "nan" reads as a number to the option parser; every number given must be one.
  for (auto [value, option] : {std::pair{a.months, "--months"},
                               {a.satisfaction, "--satisfaction"},
                               {a.visits, "--visits"},
                               {a.booking, "--booking-lead"}}) {
    if (value && !std::isfinite(*value)) {
      core::Error e = core::make_error(core::ErrorCode::kUsage,
                                       tr(ctx.lang, "winback.calc.not_finite", option, *value));
      e.at_column(option);
      return e;
    }
  }
  in.annual_value = TRY(parse_yuan(ctx, a.annual, "--annual"));
  if (!a.margin.empty()) {
    auto m = core::Rate::parse(a.margin);
    if (!m) return std::move(m.error().at_column("--margin"));
    in.margin = *m;
    r.margin_given = true;
  }
  in.months_churned = *a.months;
  auto reason = wb::parse_reason(a.reason);
  if (!reason) {
    return core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.bad_reason", a.reason));
  }
  in.reason = *reason;
  auto influence = wb::parse_influence(a.koc ? "koc" : a.influence);
  if (!influence) {
    return core::make_error(core::ErrorCode::kUsage,
                            tr(ctx.lang, "winback.bad_influence", a.influence));
  }
  in.influence = *influence;
  in.satisfaction = a.satisfaction.value_or(std::nan(""));
  in.visits_per_year = a.visits.value_or(std::nan(""));
  if (!a.cheapest.empty()) {
    auto share = core::Rate::parse(a.cheapest);
    if (!share) return std::move(share.error().at_column("--cheapest-share"));
    in.cheapest_only_share = share->to_double();
  }
  in.booking_lead_days = a.booking.value_or(std::nan(""));
  in.offer_only_contact = a.offer_only ? 1 : 0;
  in.info_complete = a.incomplete ? 0 : 1;
  in.vehicle_anomaly = a.anomaly;
  return {};
}

core::Status calc(Context& ctx, const CalcArgs& a) {
  use::CalcRequest r;
  r.model = TRY(parse_model(ctx, a.model));
  r.customer_id = a.customer;
  if (a.customer.empty()) TRY(calc_input(ctx, a, r));
  if (!a.programme_file.empty())
    r.programme_file = TRY(read_programme_file(ctx.lang, a.programme_file));
  // The calculator works without a workspace: the defaults or --programme-file.
  Opened o;
  if (auto ws = ctx.open_workspace()) {
    o.ws = std::move(*ws);
    o.session = TRY(ctx.session(*o.ws, a.as));
  } else {
    o.session.local_operator = true;
    o.session.lang = ctx.lang;
    o.session.now = ctx.now();
  }
  use::CalcResult result = TRY(use::calculate(o.session, r));
  if (a.json) {
    print_json(use::to_json(result));
  } else {
    print_calc(ctx, result);
  }
  return {};
}

void add_calc_command(CLI::App& winback, Context& ctx) {
  auto* cmd = winback.add_subcommand("calc", "win-back ROI calculator / 挽回ROI计算器");
  auto a = std::make_shared<CalcArgs>();
  cmd->add_option("--customer", a->customer, "a customer of the churned list / 流失客户");
  cmd->add_option("--annual", a->annual, "annual value in yuan / 年均消费 (without --customer)");
  cmd->add_option("--margin", a->margin, "gross margin, 0.5 or 50% (default: the programme's)");
  cmd->add_option("--months", a->months, "months since churn / 流失时长 (without --customer)");
  cmd->add_option("--reason", a->reason, "service|price|convenience|other / 流失原因");
  cmd->add_option("--satisfaction", a->satisfaction, "past satisfaction 0-10 / 历史满意度");
  cmd->add_option("--influence", a->influence, "koc|club|regular / 影响力");
  cmd->add_flag("--koc", a->koc, "shorthand for --influence koc");
  cmd->add_option("--visits", a->visits, "visits a year / 年消费次数");
  cmd->add_option("--cheapest-share", a->cheapest, "share of cheapest-only visits, 0-1");
  cmd->add_option("--booking-lead", a->booking, "booking lead time in days / 预约提前天数");
  cmd->add_flag("--offer-only", a->offer_only, "asks only about offers / 只关心优惠");
  cmd->add_flag("--incomplete-info", a->incomplete, "contact details incomplete or false");
  cmd->add_flag("--vehicle-anomaly", a->anomaly, "vehicle data anomaly / 车辆数据异常");
  cmd->add_option("--model", a->model, "table (default) | auto: calibrated from history");
  cmd->add_option("--programme-file", a->programme_file, "use this winback.toml");
  cmd->add_option("--as", a->as, "read as this registered user (or PITWALL_AS)");
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&ctx, a] { run(ctx, [&] { return calc(ctx, *a); }); });
}

// --- score and models ---

struct ScoreArgs {
  bool json = false;
  std::string csv;
  std::string xlsx;
  std::optional<size_t> limit;  // terminal: 20 by default; JSON: all by default
  std::string model = "auto";
  std::string tier;  // the queue's filters (web.md "Win-back"); empty: all
  std::string band;
  std::string store;
  std::string as;
};

core::Status score(Context& ctx, const ScoreArgs& a) {
  use::ScoreRequest r;
  r.model = TRY(parse_model(ctx, a.model));
  if (!a.tier.empty()) {
    r.tier = wb::parse_tier(a.tier);
    if (!r.tier) return bad_filter(ctx, "--tier", "winback.bad_tier", a.tier);
  }
  if (!a.band.empty()) {
    r.band = use::parse_band(a.band);
    if (!r.band) return bad_filter(ctx, "--band", "winback.bad_band", a.band);
  }
  r.store_code = a.store;
  // Files hold every customer; the terminal and a limited JSON only the first rows.
  bool files = !a.csv.empty() || !a.xlsx.empty();
  if (!files) r.limit = a.json ? a.limit.value_or(0) : a.limit.value_or(20);
  Opened o = TRY(open_session(ctx, a.as));
  use::ScoreResult result = TRY(use::score_customers(o.session, r));
  if (!a.csv.empty()) return write_score_csv(ctx, result, a.csv);
  if (!a.xlsx.empty()) return write_score_xlsx(ctx, result, a.xlsx);
  if (a.json) {
    print_json(use::to_json(result));
  } else {
    print_score(ctx, result);
  }
  return {};
}

void add_score_commands(CLI::App& winback, Context& ctx) {
  auto* cmd = winback.add_subcommand("score", "score and rank churned customers / 流失客户评分");
  auto a = std::make_shared<ScoreArgs>();
  cmd->add_flag("--json", a->json, "JSON output (all customers unless --limit)");
  cmd->add_option("--csv", a->csv, "write every customer to a CSV file")
      ->check(output_named(ctx.lang, ".csv"));
  cmd->add_option("--xlsx", a->xlsx, "write every customer to an XLSX workbook")
      ->check(output_named(ctx.lang, ".xlsx"));
  cmd->add_option("--limit", a->limit, "rows on the terminal (default 20; 0 = all)");
  cmd->add_option("--model", a->model, "auto (default): calibrated where history allows | table");
  cmd->add_option("--tier", a->tier, "only this tier: star | potential | maintain | basic");
  cmd->add_option("--band", a->band,
                  "only this band: high_priority | standard | low_cost | do_not");
  cmd->add_option("--store", a->store, "only this store's customers (a store code)");
  cmd->add_option("--as", a->as, "read as this registered user (or PITWALL_AS)");
  cmd->callback([&ctx, a] { run(ctx, [&] { return score(ctx, *a); }); });

  auto* models = winback.add_subcommand("models", "which models are used and how well they fit");
  auto r = std::make_shared<ReadArgs>();
  add_read_options(*models, *r);
  models->callback([&ctx, r] {
    run(ctx, [&]() -> core::Status {
      Opened o = TRY(open_session(ctx, r->as));
      use::ModelsResult result = TRY(use::show_models(o.session, {}));
      if (r->json) {
        print_json(use::to_json(result));
      } else {
        print_models(ctx, result.calibration, use::ModelChoice::kAuto);
      }
      return {};
    });
  });
}

}  // namespace

void add_winback_commands(CLI::App& app, Context& ctx) {
  auto* winback = app.add_subcommand("winback", "win-back desk / 挽回激励与ROI控制");
  winback->require_subcommand(1);
  add_programme_commands(*winback, ctx);
  add_calc_command(*winback, ctx);
  add_score_commands(*winback, ctx);
  winback::add_offer_commands(*winback, ctx);
  winback::add_budget_and_report_commands(*winback, ctx);
}

}  // namespace pitwall::cli
