// The "closeout" command group (see commands.hpp; docs/closeout.md): run the close-out engine
// and read its stored runs.
//
//   closeout run        --campaign ID [--as NAME] [--json]
//   closeout summary    --campaign ID [--definition NAME ...] [--run N] [--json]
//   closeout bridge     --campaign ID --from A --to B [--region R | --store CODE] [--run N]
//   [--json] closeout findings   --campaign ID [--rule R] [--run N] [--json | --csv FILE] closeout
//   settlement --campaign ID [--run N] [--xlsx FILE] [--json] closeout export     --campaign ID
//   --xlsx FILE [--run N] [--lang zh|en]
//
// A run is stored as the blob "closeout/<campaign>/run-<n>.json" and its per-order parts
// "run-<n>.<part>.bin" (io/report/closeout_json.hpp) with a record in "closeout.runs" (key
// "<campaign>/<n, 6 digits>") and an entry in the log "closeout/<campaign>". The reading commands
// use the latest run unless --run names one.
#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "cli/allocator.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/workflow_run.hpp"
#include "core/closeout/closeout.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/closeout_views.hpp"
#include "io/report/closeout_xlsx.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"
#include "store/files/batch_files.hpp"

namespace pitwall::cli {

namespace {
namespace cc = core::closeout;
using core::TableKind;
constexpr std::string_view kRuns = "closeout.runs";

io::CloseoutWords words_of(Lang lang) {
  return {[](std::string_view k) { return message(Lang::kZh, k); },
          [](std::string_view k) { return message(Lang::kEn, k); }, lang == Lang::kEn};
}

// A piece of a JSON document printed as it is formatted.
void print_piece(std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); }

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::kUsage, std::move(message));
}

// Everything a run reads, owned.
struct Loaded {
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  std::map<TableKind, core::Table> tables;
  std::vector<core::MetricDefinition> definitions;
  std::vector<io::RunBatch> batches;
  std::vector<cc::ArbitrationDecision> decisions;
  std::vector<cc::BlacklistEntry> extra_blacklist;
};

constexpr TableKind kCampaignKinds[] = {TableKind::kOrders, TableKind::kCorrections,
                                        TableKind::kExceptions};
constexpr TableKind kMasterKinds[] = {TableKind::kStores, TableKind::kStaff, TableKind::kCustomers,
                                      TableKind::kPriceList, TableKind::kBlacklist};

// The inputs in force (cli/workflow_run.hpp): the campaign's orders and supplements; master data
// as imported now or, once frozen, the batches pinned at the freeze; the definitions, with the
// settlement definition's pinned version once frozen; the arbitration decisions and the workspace
// blacklist entries that apply.
core::Result<Loaded> load_inputs(const Context& ctx, store::Workspace& ws, std::string_view id) {
  Loaded in;
  in.campaign = TRY(ctx.load_campaign(ws, id));
  in.zone = TRY(io::find_time_zone(in.campaign.timezone));
  WorkflowAdjustments adjustments = TRY(workflow_adjustments(ws, id));
  in.decisions = std::move(adjustments.decisions);
  in.extra_blacklist = std::move(adjustments.extra_blacklist);
  std::vector<core::workflow::PinnedBatches> pins =
      adjustments.freeze ? adjustments.freeze->pins : TRY(current_master_batches(ws));
  auto pinned = [&](const std::string& kind, int64_t batch) {
    for (const auto& p : pins) {
      if (p.kind == kind) {
        return std::find(p.batch_ids.begin(), p.batch_ids.end(), batch) != p.batch_ids.end();
      }
    }
    return false;
  };
  for (TableKind k : kCampaignKinds) in.tables.emplace(k, TRY(ws.load_table(k, id)));
  for (TableKind k : kMasterKinds) {
    std::vector<int64_t> ids;
    for (const auto& p : pins) {
      if (p.kind == core::table_schema(k).name) ids = p.batch_ids;
    }
    in.tables.emplace(k, TRY(ws.load_batches(k, ids)));
  }
  for (const store::DefinitionRecord& r : TRY(ws.list_definitions())) {
    if (adjustments.freeze && r.name == in.campaign.settlement_definition) {
      in.definitions.push_back(TRY(ctx.load_definition(ws, adjustments.freeze->definition)));
    } else {
      in.definitions.push_back(TRY(io::parse_definition_file(r.toml, r.file)));
    }
  }
  for (const store::BatchInfo& b : TRY(ws.list_batches())) {
    const core::TableSchema* schema = core::find_table_schema(b.kind);
    if (!schema) continue;
    bool campaign_kind = false;
    for (TableKind k : kCampaignKinds) campaign_kind |= k == schema->kind;
    bool wanted = campaign_kind ? b.campaign == id : pinned(b.kind, b.id);
    if (wanted) in.batches.push_back({b.id, b.kind, b.file, b.sha256, b.loaded});
  }
  return in;
}

