// The arbitration queue and decisions (closeout.md §7).
#include <fmt/format.h>

#include <algorithm>

#include "cli/workflow_common.hpp"
#include "cli/workflow_ops.hpp"

namespace pitwall::cli {

namespace {

namespace wf = core::workflow;
using core::closeout::ArbitrationDecision;

io::Json strings_json(const std::vector<std::string>& v) {
  io::Json a = io::Json::array();
  for (const auto& s : v) a.push(s);
  return a;
}

io::Json decision_json(const CampaignInfo& info, const ArbitrationDecision& d) {
  return io::Json::object()
      .set("decision", wf::decision_token(d.kind))
      .set("store", d.store_code)
      .set("reason", d.reason)
      .set("who", d.who)
      .set("at", local_time(info, d.when));
}

io::Json item_json(const CampaignInfo& info, const wf::QueueItem& q,
                   const std::vector<ArbitrationDecision>& decisions) {
  io::Json evidence = io::Json::array();
  for (const auto& e : q.evidence) {
    evidence.push(io::Json::object()
                      .set("kind", e.kind)
                      .set("rule", e.rule)
                      .set("field", e.field)
                      .set("before", e.before)
                      .set("after", e.after)
                      .set("detail", e.detail));
  }
  io::Json j = io::Json::object();
  j.set("order_id", q.order_id).set("store", q.store).set("region", q.region);
  j.set("customer_id", q.customer_id).set("counted", q.verdict == core::verdict::kCounted);
  j.set("verdict", core::verdict_token(q.verdict)).set("amount_fen", q.amount_fen);
  j.set("reasons", strings_json(q.reasons)).set("evidence", std::move(evidence));
  j.set("claimants", strings_json(q.claimants));
  j.set("arbiter", info.campaign.arbiter);
  j.set("status", q.decision < 0 ? "open" : "decided");
  j.set("decision", q.decision < 0 ? io::Json() : decision_json(info, decisions[q.decision]));
  return j;
}

std::vector<wf::QueueItem> queue_of(const CampaignRun& run,
                                    const std::vector<wf::Dispute>& disputes) {
  return wf::build_queue(run.result, *run.lookup, disputes, run.decisions, *run.info.zone);
}

// Sign-offs current now, as "kind:scope" keys.
std::vector<std::string> current_signoffs(const CampaignRun& run,
                                          const std::vector<wf::Signoff>& all) {
  std::vector<std::string> out;
  StoreSignoffs stores = store_signoffs(run.result, all);
  for (uint32_t s = 0; s < stores.status.size(); ++s) {
    if (stores.status[s] == wf::SignoffStatus::kCurrent) {
      out.push_back("store:" + run.result.stores.codes[s]);
    }
  }
  for (const auto& line : network_signoffs(run.result, all)) {
    if (line.status == wf::SignoffStatus::kCurrent) {
      out.push_back(fmt::format("{}:{}", wf::signoff_kind_token(line.kind), line.scope));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

core::Result<std::vector<core::closeout::BlacklistEntry>> blacklist_of(
    const Context& ctx, const CampaignRun& run, const DecideRequest& r, uint32_t order,
    const ArbitrationDecision& d) {
  if (!r.blacklist) return std::vector<core::closeout::BlacklistEntry>{};
  if (d.kind != core::closeout::DecisionKind::kExclude) {
    auto e =
        core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "workflow.blacklist_needs_exclude"));
    e.at_column("--blacklist");
    return e;
  }
  std::vector<std::string> kinds = r.blacklist_kinds;
  if (kinds.empty()) kinds = {"customer_id", "phone", "vin"};
  return wf::blacklist_entries_for(run.result, run.orders, order, kinds, d.reason,
                                   arbitration_source(run.info.campaign.id, d.order_id));
}

}  // namespace

core::Result<io::Json> arbitration_queue(const Context& ctx, store::Workspace& ws,
                                         const std::string& campaign, bool open_only) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  auto disputes = TRY(load_disputes(ws, campaign));
  io::Json items = io::Json::array();
  for (const auto& q : queue_of(*run, disputes)) {
    if (open_only && q.decision >= 0) continue;
    items.push(item_json(run->info, q, run->decisions));
  }
  return items;
}

core::Result<io::Json> decide(const Context& ctx, store::Workspace& ws, const DecideRequest& r) {
  Person p = TRY(person_of(ctx, ws, r.as));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, r.campaign));
  TRY(core::authorize(p.actor, core::Action::kArbitrate, {.arbiter = info.campaign.arbiter}));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 core::CampaignWrite::kArbitrate, now, *info.zone));
  ArbitrationDecision d = TRY(wf::parse_decision(r.decision));
  if (r.reason.empty()) {
    auto e = core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "workflow.reason_required"));
    e.at_column("--reason");
    return e;
  }
  d.order_id = r.order_id;
  d.reason = r.reason;
  d.who = p.user.name;
  d.when = now;
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const CampaignInfo& in = run->info;
  auto disputes = TRY(load_disputes(ws, r.campaign));
  auto queue = queue_of(*run, disputes);
  auto item = std::find_if(queue.begin(), queue.end(),
                           [&](const wf::QueueItem& q) { return q.order_id == r.order_id; });
  if (item == queue.end()) {
    if (!run->lookup->find(r.order_id)) {
      return core::not_found(tr(ctx.lang, "workflow.unknown_order", r.order_id, r.campaign));
    }
    return core::invalid_input(tr(ctx.lang, "workflow.not_in_queue", r.order_id));
  }
  if (d.kind == core::closeout::DecisionKind::kStore) {
    TRY(store_index(ctx, run->result, d.store_code));
  }
  auto blacklist = TRY(blacklist_of(ctx, *run, r, item->order, d));
  io::Json previous =
      item->decision < 0 ? io::Json() : decision_json(in, run->decisions[item->decision]);
  auto signoffs = TRY(load_signoffs(ws, r.campaign));
  std::vector<std::string> current_before = current_signoffs(*run, signoffs);

  // Apply: the decision replaces any earlier one on the order, and the pipeline runs again.
  std::erase_if(run->decisions,
                [&](const ArbitrationDecision& x) { return x.order_id == r.order_id; });
  run->decisions.push_back(d);
  TRY(run->rerun());
  std::vector<std::string> current_after = current_signoffs(*run, signoffs);
  std::vector<std::string> stale_now;
  std::set_difference(current_before.begin(), current_before.end(), current_after.begin(),
                      current_after.end(), std::back_inserter(stale_now));

  std::vector<core::closeout::BlacklistEntry> added;
  TRY(ws.transaction([&]() -> core::Status {
    TRY(put_decision(ws, r.campaign, d, blacklist));
    added = TRY(add_to_blacklist(ws, blacklist, now));
    io::Json entry = log_entry("decision", r.campaign, now, p.actor);
    entry.set("order_id", d.order_id).set("decision", r.decision).set("reason", d.reason);
    io::Json keys = io::Json::array();
    for (const auto& b : blacklist) keys.push(blacklist_key(b));
    entry.set("blacklist", std::move(keys));
    TRY(append_chained(ws, adjustments_log(r.campaign), entry));
    return {};
  }));
  uint32_t k = *run->lookup->find(r.order_id);
  const core::Evaluation& e = wf::settlement_evaluation(run->result);
  io::Json out = decision_json(in, d);
  out.set("campaign", r.campaign).set("order_id", r.order_id);
  out.set("counted", e.verdict[k] == core::verdict::kCounted);
  out.set("attributed_store", run->result.stores.codes[e.store[k]]);
  out.set("previous", std::move(previous));
  io::Json bl = io::Json::array();
  for (const auto& b : added) {
    bl.push(io::Json::object()
                .set("kind", b.kind)
                .set("value", b.value)
                .set("reason", b.reason)
                .set("source", b.source));
  }
  out.set("blacklist_added", std::move(bl)).set("stale_now", strings_json(stale_now));
  return out;
}

}  // namespace pitwall::cli
