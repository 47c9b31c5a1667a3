// The "closeout" command group (see commands.hpp; docs/closeout.md): run the close-out engine
// and read its stored runs, through the use cases of app/closeout/.
//
//   closeout run        --campaign ID [--as NAME] [--json]
//   closeout summary    --campaign ID [--definition NAME ...] [--run N] [--as NAME] [--json]
//   closeout bridge     --campaign ID --from A --to B [--region R | --store CODE] [--run N] ...
//   closeout findings   --campaign ID [--rule R] [--run N] [--json | --csv FILE]
//   closeout settlement --campaign ID [--run N] [--xlsx FILE] [--json]
//   closeout export     --campaign ID --xlsx FILE [--run N] [--lang zh|en]
//
// The reading commands read the sealed run once the campaign is sealed, else the latest, unless
// --run names one; each says which run it shows and whether it is current.
#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "app/closeout/closeout_json.hpp"
#include "app/closeout/readings.hpp"
#include "app/closeout/run.hpp"
#include "app/workflow/export.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"
#include "io/report/closeout_views.hpp"

namespace pitwall::cli {

namespace {
io::CloseoutWords words_of(Lang lang) {
  return {[](std::string_view k) { return message(Lang::kZh, k); },
          [](std::string_view k) { return message(Lang::kEn, k); }, lang == Lang::kEn};
}

// A piece of a JSON document printed as it is formatted.
void print_piece(std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); }

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::kUsage, std::move(message));
}

struct RunArgs {
  std::string campaign, as;
  bool json = false;
  bool timings = false;
  bool progress = false;  // each stage as a JSON line on stderr (the server's worker)
};

// With the hidden --timings flag, each stage's wall and CPU time and the memory held on stderr
// (bench/README.md): resident anonymous memory (heap) and file pages (the mapped tables) now, the
// peak RSS so far, and the stage's page faults.
class Timings {
 public:
  explicit Timings(bool on) : on_(on) {}
  void stage(std::string_view name) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](const timeval& t) { return int64_t{t.tv_sec} * 1000 + t.tv_usec / 1000; };
    int64_t cpu = ms(usage.ru_utime) + ms(usage.ru_stime);
    fmt::print(stderr,
               "timing: {:<12} {:>7} ms  CPU {:>7} ms  anon {:>6} MB  file {:>6} MB  peak {:>6} "
               "MB  faults {:>9}\n",
               name, std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count(),
               cpu - cpu_, status_mb("RssAnon:"), status_mb("RssFile:"), usage.ru_maxrss / 1024,
               usage.ru_minflt - faults_);
    last_ = now;
    cpu_ = cpu;
    faults_ = usage.ru_minflt;
  }

 private:
  // A "kB" line of /proc/self/status in MB (0 where there is none).
  static int64_t status_mb(std::string_view key) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    int64_t kb = 0;
    while (std::fgets(line, sizeof line, f)) {
      if (std::string_view(line).starts_with(key)) kb = std::atoll(line + key.size());
    }
    std::fclose(f);
    return kb / 1024;
  }

  bool on_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  int64_t cpu_ = 0;     // user + sys ms at the last stage
  int64_t faults_ = 0;  // minor page faults at the last stage: a stage that reads the mapped
                        // tables at random while their pages are released shows many more
};

// Prints the run status line of a reading ("run 3 (..., hq): current").
void print_run_status(const Context& ctx, const app::closeout::OpenedRun& open) {
  const auto& st = open.status;
  std::string key = st.sealed    ? "closeout.run_status_sealed"
                    : st.current ? "closeout.run_status_current"
                                 : "closeout.run_status_stale";
  fmt::print("{}\n", tr(ctx.lang, key, st.run, core::format_local_iso(st.created_at, *open.zone),
                        st.by.empty() ? "-" : st.by));
}

core::Status run_command(Context& ctx, const RunArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  app::Session session = TRY(ctx.session(*ws, a.as));
  Timings timings(a.timings);
  app::closeout::RunRequest request;
  request.campaign = a.campaign;
  request.memory = app::closeout::RunRequest::Memory::kOwnProcess;
  request.on_stage = [&](const char* stage) {
    timings.stage(stage);
    if (a.progress) {
      std::string line = io::Json::object().set("stage", stage).dump();
      std::fprintf(stderr, "%s\n", line.c_str());
      std::fflush(stderr);
    }
  };
  app::closeout::RunRecord record = TRY(app::closeout::run_closeout(session, request));
  auto open = TRY(app::closeout::summary(session, {a.campaign, record.run}, {}));
  if (a.json) {
    print_json(app::closeout::to_json(record, *open.zone));
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "closeout.run_done", record.run, record.orders, record.findings,
                        record.gray_zone, record.problems));
  fmt::print("{}", io::summary_text(open.stored, {}, words_of(ctx.lang)));
  return {};
}

