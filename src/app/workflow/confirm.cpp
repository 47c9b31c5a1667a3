// Store confirmation, disputes, region and finance sign-offs (closeout.md §8).
#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "app/campaign.hpp"
#include "app/memo.hpp"
#include "app/workflow/common.hpp"
#include "core/closeout/rules.hpp"

namespace pitwall::app::workflow {

namespace {

using core::CampaignWrite;

struct ParsedDispute {
  wf::Dispute dispute;
  CampaignWrite write = CampaignWrite::kDisputeValidity;
};

// Checks one dispute against the run: the claim, the order (a store disputes only its own
// orders as not valid: another store's order does not exist for it; it claims only another
// store's), and the lifecycle.
core::Result<ParsedDispute> check_dispute(const Session& s, const closeout::OpenedRun& open,
                                          const CampaignInfo& info, const std::string& store,
                                          const DisputeRequest& r) {
  auto claim = wf::parse_claim(r.claim);
  if (!claim) {
    auto e =
        core::make_error(core::ErrorCode::kUsage, s.tr("workflow.bad_claim", r.claim, r.order_id));
    e.at_column("--claim");
    return e;
  }
  closeout::FoundOrder found = TRY(closeout::find_order(s, open, r.order_id, "--dispute"));
  std::string order_store = open.stored.stores.codes[found.index.store];
  ParsedDispute p;
  if (*claim == wf::ClaimKind::kNotValid) {
    if (order_store != store) {
      auto e = core::not_found(s.tr("workflow.unknown_order", r.order_id, info.campaign.id));
      e.at_column("--dispute");
      return e;
    }
  } else {
    if (order_store == store) {
      auto e = core::invalid_input(s.tr("workflow.already_yours", r.order_id, store));
      e.at_column("--dispute");
      return e;
    }
    p.write = CampaignWrite::kClaimOrder;
  }
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), p.write, s.now,
                                 *info.zone));
  p.dispute = {r.order_id, *claim, store, order_store, r.note, s.principal.name, s.now};
  return p;
}

// In frozen, only a confirmation whose numbers changed since is given again (closeout.md
// lifecycle table: "any confirmation or sign-off an adjustment made stale").
core::Status check_frozen_renewal(const Session& s, core::CampaignState state,
                                  const wf::Signoff* prior, std::string_view digest) {
  if (state != core::CampaignState::kFrozen) return {};
  if (prior != nullptr && prior->digest != digest) return {};
  return core::make_error(
      core::ErrorCode::kStateForbids,
      s.tr("workflow.frozen_not_stale", prior ? prior->digest.substr(0, 12) : "-"));
}

wf::Signoff make_signoff(const Session& s, const closeout::SignoffDigests& d, wf::SignoffKind kind,
                         std::string scope, std::string digest) {
  const core::Principal& p = s.principal;
  return wf::Signoff{kind,         std::move(scope),
                     p.name,       std::string(core::role_token(p.role)),
                     p.scope,      s.now,
                     d.definition, std::move(digest),
                     false};
}

core::Status write_signoff(const Session& s, std::string_view campaign, const wf::Signoff& so,
                           std::string_view type) {
  io::Json entry = log_entry(type, campaign, s.now, s.principal);
  entry.set("kind", wf::signoff_kind_token(so.kind)).set("scope", so.scope);
  entry.set("definition", so.definition).set("digest", so.digest);
  TRY(put_signoff(s.workspace(), campaign, so));
  TRY(append_chained(s.workspace(), adjustments_log(campaign), entry));
  return {};
}

core::Status write_dispute(const Session& s, std::string_view campaign, const wf::Dispute& d) {
  TRY(put_dispute(s.workspace(), campaign, d));
  io::Json entry = log_entry("dispute", campaign, s.now, s.principal);
  entry.set("order_id", d.order_id).set("claim", wf::claim_token(d.claim));
  entry.set("store", d.store).set("order_store", d.order_store).set("note", d.note);
  TRY(append_chained(s.workspace(), adjustments_log(campaign), entry));
  return {};
}

