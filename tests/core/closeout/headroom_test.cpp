// Sums of money never wrap (issue 22, Deliver 3): a run whose amounts could carry any total past
// ±2^63 fen is refused before it computes, naming the amounts; at the edge it runs and its totals
// are exact.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::Fixture;
using testing::paid_order;
using testing::TableBuilder;

constexpr int64_t kQuarter = kMoneyHeadroomFen / 4;  // 2^57 fen

// `n` paid orders at S1, each of `fen` paid.
Fixture orders_of(int n, int64_t fen) {
  Fixture f;
  TableBuilder b(TableKind::kOrders);
  for (int i = 0; i < n; ++i) b.row(paid_order("o" + std::to_string(i), "c" + std::to_string(i)));
  f.orders = b.build();
  int paid = f.orders.schema().column_index("paid_amount");
  for (int i = 0; i < n; ++i) f.orders.columns[paid].set_i64(i, fen);
  return f;
}

TEST(AmountHeadroom, Issue22AtTheEdgeTheTotalsAreExact) {
  Fixture f = orders_of(4, kQuarter);  // magnitudes add up to exactly 2^59
  ASSERT_TRUE(check_amount_headroom(f.inputs()));
  RunResult r = f.run();
  EXPECT_EQ(r.settlement.total.received_fen, kMoneyHeadroomFen);
  // 5% of 2^59 fen, rounded half up: 2^59 / 20 = 28823037615171174.4.
  EXPECT_EQ(r.settlement.total.rebate_fen, 28823037615171174);
}

TEST(AmountHeadroom, Issue22OneFenPastTheEdgeIsRefused) {
  Fixture f = orders_of(4, kQuarter);
  int discount = f.orders.schema().column_index("discount_amount");
  f.orders.columns[discount].set_i64(0, 1);
  auto r = run_closeout(f.inputs());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("too large to add up exactly"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().where.column, "paid_amount");
}

// Before: 100 orders at the importer's largest amount (10^15 yuan each) settled a received total
// of -8.4 * 10^16 yuan (wrapped).
TEST(AmountHeadroom, Issue22ManyLargeOrdersAreRefusedNotWrapped) {
  Fixture f = orders_of(100, int64_t{100'000'000'000'000'000});
  auto r = run_closeout(f.inputs());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
}

TEST(AmountHeadroom, Issue22NegativeAmountsCountByTheirMagnitude) {
  Fixture f = orders_of(4, kQuarter);
  int paid = f.orders.schema().column_index("paid_amount");
  f.orders.columns[paid].set_i64(3, -kQuarter);  // adds up to 2^58, but a subset reaches 3 * 2^57
  ASSERT_TRUE(check_amount_headroom(f.inputs()));
  f.orders.columns[paid].set_i64(3, -kQuarter - 1);
  EXPECT_FALSE(check_amount_headroom(f.inputs()));
}

TEST(AmountHeadroom, Issue22PerOrderRebateAndSideAmountsCountForEveryOrder) {
  Fixture f = orders_of(2, 100);
  f.campaign.rebate.per_order = Money::from_fen(kMoneyHeadroomFen / 2);  // 2 orders: 2^59 + 200
  EXPECT_FALSE(check_amount_headroom(f.inputs()));
  f.campaign.rebate.per_order = Money::from_fen(kMoneyHeadroomFen / 2 - 100);
  EXPECT_TRUE(check_amount_headroom(f.inputs()));
  // A list price may become any order's amount.
  f.price_list =
      TableBuilder(TableKind::kPriceList).row({{"package", "P1"}, {"list_price", "0.01"}}).build();
  EXPECT_FALSE(check_amount_headroom(f.inputs()));
}

}  // namespace
}  // namespace pitwall::core::closeout
