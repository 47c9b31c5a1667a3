#include "app/winback/offers.hpp"

#include <fmt/format.h>

#include <functional>

#include "app/permission.hpp"
#include "app/winback/desk.hpp"
#include "app/winback/records.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/plan.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

namespace {

// The active programme is still the one the customer was evaluated with (a programme added
// between reading and the transaction): otherwise kConflict, to be tried again.
core::Status check_programme(const Session& s, const Desk& d) {
  ProgrammeInfo now = TRY(active_programme(s.workspace()));
  if (now.programme.tag() == d.programme().tag()) return {};
  return core::make_error(
      core::ErrorCode::kConflict,
      s.tr("app.conflict_retry", s.tr("winback.programme_changed", now.programme.tag())));
}

// The request for one customer: its store, region, evaluation with the review threshold in force,
// blacklist reason, whether an offer to it is still open, and the month's budget.
wb::OfferRequest build_request(const Desk& d, const OfferCreateRequest& r, size_t row,
                               const std::vector<wb::Offer>& offers,
                               const wb::BudgetMonitor& monitor) {
  wb::CustomerInput in = wb::read_customer(d.churned, row, d.programme());
  const wb::BlacklistEntry* hit = d.blacklist.hit(r.customer_id, &d.customers);
  wb::EvaluationOptions eval_options{d.models(), monitor.review_above, hit != nullptr};
  wb::OfferRequest request;
  request.customer_id = r.customer_id;
  request.store_code = std::string(d.churned.text(core::churned::kStoreCode, row));
  request.region = region_of(d.stores, request.store_code);
  request.arm = r.arm;
  request.evaluation = wb::evaluate(d.programme(), in, eval_options);
  request.amount = r.amount;
  request.vehicle_anomaly = in.vehicle_anomaly;
  if (hit) request.blacklist_reason = hit->reason.empty() ? hit->kind : hit->reason;
  for (const auto& o : offers) {
    bool open = o.status == wb::OfferStatus::kPending || o.status == wb::OfferStatus::kApproved;
    if (o.customer_id == r.customer_id && open && !o.won_back) request.open_offer_exists = true;
  }
  request.annual_value = in.annual_value;
  request.months_churned = in.months_churned;
  request.review_above = monitor.review_above;
  request.budget = wb::BudgetCheck{wb::format_year_month(monitor.month), monitor.budget,
                                   monitor.spent + monitor.committed, monitor.overridden};
  return request;
}

// Stores a new offer; its id was taken inside this transaction, so it is free.
core::Status insert_offer(const Session& s, const wb::Offer& offer) {
  core::Status inserted =
      s.workspace().insert_record(kOffers, offer.id, io::offer_to_json(offer).dump(), s.now);
  if (!inserted && inserted.error().code == core::ErrorCode::kAlreadyExists) {
    return core::make_error(core::ErrorCode::kConflict,
                            s.tr("app.conflict_retry", s.tr("winback.offer_taken", offer.id)));
  }
  return inserted;
}

// What a transition on a stored offer may read: the session, its workspace, the programme and
// its zone, all as read inside the transaction.
struct Act {
  const Session& s;
  store::Workspace& ws;
  const wb::Programme& programme;
  const core::TimeZone& zone;
};
using Transition =
    std::function<core::Result<wb::Decision>(const Act&, wb::Offer&, io::DecisionEntry&)>;

// Runs `transition` on the stored offer in one transaction: authorises again, re-reads the
// programme and the offer (within the scope), applies the transition, then stores the offer and
// its log entry — or logs the refusal and returns it.
core::Result<OfferResult> act_on_offer(const Session& s, Permission permission,
                                       const std::string& offer_id, std::string action,
                                       const Transition& transition) {
  TRY(authorize(s, permission));
  store::Workspace& ws = s.workspace();
  wb::Offer offer;
  const core::TimeZone* zone = nullptr;
  std::optional<wb::Refusal> refused;
  auto body = [&]() -> core::Status {
    TRY(authorize_again(s, permission));
    ProgrammeInfo info = TRY(active_programme(ws));
    zone = TRY(zone_of(info.programme));
    offer = TRY(load_offer(s, offer_id));
    io::DecisionEntry entry = entry_of(s, action);
    describe_offer(entry, offer);
    refused = TRY(transition(Act{s, ws, info.programme, *zone}, offer, entry));
    if (refused) return log_refusal(ws, entry, *refused);
    TRY(ws.put_record(kOffers, offer.id, io::offer_to_json(offer).dump(), s.now));
    return log_decision(ws, entry);
  };
  TRY(run_transaction(s, body, refused));
  return OfferResult{std::move(offer), zone};
}

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }

}  // namespace

