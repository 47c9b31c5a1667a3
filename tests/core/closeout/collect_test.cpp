// Stage 1, collect (closeout.md §1): one order per order id, latest updated_at wins, else the
// later batch, else the later row; the other rows are kept as history.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::Fixture;
using testing::paid_order;
using testing::TableBuilder;

TEST(Collect, LatestUpdatedAtWinsEvenFromAnEarlierBatch) {
  Fixture f;
  f.orders =
      TableBuilder(TableKind::kOrders)
          .row(paid_order("A", "c1",
                          {{"updated_at", "2023-03-12 10:00:00"}, {"paid_amount", "120.00"}}),
               1)
          .row(paid_order("A", "c1",
                          {{"updated_at", "2023-03-11 10:00:00"}, {"paid_amount", "100.00"}}),
               2)
          .build();
  RunResult r = f.run();
  ASSERT_EQ(r.orders.size(), 1u);
  EXPECT_EQ(r.orders.row[0], 0u);  // the batch-1 row is newer
  ASSERT_EQ(r.orders.history.size(), 1u);
  EXPECT_EQ(r.orders.history[0], (std::pair<uint32_t, uint32_t>(0, 1)));
  EXPECT_EQ(r.evaluations[0].total.amount_fen, 12000);
  const Finding* same = testing::find_finding(r, "A", Rule::kSameId);
  ASSERT_NE(same, nullptr);
  EXPECT_EQ(same->action, Action::kTag);
  EXPECT_EQ(r.findings.text(same->detail), "2");
}

TEST(Collect, WithoutBothUpdatedAtTheLaterBatchWins) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("A", "c1", {{"updated_at", "2023-03-12 10:00:00"}}), 1)
                 .row(paid_order("A", "c1", {{"paid_amount", "90.00"}}), 2)
                 .build();
  RunResult r = f.run();
  EXPECT_EQ(r.orders.row[0], 1u);
  EXPECT_EQ(r.evaluations[0].total.orders, 1);  // one order id is one order, raw included
  EXPECT_EQ(r.evaluations[0].total.amount_fen, 9000);
}

TEST(Collect, EqualUpdatedAtTheLaterRowWins) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("A", "c1", {{"updated_at", "2023-03-12 10:00:00"}}), 1)
                 .row(paid_order("B", "c2"), 1)
                 .row(paid_order("A", "c1",
                                 {{"updated_at", "2023-03-12 10:00:00"}, {"paid_amount", "80.00"}}),
                      1)
                 .build();
  RunResult r = f.run();
  ASSERT_EQ(r.orders.size(), 2u);
  // Orders are numbered in the order of their winning rows: B (row 1), then A (row 2).
  EXPECT_EQ(r.orders.order_id(0), "B");
  EXPECT_EQ(r.orders.order_id(1), "A");
  EXPECT_EQ(r.orders.row[0], 1u);
  EXPECT_EQ(r.orders.row[1], 2u);
}

TEST(Collect, EmptyOrderIdIsAProblemNotAnOrder) {
  Fixture f;
  f.orders =
      TableBuilder(TableKind::kOrders).row(paid_order("", "c1")).row(paid_order("B", "c2")).build();
  RunResult r = f.run();
  EXPECT_EQ(r.orders.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code, "empty_order_id");
  EXPECT_EQ(r.problems[0].line, 2);
}

TEST(Collect, UnknownOrderIdsOfSideInputsAreProblems) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders).row(paid_order("A", "c1")).build();
  f.exceptions = TableBuilder(TableKind::kExceptions)
                     .row({{"order_id", "NOPE"}, {"reason", "x"}})
                     .row({{"order_id", "A"}, {"reason", "refund fraud"}})
                     .build();
  f.decisions.push_back({"GHOST", DecisionKind::kExclude, "", "r", "arb", 0});
  RunResult r = f.run();
  ASSERT_EQ(r.problems.size(), 2u);  // sorted by source, then line
  EXPECT_EQ(r.problems[0].source, "decisions");
  EXPECT_EQ(r.problems[0].value, "GHOST");
  EXPECT_EQ(r.problems[1].source, "exceptions");
  EXPECT_EQ(r.problems[1].value, "NOPE");
  EXPECT_EQ(r.problems[1].line, 2);
  ASSERT_NE(testing::find_finding(r, "A", Rule::kCsException), nullptr);
}

}  // namespace
}  // namespace pitwall::core::closeout
