// Store confirmation, disputes, region and finance sign-offs (closeout.md §8).
#include <fmt/format.h>

#include "cli/workflow_common.hpp"
#include "cli/workflow_ops.hpp"

namespace pitwall::cli {

namespace {

namespace wf = core::workflow;
using core::CampaignWrite;

struct ParsedDispute {
  wf::Dispute dispute;
  uint32_t order = 0;
};

core::Result<wf::ClaimKind> claim_of(const Context& ctx, const DisputeRequest& r) {
  auto claim = wf::parse_claim(r.claim);
  if (!claim) {
    auto e = core::make_error(core::ErrorCode::kUsage,
                              tr(ctx.lang, "workflow.bad_claim", r.claim, r.order_id));
    e.at_column("--claim");
    return e;
  }
  return *claim;
}

// Checks one dispute (order exists, scope, lifecycle) against the run.
core::Result<ParsedDispute> check_dispute(const Context& ctx, const CampaignRun& run,
                                          const Person& p, const std::string& store,
                                          const DisputeRequest& r) {
  wf::ClaimKind claim = TRY(claim_of(ctx, r));
  auto order = run.lookup->find(r.order_id);
  if (!order) {
    auto e =
        core::not_found(tr(ctx.lang, "workflow.unknown_order", r.order_id, run.info.campaign.id));
    e.at_column("--dispute");
    return e;
  }
  const core::Evaluation& e = wf::settlement_evaluation(run.result);
  std::string order_store = run.result.stores.codes[e.store[*order]];
  const auto& c = run.info.campaign;
  int64_t now = ctx.now();
  if (claim == wf::ClaimKind::kNotValid) {
    TRY(core::authorize(p.actor, core::Action::kDisputeValidity, {.order_store = order_store}));
    TRY(core::check_campaign_write(c, run.info.lifecycle.facts(), CampaignWrite::kDisputeValidity,
                                   now, *run.info.zone));
  } else {
    TRY(core::authorize(p.actor, core::Action::kClaimOrder,
                        {.store = store, .order_store = order_store}));
    TRY(core::check_campaign_write(c, run.info.lifecycle.facts(), CampaignWrite::kClaimOrder, now,
                                   *run.info.zone));
  }
  wf::Dispute d{r.order_id, claim, store, order_store, r.note, p.user.name, now};
  return ParsedDispute{std::move(d), *order};
}

// In frozen, only a confirmation whose numbers changed since is given again (closeout.md
// lifecycle table: "any confirmation or sign-off an adjustment made stale").
core::Status check_frozen_renewal(const Context& ctx, const CampaignInfo& info,
                                  const wf::Signoff* prior, std::string_view digest) {
  if (info.state != core::CampaignState::kFrozen) return {};
  if (prior != nullptr && prior->digest != digest) return {};
  return core::make_error(
      core::ErrorCode::kStateForbids,
      tr(ctx.lang, "workflow.frozen_not_stale", prior ? prior->digest.substr(0, 12) : "-"));
}

io::Json totals_json(const core::Totals& t) {
  return io::Json::object()
      .set("orders", t.orders)
      .set("amount_fen", t.amount_fen)
      .set("received_fen", t.received_fen);
}

io::Json dispute_json(const CampaignInfo& info, const wf::Dispute& d) {
  return io::Json::object()
      .set("order_id", d.order_id)
      .set("claim", wf::claim_token(d.claim))
      .set("store", d.store)
      .set("order_store", d.order_store)
      .set("note", d.note)
      .set("who", d.who)
      .set("at", local_time(info, d.when));
}

core::Status write_signoff(store::Workspace& ws, const CampaignInfo& info, const wf::Signoff& s,
                           io::Json entry) {
  entry.set("kind", wf::signoff_kind_token(s.kind)).set("scope", s.scope);
  entry.set("definition", s.definition).set("digest", s.digest);
  TRY(put_signoff(ws, info.campaign.id, s));
  TRY(append_chained(ws, adjustments_log(info.campaign.id), entry));
  return {};
}

wf::Signoff make_signoff(const Person& p, const CampaignRun& run, wf::SignoffKind kind,
                         std::string scope, std::string digest, int64_t now) {
  return wf::Signoff{kind, std::move(scope), p.user.name,       p.user.role, p.user.scope,
                     now,  run.tag(),        std::move(digest), false};
}

}  // namespace

core::Result<io::Json> confirm_store(const Context& ctx, store::Workspace& ws,
                                     const std::string& campaign, const std::string& store,
                                     const std::string& as,
                                     const std::vector<DisputeRequest>& disputes) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kConfirmStore, {.store = store}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 CampaignWrite::kConfirmStore, now, *info.zone));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const CampaignInfo& in = run->info;
  uint32_t s = TRY(store_index(ctx, run->result, store));
  std::string digest = wf::numbers_digest(run->result, wf::SignoffKind::kStore, s);
  auto signoffs = TRY(load_signoffs(ws, campaign));
  TRY(check_frozen_renewal(ctx, in, find_signoff(signoffs, wf::SignoffKind::kStore, store),
                           digest));
  std::vector<ParsedDispute> parsed;
  for (const auto& r : disputes) parsed.push_back(TRY(check_dispute(ctx, *run, p, store, r)));

  wf::Signoff signoff = make_signoff(p, *run, wf::SignoffKind::kStore, store, digest, now);
  TRY(ws.transaction([&]() -> core::Status {
    TRY(write_signoff(ws, in, signoff, log_entry("confirm_store", campaign, now, p.actor)));
    for (const auto& d : parsed) {
      TRY(put_dispute(ws, campaign, d.dispute));
      io::Json entry = log_entry("dispute", campaign, now, p.actor);
      entry.set("order_id", d.dispute.order_id).set("claim", wf::claim_token(d.dispute.claim));
      entry.set("store", store).set("order_store", d.dispute.order_store);
      entry.set("note", d.dispute.note);
      TRY(append_chained(ws, adjustments_log(campaign), entry));
    }
    return {};
  }));
  const core::Evaluation& e = wf::settlement_evaluation(run->result);
  io::Json out = signoff_json(in, wf::SignoffKind::kStore, store, &signoff, digest);
  out.set("campaign", campaign).set("totals", totals_json(e.by_store[s]));
  io::Json list = io::Json::array();
  for (const auto& d : parsed) list.push(dispute_json(in, d.dispute));
  out.set("disputes", std::move(list));
  return out;
}

