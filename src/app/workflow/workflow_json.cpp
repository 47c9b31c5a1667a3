// The workflow's results as JSON (docs/workflow.md): tokens, not words; money in fen; instants
// as ISO 8601 with the campaign's offset.
#include <fmt/format.h>

#include "app/closeout/closeout_json.hpp"
#include "app/closeout/run_view.hpp"
#include "app/workflow/workflow.hpp"
#include "io/report/closeout_json.hpp"

namespace pitwall::app::workflow {

namespace {

using closeout::run_status_json;
using io::Json;
constexpr int64_t kDay = 86400;

Json at(int64_t utc, const core::TimeZone* zone) { return io::instant_json(utc, *zone); }

Json totals_json(const core::Totals& t) {
  return Json::object()
      .set("orders", t.orders)
      .set("amount_fen", t.amount_fen)
      .set("received_fen", t.received_fen);
}

Json signoff_json(const SignoffView& v, const core::TimeZone* zone) {
  const auto& s = v.signoff;
  Json j = Json::object();
  j.set("kind", wf::signoff_kind_token(v.kind)).set("scope", v.scope);
  j.set("status", wf::signoff_status_token(v.status));
  j.set("who", s ? Json(s->who) : Json());
  j.set("role", s ? Json(s->role) : Json());
  j.set("at", s ? at(s->when, zone) : Json());
  j.set("definition", s ? Json(s->definition) : Json());
  j.set("digest", s ? Json(s->digest) : Json());
  j.set("current_digest", v.current_digest);
  j.set("deemed", s.has_value() && s->deemed);
  return j;
}

Json dispute_json(const wf::Dispute& d, const core::TimeZone* zone) {
  return Json::object()
      .set("order_id", d.order_id)
      .set("claim", wf::claim_token(d.claim))
      .set("store", d.store)
      .set("order_store", d.order_store)
      .set("note", d.note)
      .set("who", d.who)
      .set("at", at(d.when, zone));
}

Json disputes_json(const std::vector<wf::Dispute>& list, const core::TimeZone* zone) {
  Json out = Json::array();
  for (const auto& d : list) out.push(dispute_json(d, zone));
  return out;
}

Json strings_json(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push(s);
  return a;
}

Json decision_json(const core::closeout::ArbitrationDecision& d, const core::TimeZone* zone) {
  return Json::object()
      .set("decision", wf::decision_token(d.kind))
      .set("store", d.store_code)
      .set("reason", d.reason)
      .set("who", d.who)
      .set("at", at(d.when, zone));
}

Json pins_json(const std::vector<wf::PinnedBatches>& pins) {
  Json out = Json::array();
  for (const auto& pin : pins) {
    Json ids = Json::array();
    for (int64_t id : pin.batch_ids) ids.push(id);
    out.push(Json::object().set("kind", pin.kind).set("batches", std::move(ids)));
  }
  return out;
}

Json dates_json(const CampaignInfo& in) {
  const core::Campaign& c = in.campaign;
  auto t = [&](int64_t s) { return at(s, in.zone); };
  const auto& l = in.lifecycle;
  Json j = Json::object();
  j.set("start", t(c.start)).set("end", t(c.end));
  j.set("store_review_cutoff", t(c.store_review_cutoff)).set("appeal_cutoff", t(c.appeal_cutoff));
  j.set("review_window_end", t(core::review_window_end(c)));
  j.set("frozen_at", l.freeze ? t(l.freeze->at) : Json());
  j.set("seal_allowed_from", l.freeze ? t(core::seal_allowed_from(c, l.freeze->at)) : Json());
  j.set("sealed_at", l.seal ? t(l.seal->at) : Json());
  return j;
}

Json planning_json(const core::Campaign& c) {
  double days = static_cast<double>(c.end - c.start + 1) / kDay;
  double share = days > 0 ? static_cast<double>(c.review_days + c.freeze_days) / days : 0;
  return Json::object()
      .set("campaign_days", Json::rounded(days, 2))
      .set("review_days", c.review_days)
      .set("freeze_days", c.freeze_days)
      .set("closeout_share", Json::rounded(share, 4))
      .set("enough", core::closeout_time_is_enough(c));
}

Json carry_overs_json(const std::vector<CarryOver>& list, const core::TimeZone* zone) {
  Json items = Json::array();
  int64_t total = 0;
  for (const auto& c : list) {
    total += c.amount_fen;
    items.push(Json::object()
                   .set("seq", c.seq)
                   .set("order_id", c.order_id)
                   .set("amount_fen", c.amount_fen)
                   .set("reason", c.reason)
                   .set("who", c.who)
                   .set("at", at(c.at, zone)));
  }
  return Json::object().set("total_fen", total).set("items", std::move(items));
}

Json stores_json(const std::vector<StoreStatus>& stores, const core::TimeZone* zone) {
  int64_t n[4] = {0, 0, 0, 0};
  Json list = Json::array();
  for (const StoreStatus& st : stores) {
    ++n[static_cast<int>(st.status)];
    list.push(Json::object()
                  .set("store", st.store)
                  .set("status", wf::signoff_status_token(st.status))
                  .set("settled", st.settled)
                  .set("who", st.signoff ? Json(st.signoff->who) : Json())
                  .set("at", st.signoff ? at(st.signoff->when, zone) : Json())
                  .set("digest", st.signoff ? Json(st.signoff->digest) : Json())
                  .set("current_digest", st.current_digest));
  }
  Json counts = Json::object();
  counts.set("total", static_cast<int64_t>(stores.size()));
  for (auto st : {wf::SignoffStatus::kCurrent, wf::SignoffStatus::kStale,
                  wf::SignoffStatus::kDeemed, wf::SignoffStatus::kPending}) {
    counts.set(wf::signoff_status_token(st), n[static_cast<int>(st)]);
  }
  counts.set("list", std::move(list));
  return counts;
}

Json queue_item_json(const QueueEntry& e, const std::string& arbiter, const core::TimeZone* zone) {
  const wf::QueueItem& q = e.item;
  Json j = Json::object();
  j.set("order_id", q.order_id).set("store", q.store).set("region", q.region);
  j.set("customer_id", q.customer_id).set("counted", q.verdict == core::verdict::kCounted);
  j.set("verdict", core::verdict_token(q.verdict)).set("amount_fen", q.amount_fen);
  j.set("reasons", strings_json(q.reasons)).set("evidence", closeout::evidence_json(q.evidence));
  j.set("claimants", strings_json(q.claimants));
  j.set("arbiter", arbiter);
  j.set("status", e.decision ? "decided" : "open");
  j.set("decision", e.decision ? decision_json(*e.decision, zone) : Json());
  return j;
}

}  // namespace

Json to_json(const ConfirmResult& r) {
  Json out = signoff_json(r.confirmation, r.zone);
  out.set("campaign", r.campaign).set("totals", totals_json(r.totals));
  out.set("disputes", disputes_json(r.disputes, r.zone));
  out.set("run", run_status_json(r.run, *r.zone));
  return out;
}

Json to_json(const StoreOrdersResult& r) {
  Json orders = Json::array();
  for (const StoreOrder& o : r.orders) {
    Json j = Json::object();
    j.set("order_id", o.order_id).set("customer_id", o.customer_id).set("status", o.status);
    j.set("paid_at", o.paid_at == core::kNoTime ? Json() : at(o.paid_at, r.zone));
    j.set("counted", o.verdict == core::verdict::kCounted);
    j.set("reason", core::verdict_token(o.verdict)).set("amount_fen", o.amount_fen);
    j.set("paid_fen", o.paid_fen ? Json(*o.paid_fen) : Json());
    orders.push(std::move(j));
  }
  Json needs = Json::array();
  for (const NeedsStore& n : r.needs_store) {
    needs.push(Json::object()
                   .set("order_id", n.order_id)
                   .set("rule", n.rule)
                   .set("field", n.field)
                   .set("after", n.after));
  }
  Json out = Json::object();
  out.set("campaign", r.campaign).set("store", r.store).set("name", r.name);
  out.set("region", r.region).set("definition", r.definition);
  out.set("confirmation", signoff_json(r.confirmation, r.zone));
  out.set("totals", totals_json(r.totals));
  out.set("orders", std::move(orders)).set("needs_store", std::move(needs));
  out.set("disputes_filed", disputes_json(r.disputes_filed, r.zone));
  out.set("claims_on_its_orders", disputes_json(r.claims_on_its_orders, r.zone));
  out.set("run", run_status_json(r.run, *r.zone));
  return out;
}

Json to_json(const SignResult& r) {
  Json out = signoff_json(r.signoff, r.zone);
  out.set("campaign", r.campaign).set("totals", totals_json(r.totals));
  if (r.payable_fen) {
    out.set("rebate_fen", *r.rebate_fen)
        .set("clawback_fen", *r.clawback_fen)
        .set("payable_fen", *r.payable_fen);
  }
  out.set("run", run_status_json(r.run, *r.zone));
  return out;
}

Json to_json(const QueueResult& r) {
  Json items = Json::array();
  for (const QueueEntry& e : r.entries) items.push(queue_item_json(e, r.arbiter, r.zone));
  return items;
}

Json to_json(const DecideResult& r) {
  Json out = decision_json(r.decision, r.zone);
  out.set("campaign", r.campaign).set("order_id", r.order_id);
  out.set("previous", r.previous ? decision_json(*r.previous, r.zone) : Json());
  Json added = Json::array();
  for (const auto& b : r.blacklist_added) {
    added.push(Json::object()
                   .set("kind", b.kind)
                   .set("value", b.value)
                   .set("reason", b.reason)
                   .set("source", b.source));
  }
  out.set("blacklist_added", std::move(added));
  out.set("numbers_current", r.run.current);
  out.set("run", run_status_json(r.run, *r.zone));
  return out;
}

Json to_json(const StatusResult& r) {
  const CampaignInfo& in = r.info;
  Json out = Json::object();
  out.set("campaign", in.campaign.id).set("name", in.campaign.name);
  out.set("state", core::campaign_state_token(in.state)).set("now", at(r.now, in.zone));
  out.set("timezone", in.campaign.timezone).set("dates", dates_json(in));
  out.set("planning", planning_json(in.campaign));
  out.set("carry_overs", carry_overs_json(r.carry_overs, in.zone));
  const auto& seal = in.lifecycle.seal;
  out.set("seal", seal ? Json::object()
                             .set("by", seal->by)
                             .set("run", seal->run)
                             .set("result_digest", seal->result_digest)
                             .set("snapshot_sha256", seal->snapshot_sha256)
                             .set("chain_head", seal->chain_head)
                       : Json());
  out.set("run", r.run ? run_status_json(*r.run, *in.zone) : Json());
  if (!r.numbers_error.empty()) {
    out.set("numbers_error", r.numbers_error);
    return out;
  }
  out.set("definition", r.definition);
  out.set("stores", stores_json(r.stores, in.zone));
  Json list = Json::array();
  for (const auto& v : r.signoffs) list.push(signoff_json(v, in.zone));
  out.set("signoffs", std::move(list));
  out.set("arbitration", Json::object()
                             .set("items", r.queue_items)
                             .set("open", r.queue_open)
                             .set("decided", r.queue_items - r.queue_open)
                             .set("arbiter", in.campaign.arbiter));
  return out;
}

Json to_json(const FreezeResult& r) {
  const CampaignInfo& in = r.info;
  Json out = Json::object();
  out.set("campaign", in.campaign.id).set("state", "frozen").set("by", r.freeze.by);
  out.set("frozen_at", at(r.freeze.at, in.zone));
  out.set("seal_allowed_from", at(core::seal_allowed_from(in.campaign, r.freeze.at), in.zone));
  out.set("definition", r.freeze.definition);
  out.set("pins", pins_json(r.freeze.pins));
  out.set("deemed_stores", strings_json(r.deemed_stores));
  out.set("run", run_status_json(r.run, *in.zone));
  return out;
}

Json to_json(const SealResult& r) {
  const CampaignInfo& in = r.info;
  Json out = Json::object();
  out.set("campaign", in.campaign.id).set("state", "sealed").set("by", r.seal.by);
  out.set("sealed_at", at(r.seal.at, in.zone)).set("definition", r.definition);
  out.set("run", r.seal.run).set("result_digest", r.seal.result_digest);
  out.set("snapshot_sha256", r.seal.snapshot_sha256).set("snapshot_bytes", r.snapshot_bytes);
  Json sections = Json::array();
  for (const auto& x : r.seal.sections) {
    sections.push(Json::object().set("name", x.name).set("sha256", x.sha256));
  }
  out.set("sections", std::move(sections));
  out.set("chain_head", r.seal.chain_head).set("chain_length", r.seal.chain_length);
  return out;
}

Json to_json(const CarryOverResult& r) {
  const CarryOver& c = r.carry_over;
  Json out = Json::object();
  out.set("campaign", r.campaign).set("seq", c.seq).set("order_id", c.order_id);
  out.set("amount_fen", c.amount_fen).set("reason", c.reason).set("who", c.who);
  out.set("at", at(c.at, r.zone)).set("period", "next");
  return out;
}

}  // namespace pitwall::app::workflow
