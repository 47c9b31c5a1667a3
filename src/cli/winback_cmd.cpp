// The "winback" command group (see commands.hpp; docs/winback.md): programme, calc, score,
// models, offer create|approve|reject|release|outcome|list|show, budget, override, report
// monthly|audit|cohorts|experiments, log.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/winback_commands.hpp"
#include "cli/winback_desk.hpp"
#include "cli/winback_output.hpp"
#include "cli/winback_print.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/reports.hpp"
#include "io/report/winback_json.hpp"
#include "io/toml/winback_file.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::cli {

namespace {

using namespace winback;

// Runs `body` and sets the exit code from its status.
template <typename Body>
void run(Context& ctx, Body body) {
  ctx.exit_code = finish(ctx, body());
}

core::Result<ModelChoice> parse_model(const Context& ctx, const std::string& text) {
  if (text == "auto") return ModelChoice::kAuto;
  if (text == "table") return ModelChoice::kTable;
  core::Error e =
      core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "winback.bad_model", text));
  e.at_column("--model");
  return e;
}

core::Result<core::Money> parse_yuan(const Context& ctx, const std::string& text,
                                     std::string_view option) {
  auto rate = core::Rate::parse(text);
  if (!rate || text.find('%') != std::string::npos || rate->basis() % 100 != 0 ||
      rate->basis() < 0) {
    core::Error e = core::invalid_input(tr(ctx.lang, "winback.bad_amount", text));
    e.at_column(std::string(option));
    return e;
  }
  return core::Money::from_fen(rate->basis() / 100);
}

// --- programme ---

void add_programme_commands(CLI::App& winback, Context& ctx) {
  auto* programme = winback.add_subcommand("programme", "win-back programme / 挽回方案配置");
  programme->require_subcommand(1);
  auto* add = programme->add_subcommand("add", "add a programme file and make it active / 添加");
  auto path = std::make_shared<std::string>();
  add->add_option("FILE", *path, "winback.toml")->required();
  add->callback([&ctx, path] {
    run(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      ProgrammeInfo info = TRY(add_programme(ctx, *ws, *path));
      fmt::print("{}\n", tr(ctx.lang, "winback.programme.added", info.programme.tag(),
                            info.programme.name));
      return {};
    });
  });
  auto* show = programme->add_subcommand("show", "the active programme / 当前配置");
  auto json = std::make_shared<bool>(false);
  show->add_flag("--json", *json, "JSON output");
  show->callback([&ctx, json] {
    run(ctx, [&]() -> core::Status {
      auto ws = TRY(ctx.open_workspace());
      ProgrammeInfo info = TRY(active_programme(*ws));
      const auto& p = info.programme;
      if (*json) {
        io::Json j = io::Json::object();
        j.set("id", p.id).set("name", p.name).set("version", p.version()).set("tag", p.tag());
        j.set("file", info.file).set("normalised", p.normalised_json());
        print_json(j);
      } else {
        fmt::print("{}\n{}\n",
                   tr(ctx.lang, "winback.programme.show", p.tag(), p.name,
                      info.file.empty() ? "-" : info.file),
                   p.normalised_json());
      }
      return {};
    });
  });
}

// --- calc ---

struct CalcArgs {
  std::string annual;
  std::string margin;
  double months = 0;
  std::string reason = "other";
  double satisfaction = std::nan("");
  std::string influence = "regular";
  bool koc = false;
  double visits = std::nan("");
  std::string cheapest;
  double booking = std::nan("");
  bool offer_only = false;
  bool incomplete = false;
  bool anomaly = false;
  std::string model = "table";
  std::string programme_file;
  bool json = false;
};

core::Result<wb::CustomerInput> calc_input(const Context& ctx, const CalcArgs& a,
                                           const wb::Programme& p) {
  wb::CustomerInput in;
  in.annual_value = TRY(parse_yuan(ctx, a.annual, "--annual"));
  in.margin = p.default_margin;
  if (!a.margin.empty()) {
    auto m = core::Rate::parse(a.margin);
    if (!m) return std::move(m.error().at_column("--margin"));
    in.margin = *m;
  }
  in.months_churned = a.months;
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
  in.satisfaction = a.satisfaction;
  in.visits_per_year = a.visits;
  if (!a.cheapest.empty()) {
    auto share = core::Rate::parse(a.cheapest);
    if (!share) return std::move(share.error().at_column("--cheapest-share"));
    in.cheapest_only_share = share->to_double();
  }
  in.booking_lead_days = a.booking;
  in.offer_only_contact = a.offer_only ? 1 : 0;
  in.info_complete = a.incomplete ? 0 : 1;
  in.vehicle_anomaly = a.anomaly;
  return in;
}