core::Result<int64_t> latest_run(store::Workspace& ws, std::string_view campaign) {
  auto records = TRY(ws.list_records(kRuns, fmt::format("{}/", campaign)));
  return records.empty() ? 0 : TRY(io::Json::parse(records.back().json)).get_int("run");
}

struct RunArgs {
  std::string campaign, as;
  bool json = false;
  bool timings = false;
};

// With the hidden --timings flag, each stage's wall and CPU time and the memory held on stderr
// (bench/README.md): resident anonymous memory (heap) and file pages (the mapped tables) now, and
// the peak RSS so far.
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
               "MB\n",
               name, std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count(),
               cpu - cpu_, status_mb("RssAnon:"), status_mb("RssFile:"), usage.ru_maxrss / 1024);
    last_ = now;
    cpu_ = cpu;
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
  int64_t cpu_ = 0;  // user + sys ms at the last stage
};

// The pipeline's inputs over what load_inputs read: every definition evaluated both ways, the
// per-order results of all kept for the stored run.
cc::CloseoutInputs closeout_inputs(const Loaded& in) {
  cc::CloseoutInputs inputs;
  inputs.campaign = &in.campaign;
  inputs.zone = in.zone;
  inputs.orders = &in.tables.at(TableKind::kOrders);
  inputs.stores = &in.tables.at(TableKind::kStores);
  inputs.staff = &in.tables.at(TableKind::kStaff);
  inputs.customers = &in.tables.at(TableKind::kCustomers);
  inputs.price_list = &in.tables.at(TableKind::kPriceList);
  inputs.blacklist = &in.tables.at(TableKind::kBlacklist);
  inputs.corrections = &in.tables.at(TableKind::kCorrections);
  inputs.exceptions = &in.tables.at(TableKind::kExceptions);
  inputs.definitions = in.definitions;
  inputs.keep_orders = cc::CloseoutInputs::KeepOrders::kAll;
  inputs.decisions = in.decisions;
  inputs.extra_blacklist = in.extra_blacklist;
  return inputs;
}

// The blobs of one stored run: the parts, appended to from two threads, and the document;
// committed together (closeout_json.hpp).
class RunBlobs {
 public:
  RunBlobs(store::Workspace& ws, std::string blob) : ws_(ws), blob_(std::move(blob)) {}
  core::Status append(std::string_view part, std::string_view bytes) {
    store::Workspace::BlobWriter* writer = nullptr;
    {
      std::lock_guard lock(mutex_);
      auto it = parts_.find(part);
      if (it == parts_.end()) {
        auto opened = TRY(ws_.open_blob(io::part_blob(blob_, part)));
        it = parts_.emplace(std::string(part), std::move(opened)).first;
      }
      writer = it->second.get();
    }
    return writer->append(bytes);
  }
  core::Status put_document(std::string_view text) {
    document_ = TRY(ws_.open_blob(blob_));
    return document_->append(text);
  }
  // Replaces the blobs of the same names, the document last.
  core::Status commit() {
    for (auto& [part, writer] : parts_) TRY(writer->commit());
    return document_->commit();
  }

 private:
  store::Workspace& ws_;
  std::string blob_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<store::Workspace::BlobWriter>, std::less<>> parts_;
  std::unique_ptr<store::Workspace::BlobWriter> document_;
};

