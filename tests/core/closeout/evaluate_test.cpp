// Metric definitions (closeout.md §6 "How a definition counts an order"): statuses, basis time,
// window, cleaning, arbitration, amounts, attribution, tags.
#include "fixture.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::definition;
using testing::Fixture;
using testing::order_index;
using testing::paid_order;
using testing::TableBuilder;
using S = OrderStatus;

TEST(Evaluate, VerdictsFollowTheReasonOrder) {
  Fixture f;
  f.definitions = {testing::finance(),
                   definition("clean", TimeBasis::kPaidAt, {S::kPaid, S::kRedeemed}, true)};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("ok", "c1"))
                 .row({{"order_id", "created"},
                       {"customer_id", "c2"},
                       {"store_code", "S1"},
                       {"status", "created"},
                       {"created_at", "2023-03-10 10:00:00"}})
                 .row(paid_order("no_time", "c3", {{"paid_at", ""}}))
                 .row(paid_order("april", "c4", {{"paid_at", "2023-04-01 00:00:00"}}))
                 .row(paid_order("test", "c5", {{"paid_amount", "0.01"}}))
                 .build();
  RunResult r = f.run();
  const Evaluation& raw = r.evaluations[0];
  const Evaluation& clean = r.evaluations[1];
  EXPECT_EQ(raw.verdict[order_index(r, "ok")], verdict::kCounted);
  EXPECT_EQ(raw.verdict[order_index(r, "created")], verdict::kStatus);
  EXPECT_EQ(raw.verdict[order_index(r, "no_time")], verdict::kBasisTimeMissing);
  EXPECT_EQ(raw.verdict[order_index(r, "april")], verdict::kOutsideWindow);
  EXPECT_EQ(raw.verdict[order_index(r, "test")], verdict::kCounted);
  EXPECT_EQ(clean.verdict[order_index(r, "test")],
            verdict::kExclusionBase + static_cast<int>(Rule::kTestOrder));
  EXPECT_EQ(raw.total.orders, 2);
  EXPECT_EQ(clean.total.orders, 1);
  EXPECT_EQ(verdict_token(clean.verdict[order_index(r, "test")]), "test.order");
}

TEST(Evaluate, AmountsReceivedGmvFallbacksAndTaxExclusivePerOrder) {
  Fixture f;
  MetricDefinition gmv = definition("gmv", TimeBasis::kPaidAt, {S::kPaid}, false);
  gmv.amount = AmountBasis::kGmv;
  MetricDefinition net = definition("net", TimeBasis::kPaidAt, {S::kPaid}, false);
  net.tax_inclusive = false;
  f.definitions = {testing::finance(), gmv, net};
  f.price_list = TableBuilder(TableKind::kPriceList)
                     .row({{"package", "P2"}, {"list_price", "150.00"}, {"tax_rate", "13%"}})
                     .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("gross", "c1", {{"gross_amount", "120.00"}, {"tax_rate", "0.09"}}))
                 .row(paid_order("list", "c2", {{"package", "P2"}, {"paid_amount", "140.00"}}))
                 .row(paid_order("paid", "c3", {{"package", "P3"}, {"paid_amount", "10.01"}}))
                 .build();
  RunResult r = f.run();
  const Evaluation& g = r.evaluations[1];
  EXPECT_EQ(g.amount[0], 12000);  // gross
  EXPECT_EQ(g.amount[1], 15000);  // no gross: the price list
  EXPECT_EQ(g.amount[2], 1001);   // neither: the paid amount
  const Evaluation& n = r.evaluations[2];
  // 100.00 / 1.09 = 91.743 -> 91.74; 140.00 / 1.13 = 123.893 -> 123.89;
  // 10.01 / 1.06 = 9.443 -> 9.44 (campaign default 6%).
  EXPECT_EQ(n.amount[0], 9174);
  EXPECT_EQ(n.amount[1], 12389);
  EXPECT_EQ(n.amount[2], 944);
  EXPECT_EQ(n.total.amount_fen, 9174 + 12389 + 944);
  EXPECT_EQ(n.total.received_fen, 10000 + 14000 + 1001);
}

TEST(Evaluate, TaxExclusiveRoundsHalfUpPerOrder) {
  Fixture f;
  MetricDefinition net = definition("net", TimeBasis::kPaidAt, {S::kPaid}, false);
  net.tax_inclusive = false;
  f.definitions = {testing::finance(), net};
  // With a tax rate of 100%: 3 fen / 2 = 1.5 -> 2; 1 fen / 2 = 0.5 -> 1 (half up, per order,
  // so the sum is 3, not round(4 / 2) = 2). With 6%: 9 fen / 1.06 = 8.49 -> 8.
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("a", "c1", {{"paid_amount", "0.03"}, {"tax_rate", "1"}}))
                 .row(paid_order("b", "c2", {{"paid_amount", "0.01"}, {"tax_rate", "1"}}))
                 .row(paid_order("c", "c3", {{"paid_amount", "0.09"}}))
                 .build();
  RunResult r = f.run();
  EXPECT_EQ(r.evaluations[1].amount[0], 2);
  EXPECT_EQ(r.evaluations[1].amount[1], 1);
  EXPECT_EQ(r.evaluations[1].amount[2], 8);
  EXPECT_EQ(r.evaluations[1].total.amount_fen, 11);
}