// Every order's row in the orders table as the run loaded it (from the run's order index).
core::Result<std::vector<uint32_t>> rows_by_order(const Session& s,
                                                  const closeout::OpenedRun& open) {
  std::string blob = io::part_blob(open.record.blob, closeout::kOrderIndexPart);
  auto bytes = TRY(s.workspace().get_blob(blob));
  if (!bytes) {
    return core::make_error(core::ErrorCode::kCorrupt, s.tr("closeout.damaged_part", blob));
  }
  std::vector<uint32_t> rows(static_cast<size_t>(open.stored.order_count), UINT32_MAX);
  constexpr size_t kRecordsAt = 20 + (size_t{1} << 16) * 4 + 4, kRecord = 32;
  for (size_t at = kRecordsAt; at + kRecord <= bytes->size(); at += kRecord) {
    uint32_t order = 0, row = 0;
    std::memcpy(&order, bytes->data() + at + 8, 4);
    std::memcpy(&row, bytes->data() + at + 12, 4);
    if (order < rows.size()) rows[order] = row;
  }
  return rows;
}

}  // namespace

core::Result<ConfirmResult> confirm_store(const Session& s, const ConfirmRequest& r) {
  TRY(authorize(s, Permission::kConfirmStore));
  closeout::OpenedRun open = TRY(closeout::current_run(s, r.campaign));
  const core::StoreDirectory& stores = open.stored.stores;
  uint32_t index = TRY(store_in_scope(s, stores, r.store, "--store"));
  CampaignInfo info = TRY(load_campaign_info(s, r.campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(),
                                 CampaignWrite::kConfirmStore, s.now, *info.zone));
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  std::string digest = digests.stores[index];
  std::vector<ParsedDispute> parsed;
  for (const auto& d : r.disputes) parsed.push_back(TRY(check_dispute(s, open, info, r.store, d)));
  wf::Signoff signoff = make_signoff(s, digests, wf::SignoffKind::kStore, r.store, digest);
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_still_current(s, open, CampaignWrite::kConfirmStore));
    auto signoffs = TRY(load_signoffs(s.workspace(), r.campaign));
    TRY(check_frozen_renewal(s, info.state,
                             find_signoff(signoffs, wf::SignoffKind::kStore, r.store), digest));
    TRY(write_signoff(s, r.campaign, signoff, "confirm_store"));
    for (const auto& d : parsed) TRY(write_dispute(s, r.campaign, d.dispute));
    return {};
  }));
  ConfirmResult out;
  out.campaign = r.campaign;
  out.confirmation = signoff_view(wf::SignoffKind::kStore, r.store, &signoff, digest);
  out.totals = settlement_totals(open.stored, wf::SignoffKind::kStore, index);
  for (auto& d : parsed) out.disputes.push_back(std::move(d.dispute));
  out.run = open.status;
  out.zone = info.zone;
  return out;
}

