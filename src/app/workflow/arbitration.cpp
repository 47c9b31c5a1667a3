// The arbitration queue and decisions (closeout.md §7), from the stored run and the records.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/campaign.hpp"
#include "app/closeout/inputs.hpp"
#include "app/workflow/common.hpp"
#include "core/closeout/domain.hpp"

namespace pitwall::app::workflow {

namespace {

using core::closeout::ArbitrationDecision;
using core::closeout::BlacklistEntry;

// The queue's item of an order only disputes brought in, from the run's order index.
core::Result<wf::QueueItem> disputed_item(const Session& s, const closeout::OpenedRun& open,
                                          const std::string& order_id) {
  closeout::FoundOrder f = TRY(closeout::find_order(s, open, order_id, "--dispute"));
  const core::StoreDirectory& stores = open.stored.stores;
  wf::QueueItem q;
  q.order = f.index.order;
  q.order_id = order_id;
  q.store = stores.codes[f.index.store];
  q.region = stores.regions[stores.region_of[f.index.store]];
  q.customer_id = std::string(f.batch.text(core::orders::kCustomerId, f.batch_row));
  q.verdict = f.index.verdict;
  q.amount_fen = f.index.amount_fen;
  return q;
}

// Whether the person reaches the item: its store's, or one of its claimants'.
bool item_in_scope(const Scope& scope, const core::StoreDirectory& stores, const wf::QueueItem& q) {
  if (scope.covers_store(q.store, q.region)) return true;
  for (const auto& c : q.claimants) {
    uint32_t i = stores.find_store(c);
    if (i != UINT32_MAX && scope.covers_store(c, stores.regions[stores.region_of[i]])) return true;
  }
  return false;
}

core::Result<std::vector<QueueEntry>> build_queue(const Session& s,
                                                  const closeout::OpenedRun& open) {
  std::vector<wf::QueueItem> items = TRY(closeout::read_queue(s, open));
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < items.size(); ++i) position.emplace(items[i].order_id, i);
  const std::string& campaign = open.record.campaign;
  for (const wf::Dispute& d : TRY(load_disputes(s.workspace(), campaign))) {
    auto it = position.find(d.order_id);
    if (it == position.end()) {
      auto item = disputed_item(s, open, d.order_id);
      if (!item) {
        if (item.error().code == core::ErrorCode::kNotFound) continue;  // not in this run
        return item.error();
      }
      items.push_back(std::move(*item));
      it = position.emplace(d.order_id, items.size() - 1).first;
    }
    wf::QueueItem& q = items[it->second];
    std::string rule = fmt::format("dispute.{}", wf::claim_token(d.claim));
    if (std::find(q.reasons.begin(), q.reasons.end(), rule) == q.reasons.end()) {
      q.reasons.push_back(rule);
    }
    q.evidence.push_back({"dispute", rule, "", d.order_store, d.store, d.note});
    if (d.claim == wf::ClaimKind::kMine) q.claimants.push_back(d.store);
  }
  std::map<std::string, ArbitrationDecision> decided;
  for (auto& d : TRY(load_decisions(s.workspace(), campaign))) decided[d.order_id] = std::move(d);
  std::vector<QueueEntry> out;
  for (wf::QueueItem& q : items) {
    std::sort(q.claimants.begin(), q.claimants.end());
    q.claimants.erase(std::unique(q.claimants.begin(), q.claimants.end()), q.claimants.end());
    QueueEntry e{std::move(q), std::nullopt};
    if (auto it = decided.find(e.item.order_id); it != decided.end()) e.decision = it->second;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const QueueEntry& x, const QueueEntry& y) { return x.item.order < y.item.order; });
  return out;
}

// The blacklist entries an "exclude as fraud" decision adds (closeout.md §7): the order's
// customer id, phone and VIN, normalised as the pipeline compares them.
core::Result<std::vector<BlacklistEntry>> blacklist_of(const Session& s,
                                                       const closeout::FoundOrder& f,
                                                       const DecideRequest& r,
                                                       const ArbitrationDecision& d) {
  std::vector<BlacklistEntry> out;
  if (!r.blacklist) return out;
  if (d.kind != core::closeout::DecisionKind::kExclude) {
    auto e = core::make_error(core::ErrorCode::kUsage, s.tr("workflow.blacklist_needs_exclude"));
    e.at_column("--blacklist");
    return e;
  }
  std::vector<std::string> kinds = r.blacklist_kinds;
  if (kinds.empty()) kinds = {"customer_id", "phone", "vin"};
  std::string source = arbitration_source(r.campaign, r.order_id);
  for (const std::string& kind : kinds) {
    std::string value;
    if (kind == "customer_id") {
      value = std::string(f.batch.text(core::orders::kCustomerId, f.batch_row));
    } else if (kind == "phone") {
      uint64_t phone =
          core::closeout::normalise_phone(f.batch.text(core::orders::kPhone, f.batch_row));
      if (phone != 0) value = fmt::format("{}", phone);
    } else if (kind == "vin") {
      value = core::closeout::normalise_vin(f.batch.text(core::orders::kVin, f.batch_row));
    } else {
      auto e = core::invalid_input(s.tr("workflow.bad_blacklist_kind", kind));
      e.at_column("--blacklist");
      return e;
    }
    if (!value.empty()) out.push_back({kind, value, d.reason, source});
  }
  return out;
}

