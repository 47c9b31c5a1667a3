#pragma once
// A campaign as every desk reads it: its stored file parsed, its time zone, and where its
// lifecycle stands at the session's `now` (closeout.md "Lifecycle of a campaign"). Campaigns and
// definitions are visible to every role (they name what people work on, not rows of data).

#include <string_view>

#include "app/session.hpp"
#include "app/workflow/records.hpp"
#include "core/base/result.hpp"
#include "core/definitions/definition.hpp"
#include "core/model/campaign.hpp"
#include "core/workflow/lifecycle.hpp"
#include "store/workspace.hpp"

namespace pitwall::app {

struct CampaignInfo {
  store::CampaignRecord record;
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  workflow::Lifecycle lifecycle;
  core::CampaignState state = core::CampaignState::kPlanned;
};

// A stored campaign file parsed (kept in the session's memo under the file's name and content).
// Errors: kInvalidInput when it no longer parses.
core::Result<core::Campaign> parse_campaign_record(const Session& s,
                                                   const store::CampaignRecord& record);
// The stored campaign `id`. Errors: kNotFound naming the id and the known ones (field
// --campaign), kInvalidInput when its stored file no longer parses.
core::Result<core::Campaign> load_campaign(const Session& s, std::string_view id);
// The campaign with its record, zone, lifecycle and state at s.now.
core::Result<CampaignInfo> load_campaign_info(const Session& s, std::string_view id);
// A stored definition by name (its current version) or name@version. Errors: kNotFound naming
// the known ones.
core::Result<core::MetricDefinition> load_definition(const Session& s, std::string_view name);

}  // namespace pitwall::app