namespace {

// The run's orders as a store manager's list shows them, by store index, with the orders whose
// store or staff the cleaning filled in. Everything in it comes from the run alone (its parts
// and the batches it read), so it is made once per run and kept in the session's memo.
struct OrdersByStore {
  std::vector<std::vector<StoreOrder>> orders;       // per store index
  std::vector<std::vector<NeedsStore>> needs_store;  // per store index
  size_t bytes = 0;                                  // about what it holds in memory
};

// Arranges the run's orders by store: every store's, or only store `only`'s.
core::Result<OrdersByStore> arrange_orders(const Session& s, closeout::OpenedRun open,
                                           std::optional<uint32_t> only) {
  int e = open.stored.settlement_cleaned();
  io::RunParts which;
  which.order_ids = true;
  which.findings = true;
  which.evaluations = {static_cast<size_t>(e)};
  TRY(closeout::load_parts(s, open, which));
  const core::Evaluation& ev = open.stored.evaluations[static_cast<size_t>(e)];
  std::vector<int64_t> batch_ids;
  for (const io::RunBatch& b : open.stored.meta.batches) {
    if (b.kind == core::table_schema(core::TableKind::kOrders).name) batch_ids.push_back(b.id);
  }
  core::Table orders = TRY(s.workspace().load_batches(core::TableKind::kOrders, batch_ids));
  std::vector<uint32_t> rows = TRY(rows_by_order(s, open));
  OrdersByStore out;
  size_t stores = open.stored.stores.store_count();
  out.orders.resize(stores);
  out.needs_store.resize(stores);
  for (uint32_t k = 0; k < ev.store.size(); ++k) {
    uint32_t store = ev.store[k];
    if (store >= stores || (only && store != *only)) continue;
    StoreOrder o;
    o.order_id = open.stored.order_ids[k];
    o.verdict = ev.verdict[k];
    o.amount_fen = ev.amount[k];
    o.paid_at = core::kNoTime;
    if (rows[k] != UINT32_MAX && rows[k] < orders.rows()) {
      uint32_t row = rows[k];
      int32_t status = orders.i32(core::orders::kStatus, row);
      int64_t paid = orders.i64(core::orders::kPaidAmount, row);
      o.customer_id = std::string(orders.text(core::orders::kCustomerId, row));
      if (status != core::kNoSmall) {
        o.status = core::order_status_token(static_cast<core::OrderStatus>(status));
      }
      o.paid_at = orders.i64(core::orders::kPaidAt, row);
      if (paid != core::kNoFen) o.paid_fen = paid;
    }
    out.bytes += sizeof(StoreOrder) + o.order_id.size() + o.customer_id.size() + o.status.size();
    out.orders[store].push_back(std::move(o));
  }
  for (const io::StoredFinding& f : open.stored.findings) {
    bool fill = f.rule == "fill.staff" || f.rule == "fill.store";
    uint32_t store = f.order < ev.store.size() ? ev.store[f.order] : UINT32_MAX;
    if (!fill || store >= stores || (only && store != *only)) continue;
    out.bytes +=
        sizeof(NeedsStore) + f.order_id.size() + f.rule.size() + f.field.size() + f.after.size();
    out.needs_store[store].push_back({f.order_id, f.rule, f.field, f.after});
  }
  out.bytes += stores * 2 * sizeof(std::vector<StoreOrder>);
  return out;
}

// Store `index`'s orders: from the memo's arrangement of the whole run (made on first use), or,
// without a memo, arranged for that store alone.
core::Result<std::shared_ptr<const OrdersByStore>> orders_of_store(const Session& s,
                                                                   const closeout::OpenedRun& open,
                                                                   uint32_t index) {
  if (s.memo == nullptr) {
    return std::make_shared<const OrdersByStore>(TRY(arrange_orders(s, open, index)));
  }
  return s.memo->get<OrdersByStore>(
      closeout::memo_key(open.record, "orders-by-store"),
      [&]() -> core::Result<Memo::Made<OrdersByStore>> {
        auto all = std::make_shared<const OrdersByStore>(TRY(arrange_orders(s, open, {})));
        size_t bytes = all->bytes;
        return Memo::Made<OrdersByStore>{std::move(all), bytes};
      });
}

}  // namespace

core::Result<StoreOrdersResult> store_orders(const Session& s, const StoreOrdersRequest& r) {
  TRY(authorize(s, Permission::kConfirmationRead));
  closeout::OpenedRun open = TRY(closeout::open_run(s, r.campaign, 0));
  const core::StoreDirectory& stores = open.stored.stores;
  uint32_t index = TRY(store_in_scope(s, stores, r.store, "--store"));
  auto arranged = TRY(orders_of_store(s, open, index));
  StoreOrdersResult out;
  out.campaign = r.campaign;
  out.store = r.store;
  out.name = stores.names[index];
  out.region = stores.regions[stores.region_of[index]];
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  out.definition = digests.definition;
  auto signoffs = TRY(load_signoffs(s.workspace(), r.campaign));
  out.confirmation =
      signoff_view(wf::SignoffKind::kStore, r.store,
                   find_signoff(signoffs, wf::SignoffKind::kStore, r.store), digests.stores[index]);
  out.totals = settlement_totals(open.stored, wf::SignoffKind::kStore, index);
  out.orders = arranged->orders[index];
  out.needs_store = arranged->needs_store[index];
  for (const auto& d : TRY(load_disputes(s.workspace(), r.campaign))) {
    if (d.store == r.store) out.disputes_filed.push_back(d);
    if (d.store != r.store && d.order_store == r.store) out.claims_on_its_orders.push_back(d);
  }
  out.run = open.status;
  out.zone = open.zone;
  return out;
}

