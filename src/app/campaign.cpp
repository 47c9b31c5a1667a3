#include "app/campaign.hpp"

#include <fmt/format.h>

#include "app/memo.hpp"
#include "core/base/sha256.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::app {

core::Result<core::Campaign> parse_campaign_record(const Session& s,
                                                   const store::CampaignRecord& record) {
  auto parse = [&]() -> core::Result<Memo::Made<core::Campaign>> {
    auto c = std::make_shared<const core::Campaign>(
        TRY(io::parse_campaign_file(record.toml, record.file)));
    return Memo::Made<core::Campaign>{c, sizeof(core::Campaign) + 4 * record.toml.size()};
  };
  if (s.memo == nullptr) return *TRY(parse()).value;
  std::string key =
      fmt::format("campaign-file\n{}\n{}", record.file, core::sha256_hex(record.toml));
  return *TRY(s.memo->get<core::Campaign>(key, parse));
}

namespace {

core::Result<store::CampaignRecord> find_campaign(const Session& s, std::string_view id) {
  store::Workspace& ws = s.workspace();
  auto record = TRY(ws.find_campaign(id));
  if (!record) {
    std::string known;
    for (const auto& c : TRY(ws.list_campaigns())) known += (known.empty() ? "" : ", ") + c.id;
    auto e = core::not_found(
        s.tr("core.unknown_campaign", id, known.empty() ? s.tr("core.none") : known));
    e.at_column("--campaign");
    return e;
  }
  return std::move(*record);
}

}  // namespace

core::Result<core::Campaign> load_campaign(const Session& s, std::string_view id) {
  return parse_campaign_record(s, TRY(find_campaign(s, id)));
}

core::Result<CampaignInfo> load_campaign_info(const Session& s, std::string_view id) {
  CampaignInfo info;
  info.record = TRY(find_campaign(s, id));
  info.campaign = TRY(parse_campaign_record(s, info.record));
  info.zone = TRY(io::find_time_zone(info.campaign.timezone));
  info.lifecycle = TRY(workflow::load_lifecycle(s.workspace(), id));
  info.state = core::campaign_state(info.campaign, info.lifecycle.facts(), s.now);
  return info;
}

core::Result<core::MetricDefinition> load_definition(const Session& s, std::string_view name) {
  store::Workspace& ws = s.workspace();
  auto record = TRY(ws.find_definition(name));
  if (!record) {
    std::string known;
    for (const auto& d : TRY(ws.list_definitions())) known += (known.empty() ? "" : ", ") + d.name;
    return core::not_found(
        s.tr("core.unknown_definition", name, known.empty() ? s.tr("core.none") : known));
  }
  return io::parse_definition_file(record->toml, record->file);
}

}  // namespace pitwall::app
