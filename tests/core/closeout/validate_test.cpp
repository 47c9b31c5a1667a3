// Stage 2, validate (closeout.md §2): each rule positive and negative, boundaries inclusive.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::definition;
using testing::find_finding;
using testing::Fixture;
using testing::paid_order;
using testing::TableBuilder;
using S = OrderStatus;

Table price_p1_100() {
  return TableBuilder(TableKind::kPriceList)
      .row({{"package", "P1"}, {"list_price", "100.00"}})
      .build();
}

TEST(Validate, AmountRangeExcludesZeroPaidAndFlagsOutOfRange) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("zero", "c1", {{"paid_amount", "0.00"}}))
                 .row(paid_order("max", "c2", {{"paid_amount", "50000.00"}}))
                 .row(paid_order("over", "c3", {{"paid_amount", "50000.01"}}))
                 .row(paid_order("none", "c4", {{"paid_amount", ""}}))
                 .row({{"order_id", "cancelled"},
                       {"customer_id", "c5"},
                       {"status", "cancelled"},
                       {"created_at", "2023-03-02 10:00:00"},
                       {"store_code", "S1"}})
                 .build();
  RunResult r = f.run();
  ASSERT_NE(find_finding(r, "zero", Rule::kAmountRange), nullptr);
  EXPECT_EQ(find_finding(r, "zero", Rule::kAmountRange)->action, Action::kExclude);
  EXPECT_EQ(find_finding(r, "max", Rule::kAmountRange), nullptr);  // max inclusive
  ASSERT_NE(find_finding(r, "over", Rule::kAmountRange), nullptr);
  EXPECT_EQ(find_finding(r, "over", Rule::kAmountRange)->action, Action::kFlag);
  ASSERT_NE(find_finding(r, "none", Rule::kAmountRange), nullptr);
  EXPECT_EQ(find_finding(r, "cancelled", Rule::kAmountRange), nullptr);
  EXPECT_EQ(r.orders.first_exclusion[testing::order_index(r, "zero")],
            static_cast<uint8_t>(Rule::kAmountRange));
  EXPECT_EQ(r.orders.first_exclusion[testing::order_index(r, "over")], kNoExclusion);
}

