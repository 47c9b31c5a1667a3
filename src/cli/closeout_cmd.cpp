// The "closeout" command group (issue 5; closeout.md stages 1-6 and 10): run, summary, bridge,
// findings, settlement. Thin: load the campaign's inputs from the workspace, call
// core::closeout::run_closeout, print. Every number carries its definition's tag.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/rules.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::cli {

namespace {

using core::closeout::RunResult;

// The words beside a bridge reason token (closeout.md §6), from the catalogue.
std::string reason_words(Lang lang, std::string_view token) {
  return std::string(message_or(lang, fmt::format("closeout.reason.{}", token), token));
}

// Everything a run reads; the run's result refers into these tables, so they outlive it.
struct Loaded {
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  core::Table orders, stores, staff, customers, price_list, blacklist, corrections, exceptions;
  std::vector<core::MetricDefinition> definitions;
  std::vector<core::closeout::ArbitrationDecision> decisions;
  std::vector<core::closeout::BlacklistEntry> extra_blacklist;
  std::string inputs_digest;  // batches + definitions + decisions: what the numbers rest on
};

core::Result<std::vector<core::closeout::ArbitrationDecision>> load_decisions(
    store::Workspace& ws, const std::string& campaign) {
  std::vector<core::closeout::ArbitrationDecision> out;
  for (const auto& r : TRY(ws.list_records("closeout.decisions", campaign + "/"))) {
    auto j = TRY(io::Json::parse(r.json));
    core::closeout::ArbitrationDecision d;
    d.order_id = j.get_string("order_id");
    std::string decision = j.get_string("decision");
    if (decision == "exclude") {
      d.kind = core::closeout::DecisionKind::kExclude;
    } else if (decision.rfind("store:", 0) == 0) {
      d.kind = core::closeout::DecisionKind::kStore;
      d.store_code = decision.substr(6);
    }
    d.reason = j.get_string("reason");
    d.who = j.get_string("who");
    d.when = j.get_int("when");
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<std::unique_ptr<Loaded>> load_inputs(const Context& ctx, store::Workspace& ws,
                                                  const std::string& campaign_id) {
  auto in = std::make_unique<Loaded>();
  in->campaign = TRY(ctx.load_campaign(ws, campaign_id));
  in->zone = TRY(io::find_time_zone(in->campaign.timezone));
  using K = core::TableKind;
  in->orders = TRY(ws.load_table(K::kOrders, campaign_id));
  in->stores = TRY(ws.load_table(K::kStores, ""));
  in->staff = TRY(ws.load_table(K::kStaff, ""));
  in->customers = TRY(ws.load_table(K::kCustomers, ""));
  in->price_list = TRY(ws.load_table(K::kPriceList, ""));
  in->blacklist = TRY(ws.load_table(K::kBlacklist, ""));
  in->corrections = TRY(ws.load_table(K::kCorrections, campaign_id));
  in->exceptions = TRY(ws.load_table(K::kExceptions, campaign_id));
  std::string digest_input;
  for (const auto& b : TRY(ws.list_batches())) {
    if (b.campaign.empty() || b.campaign == campaign_id) digest_input += b.sha256 + ";";
  }
  bool has_settlement = false;
  for (const auto& rec : TRY(ws.list_definitions())) {
    auto def = TRY(io::parse_definition_file(rec.toml, rec.file));
    has_settlement = has_settlement || def.name == in->campaign.settlement_definition;
    digest_input += def.tag() + ";";
    in->definitions.push_back(std::move(def));
  }
  if (!has_settlement) {
    return core::not_found(
        tr(ctx.lang, "closeout.no_settlement_definition", in->campaign.settlement_definition));
  }
  in->decisions = TRY(load_decisions(ws, campaign_id));
  for (const auto& d : in->decisions)
    digest_input += d.order_id + ":" + std::to_string(int(d.kind)) + d.store_code + ";";
  for (const auto& r : TRY(ws.list_records("blacklist", ""))) {
    auto j = TRY(io::Json::parse(r.json));
    in->extra_blacklist.push_back({j.get_string("kind"), j.get_string("value"),
                                   j.get_string("reason"), j.get_string("source")});
    digest_input += r.key + ";";
  }
  in->inputs_digest = core::sha256_hex(digest_input);
  return in;
}

core::Result<RunResult> run_pipeline(const Loaded& in) {
  core::closeout::CloseoutInputs inputs;
  inputs.campaign = &in.campaign;
  inputs.zone = in.zone;
  inputs.orders = &in.orders;
  inputs.stores = &in.stores;
  inputs.staff = &in.staff;
  inputs.customers = &in.customers;
  inputs.price_list = &in.price_list;
  inputs.blacklist = &in.blacklist;
  inputs.corrections = &in.corrections;
  inputs.exceptions = &in.exceptions;
  inputs.extra_blacklist = in.extra_blacklist;
  inputs.decisions = in.decisions;
  inputs.definitions = in.definitions;
  return core::closeout::run_closeout(inputs);
}

io::Json totals_json(const core::Totals& t) {
  return io::Json::object()
      .set("orders", t.orders)
      .set("amount_fen", t.amount_fen)
      .set("received_fen", t.received_fen);
}

io::Json optional_rate(const std::optional<double>& v) {
  return v ? io::Json::rounded(*v, 4) : io::Json();
}

io::Json definition_json(const RunResult& r, const core::Evaluation& e) {
  io::Json j = io::Json::object();
  j.set("name", e.definition.name).set("version", e.definition.version()).set("tag", e.tag());
  j.set("cleaned", e.cleaned()).set("orders", e.total.orders);
  j.set("amount_fen", e.total.amount_fen).set("received_fen", e.total.received_fen);
  io::Json regions = io::Json::array();
  for (uint32_t g = 0; g < r.stores.region_count() && g < e.by_region.size(); ++g) {
    regions.push(totals_json(e.by_region[g]).set("region", r.stores.regions[g]));
  }
  io::Json stores = io::Json::array();
  for (uint32_t s = 0; s < r.stores.store_count() && s < e.by_store.size(); ++s) {
    io::Json row = io::Json::object();
    row.set("store_code", r.stores.codes[s]).set("store_name", r.stores.names[s]);
    row.set("region", r.stores.regions[r.stores.region_of[s]]);
    row.set("orders", e.by_store[s].orders).set("amount_fen", e.by_store[s].amount_fen);
    row.set("received_fen", e.by_store[s].received_fen);
    stores.push(std::move(row));
  }
  j.set("regions", std::move(regions)).set("stores", std::move(stores));
  return j;
}

io::Json summary_json(const Loaded& in, const RunResult& r, const std::vector<std::string>& only) {
  io::Json defs = io::Json::array();
  io::Json gross = io::Json::array();
  size_t d = in.definitions.size();
  for (size_t i = 0; i < d; ++i) {
    const auto& e = r.evaluations[i];
    bool wanted = only.empty();
    for (const auto& n : only) wanted = wanted || n == e.definition.name;
    if (!wanted) continue;
    defs.push(definition_json(r, e));
    const auto& g = r.gross_net[i];
    const auto& raw = r.evaluations[g.raw];
    const auto& clean = r.evaluations[g.cleaned];
    io::Json row = io::Json::object();
    row.set("name", e.definition.name).set("raw_tag", raw.tag()).set("cleaned_tag", clean.tag());
    row.set("raw", totals_json(raw.total)).set("cleaned", totals_json(clean.total));
    row.set("difference_rate", optional_rate(g.order_difference_rate));
    row.set("amount_difference_rate", optional_rate(g.amount_difference_rate));
    row.set("rebate_raw_fen", g.rebate_raw_fen).set("rebate_cleaned_fen", g.rebate_cleaned_fen);
    row.set("roi_raw", optional_rate(g.roi_raw)).set("roi_cleaned", optional_rate(g.roi_cleaned));
    gross.push(std::move(row));
  }
  io::Json doc = io::Json::object();
  doc.set("campaign", in.campaign.id).set("inputs_digest", in.inputs_digest);
  doc.set("definitions", std::move(defs)).set("gross_net", std::move(gross));
  doc.set("findings", static_cast<int64_t>(r.findings.size()));
  doc.set("gray_zone", static_cast<int64_t>(r.gray_zone.size()));
  doc.set("rings", static_cast<int64_t>(r.rings.size()));
  return doc;
}

void print_summary(const Context& ctx, const io::Json& doc) {
  fmt::print("{}\n", tr(ctx.lang, "closeout.summary_title", doc.get_string("campaign")));
  for (const auto& d : doc.find("definitions")->items()) {
    fmt::print("  {:>9} {}  {:>18} {}  [{}]\n", d.get_int("orders"),
               tr(ctx.lang, "closeout.orders"),
               core::Money::from_fen(d.get_int("amount_fen")).to_display_string(),
               tr(ctx.lang, "closeout.yuan"), d.get_string("tag"));
  }
  fmt::print("{}\n", tr(ctx.lang, "closeout.gross_net_title"));
  for (const auto& g : doc.find("gross_net")->items()) {
    const io::Json* rate = g.find("difference_rate");
    std::string pct = rate && rate->is_number() ? fmt::format("{:+.2f}%", rate->as_double() * 100)
                                                : std::string("n/a");
    fmt::print("  {:<10} {:>9} → {:>9}  ({})  [{} → {}]\n", g.get_string("name"),
               g.find("raw")->get_int("orders"), g.find("cleaned")->get_int("orders"), pct,
               g.get_string("raw_tag"), g.get_string("cleaned_tag"));
  }
  fmt::print("{}\n", tr(ctx.lang, "closeout.findings_line", doc.get_int("findings"),
                        doc.get_int("gray_zone"), doc.get_int("rings")));
}

struct CommonArgs {
  std::string campaign;
  bool json = false;
};

core::Result<std::pair<std::unique_ptr<Loaded>, RunResult>> compute(const Context& ctx,
                                                                    store::Workspace& ws,
                                                                    const std::string& id) {
  auto in = TRY(load_inputs(ctx, ws, id));
  RunResult r = TRY(run_pipeline(*in));
  return std::make_pair(std::move(in), std::move(r));
}

core::Status cmd_run(Context& ctx, const CommonArgs& a, const std::string& as) {
  auto ws = TRY(ctx.open_workspace());
  if (!as.empty()) TRY(ctx.require_user(*ws, as));
  auto [in, r] = TRY(compute(ctx, *ws, a.campaign));
  io::Json summary = summary_json(*in, r, {});
  auto runs = TRY(ws->list_records("closeout.runs", a.campaign + "/"));
  int64_t number = static_cast<int64_t>(runs.size()) + 1;
  std::string blob = fmt::format("closeout/{}/run-{}.json", a.campaign, number);
  TRY(ws->put_blob(blob, summary.dump()));
  io::Json meta = io::Json::object();
  meta.set("run", number).set("campaign", a.campaign).set("at", core::format_utc_iso(ctx.now()));
  meta.set("by", as.empty() ? ctx.os_user() : as).set("inputs_digest", in->inputs_digest);
  meta.set("summary_sha256", core::sha256_hex(summary.dump())).set("blob", blob);
  TRY(ws->put_record("closeout.runs", fmt::format("{}/{:06}", a.campaign, number), meta.dump(),
                     ctx.now()));
  summary.set("run", number);
  if (a.json) {
    print_json(summary);
  } else {
    fmt::print("{}\n", tr(ctx.lang, "closeout.run_stored", number, a.campaign));
    print_summary(ctx, summary);
  }
  return {};
}

core::Status cmd_summary(Context& ctx, const CommonArgs& a, const std::vector<std::string>& only) {
  auto ws = TRY(ctx.open_workspace());
  auto [in, r] = TRY(compute(ctx, *ws, a.campaign));
  io::Json doc = summary_json(*in, r, only);
  if (a.json) {
    print_json(doc);
  } else {
    print_summary(ctx, doc);
  }
  return {};
}

core::Result<uint32_t> evaluation_of(const Context& ctx, const Loaded& in,
                                     const std::string& name) {
  for (size_t i = 0; i < in.definitions.size(); ++i) {
    if (in.definitions[i].name == name) return static_cast<uint32_t>(i);
  }
  auto e = core::not_found(tr(ctx.lang, "core.unknown_definition", name, "it, ops, finance"));
  return e;
}

struct BridgeArgs {
  std::string from, to, region, store;
};

core::Status cmd_bridge(Context& ctx, const CommonArgs& a, const BridgeArgs& b) {
  auto ws = TRY(ctx.open_workspace());
  auto [in, r] = TRY(compute(ctx, *ws, a.campaign));
  uint32_t from = TRY(evaluation_of(ctx, *in, b.from));
  uint32_t to = TRY(evaluation_of(ctx, *in, b.to));
  core::BridgeScope scope;
  if (!b.region.empty()) {
    scope.kind = core::BridgeScope::Kind::kRegion;
    scope.index = r.stores.find_region(b.region);
    if (scope.index == UINT32_MAX)
      return core::not_found(tr(ctx.lang, "closeout.unknown_region", b.region));
  } else if (!b.store.empty()) {
    scope.kind = core::BridgeScope::Kind::kStore;
    scope.index = r.stores.find_store(b.store);
    if (scope.index == UINT32_MAX)
      return core::not_found(tr(ctx.lang, "closeout.unknown_store", b.store));
  }
  core::Bridge bridge =
      core::compute_bridge(r.evaluations[from], r.evaluations[to], r.stores, scope, r.orders.ids());
  io::Json steps = io::Json::array();
  for (const auto& s : bridge.steps) {
    io::Json ids = io::Json::array();
    for (uint32_t o : s.order_indices) ids.push(r.orders.order_id(o));
    io::Json step = io::Json::object();
    step.set("reason", s.reason);
    step.set("reason_zh", reason_words(Lang::kZh, s.reason));
    step.set("reason_en", reason_words(Lang::kEn, s.reason));
    step.set("direction", s.direction).set("orders", s.orders).set("amount_fen", s.amount_fen);
    step.set("order_ids", std::move(ids));
    steps.push(std::move(step));
  }
  io::Json doc = io::Json::object();
  doc.set("campaign", a.campaign).set("from", bridge.from_tag).set("to", bridge.to_tag);
  doc.set("scope", !b.region.empty()  ? "region:" + b.region
                   : !b.store.empty() ? "store:" + b.store
                                      : std::string("network"));
  doc.set("from_total", io::Json::object()
                            .set("orders", bridge.from_total.orders)
                            .set("amount_fen", bridge.from_total.amount_fen));
  doc.set("to_total", io::Json::object()
                          .set("orders", bridge.to_total.orders)
                          .set("amount_fen", bridge.to_total.amount_fen));
  doc.set("steps", std::move(steps));
  if (a.json) {
    print_json(doc);
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "closeout.bridge_title", bridge.from_tag, bridge.to_tag,
                        doc.get_string("scope")));
  fmt::print("  {:>9}  {:>18}  {}\n", bridge.from_total.orders,
             core::Money::from_fen(bridge.from_total.amount_fen).to_display_string(),
             bridge.from_tag);
  for (const auto& s : bridge.steps) {
    fmt::print("  {:>+9}  {:>18}  {} ({})\n", s.orders,
               core::Money::from_fen(s.amount_fen).to_display_string(),
               reason_words(ctx.lang, s.reason), s.reason);
  }
  fmt::print("  {:>9}  {:>18}  {}\n", bridge.to_total.orders,
             core::Money::from_fen(bridge.to_total.amount_fen).to_display_string(), bridge.to_tag);
  return {};
}

core::Status cmd_findings(Context& ctx, const CommonArgs& a, const std::string& rule,
                          const std::string& csv_path) {
  auto ws = TRY(ctx.open_workspace());
  auto [in, r] = TRY(compute(ctx, *ws, a.campaign));
  const auto& schema = core::table_schema(core::TableKind::kOrders);
  io::Json rows = io::Json::array();
  std::string csv = "order_id,customer_id,stage,rule,action,field,before,after,reason\n";
  auto csv_cell = [](std::string_view v) {
    if (v.find_first_of(",\"\n") == std::string_view::npos) return std::string(v);
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  for (const auto& f : r.findings.items()) {
    std::string_view rule_id = core::closeout::rule_token(f.rule);
    if (!rule.empty() && rule_id != rule) continue;
    std::string field = f.field >= 0 ? std::string(schema.columns[f.field].name) : std::string();
    std::string_view stage = core::closeout::stage_token(core::closeout::rule_stage(f.rule));
    std::string_view action = core::closeout::action_token(f.action);
    if (!csv_path.empty()) {
      csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_cell(r.orders.order_id(f.order)),
                         csv_cell(r.orders.customer_of(f.order)), stage, rule_id, action, field,
                         csv_cell(r.findings.text(f.before)), csv_cell(r.findings.text(f.after)),
                         csv_cell(r.findings.text(f.detail)));
      continue;
    }
    io::Json row = io::Json::object();
    row.set("order_id", r.orders.order_id(f.order))
        .set("customer_id", r.orders.customer_of(f.order));
    row.set("stage", stage).set("rule", rule_id).set("action", action).set("field", field);
    row.set("before", r.findings.text(f.before)).set("after", r.findings.text(f.after));
    row.set("reason", r.findings.text(f.detail));
    rows.push(std::move(row));
  }
  if (!csv_path.empty()) {
    std::ofstream out(csv_path, std::ios::binary);
    out << "\xEF\xBB\xBF" << csv;  // BOM: Excel opens UTF-8 CSV with Chinese correctly
    if (!out) return core::make_error(core::ErrorCode::kIo, "cannot write " + csv_path);
    fmt::print("{}\n", tr(ctx.lang, "closeout.findings_written", csv_path));
    return {};
  }
  if (a.json) {
    print_json(rows);
    return {};
  }
  for (const auto& row : rows.items()) {
    fmt::print("{}  {:<22} {:<8} {:<12} {} → {}  {}\n", row.get_string("order_id"),
               row.get_string("rule"), row.get_string("action"), row.get_string("field"),
               row.get_string("before"), row.get_string("after"), row.get_string("reason"));
  }
  return {};
}

io::Json settlement_row(const RunResult& r, const core::closeout::StoreSettlement& s) {
  io::Json j = io::Json::object();
  bool known = s.store < r.stores.store_count() - 1;
  j.set("store_code", known ? r.stores.codes[s.store] : std::string(core::kUnattributed));
  j.set("store_name", known ? r.stores.names[s.store] : std::string());
  j.set("region", known ? r.stores.regions[r.stores.region_of[s.store]] : std::string());
  j.set("orders", s.orders).set("received_fen", s.received_fen).set("rebate_fen", s.rebate_fen);
  j.set("raw_orders", s.raw_orders).set("raw_received_fen", s.raw_received_fen);
  j.set("raw_rebate_fen", s.raw_rebate_fen);
  j.set("overpayment_avoided_fen", s.overpayment_avoided_fen);
  j.set("clawback_orders", s.clawback_orders).set("clawback_fen", s.clawback_fen);
  j.set("payable_fen", s.payable_fen);
  return j;
}

core::Status cmd_settlement(Context& ctx, const CommonArgs& a) {
  auto ws = TRY(ctx.open_workspace());
  auto [in, r] = TRY(compute(ctx, *ws, a.campaign));
  const auto& st = r.settlement;
  io::Json stores = io::Json::array();
  for (const auto& s : st.stores) stores.push(settlement_row(r, s));
  io::Json staff = io::Json::array();
  for (const auto& s : st.staff) {
    io::Json j = io::Json::object();
    j.set("staff_id", st.staff_ids[s.staff]).set("name", st.staff_names[s.staff]);
    j.set("store_code", s.store < r.stores.store_count() ? r.stores.codes[s.store] : "");
    j.set("orders", s.orders).set("share_fen", s.share_fen);
    staff.push(std::move(j));
  }
  io::Json unattributed_ids = io::Json::array();
  for (uint32_t o : st.unattributed_orders) unattributed_ids.push(r.orders.order_id(o));
  io::Json doc = io::Json::object();
  doc.set("campaign", a.campaign);
  doc.set("definition", r.evaluations[st.cleaned].tag()).set("raw", r.evaluations[st.raw].tag());
  doc.set("rebate_rate", in->campaign.rebate.rate.to_string());
  doc.set("rebate_per_order_fen", in->campaign.rebate.per_order.fen());
  doc.set("total", settlement_row(r, st.total).set("store_code", "").set("region", ""));
  doc.set("stores", std::move(stores));
  doc.set("unattributed",
          totals_json(st.unattributed).set("order_ids", std::move(unattributed_ids)));
  doc.set("staff", std::move(staff)).set("unassigned_split_fen", st.unassigned_split_fen);
  if (a.json) {
    print_json(doc);
    return {};
  }
  const auto& t = st.total;
  fmt::print("{}\n", tr(ctx.lang, "closeout.settlement_title", doc.get_string("definition")));
  fmt::print("  {}\n", tr(ctx.lang, "closeout.settlement_totals", t.orders,
                          core::Money::from_fen(t.received_fen).to_display_string(),
                          core::Money::from_fen(t.rebate_fen).to_display_string(),
                          core::Money::from_fen(t.raw_rebate_fen).to_display_string(),
                          core::Money::from_fen(t.overpayment_avoided_fen).to_display_string(),
                          core::Money::from_fen(t.clawback_fen).to_display_string(),
                          core::Money::from_fen(t.payable_fen).to_display_string()));
  return {};
}

}  // namespace

void add_closeout_commands(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("closeout", "close-out: clean, attribute, reconcile, settle / 活动收尾");
  group->require_subcommand(1);
  auto add = [&](const char* name, const char* help) {
    auto* cmd = group->add_subcommand(name, help);
    auto args = std::make_shared<CommonArgs>();
    cmd->add_option("--campaign", args->campaign, "campaign id")->required();
    cmd->add_flag("--json", args->json, "JSON output");
    return std::make_pair(cmd, args);
  };
  {
    auto [cmd, args] = add("run", "run the pipeline and store a numbered run / 运行收尾");
    auto as = std::make_shared<std::string>();
    cmd->add_option("--as", *as, "the person running it");
    cmd->callback([&ctx, args, as] { ctx.exit_code = finish(ctx, cmd_run(ctx, *args, *as)); });
  }
  {
    auto [cmd, args] = add("summary", "numbers under every definition / 各口径汇总");
    auto only = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--definition", *only, "only these definitions");
    cmd->callback(
        [&ctx, args, only] { ctx.exit_code = finish(ctx, cmd_summary(ctx, *args, *only)); });
  }
  {
    auto [cmd, args] = add("bridge", "reconciliation bridge between two definitions / 对账桥");
    auto b = std::make_shared<BridgeArgs>();
    cmd->add_option("--from", b->from, "definition A")->required();
    cmd->add_option("--to", b->to, "definition B")->required();
    auto* region = cmd->add_option("--region", b->region, "one region");
    cmd->add_option("--store", b->store, "one store code")->excludes(region);
    cmd->callback([&ctx, args, b] { ctx.exit_code = finish(ctx, cmd_bridge(ctx, *args, *b)); });
  }
  {
    auto [cmd, args] = add("findings", "every finding of the pipeline / 清洗与反作弊记录");
    auto rule = std::make_shared<std::string>();
    auto csv = std::make_shared<std::string>();
    cmd->add_option("--rule", *rule, "only this rule id, e.g. dup.double_submit");
    cmd->add_option("--csv", *csv, "write a CSV file instead");
    cmd->callback([&ctx, args, rule, csv] {
      ctx.exit_code = finish(ctx, cmd_findings(ctx, *args, *rule, *csv));
    });
  }
  {
    auto [cmd, args] = add("settlement", "store rebates and staff shares / 结算");
    cmd->callback([&ctx, args] { ctx.exit_code = finish(ctx, cmd_settlement(ctx, *args)); });
  }
}

}  // namespace pitwall::cli
