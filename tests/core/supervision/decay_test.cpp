#include "core/supervision/decay.hpp"

#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::add_row;

// S5: completeness 100/85/65/40, willingness 100/90/70/50 by level. HQ's means are 90 and 80
// here, so the normalisation does real work: region 76.5 / 90 = 85%, 72 / 80 = 90%, ...
TEST(ExecutionDecay, S5) {
  Table t = Table::empty(TableKind::kSurvey);
  add_row(t, {"hq", "a", "", "80", "70"});
  add_row(t, {"hq", "b", "", "100", "90"});
  add_row(t, {"region", "c", "", "76.5", "72"});
  add_row(t, {"store_manager", "d", "S01", "60", "50"});
  add_row(t, {"store_manager", "e", "S02", "57", "62"});
  add_row(t, {"store_manager", "f", "S03", "", ""});  // no answers: not in the means
  add_row(t, {"frontline", "g", "S01", "36", "40"});
  add_row(t, {"frontline", "h", "S01", "36", "40"});
  DecayReport r = execution_decay(t);
  ASSERT_EQ(r.levels.size(), 4u);
  const double completeness[] = {100, 85, 65, 40};  // 90, 76.5, 58.5, 36 of 90
  const double willingness[] = {100, 90, 70, 50};   // 80, 72, 56, 40 of 80
  for (int l = 0; l < 4; ++l) {
    EXPECT_EQ(round_half_away(*r.levels[l].completeness_index, 2), completeness[l]) << l;
    EXPECT_EQ(round_half_away(*r.levels[l].willingness_index, 2), willingness[l]) << l;
  }
  EXPECT_EQ(r.levels[2].respondents, 3);
  EXPECT_DOUBLE_EQ(*r.levels[2].completeness, 58.5);
  EXPECT_EQ(r.weakest_step, 3);  // 65 -> 40, the largest fall
  EXPECT_NEAR(r.weakest_drop, 25, 1e-9);
}

TEST(ExecutionDecay, WithoutHqNothingIsNormalised) {
  Table t = Table::empty(TableKind::kSurvey);
  add_row(t, {"region", "c", "", "76.5", "72"});
  DecayReport r = execution_decay(t);
  EXPECT_TRUE(r.levels[1].completeness.has_value());
  EXPECT_FALSE(r.levels[1].completeness_index.has_value());
  EXPECT_EQ(r.weakest_step, -1);
}

}  // namespace
}  // namespace pitwall::core::supervision
