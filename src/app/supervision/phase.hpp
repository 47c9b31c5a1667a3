#pragma once
// The phase plan (督导流程, supervision.md "Phase plan") with its tasks' done state, marking a
// task done, and execution decay (执行衰减) from the survey.
//
// Who (server.md §2): supervision:board:read reads the plan and the decay; supervision:phase:write
// (HQ) marks tasks. The plan is the network's process and holds no store's rows, so every reader
// sees all of it. The decay of a region or store manager covers the survey's respondents of
// their stores only (rows with a store code within the scope); without HQ respondents among
// them nothing is normalised.

#include <cstdint>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/base/result.hpp"
#include "core/supervision/decay.hpp"
#include "core/supervision/phase_plan.hpp"

namespace pitwall::app::supervision {

struct PhasePlanRequest {
  std::string campaign;
};

struct PhaseEntry {
  core::supervision::PhaseStep step;
  bool current = false;          // today falls within the phase
  std::vector<TaskState> tasks;  // in plan order; `done` false when never marked
};

struct PhasePlanResult {
  CampaignInfo campaign;
  std::vector<PhaseEntry> phases;
};

// Errors: kForbidden, kNotFound (campaign).
core::Result<PhasePlanResult> read_phase_plan(const Session& s, const PhasePlanRequest& r);

enum class TaskMark : uint8_t { kDone, kNotDone };

struct MarkTaskRequest {
  std::string campaign;
  std::string task;  // "prelaunch.materials"
  TaskMark mark = TaskMark::kDone;
  std::string note;
};

// Records the task's state (one record per task, created on first mark) and returns the plan.
// Errors: kForbidden, kNotFound (campaign), kUsage at "--task" (not a task of the plan).
core::Result<PhasePlanResult> mark_task(const Session& s, const MarkTaskRequest& r);

struct DecayRequest {
  std::string campaign;
};

struct DecayResult {
  CampaignInfo campaign;
  core::supervision::DecayReport report;
};

// Errors: kForbidden, kNotFound (campaign; no survey imported, or none within the scope).
core::Result<DecayResult> read_decay(const Session& s, const DecayRequest& r);

}  // namespace pitwall::app::supervision
