// Stage 3, de-duplication (closeout.md §3): identity resolution, double submit, cancel-reorder,
// per-vehicle and per-customer limits, customer-service exceptions.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::find_finding;
using testing::Fixture;
using testing::order_index;
using testing::paid_order;
using testing::TableBuilder;

Fixture without_limits() {
  Fixture f;
  f.campaign.limits.per_vin = 0;
  f.campaign.limits.per_customer = 0;
  return f;
}

TEST(Identity, AccountsSharingANormalisedPhoneOrVinAreOnePerson) {
  Fixture f = without_limits();
  f.orders =
      TableBuilder(TableKind::kOrders)
          .row(paid_order("1", "a", {{"phone", "13800000000"}}))
          .row(paid_order("2", "b", {{"phone", "+86 138-0000-0000"}}))
          .row(paid_order("3", "c", {{"vin", "lvshcamb000000001"}}))
          .row(paid_order("4", "d", {{"vin", "LVSHCAMB000000001"}, {"phone", "13900000000"}}))
          .row(paid_order("5", "e", {{"phone", "13900000001"}}))
          .build();
  RunResult r = f.run();
  const auto& o = r.orders;
  auto person = [&](const char* id) { return o.identity[o.customer[order_index(r, id)]]; };
  EXPECT_EQ(person("1"), person("2"));
  EXPECT_EQ(person("3"), person("4"));
  EXPECT_NE(person("1"), person("3"));
  EXPECT_NE(person("5"), person("1"));
  EXPECT_EQ(person("2"), o.customer[0]);  // the person is its first account
  const Finding* fix = find_finding(r, "2", Rule::kFixPhone);
  ASSERT_NE(fix, nullptr);
  EXPECT_EQ(r.findings.text(fix->after), "13800000000");
}

TEST(Identity, CustomersFileLinksAccountsWhoseOrdersNameNoPhone) {
  Fixture f;
  f.campaign.limits.per_vin = 0;
  f.customers = TableBuilder(TableKind::kCustomers)
                    .row({{"customer_id", "a"}, {"phone", "13800000000"}})
                    .row({{"customer_id", "b"}, {"phone", "138 0000 0000"}})
                    .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("1", "a"))
                 .row(paid_order("2", "b", {{"paid_at", "2023-03-10 10:06:00"}, {"package", "P2"}}))
                 .build();
  RunResult r = f.run();
  const Finding* limit = find_finding(r, "2", Rule::kPerCustomerLimit);
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ(limit->action, Action::kExclude);
  EXPECT_EQ(find_finding(r, "1", Rule::kPerCustomerLimit), nullptr);
}

TEST(DoubleSubmit, WithinTenMinutesInclusiveKeepsThePaidOne) {
  Fixture f = without_limits();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row({{"order_id", "A"},
                       {"customer_id", "c1"},
                       {"store_code", "S1"},
                       {"status", "created"},
                       {"created_at", "2023-03-10 10:00:00"},
                       {"package", "P1"}})
                 .row(paid_order(
                     "B", "c1",
                     {{"created_at", "2023-03-10 10:10:00"}, {"paid_at", "2023-03-10 10:11:00"}}))
                 .row(paid_order("C", "c2", {{"created_at", "2023-03-10 10:00:00"}}))
                 .row(paid_order(
                     "D", "c2",
                     {{"created_at", "2023-03-10 10:10:01"}, {"paid_at", "2023-03-10 10:11:00"}}))
                 .build();
  RunResult r = f.run();
  const Finding* a = find_finding(r, "A", Rule::kDoubleSubmit);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->action, Action::kExclude);
  EXPECT_EQ(r.findings.text(a->detail), "B");
  EXPECT_EQ(find_finding(r, "B", Rule::kDoubleSubmit), nullptr);
  EXPECT_EQ(find_finding(r, "C", Rule::kDoubleSubmit), nullptr);  // 10:10:01 is too late
  EXPECT_EQ(find_finding(r, "D", Rule::kDoubleSubmit), nullptr);
}