core::Result<io::Json> store_orders(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& store) {
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const auto& r = run->result;
  const CampaignInfo& in = run->info;
  uint32_t s = TRY(store_index(ctx, r, store));
  const core::Evaluation& e = wf::settlement_evaluation(r);
  auto disputes = TRY(load_disputes(ws, campaign));
  auto signoffs = TRY(load_signoffs(ws, campaign));
  std::string digest = wf::numbers_digest(r, wf::SignoffKind::kStore, s);

  // Fills that need the store: missing staff (fill.staff) and orders filled into it.
  std::vector<std::vector<const core::closeout::Finding*>> needs(r.orders.size());
  for (const auto& f : r.findings.items()) {
    bool staff = f.rule == core::closeout::Rule::kFillStaff;
    bool filled = f.rule == core::closeout::Rule::kFillStore;
    if ((staff || filled) && e.store[f.order] == s) needs[f.order].push_back(&f);
  }
  io::Json orders = io::Json::array();
  io::Json fills = io::Json::array();
  const auto& schema = core::table_schema(core::TableKind::kOrders);
  for (uint32_t k = 0; k < r.orders.size(); ++k) {
    if (e.store[k] != s) continue;
    uint32_t row = r.orders.row[k];
    int32_t status = run->orders.i32(core::orders::kStatus, row);
    io::Json o = io::Json::object();
    o.set("order_id", r.orders.order_id(k)).set("customer_id", r.orders.customer_of(k));
    o.set("status", status == core::kNoSmall
                        ? std::string_view()
                        : core::order_status_token(static_cast<core::OrderStatus>(status)));
    int64_t paid_at = run->orders.i64(core::orders::kPaidAt, row);
    o.set("paid_at", paid_at == core::kNoTime ? io::Json() : io::Json(local_time(in, paid_at)));
    o.set("counted", e.verdict[k] == core::verdict::kCounted);
    o.set("reason", core::verdict_token(e.verdict[k])).set("amount_fen", e.amount[k]);
    orders.push(std::move(o));
    for (const auto* f : needs[k]) {
      fills.push(
          io::Json::object()
              .set("order_id", r.orders.order_id(k))
              .set("rule", core::closeout::rule_token(f->rule))
              .set("field", f->field < 0 ? std::string_view() : schema.columns[f->field].name)
              .set("after", r.findings.text(f->after)));
    }
  }
  io::Json filed = io::Json::array();
  io::Json against = io::Json::array();
  for (const auto& d : disputes) {
    if (d.store == store) filed.push(dispute_json(in, d));
    if (d.store != store && d.order_store == store) against.push(dispute_json(in, d));
  }
  io::Json out = io::Json::object();
  out.set("campaign", campaign).set("store", store).set("name", r.stores.names[s]);
  out.set("region", r.stores.regions[r.stores.region_of[s]]).set("definition", run->tag());
  out.set("confirmation",
          signoff_json(in, wf::SignoffKind::kStore, store,
                       find_signoff(signoffs, wf::SignoffKind::kStore, store), digest));
  out.set("totals", totals_json(e.by_store[s]));
  out.set("orders", std::move(orders)).set("needs_store", std::move(fills));
  out.set("disputes_filed", std::move(filed)).set("claims_on_its_orders", std::move(against));
  return out;
}

