#include "core/supervision/problem.hpp"

#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::at;

ProblemDraft draft(std::string id = "P0001") {
  return {id,       "S01", "海报未张贴", "checklist_failure/2023-03-01/S01/materials",
          "李店长", "hq",  "巡检发现"};
}

TEST(Problem, FullLifeFromOpenToVerified) {
  Problem p = open_problem(draft(), at("2023-03-01 09:00"), 24).release_value();
  EXPECT_EQ(p.status, ProblemStatus::kOpen);
  EXPECT_EQ(p.due_at, at("2023-03-02 09:00"));
  ASSERT_TRUE(change_owner(p, "hq", "王区域", at("2023-03-01 09:10")));
  EXPECT_EQ(p.first_response_at, kNoTime);  // handing over is not a response
  ASSERT_TRUE(add_action(p, "王区域", "电话联系店长，当天补贴海报", at("2023-03-01 10:30")));
  EXPECT_EQ(p.status, ProblemStatus::kInProgress);
  EXPECT_EQ(p.first_response_at, at("2023-03-01 10:30"));
  ASSERT_TRUE(add_action(p, "王区域", "照片已回传", at("2023-03-01 15:00")));
  EXPECT_EQ(p.first_response_at, at("2023-03-01 10:30"));
  ASSERT_TRUE(close_problem(p, "王区域", "已张贴", at("2023-03-01 16:00")));
  EXPECT_TRUE(p.closed_on_time());
  // Whoever closed it does not verify it.
  EXPECT_EQ(verify_problem(p, "王区域", "", at("2023-03-02 09:00")).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(verify_problem(p, "hq", "视频抽查确认", at("2023-03-02 10:00")));
  EXPECT_EQ(p.status, ProblemStatus::kVerified);
  ASSERT_EQ(p.events.size(), 6u);
  EXPECT_EQ(p.events[0].kind, ProblemEventKind::kOpen);
  EXPECT_EQ(p.events[5].kind, ProblemEventKind::kVerify);
  EXPECT_EQ(p.events[5].by, "hq");

  ProblemStats s = problem_stats({&p, 1}, at("2023-03-03 00:00"));
  EXPECT_EQ(s.verified, 1);
  EXPECT_EQ(s.closed_on_time, 1);
  EXPECT_EQ(s.first_response.count, 1);
  EXPECT_DOUBLE_EQ(s.first_response.mean, 1.5);  // 09:00 -> 10:30
  EXPECT_DOUBLE_EQ(s.time_to_close.mean, 7.0);   // 09:00 -> 16:00
}

TEST(Problem, ReopenCountsAndMakesItDueAgain) {
  Problem p = open_problem(draft(), at("2023-03-01 09:00"), 24).release_value();
  ASSERT_TRUE(close_problem(p, "李店长", "", at("2023-03-01 12:00")));
  EXPECT_EQ(p.first_response_at, at("2023-03-01 12:00"));  // closing is a response too
  ASSERT_TRUE(reopen_problem(p, "hq", "抽查仍未张贴", at("2023-03-02 12:00"), 24));
  EXPECT_EQ(p.status, ProblemStatus::kOpen);
  EXPECT_EQ(p.reopened, 1);
  EXPECT_EQ(p.closed_at, kNoTime);
  EXPECT_EQ(p.due_at, at("2023-03-03 12:00"));
  EXPECT_FALSE(p.closed_on_time());
  ASSERT_TRUE(close_problem(p, "李店长", "", at("2023-03-03 09:00")));
  // Closed 48 hours after it was opened, but within the new due time.
  EXPECT_TRUE(p.closed_on_time());
  ProblemStats s = problem_stats({&p, 1}, at("2023-03-04 00:00"));
  EXPECT_EQ(s.reopened, 1);
  EXPECT_DOUBLE_EQ(s.time_to_close.max, 48.0);
}

TEST(Problem, RefusesTransitionsTheLoopDoesNotHave) {
  Problem p = open_problem(draft(), at("2023-03-01 09:00"), 24).release_value();
  EXPECT_EQ(add_action(p, "x", "", at("2023-03-01 09:30")).error().where.column, "action");
  auto verify = verify_problem(p, "hq", "", at("2023-03-01 10:00"));
  ASSERT_FALSE(verify.has_value());
  EXPECT_EQ(verify.error().code, ErrorCode::kConflict);
  EXPECT_EQ(reopen_problem(p, "hq", "", at("2023-03-01 10:00"), 24).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(close_problem(p, "x", "", at("2023-03-01 10:00")));
  EXPECT_EQ(close_problem(p, "x", "", at("2023-03-01 11:00")).error().code, ErrorCode::kConflict);
  EXPECT_EQ(add_action(p, "x", "more", at("2023-03-01 11:00")).error().code, ErrorCode::kConflict);
  ProblemDraft no_owner = draft();
  no_owner.owner.clear();
  auto missing = open_problem(no_owner, 0, 24);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().where.column, "owner");
}

TEST(Problem, OverdueListMostOverdueFirst) {
  Problem a = open_problem(draft("P0001"), at("2023-03-01 09:00"), 24).release_value();
  Problem b = open_problem(draft("P0002"), at("2023-03-01 08:00"), 24).release_value();
  Problem c = open_problem(draft("P0003"), at("2023-03-01 08:00"), 24).release_value();
  Problem d = open_problem(draft("P0004"), at("2023-03-02 08:00"), 24).release_value();
  ASSERT_TRUE(close_problem(c, "x", "", at("2023-03-02 09:00")));
  std::vector<Problem> all = {a, b, c, d};
  auto overdue = overdue_problems(all, at("2023-03-02 10:00"));
  ASSERT_EQ(overdue.size(), 2u);
  EXPECT_EQ(overdue[0]->id, "P0002");
  EXPECT_EQ(overdue[1]->id, "P0001");
  EXPECT_EQ(problem_stats(all, at("2023-03-02 10:00")).overdue, 2);
}

TEST(HoursSummary, MedianOfEvenAndOdd) {
  EXPECT_DOUBLE_EQ(summarise_hours({3, 1, 2}).median, 2);
  EXPECT_DOUBLE_EQ(summarise_hours({4, 1, 2, 3}).median, 2.5);
  EXPECT_EQ(summarise_hours({}).count, 0);
}

}  // namespace
}  // namespace pitwall::core::supervision