TEST(DoubleSubmit, EarliestPaidWinsAndNoChainingThroughExcludedOnes) {
  Fixture f = without_limits();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order(
                     "A", "c1",
                     {{"created_at", "2023-03-10 10:00:00"}, {"paid_at", "2023-03-10 10:30:00"}}))
                 .row(paid_order(
                     "B", "c1",
                     {{"created_at", "2023-03-10 10:08:00"}, {"paid_at", "2023-03-10 10:09:00"}}))
                 .row(paid_order(
                     "C", "c1",
                     {{"created_at", "2023-03-10 10:17:00"}, {"paid_at", "2023-03-10 10:18:00"}}))
                 .row(paid_order(
                     "D", "c1",
                     {{"created_at", "2023-03-10 10:28:00"}, {"paid_at", "2023-03-10 10:29:00"}}))
                 .build();
  RunResult r = f.run();
  // A vs B: B paid earlier, A excluded, B kept. C vs B (kept): 9 min, B paid earlier: C
  // excluded. D vs B: 20 min apart (not compared with the excluded C): D kept.
  EXPECT_NE(find_finding(r, "A", Rule::kDoubleSubmit), nullptr);
  EXPECT_EQ(find_finding(r, "B", Rule::kDoubleSubmit), nullptr);
  EXPECT_NE(find_finding(r, "C", Rule::kDoubleSubmit), nullptr);
  EXPECT_EQ(find_finding(r, "D", Rule::kDoubleSubmit), nullptr);
}

TEST(DoubleSubmit, DifferentStorePackageCancelledOrOtherPersonAreNotDuplicates) {
  Fixture f = without_limits();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("A", "c1"))
                 .row(paid_order("store", "c1", {{"store_code", "S2"}}))
                 .row(paid_order("package", "c1", {{"package", "P2"}}))
                 .row(paid_order("cancelled", "c1", {{"status", "cancelled"}, {"paid_at", ""}}))
                 .row(paid_order("person", "c2"))
                 .row(paid_order("alias", "c1",
                                 {{"store_code", "OLD1"}, {"created_at", "2023-03-10 10:03:00"}}))
                 .build();
  RunResult r = f.run();
  for (const char* id : {"A", "store", "package", "cancelled", "person"}) {
    EXPECT_EQ(find_finding(r, id, Rule::kDoubleSubmit), nullptr) << id;
  }
  EXPECT_NE(find_finding(r, "alias", Rule::kDoubleSubmit), nullptr);  // stores after aliases
}

TEST(CancelReorder, LinksACancelledOrderToTheNextWithinSevenDays) {
  Fixture f = without_limits();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row({{"order_id", "X"},
                       {"customer_id", "c1"},
                       {"store_code", "S1"},
                       {"status", "cancelled"},
                       {"created_at", "2023-03-05 09:00:00"},
                       {"updated_at", "2023-03-05 10:00:00"},
                       {"package", "P1"}})
                 .row(paid_order(
                     "Y", "c1",
                     {{"created_at", "2023-03-12 10:00:00"}, {"paid_at", "2023-03-12 10:05:00"}}))
                 .row({{"order_id", "U"},
                       {"customer_id", "c2"},
                       {"store_code", "S1"},
                       {"status", "cancelled"},
                       {"created_at", "2023-03-05 09:00:00"},
                       {"updated_at", "2023-03-05 10:00:00"},
                       {"package", "P1"}})
                 .row(paid_order(
                     "V", "c2",
                     {{"created_at", "2023-03-12 10:00:01"}, {"paid_at", "2023-03-12 10:05:00"}}))
                 .build();
  RunResult r = f.run();
  const Finding* x = find_finding(r, "X", Rule::kCancelReorder);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->action, Action::kTag);
  EXPECT_EQ(r.findings.text(x->detail), "Y");
  ASSERT_NE(find_finding(r, "Y", Rule::kCancelReorder), nullptr);
  EXPECT_EQ(find_finding(r, "U", Rule::kCancelReorder), nullptr);  // 7 days + 1 s
  EXPECT_EQ(r.evaluations[0].total.orders, 2);                     // a tag changes no count
}

