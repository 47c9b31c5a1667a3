#pragma once
// A campaign's close-out as the workflow sees it: its rules, lifecycle, the inputs in force and
// the pipeline's result with every arbitration decision applied (closeout.md §7: decisions are
// adjustments that survive re-running the pipeline).
//
// Inputs in force: the campaign's orders and supplements; master data (stores, staff, customers,
// price list, blacklist) as imported now — or, once the campaign is frozen, exactly the batches
// pinned at the freeze (closeout.md lifecycle: "later imports of master data never change a
// frozen or sealed campaign"); the settlement definition (pinned version once frozen); the
// workspace blacklist entries added by arbitration in other campaigns (pinned once frozen).
//
// The pipeline runs in-process with only the settlement definition: the workflow signs and
// seals settlement numbers. FIXME: read the close-out desk's stored run when it carries the
// decisions it was computed with, to save a run per command at 10^7 orders.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "cli/workflow_state.hpp"
#include "core/closeout/result.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/seal.hpp"

namespace pitwall::cli {

// What the campaign is and where its lifecycle stands, without running anything.
struct CampaignInfo {
  store::CampaignRecord record;
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  Lifecycle lifecycle;
  core::CampaignState state = core::CampaignState::kPlanned;
};
core::Result<CampaignInfo> load_campaign_info(const Context& ctx, store::Workspace& ws,
                                              std::string_view campaign_id);

// The run; not movable (the result refers to the tables' text).
struct CampaignRun {
  CampaignInfo info;
  core::Table orders, stores, staff, customers, price_list, blacklist, corrections, exceptions;
  std::vector<core::workflow::PinnedBatches> pins;
  core::MetricDefinition settlement_definition;
  std::string definition;  // its tag, name@version
  std::vector<core::closeout::ArbitrationDecision> decisions;
  std::vector<core::closeout::BlacklistEntry> extra_blacklist;
  std::vector<std::string> extra_blacklist_keys;
  core::closeout::RunResult result;
  std::unique_ptr<core::workflow::OrderLookup> lookup;

  CampaignRun() = default;
  CampaignRun(const CampaignRun&) = delete;
  CampaignRun& operator=(const CampaignRun&) = delete;

  // Runs the pipeline again with `decisions` (after a new decision).
  core::Status rerun();
  // The settlement evaluation's tag, e.g. "finance@4ef54d/cleaned": what sign-offs name.
  std::string tag() const;
  // The seal snapshot of this run.
  core::workflow::Snapshot snapshot() const;
};

core::Result<std::unique_ptr<CampaignRun>> run_campaign(const Context& ctx, store::Workspace& ws,
                                                        CampaignInfo info);

// Master-data batches in force now: every batch of each master kind, by kind.
core::Result<std::vector<core::workflow::PinnedBatches>> current_master_batches(
    store::Workspace& ws);

}  // namespace pitwall::cli