TEST(Evaluate, RegionsStoresAndUnattributed) {
  Fixture f;
  MetricDefinition home = definition("home", TimeBasis::kPaidAt, {S::kPaid}, true);
  home.attribution = Attribution::kHomeStore;
  f.definitions = {testing::finance(), home};
  f.customers = TableBuilder(TableKind::kCustomers)
                    .row({{"customer_id", "c4"}, {"home_store_code", "S2"}})
                    .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("1", "c1", {{"store_code", "S1"}, {"home_store_code", "S3"}}))
                 .row(paid_order("2", "c2", {{"store_code", "S2"}, {"home_store_code", "S3"}}))
                 .row(paid_order("3", "c3", {{"store_code", "S3"}}))
                 .row(paid_order("4", "c4", {{"store_code", "S9"}}))
                 .build();
  RunResult r = f.run();
  const StoreDirectory& d = r.stores;
  ASSERT_EQ(d.codes, (std::vector<std::string>{"S1", "S2", "S3", "(unattributed)"}));
  ASSERT_EQ(d.regions, (std::vector<std::string>{"East", "West", "(unattributed)"}));
  const Evaluation& e = r.evaluations[0];
  EXPECT_EQ(e.by_store[0].orders, 1);
  EXPECT_EQ(e.by_store[3].orders, 1);  // S9 unknown
  EXPECT_EQ(e.by_region[0].orders, 2);
  EXPECT_EQ(e.by_region[1].orders, 1);
  EXPECT_EQ(e.by_region[2].orders, 1);
  EXPECT_EQ(e.total.orders, 4);
  const Evaluation& h = r.evaluations[1];
  EXPECT_EQ(h.by_store[2].orders, 2);  // S3 is the home of orders 1 and 2
  EXPECT_EQ(h.by_store[1].orders, 1);  // order 4: home filled from the customers file
  EXPECT_EQ(h.by_store[3].orders, 1);  // order 3: no home store
}

TEST(Evaluate, ArbitrationDecisionsApplyUnderCleanedDefinitionsOnly) {
  Fixture f;
  f.definitions = {testing::finance()};
  f.campaign.fraud.exclude = {};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("count", "c1", {{"paid_amount", "0.00"}}))
                 .row(paid_order("exclude", "c2"))
                 .row(paid_order("move", "c3"))
                 .build();
  f.decisions = {{"count", DecisionKind::kCount, "", "verified", "arb", 1},
                 {"exclude", DecisionKind::kCount, "", "first", "arb", 1},
                 {"exclude", DecisionKind::kExclude, "", "fraud", "arb", 2},
                 {"move", DecisionKind::kStore, "S3", "claim", "arb", 3}};
  RunResult r = f.run();
  const Evaluation& raw = r.evaluations[0];
  const Evaluation& clean = r.evaluations[1];
  EXPECT_EQ(raw.total.orders, 3);
  EXPECT_EQ(clean.verdict[0], verdict::kCounted);      // count overrides the exclusion
  EXPECT_EQ(clean.verdict[1], verdict::kArbitration);  // the last decision holds
  EXPECT_EQ(clean.store[2], r.stores.find_store("S3"));
  EXPECT_EQ(raw.store[2], r.stores.find_store("S1"));
  // The decision moves the order under the cleaned definition only: the run's cleaned stores
  // stay as cleaning left them, and the raw evaluation shares the run's raw stores.
  EXPECT_EQ(r.orders.store_cleaned[2], r.stores.find_store("S1"));
  EXPECT_EQ(raw.store.data(), r.orders.store_raw.data());
  EXPECT_NE(clean.store.data(), r.orders.store_cleaned.data());
}

TEST(Evaluate, EvaluationsAttributingAlikeShareOneStoreArray) {
  Fixture f;
  f.definitions = {testing::finance(),
                   definition("clean", TimeBasis::kPaidAt, {S::kPaid, S::kRedeemed}, true)};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("a", "c1"))
                 .row(paid_order("b", "c2", {{"store_code", "OLD1"}}))
                 .build();
  f.keep_orders = CloseoutInputs::KeepOrders::kAll;
  RunResult r = f.run();
  // finance (raw), clean (cleaned), finance/cleaned, clean/raw: two arrays, the run's own.
  ASSERT_EQ(r.evaluations.size(), 4u);
  EXPECT_EQ(r.evaluations[0].store.data(), r.orders.store_raw.data());
  EXPECT_EQ(r.evaluations[3].store.data(), r.orders.store_raw.data());
  EXPECT_EQ(r.evaluations[1].store.data(), r.orders.store_cleaned.data());
  EXPECT_EQ(r.evaluations[2].store.data(), r.orders.store_cleaned.data());
  // OLD1 is S1's old code: unattributed raw, S1 cleaned.
  EXPECT_EQ(r.evaluations[0].store[1], r.stores.unattributed_store());
  EXPECT_EQ(r.evaluations[1].store[1], r.stores.find_store("S1"));
}

TEST(Evaluate, TagsSayWhenNotEvaluatedAsDeclared) {
  Fixture f;
  RunResult r = f.run();
  ASSERT_EQ(r.evaluations.size(), 2u);
  EXPECT_EQ(r.evaluations[0].tag(), "finance@4ef54d");
  EXPECT_EQ(r.evaluations[1].tag(), "finance@4ef54d/cleaned");
  EXPECT_EQ(r.settlement.cleaned, 1u);
  EXPECT_EQ(r.settlement.raw, 0u);
}

TEST(Evaluate, MissingSettlementDefinitionIsAnError) {
  Fixture f;
  f.campaign.settlement_definition = "payroll";
  auto r = run_closeout(f.inputs());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().where.column, "settlement_definition");
}

}  // namespace
}  // namespace pitwall::core::closeout