core::Status run_command(Context& ctx, const RunArgs& a) {
  keep_freed_memory();
  auto ws = TRY(ctx.open_workspace());
  std::string who = a.as.empty() ? ctx.os_user() : TRY(ctx.require_user(*ws, a.as)).name;
  Timings timings(a.timings);
  Loaded in = TRY(load_inputs(ctx, *ws, a.campaign));
  timings.stage("load inputs");
  cc::CloseoutInputs inputs = closeout_inputs(in);
  // The tables are mapped from their batch files: while the pipeline runs and the parts are
  // written, their pages leave the process's memory whenever it holds more than
  // store::kMappedPageBudget of them, and it reads back (from the page cache) what it uses.
  std::vector<const core::Table*> mapped;
  for (const auto& [kind, table] : in.tables) mapped.push_back(&table);
  inputs.on_stage = [&](const char* stage) { timings.stage(stage); };
  auto releaser = std::make_optional<store::PageReleaser>(mapped);
  cc::RunResult result = TRY(cc::run_closeout(inputs));
  // What the pipeline freed goes back to the kernel: writing the parts then holds the result
  // and its buffers, not the pipeline's high-water mark as well.
  return_freed_memory();
  io::RunMeta meta;
  meta.campaign = a.campaign;
  meta.run = TRY(latest_run(*ws, a.campaign)) + 1;
  meta.created_at = ctx.now();
  meta.zone = in.zone;
  meta.by = who;
  meta.batches = in.batches;
  meta.decisions = static_cast<int64_t>(in.decisions.size());
  meta.blacklist_extra = static_cast<int64_t>(in.extra_blacklist.size());
  // The per-order parts go to their blobs in pieces while they are formatted; the document
  // (small at any size) last. Nothing replaces an earlier run's blobs until all are complete.
  std::string blob = fmt::format("closeout/{}/run-{}.json", a.campaign, meta.run);
  RunBlobs blobs(*ws, blob);
  io::RunText text = TRY(io::write_closeout_run(
      meta, result, in.campaign, *in.zone,
      [&](std::string_view part, std::string_view bytes) { return blobs.append(part, bytes); }));
  // Writing the parts reads the orders table again (order ids, times): the releaser stays.
  releaser.reset();
  timings.stage("write parts");
  TRY(blobs.put_document(text.text));
  io::StoredRun stored = TRY(io::read_stored_run(text.text));
  io::Json record = io::Json::object()
                        .set("campaign", a.campaign)
                        .set("run", meta.run)
                        .set("created_at", stored.doc.find("meta")->get_string("created_at"))
                        .set("by", who)
                        .set("blob", blob)
                        .set("result_digest", text.result_digest)
                        .set("orders", static_cast<int64_t>(result.orders.size()))
                        .set("findings", static_cast<int64_t>(result.findings.size()))
                        .set("gray_zone", static_cast<int64_t>(result.gray_zone.size()))
                        .set("problems", static_cast<int64_t>(result.problems.size()));
  std::string key = fmt::format("{}/{:06}", a.campaign, meta.run);
  TRY(ws->transaction([&]() -> core::Status {
    TRY(blobs.commit());
    TRY(ws->put_record(kRuns, key, record.dump(), meta.created_at));
    TRY(ws->append_log(fmt::format("closeout/{}", a.campaign), record.dump()));
    return {};
  }));
  timings.stage("commit");
  if (a.json) {
    print_json(record);
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "closeout.run_done", meta.run, result.orders.size(),
                        result.findings.size(), result.gray_zone.size(), result.problems.size()));
  fmt::print("{}", io::summary_text(stored, {}, words_of(ctx.lang)));
  return {};
}

// A stored run's document and where its parts are.
struct OpenRun {
  io::StoredRun run;
  std::string blob;
};

core::Result<OpenRun> load_run(const Context& ctx, store::Workspace& ws, std::string_view campaign,
                               int64_t run) {
  TRY(ctx.load_campaign(ws, campaign));
  auto records = TRY(ws.list_records(kRuns, fmt::format("{}/", campaign)));
  if (records.empty()) return core::not_found(tr(ctx.lang, "closeout.no_run", campaign));
  const store::Record* chosen = &records.back();
  if (run > 0) {
    chosen = nullptr;
    std::string known;
    for (const auto& r : records) {
      int64_t n = TRY(io::Json::parse(r.json)).get_int("run");
      if (n == run) chosen = &r;
      known += (known.empty() ? "" : ", ") + std::to_string(n);
    }
    if (!chosen) return core::not_found(tr(ctx.lang, "closeout.no_such_run", campaign, run, known));
  }
  io::Json record = TRY(io::Json::parse(chosen->json));
  std::string blob = record.get_string("blob");
  auto bytes = TRY(ws.get_blob(blob));
  if (!bytes) {
    return core::make_error(core::ErrorCode::kCorrupt, tr(ctx.lang, "closeout.missing_blob", blob));
  }
  int version = io::stored_run_format_version(*bytes);
  if (version > 0 && version < io::kCloseoutRunFormatVersion) {
    return core::make_error(
        core::ErrorCode::kConflict,
        tr(ctx.lang, "closeout.old_run_format", campaign, record.get_int("run"), version));
  }
  return OpenRun{TRY(io::read_stored_run(*bytes)), std::move(blob)};
}

