// Settlement and gross vs net (closeout.md §6, §10): rebates per store on cleaned orders, the
// rebate on raw data and the overpayment avoided, clawbacks, unattributed orders, staff shares,
// difference rate and ROI.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::Fixture;
using testing::paid_order;
using testing::TableBuilder;

Fixture settlement_fixture() {
  Fixture f;
  f.campaign.rebate.rate = Rate::from_basis(500);
  f.campaign.rebate.per_order = Money::from_yuan(1);
  f.campaign.cost = Money::from_yuan(1000);
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("a", "c1", {{"closer", "E1"}}))
                 .row(paid_order("b", "c2",
                                 {{"status", "redeemed"},
                                  {"paid_amount", "50.00"},
                                  {"redeemed_at", "2023-03-11 10:00:00"},
                                  {"inviter", "E1"},
                                  {"receiver", "E2"},
                                  {"closer", "E3"}}))
                 .row(paid_order("c", "c3", {{"store_code", "S2"}, {"paid_amount", "200.00"}}))
                 .row(paid_order("t", "c4", {{"store_code", "S2"}, {"paid_amount", "0.01"}}))
                 .row(paid_order("u", "c5", {{"store_code", "S9"}, {"paid_amount", "30.00"}}))
                 .row(paid_order("s", "c6",
                                 {{"status", "refunded"},
                                  {"discount_amount", "20.00"},
                                  {"refunded_at", "2023-03-12 10:00:00"}}))
                 .build();
  return f;
}

TEST(Settlement, RebatesOverpaymentClawbacksAndUnattributed) {
  RunResult r = settlement_fixture().run();
  const Settlement& s = r.settlement;
  ASSERT_EQ(s.stores.size(), 3u);
  // S1: a + b = 150.00 -> 7.50 + 2 x 1.00 = 9.50; clawback of s's 20.00 benefit.
  EXPECT_EQ(s.stores[0].orders, 2);
  EXPECT_EQ(s.stores[0].received_fen, 15000);
  EXPECT_EQ(s.stores[0].rebate_fen, 950);
  EXPECT_EQ(s.stores[0].clawback_fen, 2000);
  EXPECT_EQ(s.stores[0].payable_fen, 950 - 2000);
  // S2 cleaned: c = 200.00 -> 10.00 + 1.00; raw adds the test order: 200.01 x 5% = 10.0005
  // -> 10.00, + 2 x 1.00 = 12.00; overpayment avoided 1.00.
  EXPECT_EQ(s.stores[1].rebate_fen, 1100);
  EXPECT_EQ(s.stores[1].raw_rebate_fen, 1200);
  EXPECT_EQ(s.stores[1].overpayment_avoided_fen, 100);
  EXPECT_EQ(s.stores[2].orders, 0);
  // Unattributed: u, no rebate.
  EXPECT_EQ(s.unattributed.orders, 1);
  EXPECT_EQ(s.unattributed.received_fen, 3000);
  ASSERT_EQ(s.unattributed_orders.size(), 1u);
  EXPECT_EQ(r.orders.order_id(s.unattributed_orders[0]), "u");
  EXPECT_EQ(s.total.rebate_fen, 950 + 1100);
  EXPECT_EQ(s.total.raw_rebate_fen, 950 + 1200);
  EXPECT_EQ(s.total.payable_fen, 950 + 1100 - 2000);
}

TEST(Settlement, StaffSharesFromTheSplit) {
  RunResult r = settlement_fixture().run();
  const Settlement& s = r.settlement;
  ASSERT_EQ(s.staff.size(), 3u);
  auto share = [&](const std::string& id) {
    for (const StaffShare& x : s.staff) {
      if (s.staff_ids[x.staff] == id) return std::pair(x.orders, x.share_fen);
    }
    return std::pair<int64_t, int64_t>(-1, -1);
  };
  // a: closer E1 alone takes 100.00; b: 50.00 split 25.00 / 15.00 / 10.00.
  EXPECT_EQ(share("E1"), (std::pair<int64_t, int64_t>(2, 12500)));
  EXPECT_EQ(share("E2"), (std::pair<int64_t, int64_t>(1, 1500)));
  EXPECT_EQ(share("E3"), (std::pair<int64_t, int64_t>(1, 1000)));
  EXPECT_EQ(s.unassigned_split_fen, 20000 + 3000);  // c and u name nobody
}

TEST(Settlement, GrossVsNetDifferenceRateAndRoi) {
  RunResult r = settlement_fixture().run();
  ASSERT_EQ(r.gross_net.size(), 1u);
  const GrossNet& g = r.gross_net[0];
  const Evaluation& raw = r.evaluations[g.raw];
  const Evaluation& clean = r.evaluations[g.cleaned];
  EXPECT_EQ(raw.total.orders, 5);    // a b c t u
  EXPECT_EQ(clean.total.orders, 4);  // t is a test order
  ASSERT_TRUE(g.order_difference_rate.has_value());
  EXPECT_DOUBLE_EQ(*g.order_difference_rate, -0.2);
  EXPECT_EQ(g.rebate_raw_fen, 2150);
  EXPECT_EQ(g.rebate_cleaned_fen, 2050);
  // ROI = (received - cost) / cost, cost = 1000.00 + rebates.
  ASSERT_TRUE(g.roi_cleaned.has_value());
  EXPECT_DOUBLE_EQ(*g.roi_cleaned, (38000.0 - 100000 - 2050) / (100000 + 2050));
  EXPECT_DOUBLE_EQ(*g.roi_raw, (38001.0 - 100000 - 2150) / (100000 + 2150));
}

TEST(Settlement, RoiIsNotAvailableWithoutCost) {
  Fixture f = settlement_fixture();
  f.campaign.cost = Money::from_fen(0);
  f.campaign.rebate.rate = Rate::from_basis(0);
  f.campaign.rebate.per_order = Money::from_fen(0);
  RunResult r = f.run();
  EXPECT_FALSE(r.gross_net[0].roi_raw.has_value());
  EXPECT_FALSE(r.gross_net[0].roi_cleaned.has_value());
}

TEST(Settlement, ArbitratedCountClearsAClawback) {
  Fixture f = settlement_fixture();
  f.decisions.push_back({"s", DecisionKind::kCount, "", "genuine refund", "arb", 0});
  RunResult r = f.run();
  EXPECT_EQ(r.settlement.stores[0].clawback_fen, 0);
}

}  // namespace
}  // namespace pitwall::core::closeout
