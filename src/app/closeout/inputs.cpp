#include "app/closeout/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/sha256.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/canonical.hpp"
#include "io/toml/campaign_file.hpp"

namespace pitwall::app::closeout {

namespace {

namespace wf = core::workflow;
using core::TableKind;

constexpr TableKind kMasterKinds[] = {TableKind::kStores, TableKind::kStaff, TableKind::kCustomers,
                                      TableKind::kPriceList, TableKind::kBlacklist};

// The campaign's own kinds the close-out reads (supervision's feeds are per campaign too, but
// move no close-out number).
constexpr TableKind kCampaignKinds[] = {TableKind::kOrders, TableKind::kCorrections,
                                        TableKind::kExceptions};

bool is_campaign_kind(std::string_view kind) {
  for (TableKind k : kCampaignKinds) {
    if (core::table_schema(k).name == kind) return true;
  }
  return false;
}

bool pinned(const std::vector<wf::PinnedBatches>& pins, std::string_view kind, int64_t batch) {
  for (const auto& p : pins) {
    if (p.kind == kind) {
      return std::find(p.batch_ids.begin(), p.batch_ids.end(), batch) != p.batch_ids.end();
    }
  }
  return false;
}

// The definitions in force: every name's current version, the settlement definition's pinned
// version once frozen.
core::Status read_definitions(const Session& s, InputsInForce& in) {
  store::Workspace& ws = s.workspace();
  const auto& freeze = in.info.lifecycle.freeze;
  const std::string& settlement = in.info.campaign.settlement_definition;
  for (store::DefinitionRecord& r : TRY(ws.list_definitions())) {
    if (freeze && r.name == settlement) {
      auto pinned_version = TRY(ws.find_definition(freeze->definition));
      if (!pinned_version) {
        return core::not_found(s.tr("core.unknown_definition", freeze->definition, r.name));
      }
      r = std::move(*pinned_version);
    }
    if (r.name == settlement) in.settlement = fmt::format("{}@{}", r.name, r.version);
    in.definitions.push_back(std::move(r));
  }
  return {};
}

// Decisions, the blacklist entries arbitration added elsewhere (workflow_adjustments before).
core::Status read_adjustments(store::Workspace& ws, InputsInForce& in) {
  const std::string& id = in.info.campaign.id;
  const auto& freeze = in.info.lifecycle.freeze;
  in.decisions = TRY(workflow::load_decisions(ws, id));
  std::string own = fmt::format("arbitration:{}/", id);
  for (auto& e : TRY(workflow::load_blacklist(ws))) {
    if (e.source.starts_with(own)) continue;
    std::string key = workflow::blacklist_key(e);
    if (freeze && std::find(freeze->blacklist_keys.begin(), freeze->blacklist_keys.end(), key) ==
                      freeze->blacklist_keys.end()) {
      continue;
    }
    in.extra_blacklist_keys.push_back(std::move(key));
    in.extra_blacklist.push_back(std::move(e));
  }
  return {};
}

}  // namespace

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

core::Result<InputsInForce> inputs_in_force(const Session& s, std::string_view campaign) {
  store::Workspace& ws = s.workspace();
  InputsInForce in;
  in.info = TRY(load_campaign_info(s, campaign));
  const auto& freeze = in.info.lifecycle.freeze;
  in.pins = freeze ? freeze->pins : TRY(current_master_batches(ws));
  for (store::BatchInfo& b : TRY(ws.list_batches())) {
    bool wanted = is_campaign_kind(b.kind) ? b.campaign == campaign
                                           : b.campaign.empty() && pinned(in.pins, b.kind, b.id);
    if (wanted) in.batches.push_back(std::move(b));
  }
  TRY(read_definitions(s, in));
  TRY(read_adjustments(ws, in));
  return in;
}

std::string InputsInForce::fingerprint() const {
  std::string text;
  using Line = wf::CanonicalLine;
  Line(text, "pitwall-inputs").number(1);
  Line(text, "campaign").text(info.campaign.id).text(core::sha256_hex(info.record.toml));
  for (const auto& d : definitions) Line(text, "definition").text(d.name).text(d.version);
  Line(text, "settlement").text(settlement);
  for (const auto& b : batches) {
    Line(text, "batch").number(b.id).text(b.kind).text(b.sha256).number(b.loaded);
  }
  for (const auto& pin : pins) {
    Line line(text, "pin");
    line.text(pin.kind);
    for (int64_t id : pin.batch_ids) line.number(id);
  }
  std::vector<std::string> decided;
  for (const auto& d : decisions) {
    decided.push_back(
        fmt::format("{}\t{}\t{}", d.order_id, wf::decision_token(d.kind), d.store_code));
  }
  std::sort(decided.begin(), decided.end());
  for (const auto& d : decided) Line(text, "decision").text(d);
  std::vector<std::string> keys = extra_blacklist_keys;
  std::sort(keys.begin(), keys.end());
  for (const auto& k : keys) Line(text, "blacklist").text(k);
  return core::sha256_hex(text);
}

}  // namespace pitwall::app::closeout
