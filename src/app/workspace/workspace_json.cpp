#include "app/workspace/workspace_json.hpp"

#include <map>

#include "app/campaign.hpp"
#include "io/report/closeout_json.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::app::workspace {

namespace {

using io::Json;

// The workspace's default zone: what master data is read in.
const core::TimeZone& default_zone() {
  static const core::TimeZone* zone = io::find_time_zone("Asia/Shanghai").value();
  return *zone;
}

// The zone of a campaign's records, the default for master data or an unreadable campaign.
class Zones {
 public:
  explicit Zones(const Session& s) : s_(s) {}
  const core::TimeZone& of(const std::string& campaign) {
    if (campaign.empty()) return default_zone();
    auto it = zones_.find(campaign);
    if (it == zones_.end()) {
      const core::TimeZone* zone = &default_zone();
      if (auto c = load_campaign(s_, campaign)) {
        if (auto z = io::find_time_zone(c->timezone)) zone = *z;
      }
      it = zones_.emplace(campaign, zone).first;
    }
    return *it->second;
  }

 private:
  const Session& s_;
  std::map<std::string, const core::TimeZone*> zones_;
};

Json batch_json(const store::BatchInfo& b, const core::TimeZone& zone) {
  Json j = Json::object();
  j.set("id", b.id).set("kind", b.kind).set("campaign", b.campaign).set("file", b.file);
  j.set("sha256", b.sha256).set("rows_read", b.rows_read).set("loaded", b.loaded);
  j.set("rejected", b.rejected).set("imported_at", io::instant_json(b.imported_at, zone));
  j.set("imported_by", b.imported_by).set("forced", b.forced);
  j.set("original", b.original_path).set("report", b.report_path);
  return j;
}

}  // namespace

Json imports_json(const Session& s, const std::vector<store::BatchInfo>& batches) {
  Zones zones(s);
  Json out = Json::array();
  for (const auto& b : batches) out.push(batch_json(b, zones.of(b.campaign)));
  return out;
}

Json import_json(const Session& s, const ImportOutcome& o) {
  const auto& b = o.batch;
  Zones zones(s);
  Json j = Json::object();
  j.set("id", b.id).set("kind", b.kind).set("campaign", b.campaign).set("file", b.file);
  j.set("sha256", b.sha256).set("rows_read", b.rows_read).set("loaded", b.loaded);
  j.set("rejected", b.rejected)
      .set("imported_at", io::instant_json(b.imported_at, zones.of(b.campaign)));
  j.set("imported_by", b.imported_by).set("report", b.report_path);
  Json kinds = Json::array();
  for (const auto& [kind, count] : o.errors_by_kind) {
    kinds.push(Json::object().set("kind", kind).set("count", count));
  }
  j.set("errors_by_kind", std::move(kinds));
  Json first = Json::array();
  for (const auto& e : o.first_errors) first.push(e);
  j.set("first_errors", std::move(first));
  if (b.kind == "orders") j.set("orders_merged", o.orders_merged);
  return j;
}

Json campaign_json(const core::Campaign& c, const store::CampaignRecord& r) {
  auto found = io::find_time_zone(c.timezone);
  const core::TimeZone& zone = found ? **found : default_zone();
  auto at = [&](int64_t t) { return io::instant_json(t, zone); };
  Json j = Json::object();
  j.set("id", c.id).set("name", c.name).set("timezone", c.timezone);
  j.set("start", at(c.start)).set("end", at(c.end));
  j.set("store_review_cutoff", at(c.store_review_cutoff));
  j.set("appeal_cutoff", at(c.appeal_cutoff));
  j.set("review_days", c.review_days).set("freeze_days", c.freeze_days);
  j.set("settlement_definition", c.settlement_definition);
  j.set("file", r.file).set("added_at", at(r.added_at)).set("added_by", r.added_by);
  return j;
}

Json definition_json(const core::MetricDefinition& d, const store::DefinitionRecord& r) {
  Json j = Json::object();
  Json statuses = Json::array();
  for (int i = 0; i < core::kOrderStatusCount; ++i) {
    if (d.statuses[i]) statuses.push(core::order_status_token(static_cast<core::OrderStatus>(i)));
  }
  j.set("name", d.name).set("version", r.version).set("tag", d.tag()).set("title", d.title);
  j.set("time_basis", core::time_basis_token(d.time_basis)).set("statuses", std::move(statuses));
  j.set("cleaned", d.cleaned).set("attribution", core::attribution_token(d.attribution));
  j.set("amount", core::amount_basis_token(d.amount)).set("tax_inclusive", d.tax_inclusive);
  j.set("normalised", r.normalised).set("file", r.file);
  j.set("added_at", io::instant_json(r.added_at, default_zone()));
  return j;
}

Json users_json(const std::vector<store::User>& users) {
  Json out = Json::array();
  for (const auto& u : users) {
    out.push(Json::object()
                 .set("name", u.name)
                 .set("role", u.role)
                 .set("scope", u.scope)
                 .set("added_at", io::instant_json(u.added_at, default_zone())));
  }
  return out;
}

}  // namespace pitwall::app::workspace