// Reads the per-order parts a command needs into the run.
core::Status load_parts(store::Workspace& ws, OpenRun& open, const io::RunParts& which) {
  return io::load_run_parts(open.run, which, [&](std::string_view part) {
    return ws.get_blob(io::part_blob(open.blob, part));
  });
}

struct ReadArgs {
  std::string campaign;
  int64_t run = 0;
  bool json = false;
};

CLI::App* reading_command(CLI::App& group, const char* name, const char* help, ReadArgs& a) {
  auto* cmd = group.add_subcommand(name, help);
  cmd->add_option("--campaign", a.campaign, "campaign id")->required();
  cmd->add_option("--run", a.run, "run number (default: the latest)");
  cmd->add_flag("--json", a.json, "JSON on stdout (docs/closeout.md)");
  return cmd;
}

core::Status summary_command(Context& ctx, const ReadArgs& a,
                             const std::vector<std::string>& names) {
  auto ws = TRY(ctx.open_workspace());
  OpenRun open = TRY(load_run(ctx, *ws, a.campaign, a.run));
  const io::StoredRun& run = open.run;
  for (const auto& n : names) {
    if (run.declared(n) < 0) return core::not_found(tr(ctx.lang, "closeout.unknown_definition", n));
  }
  if (a.json) {
    print_json(io::summary_json(run, names));
  } else {
    fmt::print("{}", io::summary_text(run, names, words_of(ctx.lang)));
  }
  return {};
}

// An evaluation named by tag ("finance@4ef54d/cleaned"), name ("finance"), or name with the
// mode ("finance/cleaned", "finance/raw").
core::Result<int> evaluation_of(const Context& ctx, const io::StoredRun& run,
                                std::string_view spec) {
  std::string known;
  for (size_t i = 0; i < run.evaluations.size(); ++i) {
    const core::Evaluation& e = run.evaluations[i];
    std::string tag = e.tag();
    size_t slash = tag.find('/');
    std::string suffix = slash == std::string::npos ? std::string() : tag.substr(slash);
    std::string plain = e.definition.name + suffix;
    if (!run.kept(i)) continue;
    if (spec == tag || spec == plain) return static_cast<int>(i);
    known += (known.empty() ? "" : ", ") + plain;
  }
  return core::not_found(tr(ctx.lang, "closeout.unknown_evaluation", spec, known));
}

struct BridgeArgs {
  std::string from, to, region, store;
};

core::Status bridge_command(Context& ctx, const ReadArgs& a, const BridgeArgs& b) {
  if (!b.region.empty() && !b.store.empty()) return usage(tr(ctx.lang, "closeout.region_or_store"));
  auto ws = TRY(ctx.open_workspace());
  OpenRun open = TRY(load_run(ctx, *ws, a.campaign, a.run));
  const io::StoredRun& run = open.run;
  int from = TRY(evaluation_of(ctx, run, b.from));
  int to = TRY(evaluation_of(ctx, run, b.to));
  io::RunParts parts;
  parts.order_ids = true;
  parts.evaluations = {static_cast<size_t>(from), static_cast<size_t>(to)};
  TRY(load_parts(*ws, open, parts));
  core::BridgeScope scope;
  if (!b.region.empty()) {
    scope = {core::BridgeScope::Kind::kRegion, run.stores.find_region(b.region)};
    if (scope.index == UINT32_MAX)
      return core::not_found(tr(ctx.lang, "closeout.unknown_region", b.region));
  } else if (!b.store.empty()) {
    scope = {core::BridgeScope::Kind::kStore, run.stores.find_store(b.store)};
    if (scope.index == UINT32_MAX)
      return core::not_found(tr(ctx.lang, "closeout.unknown_store", b.store));
  }
  core::Bridge bridge = core::compute_bridge(run.evaluations[from], run.evaluations[to], run.stores,
                                             scope, run.ids());
  if (a.json) {
    io::bridge_json_pieces(run, bridge, words_of(ctx.lang), print_piece);
    std::fputc('\n', stdout);
  } else {
    fmt::print("{}", io::bridge_text(run, bridge, words_of(ctx.lang)));
  }
  return {};
}