core::Result<OfferResult> create_offer(const Session& s, const OfferCreateRequest& r) {
  TRY(authorize(s, Permission::kOfferCreate));
  Desk d = TRY(load_desk(s, ModelChoice::kAuto));
  size_t row = TRY(find_customer(s, d.churned, r.customer_id));
  store::Workspace& ws = s.workspace();
  wb::Offer offer;
  std::optional<wb::Refusal> refused;
  auto body = [&]() -> core::Status {
    TRY(authorize_again(s, Permission::kOfferCreate));
    TRY(check_programme(s, d));
    // Everything the decision rests on is read under the write lock: the offers (open offers,
    // the month's budget and alerts, the next id), the override and the blacklist records.
    auto offers = TRY(load_offers(ws));
    d.blacklist = TRY(load_blacklist(ws));
    wb::YearMonth month = wb::month_of(s.now, *d.zone);
    auto monitor = TRY(month_monitor(ws, d.programme(), *d.zone, offers, month, s.now));
    wb::OfferRequest request = build_request(d, r, row, offers, monitor);
    io::DecisionEntry entry = entry_of(s, "create");
    entry.customer = r.customer_id;
    entry.programme = d.programme().tag();
    refused = wb::create_offer(d.programme(), request, s.principal, s.now, offer);
    if (refused) return log_refusal(ws, entry, *refused);
    offer.id = next_offer_id(offers);
    describe_offer(entry, offer);
    entry.detail = fmt::format("approver {}; status {}", wb::approver_token(offer.approver),
                               wb::offer_status_token(offer.status));
    TRY(insert_offer(s, offer));
    return log_decision(ws, entry);
  };
  TRY(run_transaction(s, body, refused));
  return OfferResult{std::move(offer), d.zone};
}

core::Result<OfferResult> approve_offer(const Session& s, const OfferApproveRequest& r) {
  bool in_person = r.in_person == wb::InPerson::kYes;
  return act_on_offer(
      s, Permission::kOfferApprove, r.offer_id, in_person ? "review" : "approve",
      [&](const Act& a, wb::Offer& o, io::DecisionEntry& e) -> core::Result<wb::Decision> {
        auto offers = TRY(load_offers(a.ws));
        wb::YearMonth month = wb::month_of(s.now, a.zone);
        auto monitor = TRY(month_monitor(a.ws, a.programme, a.zone, offers, month, s.now));
        wb::ApprovalContext context{s.now, monitor.large_paused()};
        wb::Decision d = wb::approve_offer(a.programme, o, s.principal, r.in_person, context);
        e.detail = fmt::format("status {}", wb::offer_status_token(o.status));
        return d;
      });
}

core::Result<OfferResult> reject_offer(const Session& s, const OfferRejectRequest& r) {
  return act_on_offer(
      s, Permission::kOfferApprove, r.offer_id, "reject",
      [&](const Act&, wb::Offer& o, io::DecisionEntry& e) -> core::Result<wb::Decision> {
        e.detail = r.reason;
        return wb::reject_offer(o, s.principal, r.reason, s.now);
      });
}

core::Result<OfferResult> release_stage(const Session& s, const OfferReleaseRequest& r) {
  return act_on_offer(
      s, Permission::kOfferHandle, r.offer_id, "release",
      [&](const Act& a, wb::Offer& o, io::DecisionEntry& e) -> core::Result<wb::Decision> {
        auto visits = TRY(visits_of(a.ws, o.customer_id));
        wb::Decision d =
            wb::release_stage(a.programme, o, r.stage, s.principal, visits, a.zone, s.now);
        if (!d) {
          e.amount_fen = o.stages[r.stage].amount.fen();
          e.detail = fmt::format("stage {} {}", wb::stage_token(r.stage),
                                 o.stages[r.stage].amount.to_yuan_string());
        }
        return d;
      });
}

core::Result<OfferResult> record_outcome(const Session& s, const OfferOutcomeRequest& r) {
  return act_on_offer(
      s, Permission::kOfferHandle, r.offer_id, "outcome",
      [&](const Act&, wb::Offer& o, io::DecisionEntry& e) -> core::Result<wb::Decision> {
        wb::Decision d = wb::record_outcome(o, s.principal, r.won_back, r.retained, s.now);
        e.detail = fmt::format("won_back {}; retained {}", yes_no(o.won_back), yes_no(o.retained));
        return d;
      });
}

core::Result<OfferResult> show_offer(const Session& s, const OfferShowRequest& r) {
  TRY(authorize(s, Permission::kWinbackRead));
  ProgrammeInfo info = TRY(active_programme(s.workspace()));
  const core::TimeZone* zone = TRY(zone_of(info.programme));
  return OfferResult{TRY(load_offer(s, r.offer_id)), zone};
}

core::Result<OfferListResult> list_offers(const Session& s, const OfferListRequest& r) {
  TRY(authorize(s, Permission::kWinbackRead));
  ProgrammeInfo info = TRY(active_programme(s.workspace()));
  OfferListResult out;
  out.zone = TRY(zone_of(info.programme));
  for (auto& o : TRY(scoped_offers(s))) {
    if (!r.status || o.status == *r.status) out.offers.push_back(std::move(o));
  }
  return out;
}

}  // namespace pitwall::app::winback