struct ReadArgs {
  std::string campaign, as;
  int64_t run = 0;
  bool json = false;
};

CLI::App* reading_command(CLI::App& group, const char* name, const char* help, ReadArgs& a) {
  auto* cmd = group.add_subcommand(name, help);
  cmd->add_option("--campaign", a.campaign, "campaign id")->required();
  cmd->add_option("--run", a.run, "run number (default: the sealed run, else the latest)");
  cmd->add_option("--as", a.as, "read as this registered user, within their scope");
  cmd->add_flag("--json", a.json, "JSON on stdout (docs/closeout.md)");
  return cmd;
}

// The session of a reading command.
struct Reading {
  std::unique_ptr<store::Workspace> ws;
  app::Session session;
};
core::Result<Reading> reading(Context& ctx, const ReadArgs& a) {
  Reading r;
  r.ws = TRY(ctx.open_workspace());
  r.session = TRY(ctx.session(*r.ws, a.as));
  return r;
}

core::Status summary_command(Context& ctx, const ReadArgs& a,
                             const std::vector<std::string>& names) {
  Reading r = TRY(reading(ctx, a));
  auto open = TRY(app::closeout::summary(r.session, {a.campaign, a.run}, names));
  if (a.json) {
    print_json(app::closeout::summary_json(open, names));
  } else {
    print_run_status(ctx, open);
    fmt::print("{}", io::summary_text(open.stored, names, words_of(ctx.lang)));
  }
  return {};
}

struct BridgeArgs {
  std::string from, to, region, store;
};

core::Status bridge_command(Context& ctx, const ReadArgs& a, const BridgeArgs& b) {
  Reading r = TRY(reading(ctx, a));
  auto result =
      TRY(app::closeout::bridge(r.session, {a.campaign, a.run}, {b.from, b.to, b.region, b.store}));
  const io::StoredRun& run = result.open.stored;
  if (a.json) {
    io::bridge_json_pieces(run, result.bridge, words_of(ctx.lang), print_piece);
    std::fputc('\n', stdout);
  } else {
    print_run_status(ctx, result.open);
    fmt::print("{}", io::bridge_text(run, result.bridge, words_of(ctx.lang)));
  }
  return {};
}

core::Status findings_command(Context& ctx, const ReadArgs& a, const std::string& rule,
                              const std::string& csv) {
  if (a.json && !csv.empty()) return usage(tr(ctx.lang, "closeout.json_or_csv"));
  Reading r = TRY(reading(ctx, a));
  auto open = TRY(app::closeout::findings(r.session, {a.campaign, a.run}, rule));
  const io::StoredRun& run = open.stored;
  io::CloseoutWords words = words_of(ctx.lang);
  if (!csv.empty()) {
    TRY(io::write_report_file(csv, io::findings_csv(run, rule, words)));
    fmt::print("{}\n", tr(ctx.lang, "closeout.csv_done", csv));
  } else if (a.json) {
    io::findings_view_json_pieces(run, rule, words, print_piece);
    std::fputc('\n', stdout);
  } else {
    print_run_status(ctx, open);
    fmt::print("{}", io::findings_text(run, rule, words));
  }
  return {};
}

core::Status settlement_command(Context& ctx, const ReadArgs& a, const std::string& xlsx) {
  Reading r = TRY(reading(ctx, a));
  auto open = TRY(app::closeout::open_reading(r.session, {a.campaign, a.run}));
  if (!xlsx.empty()) {
    TRY(app::workflow::export_workbook(r.session, {a.campaign, a.run}, xlsx, words_of(ctx.lang)));
  }
  if (a.json) {
    print_json(app::closeout::settlement_json(open));
  } else {
    print_run_status(ctx, open);
    fmt::print("{}", io::settlement_text(open.stored, words_of(ctx.lang)));
    if (!xlsx.empty()) fmt::print("{}\n", tr(ctx.lang, "closeout.export_done", xlsx));
  }
  return {};
}