core::Status calc(Context& ctx, const CalcArgs& a) {
  ModelChoice model = TRY(parse_model(ctx, a.model));
  wb::Programme programme;
  wb::Calibration calibration;
  if (!a.programme_file.empty()) {
    auto text = store::read_file(a.programme_file);
    if (!text) return std::move(text.error().at_file(a.programme_file));
    programme = TRY(io::parse_programme_file(*text, a.programme_file));
  } else if (auto ws = ctx.open_workspace()) {
    programme = TRY(active_programme(**ws)).programme;
    if (model == ModelChoice::kAuto) {
      calibration =
          wb::calibrate(programme, TRY((*ws)->load_table(core::TableKind::kWinbackHistory, "")));
    }
  }
  wb::CustomerInput in = TRY(calc_input(ctx, a, programme));
  wb::EvaluationOptions options;
  options.calibration = model == ModelChoice::kAuto ? &calibration : nullptr;
  options.review_above = programme.abuse.review_above;
  wb::Evaluation e = wb::evaluate(programme, in, options);
  if (a.json) {
    io::Json j = io::Json::object();
    j.set("programme", programme.tag());
    j.set("models", io::calibration_json(reported_models(calibration, model)));
    merge_members(j, io::customer_json(programme, in, e, io::Detail::kDerivation));
    print_json(j);
    return {};
  }
  print_calc(ctx, programme, in, e);
  return {};
}

void add_calc_command(CLI::App& winback, Context& ctx) {
  auto* cmd = winback.add_subcommand("calc", "win-back ROI calculator / 挽回ROI计算器");
  auto a = std::make_shared<CalcArgs>();
  cmd->add_option("--annual", a->annual, "annual value in yuan / 年均消费")->required();
  cmd->add_option("--margin", a->margin, "gross margin, 0.5 or 50% (default: the programme's)");
  cmd->add_option("--months", a->months, "months since churn / 流失时长")->required();
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
};

core::Status score(Context& ctx, const ScoreArgs& a) {
  ModelChoice model = TRY(parse_model(ctx, a.model));
  DeskData d = TRY(load_desk(ctx, model));
  auto offers = TRY(load_offers(*d.ws));
  int64_t now = ctx.now();
  wb::YearMonth month = wb::month_of(now, *d.zone);
  auto monitor = wb::monitor_month(d.programme(), offers, month, now, *d.zone,
                                   TRY(month_overridden(*d.ws, month)));
  std::vector<uint8_t> flags = d.blacklist.flag_customer_ids(d.churned, &d.customers);
  wb::ScoreOptions options;
  options.calibration = d.models();
  options.review_above = monitor.review_above;
  options.blacklisted_ids = flags;
  // Files hold every customer; the terminal and a limited JSON only the first rows.
  bool files = !a.csv.empty() || !a.xlsx.empty();
  if (!files) options.top = a.json ? a.limit.value_or(0) : a.limit.value_or(20);
  wb::Ranking ranking = wb::score_churned(d.programme(), d.churned, options);
  if (!a.csv.empty()) return write_score_csv(ctx, d, ranking, options, a.csv);
  if (!a.xlsx.empty()) return write_score_xlsx(ctx, d, ranking, options, a.xlsx);
  if (a.json) {
    print_json(score_json(d, ranking, options, a.limit.value_or(0)));
    return {};
  }
  print_score(ctx, d, ranking, options, a.limit.value_or(20));
  return {};
}

void add_score_commands(CLI::App& winback, Context& ctx) {
  auto* cmd = winback.add_subcommand("score", "score and rank churned customers / 流失客户评分");
  auto a = std::make_shared<ScoreArgs>();
  cmd->add_flag("--json", a->json, "JSON output (all customers unless --limit)");
  cmd->add_option("--csv", a->csv, "write every customer to a CSV file");
  cmd->add_option("--xlsx", a->xlsx, "write every customer to an XLSX workbook");
  cmd->add_option("--limit", a->limit, "rows on the terminal (default 20; 0 = all)");
  cmd->add_option("--model", a->model, "auto (default): calibrated where history allows | table");
  cmd->callback([&ctx, a] { run(ctx, [&] { return score(ctx, *a); }); });

  auto* models = winback.add_subcommand("models", "which models are used and how well they fit");
  auto json = std::make_shared<bool>(false);
  models->add_flag("--json", *json, "JSON output");
  models->callback([&ctx, json] {
    run(ctx, [&]() -> core::Status {
      DeskData d = TRY(load_desk(ctx, ModelChoice::kAuto));
      if (*json) {
        print_json(io::calibration_json(d.calibration));
      } else {
        print_models(ctx, d.calibration, ModelChoice::kAuto);
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
