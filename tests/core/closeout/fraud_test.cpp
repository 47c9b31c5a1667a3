// Stage 4, anti-fraud (closeout.md §4): mass cancel, rings, stack-and-return, blacklist; flags
// go to arbitration unless `[fraud] exclude` lists the rule; the blacklist always excludes.
#include <fmt/format.h>

#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::find_finding;
using testing::Fixture;
using testing::order_index;
using testing::paid_order;
using testing::TableBuilder;

// `cancelled` cancelled orders and `paid` paid ones for customer c, a day apart each.
void add_history(TableBuilder& b, const std::string& c, int cancelled, int paid) {
  for (int i = 0; i < cancelled + paid; ++i) {
    std::string day = fmt::format("2023-03-{:02} 10:00:00", i + 1);
    std::string id = fmt::format("{}-{}", c, i);
    if (i < cancelled) {
      b.row({{"order_id", id},
             {"customer_id", c},
             {"store_code", "S1"},
             {"status", "cancelled"},
             {"created_at", day},
             {"package", fmt::format("P{}", i)}});
    } else {
      b.row(paid_order(
          id, c, {{"created_at", day}, {"paid_at", day}, {"package", fmt::format("P{}", i)}}));
    }
  }
}

TEST(Fraud, MassCancelAtNinetyPercentOfTenOrdersInclusive) {
  Fixture f;
  f.campaign.limits.per_customer = 0;
  f.campaign.limits.per_vin = 0;
  TableBuilder b(TableKind::kOrders);
  add_history(b, "nine_of_ten", 9, 1);     // 90% of 10: caught
  add_history(b, "eight_of_ten", 8, 2);    // 80%: not
  add_history(b, "eight_of_nine", 8, 1);   // 9 orders: too few
  add_history(b, "ten_of_eleven", 10, 1);  // 90.9%: caught
  f.orders = b.build();
  RunResult r = f.run();
  const Finding* caught = find_finding(r, "nine_of_ten-9", Rule::kMassCancel);
  ASSERT_NE(caught, nullptr);
  EXPECT_EQ(caught->action, Action::kFlag);
  EXPECT_EQ(r.findings.text(caught->detail), "9/10");
  EXPECT_NE(find_finding(r, "ten_of_eleven-10", Rule::kMassCancel), nullptr);
  EXPECT_EQ(find_finding(r, "eight_of_ten-9", Rule::kMassCancel), nullptr);
  EXPECT_EQ(find_finding(r, "eight_of_nine-8", Rule::kMassCancel), nullptr);
  EXPECT_EQ(r.mass_cancels.size(), 2u);
  // A flag never changes a count; the order is in the gray zone.
  EXPECT_EQ(r.evaluations[1].verdict[order_index(r, "nine_of_ten-9")], verdict::kCounted);
  bool gray = false;
  for (const GrayZoneItem& g : r.gray_zone) {
    gray |= g.kind == GrayKind::kFraudFlag && g.order == order_index(r, "nine_of_ten-9");
  }
  EXPECT_TRUE(gray);
}

