#pragma once
// Phase plan (督导流程, supervision.md "Phase plan"): the seed's 7-day supervision plan stretched
// to the campaign's length. D-1 launch checklist (上线检查清单); D1 high-frequency monitoring and
// fast response (首日问题清单); D2 .. D(n-2) routine patrol and closing problems (红黑榜 + best
// practices); the last two days sprint and close-out preparation (收尾工作清单); D+1 the review
// report (督导复盘报告). Short campaigns lose the middle phases: one day is D1 only, two or
// three days are D1 and a sprint.
//
// Tasks have stable ids ("prelaunch.materials"); their done state is a workflow record kept by
// the faces; their words are in the message catalogue.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::core::supervision {

enum class Phase : uint8_t { kPrelaunch, kFirstDay, kRoutine, kSprint, kReview };
std::string_view phase_token(Phase p);  // prelaunch | first_day | routine | sprint | review

struct PhaseStep {
  Phase phase = Phase::kPrelaunch;
  int32_t first_day = 0;  // local day numbers
  int32_t last_day = 0;
  std::string label;  // D-1, D1, D2-D5, D6-D7, D+1
  std::span<const std::string_view> tasks;
};

// The plan of a campaign running from local day `first_day` to `last_day` (inclusive).
std::vector<PhaseStep> phase_plan(int32_t first_day, int32_t last_day);

// Whether `task` is a task id of some phase.
bool is_phase_task(std::string_view task);

}  // namespace pitwall::core::supervision