core::Result<SignResult> sign_region(const Session& s, const std::string& campaign,
                                     const std::string& region) {
  TRY(authorize(s, Permission::kSignRegion));
  closeout::OpenedRun open = TRY(closeout::current_run(s, campaign));
  const core::StoreDirectory& stores = open.stored.stores;
  uint32_t r = TRY(region_in_scope(s, stores, region, "--region"));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSignRegion,
                                 s.now, *info.zone));
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  wf::Signoff signoff =
      make_signoff(s, digests, wf::SignoffKind::kRegion, region, digests.regions[r]);
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_still_current(s, open, CampaignWrite::kSignRegion));
    auto all = TRY(load_signoffs(s.workspace(), campaign));
    auto statuses = store_signoffs(stores, digests, all);
    bool window_over = s.now > core::review_window_end(info.campaign);
    std::vector<std::string> waiting;
    for (uint32_t i : wf::stores_of_region(stores, r)) {
      if (wf::store_is_settled(statuses[i].status, window_over)) continue;
      waiting.push_back(
          fmt::format("{} ({})", stores.codes[i], wf::signoff_status_token(statuses[i].status)));
    }
    if (!waiting.empty()) {
      return conflict(
          s.tr("workflow.region_waiting", region, waiting.size(),
               fmt::format("{}", fmt::join(waiting, ", ")),
               core::format_local_iso(core::review_window_end(info.campaign), *info.zone)));
    }
    return write_signoff(s, campaign, signoff, "sign_region");
  }));
  SignResult out;
  out.campaign = campaign;
  out.signoff = signoff_view(wf::SignoffKind::kRegion, region, &signoff, digests.regions[r]);
  out.totals = settlement_totals(open.stored, wf::SignoffKind::kRegion, r);
  out.run = open.status;
  out.zone = info.zone;
  return out;
}

core::Result<SignResult> sign_finance(const Session& s, const std::string& campaign) {
  TRY(authorize(s, Permission::kSignFinance));
  closeout::OpenedRun open = TRY(closeout::current_run(s, campaign));
  CampaignInfo info = TRY(load_campaign_info(s, campaign));
  TRY(core::check_campaign_write(info.campaign, info.lifecycle.facts(), CampaignWrite::kSignFinance,
                                 s.now, *info.zone));
  closeout::SignoffDigests digests = TRY(closeout::read_digests(s, open));
  wf::Signoff signoff = make_signoff(s, digests, wf::SignoffKind::kFinance, "", digests.finance);
  TRY(s.workspace().transaction([&]() -> core::Status {
    TRY(check_still_current(s, open, CampaignWrite::kSignFinance));
    return write_signoff(s, campaign, signoff, "sign_finance");
  }));
  SignResult out;
  out.campaign = campaign;
  out.signoff = signoff_view(wf::SignoffKind::kFinance, "", &signoff, digests.finance);
  out.totals = settlement_totals(open.stored, wf::SignoffKind::kFinance, 0);
  const io::Json& total = *open.stored.result().find("settlement")->find("total");
  out.rebate_fen = total.get_int("rebate_fen");
  out.clawback_fen = total.get_int("clawback_fen");
  out.payable_fen = total.get_int("payable_fen");
  out.run = open.status;
  out.zone = info.zone;
  return out;
}

}  // namespace pitwall::app::workflow