TEST(Limits, PerVehicleThenPerCustomerKeepTheEarliestPaid) {
  Fixture f;
  f.campaign.limits.per_vin = 1;
  f.campaign.limits.per_customer = 2;
  f.orders =
      TableBuilder(TableKind::kOrders)
          .row(paid_order("v2", "c1", {{"vin", "V1"}, {"paid_at", "2023-03-10 10:06:00"}}))
          .row(paid_order("v1", "c1",
                          {{"vin", "V1"}, {"paid_at", "2023-03-10 10:05:00"}, {"package", "P2"}}))
          .row(paid_order("w1", "c1",
                          {{"vin", "W1"},
                           {"created_at", "2023-03-11 10:00:00"},
                           {"paid_at", "2023-03-11 10:05:00"}}))
          .row(paid_order("w2", "c1",
                          {{"vin", "W2"},
                           {"created_at", "2023-03-12 10:00:00"},
                           {"paid_at", "2023-03-12 10:05:00"}}))
          .build();
  RunResult r = f.run();
  const Finding* vehicle = find_finding(r, "v2", Rule::kPerVehicleLimit);
  ASSERT_NE(vehicle, nullptr);
  EXPECT_EQ(r.findings.text(vehicle->detail), "1: v1");
  EXPECT_EQ(find_finding(r, "v1", Rule::kPerVehicleLimit), nullptr);
  // Per customer (2): v1 and w1 kept, w2 excluded; v2 is already out and does not count.
  EXPECT_EQ(find_finding(r, "w1", Rule::kPerCustomerLimit), nullptr);
  EXPECT_NE(find_finding(r, "w2", Rule::kPerCustomerLimit), nullptr);
  EXPECT_EQ(r.evaluations[0].total.orders, 4);  // finance is raw
  EXPECT_EQ(r.evaluations[1].total.orders, 2);  // finance/cleaned
}

TEST(Limits, ZeroMeansNoLimitAndUnpaidOrdersDoNotCount) {
  Fixture f;
  f.campaign.limits.per_vin = 0;
  f.campaign.limits.per_customer = 1;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("paid", "c1"))
                 .row({{"order_id", "created"},
                       {"customer_id", "c1"},
                       {"store_code", "S1"},
                       {"status", "created"},
                       {"created_at", "2023-03-11 10:00:00"}})
                 .row(paid_order("other", "c2"))
                 .build();
  RunResult r = f.run();
  EXPECT_TRUE(testing::findings_of(r, Rule::kPerCustomerLimit).empty());
  EXPECT_TRUE(testing::findings_of(r, Rule::kPerVehicleLimit).empty());
}

TEST(Exceptions, CustomerServiceExceptionsExcludeAndLeaveTheLimit) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("bad", "c1"))
                 .row(paid_order(
                     "good", "c1",
                     {{"created_at", "2023-03-12 10:00:00"}, {"paid_at", "2023-03-12 10:05:00"}}))
                 .build();
  f.exceptions = TableBuilder(TableKind::kExceptions)
                     .row({{"order_id", "bad"}, {"reason", "refund fraud"}, {"source", "cs"}})
                     .build();
  RunResult r = f.run();
  const Finding* e = find_finding(r, "bad", Rule::kCsException);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(r.findings.text(e->detail), "refund fraud");
  EXPECT_EQ(find_finding(r, "good", Rule::kPerCustomerLimit), nullptr);
  EXPECT_EQ(r.evaluations[1].total.orders, 1);
}

}  // namespace
}  // namespace pitwall::core::closeout