TEST(Validate, AmountRangeAgainstPriceListIsPlusMinusFiftyPercentInclusive) {
  Fixture f;
  f.price_list = price_p1_100();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("150", "c1", {{"paid_amount", "150.00"}}))
                 .row(paid_order("150.01", "c2", {{"paid_amount", "150.01"}}))
                 .row(paid_order("50", "c3", {{"paid_amount", "50.00"}}))
                 .row(paid_order("49.99", "c4", {{"paid_amount", "49.99"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_EQ(find_finding(r, "150", Rule::kAmountRange), nullptr);
  EXPECT_NE(find_finding(r, "150.01", Rule::kAmountRange), nullptr);
  EXPECT_EQ(find_finding(r, "50", Rule::kAmountRange), nullptr);
  EXPECT_NE(find_finding(r, "49.99", Rule::kAmountRange), nullptr);
}

TEST(Validate, PaidGreaterThanGross) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("more", "c1", {{"gross_amount", "99.99"}}))
                 .row(paid_order("equal", "c2", {{"gross_amount", "100.00"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_NE(find_finding(r, "more", Rule::kPaidGtGross), nullptr);
  EXPECT_EQ(find_finding(r, "equal", Rule::kPaidGtGross), nullptr);
}

TEST(Validate, StatusTimeMissingOrOutOfOrder) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("no_paid_at", "c1", {{"paid_at", ""}}))
                 .row(paid_order("paid_first", "c2", {{"paid_at", "2023-03-10 09:59:59"}}))
                 .row(paid_order("no_redeemed_at", "c3", {{"status", "redeemed"}}))
                 .row(paid_order("fine", "c4",
                                 {{"status", "redeemed"}, {"redeemed_at", "2023-03-10 10:05:00"}}))
                 .build();
  RunResult r = f.run();
  const Finding* f1 = find_finding(r, "no_paid_at", Rule::kStatusTime);
  ASSERT_NE(f1, nullptr);
  EXPECT_EQ(f1->field, orders::kPaidAt);
  EXPECT_NE(find_finding(r, "paid_first", Rule::kStatusTime), nullptr);
  const Finding* f3 = find_finding(r, "no_redeemed_at", Rule::kStatusTime);
  ASSERT_NE(f3, nullptr);
  EXPECT_EQ(f3->field, orders::kRedeemedAt);
  EXPECT_EQ(find_finding(r, "fine", Rule::kStatusTime), nullptr);
}

TEST(Validate, VectorC5CrossPeriodTaggedAndCountedByPaymentTime) {
  Fixture f;
  f.definitions = {testing::finance(),
                   definition("ops", TimeBasis::kCreatedAt, {S::kPaid, S::kRedeemed}, false)};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order(
                     "C5", "c1",
                     {{"created_at", "2023-02-28 20:00:00"}, {"paid_at", "2023-03-01 09:00:00"}}))
                 .row(paid_order("inside", "c2"))
                 .build();
  RunResult r = f.run();
  const Finding* tag = find_finding(r, "C5", Rule::kCrossPeriod);
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(tag->action, Action::kTag);
  EXPECT_EQ(find_finding(r, "inside", Rule::kCrossPeriod), nullptr);
  uint32_t k = testing::order_index(r, "C5");
  EXPECT_EQ(r.evaluations[0].verdict[k], verdict::kCounted);        // paid_at basis
  EXPECT_EQ(r.evaluations[1].verdict[k], verdict::kOutsideWindow);  // created_at basis
}

TEST(Validate, CrossPeriodTheOtherWayCreatedInsidePaidAfterEnd) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order(
                     "late", "c1",
                     {{"created_at", "2023-03-31 23:00:00"}, {"paid_at", "2023-04-01 00:00:00"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_NE(find_finding(r, "late", Rule::kCrossPeriod), nullptr);
  EXPECT_EQ(r.evaluations[0].verdict[0], verdict::kOutsideWindow);
}

TEST(Validate, VectorC6LastSecondInsideMidnightOutside) {
  Fixture f;
  f.definitions = {definition("ops", TimeBasis::kCreatedAt, {S::kCreated, S::kPaid}, false)};
  f.campaign.settlement_definition = "ops";
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order(
                     "2359", "c1",
                     {{"created_at", "2023-03-31 23:59:59"}, {"paid_at", "2023-03-31 23:59:59"}}))
                 .row(paid_order(
                     "0000", "c2",
                     {{"created_at", "2023-04-01 00:00:00"}, {"paid_at", "2023-04-01 00:00:00"}}))
                 .row(paid_order(
                     "first", "c3",
                     {{"created_at", "2023-03-01 00:00:00"}, {"paid_at", "2023-03-01 00:00:00"}}))
                 .row(paid_order(
                     "before", "c4",
                     {{"created_at", "2023-02-28 23:59:59"}, {"paid_at", "2023-02-28 23:59:59"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_EQ(r.evaluations[0].verdict[0], verdict::kCounted);
  EXPECT_EQ(r.evaluations[0].verdict[1], verdict::kOutsideWindow);
  EXPECT_EQ(r.evaluations[0].verdict[2], verdict::kCounted);  // start inclusive
  EXPECT_EQ(r.evaluations[0].verdict[3], verdict::kOutsideWindow);
}

TEST(Validate, LateReviewOnlyForLastDayOrdersAfterTheCutoff) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("late", "c1",
                                 {{"created_at", "2023-03-31 20:00:00"},
                                  {"paid_at", "2023-03-31 20:01:00"},
                                  {"approved_at", "2023-04-01 12:00:01"}}))
                 .row(paid_order("on_time", "c2",
                                 {{"created_at", "2023-03-31 20:00:00"},
                                  {"paid_at", "2023-03-31 20:01:00"},
                                  {"approved_at", "2023-04-01 12:00:00"}}))
                 .row(paid_order("earlier_day", "c3",
                                 {{"created_at", "2023-03-30 23:59:59"},
                                  {"paid_at", "2023-03-31 00:01:00"},
                                  {"approved_at", "2023-04-02 09:00:00"}}))
                 .row(paid_order("midnight", "c4",
                                 {{"created_at", "2023-03-31 00:00:00"},
                                  {"paid_at", "2023-03-31 00:01:00"},
                                  {"approved_at", "2023-04-02 09:00:00"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_NE(find_finding(r, "late", Rule::kLateReview), nullptr);
  EXPECT_EQ(find_finding(r, "on_time", Rule::kLateReview), nullptr);
  EXPECT_EQ(find_finding(r, "earlier_day", Rule::kLateReview), nullptr);
  EXPECT_NE(find_finding(r, "midnight", Rule::kLateReview),
            nullptr);  // 00:00:00 local is the last day
}

TEST(Validate, ReferencesToCustomersStoresAndStaff) {
  Fixture f;
  f.customers = TableBuilder(TableKind::kCustomers).row({{"customer_id", "known"}}).build();
  f.staff = TableBuilder(TableKind::kStaff)
                .row({{"staff_id", "E1"}, {"store_code", "S1"}})
                .row({{"staff_id", "E2"}, {"store_code", "S2"}})
                .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("ok", "known", {{"closer", "E1"}}))
                 .row(paid_order("stranger", "who", {{"closer", "E1"}}))
                 .row(paid_order("alias", "known", {{"store_code", "OLD1"}, {"closer", "E1"}}))
                 .row(paid_order("unknown_store", "known", {{"store_code", "S9"}}))
                 .row(paid_order("no_store", "known", {{"store_code", ""}}))
                 .row(paid_order("other_staff", "known", {{"closer", "E2"}}))
                 .row(paid_order("ghost_staff", "known", {{"inviter", "E9"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_EQ(find_finding(r, "ok", Rule::kRefCustomer), nullptr);
  EXPECT_NE(find_finding(r, "stranger", Rule::kRefCustomer), nullptr);
  EXPECT_EQ(find_finding(r, "ok", Rule::kRefStore), nullptr);
  EXPECT_EQ(find_finding(r, "alias", Rule::kRefStore), nullptr);  // after alias mapping
  EXPECT_EQ(find_finding(r, "alias", Rule::kRefStaff), nullptr);
  EXPECT_NE(find_finding(r, "unknown_store", Rule::kRefStore), nullptr);
  EXPECT_NE(find_finding(r, "no_store", Rule::kRefStore), nullptr);
  EXPECT_EQ(find_finding(r, "ok", Rule::kRefStaff), nullptr);
  const Finding* other = find_finding(r, "other_staff", Rule::kRefStaff);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->field, orders::kCloser);
  const Finding* ghost = find_finding(r, "ghost_staff", Rule::kRefStaff);
  ASSERT_NE(ghost, nullptr);
  EXPECT_EQ(ghost->field, orders::kInviter);
  for (const Finding& x : r.findings.items()) {
    if (rule_token(x.rule).substr(0, 4) == "ref.") {
      EXPECT_EQ(x.action, Action::kFlag);
    }
  }
}

TEST(Validate, TestOrdersByCustomerStaffOrAmountAreExcluded) {
  Fixture f;
  f.campaign.test.customer_ids = {"tester"};
  f.campaign.test.staff_ids = {"E-test"};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("by_customer", "tester"))
                 .row(paid_order("by_staff", "c2", {{"receiver", "E-test"}}))
                 .row(paid_order("by_amount", "c3", {{"paid_amount", "0.01"}}))
                 .row(paid_order("real", "c4", {{"paid_amount", "0.02"}}))
                 .build();
  RunResult r = f.run();
  for (const char* id : {"by_customer", "by_staff", "by_amount"}) {
    const Finding* t = find_finding(r, id, Rule::kTestOrder);
    ASSERT_NE(t, nullptr) << id;
    EXPECT_EQ(t->action, Action::kExclude);
  }
  EXPECT_EQ(find_finding(r, "real", Rule::kTestOrder), nullptr);
}

}  // namespace
}  // namespace pitwall::core::closeout