core::Status export_command(Context& ctx, const ReadArgs& a, const std::string& xlsx,
                            const std::string& lang) {
  if (!lang.empty()) ctx.lang = parse_lang(lang);
  Reading r = TRY(reading(ctx, a));
  TRY(app::workflow::export_workbook(r.session, {a.campaign, a.run}, xlsx, words_of(ctx.lang)));
  fmt::print("{}\n", tr(ctx.lang, "closeout.export_done", xlsx));
  return {};
}
}  // namespace

void add_closeout_commands(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("closeout", "close-out engine: clean, reconcile, settle / 活动收尾");
  group->require_subcommand(1);

  auto run = std::make_shared<RunArgs>();
  auto* run_cmd = group->add_subcommand("run", "run the close-out and store it / 运行收尾");
  run_cmd->add_option("--campaign", run->campaign, "campaign id")->required();
  run_cmd->add_option("--as", run->as, "the person running it (a registered user)");
  run_cmd->add_flag("--json", run->json, "JSON on stdout");
  run_cmd->add_flag("--timings", run->timings, "stage times on stderr")->group("");
  run_cmd->add_flag("--progress", run->progress, "stages as JSON lines on stderr")->group("");
  run_cmd->callback([&ctx, run] { ctx.exit_code = finish(ctx, run_command(ctx, *run)); });

  auto sum = std::make_shared<ReadArgs>();
  auto names = std::make_shared<std::vector<std::string>>();
  auto* sum_cmd = reading_command(*group, "summary", "numbers per definition / 各口径汇总", *sum);
  sum_cmd->add_option("--definition", *names, "only these definitions (repeatable)");
  sum_cmd->callback(
      [&ctx, sum, names] { ctx.exit_code = finish(ctx, summary_command(ctx, *sum, *names)); });

  auto br = std::make_shared<ReadArgs>();
  auto bridge = std::make_shared<BridgeArgs>();
  auto* br_cmd = reading_command(*group, "bridge", "reconciliation bridge / 对账桥", *br);
  br_cmd->add_option("--from", bridge->from, "definition A (name, name/cleaned, or tag)")
      ->required();
  br_cmd->add_option("--to", bridge->to, "definition B")->required();
  br_cmd->add_option("--region", bridge->region, "one region");
  br_cmd->add_option("--store", bridge->store, "one store code");
  br_cmd->callback(
      [&ctx, br, bridge] { ctx.exit_code = finish(ctx, bridge_command(ctx, *br, *bridge)); });

  auto fi = std::make_shared<ReadArgs>();
  auto rule = std::make_shared<std::string>();
  auto csv = std::make_shared<std::string>();
  auto* fi_cmd = reading_command(*group, "findings", "findings per order / 清洗发现", *fi);
  fi_cmd->add_option("--rule", *rule, "one rule id, e.g. dup.double_submit");
  fi_cmd->add_option("--csv", *csv, "write a CSV file instead")
      ->check(output_named(ctx.lang, ".csv"));
  fi_cmd->callback([&ctx, fi, rule, csv] {
    ctx.exit_code = finish(ctx, findings_command(ctx, *fi, *rule, *csv));
  });

  auto se = std::make_shared<ReadArgs>();
  auto se_xlsx = std::make_shared<std::string>();
  auto* se_cmd = reading_command(*group, "settlement", "rebates per store / 结算", *se);
  se_cmd->add_option("--xlsx", *se_xlsx, "also write the workbook")
      ->check(output_named(ctx.lang, ".xlsx"));
  se_cmd->callback(
      [&ctx, se, se_xlsx] { ctx.exit_code = finish(ctx, settlement_command(ctx, *se, *se_xlsx)); });

  auto ex = std::make_shared<ReadArgs>();
  auto ex_xlsx = std::make_shared<std::string>();
  auto ex_lang = std::make_shared<std::string>();
  auto* ex_cmd = group->add_subcommand("export", "the close-out workbook / 导出收尾工作簿");
  ex_cmd->add_option("--campaign", ex->campaign, "campaign id")->required();
  ex_cmd->add_option("--run", ex->run, "run number (default: the sealed run, else the latest)");
  ex_cmd->add_option("--as", ex->as, "export as this registered user (HQ, finance, director)");
  ex_cmd->add_option("--xlsx", *ex_xlsx, "the workbook to write")
      ->required()
      ->check(output_named(ctx.lang, ".xlsx"));
  ex_cmd->add_option("--lang", *ex_lang, "zh | en (headers)");
  ex_cmd->callback([&ctx, ex, ex_xlsx, ex_lang] {
    ctx.exit_code = finish(ctx, export_command(ctx, *ex, *ex_xlsx, *ex_lang));
  });
}

}  // namespace pitwall::cli