core::Result<ArbitrationDecision> parse_request(const Session& s, const DecideRequest& r) {
  auto parsed = wf::parse_decision(r.decision);
  if (!parsed) {
    auto e = core::invalid_input(s.tr("workflow.bad_decision", r.decision));
    e.at_column("--decision");
    return e;
  }
  if (r.reason.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, s.tr("workflow.reason_required"));
    e.at_column("--reason");
    return e;
  }
  ArbitrationDecision d = *parsed;
  d.order_id = r.order_id;
  d.reason = r.reason;
  d.who = s.principal.name;
  d.when = s.now;
  return d;
}

}  // namespace

core::Result<QueueResult> arbitration_queue(const Session& s, const std::string& campaign,
                                            bool open_only) {
  TRY(authorize(s, Permission::kArbitrationRead));
  closeout::OpenedRun open = TRY(closeout::open_run(s, campaign, 0));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  Scope scope = scope_of(s);
  QueueResult out;
  out.campaign = campaign;
  out.arbiter = info.campaign.arbiter;
  for (QueueEntry& e : TRY(build_queue(s, open))) {
    if (open_only && e.decision) continue;
    if (!item_in_scope(scope, open.stored.stores, e.item)) continue;
    out.entries.push_back(std::move(e));
  }
  out.run = open.status;
  out.zone = info.zone;
  return out;
}

core::Result<DecideResult> decide(const Session& s, const DecideRequest& r) {
  TRY(authorize(s, Permission::kArbitrate));
  CampaignInfo info = TRY(load_campaign_info(s, r.campaign));
  if (!info.campaign.arbiter.empty() && info.campaign.arbiter != s.principal.name) {
    return core::make_error(core::ErrorCode::kForbidden,
                            s.tr("workflow.not_the_arbiter", info.campaign.arbiter));
  }
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 core::CampaignWrite::kArbitrate, s.now, *info.zone));
  ArbitrationDecision d = TRY(parse_request(s, r));
  closeout::OpenedRun open = TRY(closeout::open_run(s, r.campaign, 0));
  closeout::FoundOrder found = TRY(closeout::find_order(s, open, r.order_id, "ORDER"));
  if (d.kind == core::closeout::DecisionKind::kStore) {
    uint32_t i = open.stored.stores.find_store(d.store_code);
    if (i == UINT32_MAX || i == open.stored.stores.unattributed_store()) {
      auto e = core::not_found(s.tr("workflow.unknown_store", d.store_code));
      e.at_column("--decision");
      return e;
    }
  }
  auto blacklist = TRY(blacklist_of(s, found, r, d));
  DecideResult out;
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_lifecycle(s, r.campaign, core::CampaignWrite::kArbitrate));
    bool disputed = false;
    for (const auto& x : TRY(load_disputes(s.workspace(), r.campaign))) {
      disputed = disputed || x.order_id == r.order_id;
    }
    if (!(found.index.flags & closeout::kInGrayZone) && !disputed) {
      return core::invalid_input(s.tr("workflow.not_in_queue", r.order_id));
    }
    for (auto& x : TRY(load_decisions(s.workspace(), r.campaign))) {
      if (x.order_id == r.order_id) out.previous = std::move(x);
    }
    TRY(put_decision(s.workspace(), r.campaign, d, blacklist));
    out.blacklist_added = TRY(add_to_blacklist(s.workspace(), blacklist, s.now));
    io::Json entry = log_entry("decision", r.campaign, s.now, s.principal);
    entry.set("order_id", d.order_id).set("decision", r.decision).set("reason", d.reason);
    io::Json keys = io::Json::array();
    for (const auto& b : blacklist) keys.push(blacklist_key(b));
    entry.set("blacklist", std::move(keys));
    TRY(append_chained(s.workspace(), adjustments_log(r.campaign), entry));
    return {};
  }));
  out.campaign = r.campaign;
  out.order_id = r.order_id;
  out.decision = std::move(d);
  out.run = open.status;
  out.run.current =
      open.record.inputs_sha256 == TRY(closeout::inputs_in_force(s, r.campaign)).fingerprint();
  out.zone = info.zone;
  return out;
}

}  // namespace pitwall::app::workflow
