#include "core/supervision/phase_plan.hpp"

#include <fmt/format.h>

namespace pitwall::core::supervision {

namespace {

constexpr std::string_view kPhaseTokens[] = {"prelaunch", "first_day", "routine", "sprint",
                                             "review"};

constexpr std::string_view kPrelaunch[] = {
    "prelaunch.materials", "prelaunch.training",  "prelaunch.redemption_test",
    "prelaunch.gifts",     "prelaunch.reporting", "prelaunch.contacts",
};
constexpr std::string_view kFirstDay[] = {
    "first_day.monitoring",
    "first_day.spot_checks",
    "first_day.problem_list",
    "first_day.incident_playbook",
};
constexpr std::string_view kRoutine[] = {
    "routine.board",
    "routine.patrol",
    "routine.problems",
    "routine.best_practices",
};
constexpr std::string_view kSprint[] = {
    "sprint.lagging_push",
    "sprint.close_problems",
    "sprint.closeout_checklist",
};
constexpr std::string_view kReview[] = {
    "review.report",
    "review.lessons",
};

std::string day_label(int n) { return fmt::format("D{}", n); }

std::string span_label(int a, int b) {
  return a == b ? day_label(a) : fmt::format("{}-{}", day_label(a), day_label(b));
}

}  // namespace

std::string_view phase_token(Phase p) { return kPhaseTokens[static_cast<int>(p)]; }

std::vector<PhaseStep> phase_plan(int32_t first_day, int32_t last_day) {
  const int n = last_day - first_day + 1;
  std::vector<PhaseStep> plan;
  plan.push_back({Phase::kPrelaunch, first_day - 1, first_day - 1, "D-1", kPrelaunch});
  plan.push_back({Phase::kFirstDay, first_day, first_day, "D1", kFirstDay});
  // The sprint takes the last two days, but never day 1.
  const int sprint_from = std::max(2, n - 1);
  if (sprint_from - 1 >= 2) {
    plan.push_back({Phase::kRoutine, first_day + 1, first_day + sprint_from - 2,
                    span_label(2, sprint_from - 1), kRoutine});
  }
  if (n >= 2) {
    plan.push_back({Phase::kSprint, first_day + sprint_from - 1, last_day,
                    span_label(sprint_from, n), kSprint});
  }
  plan.push_back({Phase::kReview, last_day + 1, last_day + 1, "D+1", kReview});
  return plan;
}

bool is_phase_task(std::string_view task) {
  for (auto list :
       {std::span<const std::string_view>(kPrelaunch), std::span<const std::string_view>(kFirstDay),
        std::span<const std::string_view>(kRoutine), std::span<const std::string_view>(kSprint),
        std::span<const std::string_view>(kReview)}) {
    for (std::string_view t : list) {
      if (t == task) return true;
    }
  }
  return false;
}

}  // namespace pitwall::core::supervision
