#include "cli/workflow_run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "core/workflow/signoff.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::cli {

namespace {

namespace wf = core::workflow;
using core::TableKind;

constexpr TableKind kMasterKinds[] = {TableKind::kStores, TableKind::kStaff, TableKind::kCustomers,
                                      TableKind::kPriceList, TableKind::kBlacklist};

core::Table* master_table(CampaignRun& run, TableKind kind) {
  switch (kind) {
    case TableKind::kStores:
      return &run.stores;
    case TableKind::kStaff:
      return &run.staff;
    case TableKind::kCustomers:
      return &run.customers;
    case TableKind::kPriceList:
      return &run.price_list;
    default:
      return &run.blacklist;
  }
}

core::Status load_tables(store::Workspace& ws, CampaignRun& run) {
  const std::string& id = run.info.campaign.id;
  run.orders = TRY(ws.load_table(TableKind::kOrders, id));
  run.corrections = TRY(ws.load_table(TableKind::kCorrections, id));
  run.exceptions = TRY(ws.load_table(TableKind::kExceptions, id));
  if (run.info.lifecycle.freeze) {
    run.pins = run.info.lifecycle.freeze->pins;
  } else {
    run.pins = TRY(current_master_batches(ws));
  }
  for (TableKind kind : kMasterKinds) {
    std::vector<int64_t> ids;
    for (const auto& pin : run.pins) {
      if (pin.kind == core::table_schema(kind).name) ids = pin.batch_ids;
    }
    *master_table(run, kind) = TRY(ws.load_batches(kind, ids));
  }
  return {};
}

// Blacklist entries of the workspace that apply: not added by this campaign's own arbitration
// (its decisions already say what they exclude), and once frozen only those pinned.
core::Status load_extra_blacklist(store::Workspace& ws, CampaignRun& run) {
  std::string own = fmt::format("arbitration:{}/", run.info.campaign.id);
  const auto& freeze = run.info.lifecycle.freeze;
  for (auto& e : TRY(load_blacklist(ws))) {
    if (e.source.starts_with(own)) continue;
    std::string key = blacklist_key(e);
    if (freeze && std::find(freeze->blacklist_keys.begin(), freeze->blacklist_keys.end(), key) ==
                      freeze->blacklist_keys.end()) {
      continue;
    }
    run.extra_blacklist_keys.push_back(key);
    run.extra_blacklist.push_back(std::move(e));
  }
  return {};
}

}  // namespace

core::Result<CampaignInfo> load_campaign_info(const Context& ctx, store::Workspace& ws,
                                              std::string_view campaign_id) {
  CampaignInfo info;
  info.campaign = TRY(ctx.load_campaign(ws, campaign_id));
  info.record = *TRY(ws.find_campaign(campaign_id));
  info.zone = TRY(io::find_time_zone(info.campaign.timezone));
  info.lifecycle = TRY(load_lifecycle(ws, campaign_id));
  info.state = core::campaign_state(info.campaign, info.lifecycle.facts(), ctx.now());
  return info;
}

core::Result<std::vector<wf::PinnedBatches>> current_master_batches(store::Workspace& ws) {
  std::vector<wf::PinnedBatches> pins;
  auto batches = TRY(ws.list_batches());
  for (TableKind kind : kMasterKinds) {
    wf::PinnedBatches pin{std::string(core::table_schema(kind).name), {}};
    for (const auto& b : batches) {
      if (b.kind == pin.kind && b.campaign.empty()) pin.batch_ids.push_back(b.id);
    }
    pins.push_back(std::move(pin));
  }
  return pins;
}

core::Result<std::unique_ptr<CampaignRun>> run_campaign(const Context& ctx, store::Workspace& ws,
                                                        CampaignInfo info) {
  auto run = std::make_unique<CampaignRun>();
  run->info = std::move(info);
  const core::Campaign& c = run->info.campaign;
  TRY(load_tables(ws, *run));
  TRY(load_extra_blacklist(ws, *run));
  run->definition =
      run->info.lifecycle.freeze ? run->info.lifecycle.freeze->definition : c.settlement_definition;
  run->settlement_definition = TRY(ctx.load_definition(ws, run->definition));
  run->definition = run->settlement_definition.tag();
  run->decisions = TRY(load_decisions(ws, c.id));
  TRY(run->rerun());
  return run;
}

core::Status CampaignRun::rerun() {
  core::closeout::CloseoutInputs in;
  in.campaign = &info.campaign;
  in.zone = info.zone;
  in.orders = &orders;
  in.stores = &stores;
  in.staff = &staff;
  in.customers = &customers;
  in.price_list = &price_list;
  in.blacklist = &blacklist;
  in.corrections = &corrections;
  in.exceptions = &exceptions;
  in.extra_blacklist = extra_blacklist;
  in.decisions = decisions;
  in.definitions = {settlement_definition};
  result = TRY(core::closeout::run_closeout(in));
  lookup = std::make_unique<wf::OrderLookup>(result.orders);
  return {};
}

std::string CampaignRun::tag() const { return wf::settlement_evaluation(result).tag(); }

wf::Snapshot CampaignRun::snapshot() const {
  wf::SnapshotInputs in;
  in.run = &result;
  in.campaign_id = info.campaign.id;
  in.campaign_file_sha256 = core::sha256_hex(info.record.toml);
  in.pins = pins;
  in.decisions = decisions;
  in.extra_blacklist = extra_blacklist;
  return wf::seal_snapshot(in);
}

}  // namespace pitwall::cli