core::Result<io::Json> sign_region(const Context& ctx, store::Workspace& ws,
                                   const std::string& campaign, const std::string& region,
                                   const std::string& as) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kSignRegion, {.region = region}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSignRegion,
                                 now, *info.zone));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const CampaignInfo& in = run->info;
  uint32_t r = TRY(region_index(ctx, run->result, region));
  auto signoffs = TRY(load_signoffs(ws, campaign));
  StoreSignoffs stores = store_signoffs(run->result, signoffs);
  bool window_over = now > core::review_window_end(in.campaign);
  std::vector<std::string> waiting;
  for (uint32_t s : wf::stores_of_region(run->result.stores, r)) {
    if (wf::store_is_settled(stores.status[s], window_over)) continue;
    waiting.push_back(fmt::format("{} ({})", run->result.stores.codes[s],
                                  wf::signoff_status_token(stores.status[s])));
  }
  if (!waiting.empty()) {
    return conflict(tr(ctx.lang, "workflow.region_waiting", region, waiting.size(),
                       fmt::format("{}", fmt::join(waiting, ", ")),
                       local_time(in, core::review_window_end(in.campaign))));
  }
  std::string digest = wf::numbers_digest(run->result, wf::SignoffKind::kRegion, r);
  wf::Signoff signoff = make_signoff(p, *run, wf::SignoffKind::kRegion, region, digest, now);
  TRY(ws.transaction([&]() -> core::Status {
    return write_signoff(ws, in, signoff, log_entry("sign_region", campaign, now, p.actor));
  }));
  io::Json out = signoff_json(in, wf::SignoffKind::kRegion, region, &signoff, digest);
  out.set("campaign", campaign)
      .set("totals", totals_json(wf::settlement_evaluation(run->result).by_region[r]));
  return out;
}

core::Result<io::Json> sign_finance(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& as) {
  Person p = TRY(person_of(ctx, ws, as));
  TRY(core::authorize(p.actor, core::Action::kSignFinance, {}));
  CampaignInfo info = TRY(load_campaign_info(ctx, ws, campaign));
  int64_t now = ctx.now();
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSignFinance,
                                 now, *info.zone));
  auto run = TRY(run_campaign(ctx, ws, std::move(info)));
  const CampaignInfo& in = run->info;
  std::string digest = wf::numbers_digest(run->result, wf::SignoffKind::kFinance, 0);
  wf::Signoff signoff = make_signoff(p, *run, wf::SignoffKind::kFinance, "", digest, now);
  TRY(ws.transaction([&]() -> core::Status {
    return write_signoff(ws, in, signoff, log_entry("sign_finance", campaign, now, p.actor));
  }));
  const auto& total = run->result.settlement.total;
  io::Json out = signoff_json(in, wf::SignoffKind::kFinance, "", &signoff, digest);
  out.set("campaign", campaign)
      .set("totals", totals_json(wf::settlement_evaluation(run->result).total));
  out.set("rebate_fen", total.rebate_fen)
      .set("clawback_fen", total.clawback_fen)
      .set("payable_fen", total.payable_fen);
  return out;
}

}  // namespace pitwall::cli
