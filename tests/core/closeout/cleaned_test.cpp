// Stage 3, fills and corrections (closeout.md §3): store aliases, amounts typed in the wrong
// unit, phones, the stores' correction sheets, fills of store, home store and staff.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::definition;
using testing::find_finding;
using testing::Fixture;
using testing::order_index;
using testing::paid_order;
using testing::TableBuilder;

TEST(Cleaned, StoreAliasMapsOldCodesOnlyWhenCleaned) {
  Fixture f;
  f.definitions.push_back(definition("fin_clean", TimeBasis::kPaidAt,
                                     {OrderStatus::kPaid, OrderStatus::kRedeemed}, true));
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("old", "c1", {{"store_code", "OLD1b"}}))
                 .build();
  RunResult r = f.run();
  const Finding* alias = find_finding(r, "old", Rule::kFixStoreAlias);
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(r.findings.text(alias->before), "OLD1b");
  EXPECT_EQ(r.findings.text(alias->after), "S1");
  uint32_t s1 = r.stores.find_store("S1");
  EXPECT_EQ(r.evaluations[0].store[0], r.stores.unattributed_store());  // raw: as imported
  EXPECT_EQ(r.evaluations[1].store[0], s1);                             // cleaned
}

TEST(Cleaned, AmountTypedInTheWrongUnitIsCorrectedToThePriceList) {
  Fixture f;
  f.price_list = TableBuilder(TableKind::kPriceList)
                     .row({{"package", "P1"}, {"list_price", "199.00"}})
                     .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("x100", "c1", {{"paid_amount", "19900.00"}}))
                 .row(paid_order("x001", "c2", {{"paid_amount", "1.99"}}))
                 .row(paid_order("right", "c3", {{"paid_amount", "199.00"}}))
                 .row(paid_order("other", "c4", {{"paid_amount", "19900.01"}}))
                 .build();
  RunResult r = f.run();
  for (const char* id : {"x100", "x001"}) {
    const Finding* fix = find_finding(r, id, Rule::kFixAmountUnit);
    ASSERT_NE(fix, nullptr) << id;
    EXPECT_EQ(r.findings.text(fix->after), "199.00");
  }
  EXPECT_EQ(find_finding(r, "right", Rule::kFixAmountUnit), nullptr);
  EXPECT_EQ(find_finding(r, "other", Rule::kFixAmountUnit), nullptr);
  // Raw: 19900 + 1.99 + 199 + 19900.01; cleaned: 199 x 3 + 19900.01.
  EXPECT_EQ(r.evaluations[0].total.amount_fen, 1990000 + 199 + 19900 + 1990001);
  EXPECT_EQ(r.evaluations[1].total.amount_fen, 3 * 19900 + 1990001);
}

TEST(Cleaned, StoreCorrectionAppliesToOwnOrdersAndFlagsClaims) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("own", "c1", {{"store_code", "S1"}, {"paid_amount", "100.00"}}))
                 .row(paid_order("missing", "c2", {{"store_code", ""}}))
                 .row(paid_order("theirs", "c3", {{"store_code", "S2"}}))
                 .build();
  f.corrections =
      TableBuilder(TableKind::kCorrections)
          .row({{"order_id", "own"},
                {"field", "实付金额"},
                {"value", "¥120.50"},
                {"reason", "typo"},
                {"store_code", "S1"}})
          .row({{"order_id", "missing"},
                {"field", "store_code"},
                {"value", "S3"},
                {"reason", "ours"},
                {"store_code", "S3"}})
          .row({{"order_id", "theirs"},
                {"field", "store_code"},
                {"value", "S1"},
                {"reason", "mine"},
                {"store_code", "S1"}})
          .row({{"order_id", "own"}, {"field", "colour"}, {"value", "red"}, {"store_code", "S1"}})
          .build();
  RunResult r = f.run();
  const Finding* own = find_finding(r, "own", Rule::kStoreCorrection);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->action, Action::kCorrect);
  EXPECT_EQ(r.findings.text(own->before), "100.00");
  EXPECT_EQ(r.findings.text(own->detail), "S1: typo");
  const Finding* missing = find_finding(r, "missing", Rule::kStoreCorrection);
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->action, Action::kFill);
  const Finding* claim = find_finding(r, "theirs", Rule::kStoreCorrection);
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->action, Action::kFlag);
  const Evaluation& cleaned = r.evaluations[1];
  EXPECT_EQ(cleaned.amount[order_index(r, "own")], 12050);
  EXPECT_EQ(cleaned.store[order_index(r, "missing")], r.stores.find_store("S3"));
  EXPECT_EQ(cleaned.store[order_index(r, "theirs")], r.stores.find_store("S2"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].code, "unknown_field");
  bool claim_in_gray_zone = false;
  for (const GrayZoneItem& g : r.gray_zone) {
    claim_in_gray_zone |= g.kind == GrayKind::kStoreClaim && g.order == order_index(r, "theirs");
  }
  EXPECT_TRUE(claim_in_gray_zone);
}

TEST(Cleaned, FillStoreFromStaffThenHomeStore) {
  Fixture f;
  f.staff = TableBuilder(TableKind::kStaff).row({{"staff_id", "E2"}, {"store_code", "S2"}}).build();
  f.customers = TableBuilder(TableKind::kCustomers)
                    .row({{"customer_id", "c3"}, {"home_store_code", "S3"}})
                    .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("staff", "c1", {{"store_code", ""}, {"closer", "E2"}}))
                 .row(paid_order("home", "c2", {{"store_code", ""}, {"home_store_code", "S1"}}))
                 .row(paid_order("master", "c3", {{"store_code", ""}}))
                 .row(paid_order("nobody", "c4", {{"store_code", ""}}))
                 .build();
  RunResult r = f.run();
  auto after = [&](const char* id) {
    const Finding* fill = find_finding(r, id, Rule::kFillStore);
    return fill ? std::string(r.findings.text(fill->after)) : std::string("none");
  };
  EXPECT_EQ(after("staff"), "S2");
  EXPECT_EQ(after("home"), "S1");
  EXPECT_EQ(after("master"), "S3");  // home store from the customers file, filled first
  EXPECT_EQ(after("nobody"), "none");
  EXPECT_NE(find_finding(r, "master", Rule::kFillHomeStore), nullptr);
  const Finding* fill = find_finding(r, "staff", Rule::kFillStore);
  EXPECT_EQ(fill->action, Action::kFill);
  EXPECT_EQ(r.findings.text(fill->before), "");
  // Fills that changed attribution are gray-zone candidates.
  size_t fills = 0;
  for (const GrayZoneItem& g : r.gray_zone) fills += g.kind == GrayKind::kFillChangedAttribution;
  EXPECT_EQ(fills, 4u);  // three fill.store, one fill.home_store
  EXPECT_EQ(r.evaluations[1].store[order_index(r, "nobody")], r.stores.unattributed_store());
}

TEST(Cleaned, OrdersNamingNoStaffGoToTheStoreConfirmationList) {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("none", "c1"))
                 .row(paid_order("some", "c2", {{"receiver", "E1"}}))
                 .build();
  RunResult r = f.run();
  const Finding* staff = find_finding(r, "none", Rule::kFillStaff);
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(staff->action, Action::kFlag);
  EXPECT_EQ(find_finding(r, "some", Rule::kFillStaff), nullptr);
}

}  // namespace
}  // namespace pitwall::core::closeout