TEST(Fraud, RingOfThreePersonsSharingADeviceFlagsAllButTheEarliestPaid) {
  Fixture f;
  f.orders =
      TableBuilder(TableKind::kOrders)
          .row(paid_order("r1", "a", {{"device_id", "D1"}, {"paid_at", "2023-03-10 10:07:00"}}))
          .row(paid_order(
              "r2", "b",
              {{"device_id", "D1"}, {"payment_account", "P9"}, {"paid_at", "2023-03-10 10:06:00"}}))
          .row(paid_order("r3", "c",
                          {{"payment_account", "P9"}, {"paid_at", "2023-03-10 10:08:00"}}))
          // Two persons sharing a device are no ring.
          .row(paid_order("p1", "x", {{"device_id", "D2"}}))
          .row(paid_order("p2", "y", {{"device_id", "D2"}}))
          .build();
  RunResult r = f.run();
  ASSERT_EQ(r.rings.size(), 1u);
  const Ring& ring = r.rings[0];
  EXPECT_EQ(ring.id, "R1");
  EXPECT_EQ(ring.accounts, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ring.identities, 3u);
  EXPECT_EQ(ring.paid_orders, 3);
  ASSERT_EQ(ring.links.size(), 2u);
  EXPECT_EQ(ring.links[0].kind, "device_id");
  EXPECT_EQ(ring.links[0].value, "D1");
  EXPECT_EQ(ring.links[0].accounts, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ring.links[1].kind, "payment_account");
  EXPECT_EQ(ring.links[1].accounts, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(find_finding(r, "r2", Rule::kRing), nullptr);  // earliest paid
  EXPECT_NE(find_finding(r, "r1", Rule::kRing), nullptr);
  EXPECT_NE(find_finding(r, "r3", Rule::kRing), nullptr);
  EXPECT_EQ(r.findings.text(find_finding(r, "r1", Rule::kRing)->detail), "R1");
  EXPECT_EQ(find_finding(r, "p1", Rule::kRing), nullptr);
}

TEST(Fraud, AccountsMergedByPhoneCountAsOnePersonInARing) {
  Fixture f;
  f.campaign.limits.per_customer = 0;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("1", "a", {{"device_id", "D1"}, {"phone", "13800000001"}}))
                 .row(paid_order(
                     "2", "b", {{"device_id", "D1"}, {"phone", "13800000001"}, {"package", "P2"}}))
                 .row(paid_order("3", "c", {{"device_id", "D1"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_TRUE(r.rings.empty());  // two persons, not three
}

TEST(Fraud, ExcludeListTurnsAFraudFlagIntoAnExclusion) {
  Fixture f;
  f.campaign.fraud.exclude = {"fraud.ring"};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("r1", "a", {{"device_id", "D1"}}))
                 .row(paid_order("r2", "b", {{"device_id", "D1"}}))
                 .row(paid_order("r3", "c", {{"device_id", "D1"}}))
                 .build();
  RunResult r = f.run();
  ASSERT_EQ(r.rings.size(), 1u);
  const Finding* ring = find_finding(r, "r2", Rule::kRing);
  ASSERT_NE(ring, nullptr);
  EXPECT_EQ(ring->action, Action::kExclude);
  EXPECT_EQ(r.evaluations[1].total.orders, 1);
  EXPECT_EQ(r.evaluations[1].verdict[order_index(r, "r2")],
            verdict::kExclusionBase + static_cast<int>(Rule::kRing));
}

TEST(Fraud, StackReturnWithinSevenDaysOfPaymentInclusive) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("seven", "a",
                                 {{"status", "refunded"},
                                  {"discount_amount", "20.00"},
                                  {"refunded_at", "2023-03-17 10:05:00"}}))
                 .row(paid_order("eight", "b",
                                 {{"status", "refunded"},
                                  {"discount_amount", "20.00"},
                                  {"refunded_at", "2023-03-17 10:05:01"}}))
                 .row(paid_order("no_benefit", "c",
                                 {{"status", "refunded"}, {"refunded_at", "2023-03-11 10:00:00"}}))
                 .build();
  RunResult r = f.run();
  const Finding* s = find_finding(r, "seven", Rule::kStackReturn);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->action, Action::kFlag);
  EXPECT_EQ(r.findings.text(s->detail), "20.00");
  EXPECT_EQ(find_finding(r, "eight", Rule::kStackReturn), nullptr);
  EXPECT_EQ(find_finding(r, "no_benefit", Rule::kStackReturn), nullptr);
}

TEST(Fraud, BlacklistAlwaysExcludesByEveryKind) {
  Fixture f;
  f.campaign.limits.per_customer = 0;
  f.campaign.limits.per_vin = 0;
  f.blacklist = TableBuilder(TableKind::kBlacklist)
                    .row({{"kind", "customer_id"}, {"value", "bad"}, {"reason", "abuse"}})
                    .row({{"kind", "phone"}, {"value", "139 0000 0000"}, {"reason", "r"}})
                    .row({{"kind", "vin"}, {"value", "vin-x"}, {"reason", "r"}})
                    .row({{"kind", "device_id"}, {"value", "DX"}, {"reason", "r"}})
                    .row({{"kind", "payment_account"}, {"value", "PX"}, {"reason", "r"}})
                    .build();
  f.extra_blacklist.push_back({"customer_id", "later", "arbitrated fraud", "arbitration"});
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("c", "bad"))
                 .row(paid_order("p", "u1", {{"phone", "+8613900000000"}}))
                 .row(paid_order("v", "u2", {{"vin", "VINX"}}))
                 .row(paid_order("d", "u3", {{"device_id", "DX"}}))
                 .row(paid_order("a", "u4", {{"payment_account", "PX"}}))
                 .row(paid_order("e", "later"))
                 .row(paid_order("ok", "u5", {{"device_id", "DY"}}))
                 .build();
  RunResult r = f.run();
  for (const char* id : {"c", "p", "v", "d", "a", "e"}) {
    const Finding* b = find_finding(r, id, Rule::kBlacklist);
    ASSERT_NE(b, nullptr) << id;
    EXPECT_EQ(b->action, Action::kExclude);
  }
  EXPECT_EQ(r.findings.text(find_finding(r, "c", Rule::kBlacklist)->detail), "abuse");
  EXPECT_EQ(find_finding(r, "ok", Rule::kBlacklist), nullptr);
  EXPECT_EQ(r.evaluations[1].total.orders, 1);
}

}  // namespace
}  // namespace pitwall::core::closeout
