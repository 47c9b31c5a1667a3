#pragma once
// The close-out computed again from the raw data in force, with the settlement definition only:
// what the seal's snapshot, verify, the retrospective's funnel and the closing plan need and a
// stored run does not keep (every finding and order line as text). Not for the workflow's
// everyday writes, which read the stored run (stored_run.hpp).

#include <memory>
#include <string_view>

#include "app/closeout/inputs.hpp"
#include "core/closeout/result.hpp"
#include "core/workflow/closing_plan.hpp"
#include "core/workflow/seal.hpp"

namespace pitwall::app::workflow {

// The run; not movable (the result refers to the tables' text).
struct Recomputed {
  closeout::InputsInForce in;
  core::Table orders, stores, staff, customers, price_list, blacklist, corrections, exceptions;
  core::MetricDefinition settlement_definition;
  core::closeout::RunResult result;

  Recomputed() = default;
  Recomputed(const Recomputed&) = delete;
  Recomputed& operator=(const Recomputed&) = delete;

  // The settlement evaluation's tag, e.g. "finance@4ef54d/cleaned": what sign-offs name.
  std::string tag() const;
  // The seal snapshot of this run, with the evidence sections (evidence.hpp) after its numbers.
  core::workflow::Snapshot snapshot(
      std::span<const core::workflow::EvidenceSection> evidence) const;
};

core::Result<std::unique_ptr<Recomputed>> recompute(const Session& s, std::string_view campaign);

// The closing plan (closeout.md "Closing gracefully") of the campaign's current numbers, with the
// run it was made from (its stores, customers). Needs workflow:closing:read (retro.cpp).
struct ClosingPlanned {
  std::unique_ptr<Recomputed> run;
  core::workflow::ClosingPlan plan;
};
core::Result<ClosingPlanned> plan_closing(const Session& s, const std::string& campaign);

}  // namespace pitwall::app::workflow