core::Status findings_command(Context& ctx, const ReadArgs& a, const std::string& rule,
                              const std::string& csv) {
  if (!rule.empty() && !cc::parse_rule(rule)) {
    return usage(tr(ctx.lang, "closeout.unknown_rule", rule));
  }
  if (a.json && !csv.empty()) return usage(tr(ctx.lang, "closeout.json_or_csv"));
  auto ws = TRY(ctx.open_workspace());
  OpenRun open = TRY(load_run(ctx, *ws, a.campaign, a.run));
  io::RunParts parts;
  parts.findings = true;
  parts.findings_rule = rule;
  TRY(load_parts(*ws, open, parts));
  const io::StoredRun& run = open.run;
  io::CloseoutWords words = words_of(ctx.lang);
  if (!csv.empty()) {
    TRY(io::write_report_file(csv, io::findings_csv(run, rule, words)));
    fmt::print("{}\n", tr(ctx.lang, "closeout.csv_done", csv));
  } else if (a.json) {
    io::findings_view_json_pieces(run, rule, words, print_piece);
    std::fputc('\n', stdout);
  } else {
    fmt::print("{}", io::findings_text(run, rule, words));
  }
  return {};
}

core::Status export_workbook(Context& ctx, store::Workspace& ws, OpenRun& open,
                             const std::string& path) {
  TRY(load_parts(ws, open, io::RunParts::all(open.run)));
  const io::StoredRun& run = open.run;
  auto campaign = TRY(ctx.load_campaign(ws, run.meta.campaign));
  const core::TimeZone* zone = TRY(io::find_time_zone(campaign.timezone));
  int64_t created = TRY(parse_now(run.doc.find("meta")->get_string("created_at")));
  return io::write_closeout_xlsx(path, run, words_of(ctx.lang), *zone, created);
}

core::Status settlement_command(Context& ctx, const ReadArgs& a, const std::string& xlsx) {
  auto ws = TRY(ctx.open_workspace());
  OpenRun open = TRY(load_run(ctx, *ws, a.campaign, a.run));
  const io::StoredRun& run = open.run;
  if (!xlsx.empty()) TRY(export_workbook(ctx, *ws, open, xlsx));
  if (a.json) {
    print_json(io::settlement_view_json(run));
  } else {
    fmt::print("{}", io::settlement_text(run, words_of(ctx.lang)));
    if (!xlsx.empty()) fmt::print("{}\n", tr(ctx.lang, "closeout.export_done", xlsx));
  }
  return {};
}

core::Status export_command(Context& ctx, const ReadArgs& a, const std::string& xlsx,
                            const std::string& lang) {
  if (!lang.empty()) ctx.lang = parse_lang(lang);
  auto ws = TRY(ctx.open_workspace());
  OpenRun open = TRY(load_run(ctx, *ws, a.campaign, a.run));
  TRY(export_workbook(ctx, *ws, open, xlsx));
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
  fi_cmd->add_option("--csv", *csv, "write a CSV file instead");
  fi_cmd->callback([&ctx, fi, rule, csv] {
    ctx.exit_code = finish(ctx, findings_command(ctx, *fi, *rule, *csv));
  });

  auto se = std::make_shared<ReadArgs>();
  auto se_xlsx = std::make_shared<std::string>();
  auto* se_cmd = reading_command(*group, "settlement", "rebates per store / 结算", *se);
  se_cmd->add_option("--xlsx", *se_xlsx, "also write the workbook");
  se_cmd->callback(
      [&ctx, se, se_xlsx] { ctx.exit_code = finish(ctx, settlement_command(ctx, *se, *se_xlsx)); });

  auto ex = std::make_shared<ReadArgs>();
  auto ex_xlsx = std::make_shared<std::string>();
  auto ex_lang = std::make_shared<std::string>();
  auto* ex_cmd = group->add_subcommand("export", "the close-out workbook / 导出收尾工作簿");
  ex_cmd->add_option("--campaign", ex->campaign, "campaign id")->required();
  ex_cmd->add_option("--run", ex->run, "run number (default: the latest)");
  ex_cmd->add_option("--xlsx", *ex_xlsx, "the workbook to write")->required();
  ex_cmd->add_option("--lang", *ex_lang, "zh | en (headers)");
  ex_cmd->callback([&ctx, ex, ex_xlsx, ex_lang] {
    ctx.exit_code = finish(ctx, export_command(ctx, *ex, *ex_xlsx, *ex_lang));
  });
}

}  // namespace pitwall::cli
