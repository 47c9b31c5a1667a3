#pragma once
// The inputs in force of a campaign's close-out (server.md §5; closeout.md lifecycle): what a run
// reads and what decides whether a stored run is current. Read from the workspace's records
// alone (no bulk data), so asking "is the stored run current?" costs milliseconds at any size.
//
// In force: the campaign file; the campaign's orders and supplements (every batch); master data
// (stores, staff, customers, price list, blacklist) as imported now — or, once the campaign is
// frozen, exactly the batches pinned at the freeze; every definition's current version, the
// settlement definition's pinned version once frozen; the arbitration decisions; the workspace
// blacklist entries arbitration added in other campaigns (once frozen, those in force at the
// freeze). The fingerprint is the SHA-256 of a canonical text of all of them: a stored run
// whose recorded fingerprint equals today's was computed from exactly what is in force.

#include <string>
#include <string_view>
#include <vector>

#include "app/campaign.hpp"
#include "core/closeout/inputs.hpp"
#include "core/workflow/seal.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::closeout {

struct InputsInForce {
  CampaignInfo info;
  std::vector<store::BatchInfo> batches;  // campaign kinds' and pinned master batches, by id
  std::vector<core::workflow::PinnedBatches> pins;
  std::vector<store::DefinitionRecord> definitions;  // by name; the settlement one as in force
  std::string settlement;                            // its name@version
  std::vector<core::closeout::ArbitrationDecision> decisions;
  std::vector<core::closeout::BlacklistEntry> extra_blacklist;
  std::vector<std::string> extra_blacklist_keys;

  // SHA-256 (hex) of the canonical text of everything above that moves a number.
  std::string fingerprint() const;
};

// Reads what is in force for `campaign` now. Errors: kNotFound (campaign, a pinned definition).
core::Result<InputsInForce> inputs_in_force(const Session& s, std::string_view campaign);

// Master-data batches in force now (not frozen): every batch of each master kind, by kind.
core::Result<std::vector<core::workflow::PinnedBatches>> current_master_batches(
    store::Workspace& ws);

}  // namespace pitwall::app::closeout
