#include "core/supervision/phase_plan.hpp"

#include <gtest/gtest.h>

namespace pitwall::core::supervision {
namespace {

std::vector<std::string> labels(const std::vector<PhaseStep>& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan) out.push_back(s.label);
  return out;
}

TEST(PhasePlan, TheSeedsSevenDays) {
  auto plan = phase_plan(100, 106);
  EXPECT_EQ(labels(plan), (std::vector<std::string>{"D-1", "D1", "D2-D5", "D6-D7", "D+1"}));
  EXPECT_EQ(plan[0].first_day, 99);
  EXPECT_EQ(plan[2].first_day, 101);
  EXPECT_EQ(plan[2].last_day, 104);
  EXPECT_EQ(plan[3].phase, Phase::kSprint);
  EXPECT_EQ(plan[3].first_day, 105);
  EXPECT_EQ(plan[4].first_day, 107);
  EXPECT_EQ(plan[0].tasks.front(), "prelaunch.materials");
}

TEST(PhasePlan, StretchedAndShortened) {
  EXPECT_EQ(labels(phase_plan(0, 30)),
            (std::vector<std::string>{"D-1", "D1", "D2-D29", "D30-D31", "D+1"}));
  EXPECT_EQ(labels(phase_plan(0, 3)),
            (std::vector<std::string>{"D-1", "D1", "D2", "D3-D4", "D+1"}));
  EXPECT_EQ(labels(phase_plan(0, 2)), (std::vector<std::string>{"D-1", "D1", "D2-D3", "D+1"}));
  EXPECT_EQ(labels(phase_plan(0, 1)), (std::vector<std::string>{"D-1", "D1", "D2", "D+1"}));
  EXPECT_EQ(labels(phase_plan(0, 0)), (std::vector<std::string>{"D-1", "D1", "D+1"}));
}

TEST(PhasePlan, KnowsItsTasks) {
  EXPECT_TRUE(is_phase_task("routine.board"));
  EXPECT_FALSE(is_phase_task("routine.nothing"));
}

}  // namespace
}  // namespace pitwall::core::supervision
