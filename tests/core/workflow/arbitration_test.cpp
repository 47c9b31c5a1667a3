#include "core/workflow/arbitration.hpp"

#include <gtest/gtest.h>

#include "core/closeout/fixture.hpp"

namespace pitwall::core::workflow {
namespace {

using closeout::DecisionKind;
using closeout::RunResult;
using closeout::testing::Fixture;
using closeout::testing::paid_order;
using closeout::testing::shanghai;
using closeout::testing::TableBuilder;

TEST(Arbitration, ParsesDecisionsAndClaims) {
  auto store = parse_decision("store:S2");
  ASSERT_TRUE(store);
  EXPECT_EQ(store->kind, DecisionKind::kStore);
  EXPECT_EQ(store->store_code, "S2");
  EXPECT_EQ(parse_decision("exclude")->kind, DecisionKind::kExclude);
  EXPECT_EQ(parse_decision("count")->kind, DecisionKind::kCount);
  auto bad = parse_decision("store:");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().where.column, "--decision");
  EXPECT_EQ(parse_claim("mine"), ClaimKind::kMine);
  EXPECT_EQ(parse_claim("not-valid"), ClaimKind::kNotValid);
  EXPECT_FALSE(parse_claim("yours"));
}

// O1 at S1 created 5 minutes before the end (near the cut-off); O2 at S2, an ordinary order.
Fixture edge_orders() {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("O1", "C1",
                                 {{"created_at", "2023-03-31 23:55:00"},
                                  {"paid_at", "2023-03-31 23:56:00"},
                                  {"phone", "+86 138-0013-8000"},
                                  {"vin", "lsvab-12345"}}))
                 .row(paid_order("O2", "C2", {{"store_code", "S2"}}))
                 .build();
  return f;
}

TEST(Arbitration, QueueJoinsTheGrayZoneAndDisputes) {
  Fixture f = edge_orders();
  RunResult r = f.run();
  OrderLookup lookup(r.orders);
  std::vector<Dispute> disputes = {
      {"O2", ClaimKind::kMine, "S1", "S2", "our advisor", "store-s1", 100},
      {"O2", ClaimKind::kNotValid, "S2", "S2", "cancelled by phone", "store-s2", 101},
      {"O9", ClaimKind::kMine, "S1", "S2", "unknown order", "store-s1", 102}};
  std::vector<closeout::ArbitrationDecision> decisions = {
      {"O2", DecisionKind::kStore, "S1", "call log", "arbiter", 200}};
  auto queue = build_queue(r, lookup, disputes, decisions, shanghai());
  ASSERT_EQ(queue.size(), 2u);  // O9 is no order of the campaign
  const QueueItem& o1 = queue[0];
  EXPECT_EQ(o1.order_id, "O1");
  EXPECT_EQ(o1.store, "S1");
  EXPECT_EQ(o1.region, "East");
  EXPECT_EQ(o1.reasons, std::vector<std::string>{"near_cutoff"});
  // created_at and paid_at are both within 10 minutes of the end, 2023-03-31 23:59:59.
  ASSERT_EQ(o1.evidence.size(), 2u);
  EXPECT_EQ(o1.evidence[0].field, "created_at");
  EXPECT_EQ(o1.evidence[0].before, "2023-03-31 23:59:59");
  EXPECT_EQ(o1.decision, -1);
  const QueueItem& o2 = queue[1];
  EXPECT_EQ(o2.reasons, (std::vector<std::string>{"dispute.mine", "dispute.not_valid"}));
  EXPECT_EQ(o2.claimants, std::vector<std::string>{"S1"});
  EXPECT_EQ(o2.evidence[1].detail, "cancelled by phone");
  EXPECT_EQ(o2.decision, 0);
}

TEST(Arbitration, BlacklistEntriesUseTheValuesThePipelineCompares) {
  Fixture f = edge_orders();
  RunResult r = f.run();
  uint32_t o1 = *OrderLookup(r.orders).find("O1");
  std::vector<std::string> kinds = {"customer_id", "phone", "vin"};
  auto entries = blacklist_entries_for(r, f.orders, o1, kinds, "ring", "arbitration:c/O1");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].value, "C1");
  EXPECT_EQ((*entries)[1].value, "13800138000");  // +86 and dashes removed
  EXPECT_EQ((*entries)[2].value, "LSVAB12345");   // upper case, dash removed
  EXPECT_EQ((*entries)[2].source, "arbitration:c/O1");
  // O2 has no phone and no VIN: only its customer id.
  uint32_t o2 = *OrderLookup(r.orders).find("O2");
  EXPECT_EQ(blacklist_entries_for(r, f.orders, o2, kinds, "", "")->size(), 1u);
  std::vector<std::string> unknown = {"email"};
  auto bad = blacklist_entries_for(r, f.orders, o1, unknown, "", "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where.column, "--blacklist");
}

TEST(Arbitration, DecisionsSurviveReRunning) {
  // A decision is an input of the pipeline: every run applies it.
  Fixture f = edge_orders();
  f.decisions.push_back({"O2", DecisionKind::kExclude, "", "fraud", "arbiter", 0});
  for (int run = 0; run < 2; ++run) {
    RunResult r = f.run();
    const Evaluation& e = r.evaluations[r.settlement.cleaned];
    uint32_t o2 = *OrderLookup(r.orders).find("O2");
    EXPECT_EQ(e.verdict[o2], verdict::kArbitration);
  }
}

}  // namespace
}  // namespace pitwall::core::workflow
