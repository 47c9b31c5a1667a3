#include "io/report/closeout_json.hpp"

#include <fmt/format.h>

#include "core/base/sha256.hpp"

namespace pitwall::io {

namespace cc = core::closeout;

Json instant_json(int64_t utc, const core::TimeZone& zone) {
  if (utc == core::kNoTime) return Json();
  return Json(core::format_local_iso(utc, zone));
}

namespace {
std::string_view mode_token(core::EvaluationMode m) {
  switch (m) {
    case core::EvaluationMode::kDeclared:
      return "declared";
    case core::EvaluationMode::kCleaned:
      return "cleaned";
    case core::EvaluationMode::kRaw:
      return "raw";
  }
  return "declared";
}

Json optional_rate(const std::optional<double>& v) { return v ? Json::rounded(*v, 4) : Json(); }

Json totals_json(const core::Totals& t) {
  return Json::object()
      .set("orders", t.orders)
      .set("amount_fen", t.amount_fen)
      .set("received_fen", t.received_fen);
}

Json definition_json(const core::MetricDefinition& d) {
  Json statuses = Json::array();
  for (int s = 0; s < core::kOrderStatusCount; ++s) {
    if (d.statuses[s]) statuses.push(core::order_status_token(static_cast<core::OrderStatus>(s)));
  }
  return Json::object()
      .set("name", d.name)
      .set("version", d.version())
      .set("tag", d.tag())
      .set("title", d.title.empty() ? d.name : d.title)
      .set("time_basis", core::time_basis_token(d.time_basis))
      .set("statuses", std::move(statuses))
      .set("cleaned", d.cleaned)
      .set("attribution", core::attribution_token(d.attribution))
      .set("amount", core::amount_basis_token(d.amount))
      .set("tax_inclusive", d.tax_inclusive);
}

Json evaluation_json(const core::Evaluation& e, const core::StoreDirectory& dir,
                     std::string_view part) {
  Json j = Json::object();
  j.set("tag", e.tag())
      .set("definition", e.definition.name)
      .set("version", e.definition.version())
      .set("mode", mode_token(e.mode))
      .set("cleaned", e.cleaned())
      .set("total", totals_json(e.total));
  Json regions = Json::array();
  for (uint32_t r = 0; r < dir.region_count(); ++r) {
    regions.push(totals_json(e.by_region[r]).set("region", dir.regions[r]));
  }
  Json stores = Json::array();
  for (uint32_t s = 0; s < dir.store_count(); ++s) {
    stores.push(totals_json(e.by_store[s]).set("store", dir.codes[s]));
  }
  j.set("regions", std::move(regions)).set("stores", std::move(stores));
  return j.set("orders", part.empty() ? Json() : Json(part));
}

Json gross_net_json(const cc::RunResult& r, const cc::GrossNet& g) {
  const core::Evaluation& raw = r.evaluations[g.raw];
  const core::Evaluation& clean = r.evaluations[g.cleaned];
  return Json::object()
      .set("definition", raw.definition.name)
      .set("version", raw.definition.version())
      .set("raw", static_cast<int64_t>(g.raw))
      .set("cleaned", static_cast<int64_t>(g.cleaned))
      .set("raw_tag", raw.tag())
      .set("cleaned_tag", clean.tag())
      .set("raw_orders", raw.total.orders)
      .set("cleaned_orders", clean.total.orders)
      .set("raw_amount_fen", raw.total.amount_fen)
      .set("cleaned_amount_fen", clean.total.amount_fen)
      .set("order_difference_rate", optional_rate(g.order_difference_rate))
      .set("amount_difference_rate", optional_rate(g.amount_difference_rate))
      .set("rebate_raw_fen", g.rebate_raw_fen)
      .set("rebate_cleaned_fen", g.rebate_cleaned_fen)
      .set("rebate_saved_fen", g.rebate_raw_fen - g.rebate_cleaned_fen)
      .set("roi_raw", optional_rate(g.roi_raw))
      .set("roi_cleaned", optional_rate(g.roi_cleaned));
}

Json store_settlement_json(const cc::StoreSettlement& s, const core::StoreDirectory& dir) {
  return Json::object()
      .set("store", dir.codes[s.store])
      .set("name", dir.names[s.store])
      .set("region", dir.regions[dir.region_of[s.store]])
      .set("orders", s.orders)
      .set("received_fen", s.received_fen)
      .set("rebate_fen", s.rebate_fen)
      .set("raw_orders", s.raw_orders)
      .set("raw_received_fen", s.raw_received_fen)
      .set("raw_rebate_fen", s.raw_rebate_fen)
      .set("overpayment_avoided_fen", s.overpayment_avoided_fen)
      .set("clawback_orders", s.clawback_orders)
      .set("clawback_fen", s.clawback_fen)
      .set("payable_fen", s.payable_fen);
}

Json settlement_json(const cc::RunResult& r) {
  const cc::Settlement& s = r.settlement;
  Json stores = Json::array();
  for (const auto& row : s.stores) stores.push(store_settlement_json(row, r.stores));
  Json total = store_settlement_json(s.total, r.stores);
  Json unattributed_ids = Json::array();
  for (uint32_t k : s.unattributed_orders) unattributed_ids.push(r.orders.order_id(k));
  Json staff = Json::array();
  for (const auto& x : s.staff) {
    staff.push(Json::object()
                   .set("staff_id", s.staff_ids[x.staff])
                   .set("name", s.staff_names[x.staff])
                   .set("store", r.stores.codes[x.store])
                   .set("orders", x.orders)
                   .set("share_fen", x.share_fen));
  }
  return Json::object()
      .set("definition", r.evaluations[s.cleaned].definition.name)
      .set("cleaned_tag", r.evaluations[s.cleaned].tag())
      .set("raw_tag", r.evaluations[s.raw].tag())
      .set("cleaned", static_cast<int64_t>(s.cleaned))
      .set("raw", static_cast<int64_t>(s.raw))
      .set("stores", std::move(stores))
      .set("total", std::move(total))
      .set("unattributed", Json::object()
                               .set("orders", s.unattributed.orders)
                               .set("received_fen", s.unattributed.received_fen)
                               .set("order_ids", std::move(unattributed_ids)))
      .set("staff", std::move(staff))
      .set("unassigned_split_fen", s.unassigned_split_fen);
}

std::string_view field_name(int8_t field) {
  if (field == cc::kNoField) return "";
  return core::table_schema(core::TableKind::kOrders).columns[field].name;
}

Json string_list(const std::vector<std::string>& v) {
  Json j = Json::array();
  for (const auto& s : v) j.push(s);
  return j;
}

Json rings_json(const cc::RunResult& r) {
  Json rings = Json::array();
  for (const cc::Ring& ring : r.rings) {
    Json links = Json::array(), flagged = Json::array();
    for (const auto& l : ring.links) {
      links.push(Json::object()
                     .set("kind", l.kind)
                     .set("value", l.value)
                     .set("accounts", string_list(l.accounts)));
    }
    for (uint32_t k : ring.flagged) flagged.push(r.orders.order_id(k));
    rings.push(Json::object()
                   .set("id", ring.id)
                   .set("accounts", string_list(ring.accounts))
                   .set("identities", static_cast<int64_t>(ring.identities))
                   .set("paid_orders", ring.paid_orders)
                   .set("links", std::move(links))
                   .set("flagged", std::move(flagged)));
  }
  return rings;
}

Json gray_zone_json(const cc::RunResult& r, const core::TimeZone& zone) {
  Json items = Json::array();
  for (const cc::GrayZoneItem& g : r.gray_zone) {
    Json j = Json::object()
                 .set("order_id", r.orders.order_id(g.order))
                 .set("kind", cc::gray_kind_token(g.kind));
    if (g.finding != UINT32_MAX) {
      const cc::Finding& f = r.findings.items()[g.finding];
      j.set("rule", cc::rule_token(f.rule))
          .set("field", field_name(f.field))
          .set("detail", r.findings.text(f.detail));
    } else {
      j.set("rule", "").set("field", field_name(g.field)).set("detail", "");
    }
    j.set("cutoff", g.kind == cc::GrayKind::kNearCutoff ? instant_json(g.cutoff, zone) : Json());
    items.push(std::move(j));
  }
  return items;
}

Json part_json(const RunPart& p) {
  return Json::object()
      .set("name", p.name)
      .set("rows", p.rows)
      .set("bytes", p.bytes)
      .set("sha256", p.sha256);
}
}  // namespace

std::string detail::evaluation_part(size_t i) { return fmt::format("evaluation-{}", i); }

Json closeout_result_json(const cc::RunResult& r, const core::Campaign& campaign,
                          const core::TimeZone& zone, const std::vector<RunPart>& parts) {
  Json stores = Json::array();
  for (uint32_t s = 0; s < r.stores.store_count(); ++s) {
    stores.push(Json::object()
                    .set("code", r.stores.codes[s])
                    .set("name", r.stores.names[s])
                    .set("region", r.stores.regions[r.stores.region_of[s]]));
  }
  Json definitions = Json::array(), evaluations = Json::array(), gross_net = Json::array();
  size_t d = r.gross_net.size();
  for (size_t i = 0; i < d; ++i) definitions.push(definition_json(r.evaluations[i].definition));
  for (size_t i = 0; i < r.evaluations.size(); ++i) {
    const core::Evaluation& e = r.evaluations[i];
    evaluations.push(
        evaluation_json(e, r.stores, e.has_orders() ? detail::evaluation_part(i) : ""));
  }
  Json part_list = Json::array();
  for (const RunPart& p : parts) part_list.push(part_json(p));
  for (const auto& g : r.gross_net) gross_net.push(gross_net_json(r, g));
  Json mass = Json::array();
  for (const auto& m : r.mass_cancels) {
    mass.push(Json::object()
                  .set("customer_id", r.orders.pool->view(r.orders.customer_id[m.customer]))
                  .set("orders", m.orders)
                  .set("cancelled", m.cancelled));
  }
  Json problems = Json::array();
  for (const auto& p : r.problems) {
    problems.push(Json::object()
                      .set("source", p.source)
                      .set("line", p.line)
                      .set("code", p.code)
                      .set("value", p.value));
  }
  Json camp = Json::object()
                  .set("id", campaign.id)
                  .set("name", campaign.name)
                  .set("timezone", campaign.timezone)
                  .set("start", instant_json(campaign.start, zone))
                  .set("end", instant_json(campaign.end, zone))
                  .set("settlement_definition", campaign.settlement_definition)
                  .set("cost_fen", campaign.cost.fen())
                  .set("rebate_rate", campaign.rebate.rate.to_string())
                  .set("rebate_per_order_fen", campaign.rebate.per_order.fen());
  return Json::object()
      .set("campaign", std::move(camp))
      .set("order_count", static_cast<int64_t>(r.orders.size()))
      .set("stores", std::move(stores))
      .set("regions", string_list(r.stores.regions))
      .set("definitions", std::move(definitions))
      .set("evaluations", std::move(evaluations))
      .set("gross_net", std::move(gross_net))
      .set("settlement", settlement_json(r))
      .set("parts", std::move(part_list))
      .set("rings", rings_json(r))
      .set("mass_cancels", std::move(mass))
      .set("gray_zone", gray_zone_json(r, zone))
      .set("problems", std::move(problems));
}

Json closeout_run_json(const RunMeta& meta, Json result) {
  std::string digest = core::sha256_hex(result.dump());
  return detail::run_document(meta, std::move(digest), std::move(result));
}

Json detail::run_document(const RunMeta& meta, std::string digest, Json result) {
  Json batches = Json::array();
  for (const RunBatch& b : meta.batches) {
    batches.push(Json::object()
                     .set("id", b.id)
                     .set("kind", b.kind)
                     .set("file", b.file)
                     .set("sha256", b.sha256)
                     .set("rows", b.rows));
  }
  return Json::object()
      .set("format", kCloseoutRunFormat)
      .set("format_version", kCloseoutRunFormatVersion)
      .set("meta",
           Json::object()
               .set("campaign", meta.campaign)
               .set("run", meta.run)
               .set("created_at", meta.zone ? core::format_local_iso(meta.created_at, *meta.zone)
                                            : core::format_utc_iso(meta.created_at))
               .set("by", meta.by)
               .set("batches", std::move(batches))
               .set("decisions", meta.decisions)
               .set("blacklist_extra", meta.blacklist_extra))
      .set("result_digest", digest)
      .set("result", std::move(result));
}

}  // namespace pitwall::io
