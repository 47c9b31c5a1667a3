#pragma once
// The workspace desk's results as JSON (docs/commands.md): import batches, campaigns,
// definitions, users and an import's outcome. Instants are ISO 8601 with an offset, the one time
// format of Pitwall: a campaign's batch in the campaign's zone, everything else in the
// workspace's default zone (Asia/Shanghai, the zone master data is read in).

#include <vector>

#include "app/session.hpp"
#include "app/workspace/workspace.hpp"
#include "core/definitions/definition.hpp"
#include "core/model/campaign.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::workspace {

// [{id, kind, campaign, file, sha256, rows_read, loaded, rejected, imported_at, imported_by,
// forced, original, report}].
io::Json imports_json(const Session& s, const std::vector<store::BatchInfo>& batches);
// {id, kind, campaign, file, sha256, rows_read, loaded, rejected, imported_at, imported_by,
// report, errors_by_kind, first_errors, orders_merged (orders only)}.
io::Json import_json(const Session& s, const ImportOutcome& outcome);
// {id, name, timezone, start, end, store_review_cutoff, appeal_cutoff, review_days, freeze_days,
// settlement_definition, file, added_at, added_by}.
io::Json campaign_json(const core::Campaign& c, const store::CampaignRecord& r);
// {name, version, tag, title, time_basis, statuses, cleaned, attribution, amount, tax_inclusive,
// normalised, file, added_at}.
io::Json definition_json(const core::MetricDefinition& d, const store::DefinitionRecord& r);
// [{name, role, scope, added_at}].
io::Json users_json(const std::vector<store::User>& users);

}  // namespace pitwall::app::workspace
