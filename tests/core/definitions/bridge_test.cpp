// Reconciliation bridge (closeout.md §6): reasons, order, signed steps, sorted order ids; steps
// add up exactly, checked by hand on a small table and as a property on generated campaigns.
#include "core/definitions/bridge.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../closeout/fixture.hpp"
#include "core/closeout/synthetic.hpp"

namespace pitwall::core::closeout {
namespace {

using testing::definition;
using testing::Fixture;
using testing::paid_order;
using testing::TableBuilder;
using S = OrderStatus;

MetricDefinition it() {
  return definition(
      "it", TimeBasis::kRecordedAt,
      {S::kCreated, S::kPaid, S::kRedeemed, S::kCancelled, S::kRefunding, S::kRefunded}, false);
}

std::vector<std::string> ids_of(const RunResult& r, const BridgeStep& step) {
  std::vector<std::string> out;
  for (uint32_t k : step.order_indices) out.emplace_back(r.orders.order_id(k));
  return out;
}

TEST(Bridge, ItToFinanceByHand) {
  Fixture f;
  f.definitions = {it(), testing::finance()};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("both", "c1"))
                 .row({{"order_id", "z-cancelled"},
                       {"customer_id", "c2"},
                       {"store_code", "S1"},
                       {"status", "cancelled"},
                       {"created_at", "2023-03-10 10:00:00"}})
                 .row({{"order_id", "a-created"},
                       {"customer_id", "c3"},
                       {"store_code", "S1"},
                       {"status", "created"},
                       {"created_at", "2023-03-10 10:00:00"},
                       {"paid_amount", "5.00"}})
                 .row(paid_order("no_paid_at", "c4", {{"paid_at", ""}}))
                 .row(paid_order("april", "c5", {{"paid_at", "2023-04-01 00:00:00"}}))
                 .row(paid_order("february", "c6",
                                 {{"created_at", "2023-02-28 20:00:00"},
                                  {"paid_at", "2023-03-01 09:00:00"},
                                  {"paid_amount", "70.00"}}))
                 .build();
  RunResult r = f.run();
  Bridge b = compute_bridge(r.evaluations[0], r.evaluations[1], r.stores, {}, r.orders.ids(), 1);
  EXPECT_EQ(b.from_tag, "it@4faffc");
  EXPECT_EQ(b.to_tag, "finance@4ef54d");
  // it: both, z-cancelled (0), a-created (5), no_paid_at, april = 5 orders, 100+0+5+100+100.
  EXPECT_EQ(b.from_total.orders, 5);
  EXPECT_EQ(b.from_total.amount_fen, 30500);
  // finance: both, february = 2 orders, 100 + 70.
  EXPECT_EQ(b.to_total.orders, 2);
  EXPECT_EQ(b.to_total.amount_fen, 17000);
  ASSERT_EQ(b.steps.size(), 4u);
  EXPECT_EQ(b.steps[0].reason, "status");
  EXPECT_EQ(b.steps[0].orders, -2);
  EXPECT_EQ(b.steps[0].amount_fen, -500);
  EXPECT_EQ(ids_of(r, b.steps[0]), (std::vector<std::string>{"a-created", "z-cancelled"}));
  EXPECT_EQ(b.steps[1].reason, "basis_time_missing");
  EXPECT_EQ(b.steps[1].orders, -1);
  EXPECT_EQ(b.steps[2].reason, "outside_window");
  EXPECT_EQ(b.steps[2].direction, -1);
  EXPECT_EQ(ids_of(r, b.steps[2]), (std::vector<std::string>{"april"}));
  EXPECT_EQ(b.steps[3].reason, "outside_window");
  EXPECT_EQ(b.steps[3].direction, 1);
  EXPECT_EQ(b.steps[3].orders, 1);
  EXPECT_EQ(b.steps[3].amount_fen, 7000);
  EXPECT_EQ(ids_of(r, b.steps[3]), (std::vector<std::string>{"february"}));
}

TEST(Bridge, RawToCleanedWithExclusionsAmountBasisAndAttribution) {
  Fixture f;
  f.price_list = TableBuilder(TableKind::kPriceList)
                     .row({{"package", "P1"}, {"list_price", "100.00"}})
                     .build();
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("fen", "c1", {{"paid_amount", "10000.00"}}))
                 .row(paid_order("test", "c2", {{"paid_amount", "0.01"}}))
                 .row(paid_order("old", "c3", {{"store_code", "OLD1"}}))
                 .build();
  RunResult r = f.run();
  const Evaluation& raw = r.evaluations[0];
  const Evaluation& clean = r.evaluations[1];
  Bridge net = compute_bridge(raw, clean, r.stores, {}, r.orders.ids(), 2);
  ASSERT_EQ(net.steps.size(), 2u);
  EXPECT_EQ(net.steps[0].reason, "test.order");
  EXPECT_EQ(net.steps[0].amount_fen, -1);
  EXPECT_EQ(net.steps[1].reason, "amount_basis");
  EXPECT_EQ(net.steps[1].orders, 0);
  EXPECT_EQ(net.steps[1].amount_fen, 10000 - 1000000);
  EXPECT_EQ(net.to_tag, "finance@4ef54d/cleaned");
  // Store S1: raw has fen and test; cleaned has fen and old (mapped from OLD1).
  BridgeScope s1{BridgeScope::Kind::kStore, r.stores.find_store("S1")};
  Bridge store = compute_bridge(raw, clean, r.stores, s1, r.orders.ids(), 1);
  EXPECT_EQ(store.from_total.orders, 2);
  EXPECT_EQ(store.to_total.orders, 2);
  ASSERT_EQ(store.steps.size(), 3u);
  EXPECT_EQ(store.steps[0].reason, "test.order");
  EXPECT_EQ(store.steps[1].reason, "amount_basis");
  EXPECT_EQ(store.steps[2].reason, "attributed_elsewhere");
  EXPECT_EQ(store.steps[2].direction, 1);
  EXPECT_EQ(store.steps[2].amount_fen, 10000);
  // Region East holds S1 and S2; the unattributed region loses "old".
  BridgeScope none{BridgeScope::Kind::kRegion, r.stores.unattributed_region()};
  Bridge lost = compute_bridge(raw, clean, r.stores, none, r.orders.ids(), 1);
  ASSERT_EQ(lost.steps.size(), 1u);
  EXPECT_EQ(lost.steps[0].reason, "attributed_elsewhere");
  EXPECT_EQ(lost.steps[0].orders, -1);
}

void check_adds_up(const RunResult& r, const Evaluation& a, const Evaluation& b,
                   BridgeScope scope) {
  Bridge br = compute_bridge(a, b, r.stores, scope, r.orders.ids(), 2);
  int64_t orders = br.from_total.orders;
  int64_t amount = br.from_total.amount_fen;
  std::set<uint32_t> seen;
  int last_rank = -1;
  for (const BridgeStep& s : br.steps) {
    orders += s.orders;
    amount += s.amount_fen;
    if (s.reason != "amount_basis") {
      ASSERT_EQ(s.orders, s.direction * static_cast<int64_t>(s.order_indices.size()));
    }
    for (size_t i = 1; i < s.order_indices.size(); ++i) {
      ASSERT_LT(r.orders.order_id(s.order_indices[i - 1]), r.orders.order_id(s.order_indices[i]));
    }
    for (uint32_t k : s.order_indices) ASSERT_TRUE(seen.insert(k).second) << "order in two steps";
    uint8_t code = 0;
    int rank = s.reason == "amount_basis"            ? 508
               : s.reason == "attributed_elsewhere"  ? 510
               : parse_verdict_token(s.reason, code) ? 2 * code
                                                     : -100;
    rank += s.direction > 0 ? 1 : 0;
    ASSERT_GT(rank, last_rank) << s.reason;
    last_rank = rank;
  }
  ASSERT_EQ(orders, br.to_total.orders);
  ASSERT_EQ(amount, br.to_total.amount_fen);
  const Totals& expected_from = scope.kind == BridgeScope::Kind::kNetwork ? a.total
                                : scope.kind == BridgeScope::Kind::kRegion
                                    ? a.by_region[scope.index]
                                    : a.by_store[scope.index];
  ASSERT_EQ(br.from_total.orders, expected_from.orders);
  ASSERT_EQ(br.from_total.amount_fen, expected_from.amount_fen);
}

TEST(Bridge, StepsAddUpOnGeneratedCampaigns) {
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  for (uint64_t seed : {1, 2, 3}) {
    SyntheticOptions o;
    o.seed = seed;
    o.orders = 4000;
    o.stores = 12;
    o.regions = 3;
    SyntheticCampaign s = generate_synthetic(o);
    MetricDefinition gmv = s.definitions[2];
    gmv.name = "gross";
    gmv.amount = AmountBasis::kGmv;
    gmv.tax_inclusive = false;
    gmv.cleaned = true;
    gmv.attribution = Attribution::kHomeStore;
    s.definitions.push_back(gmv);
    CloseoutInputs in = s.inputs(zone);
    auto r = run_closeout(in);
    ASSERT_TRUE(r.has_value());
    std::vector<const Evaluation*> kept;
    for (const Evaluation& e : r->evaluations) {
      if (e.has_orders()) kept.push_back(&e);
    }
    ASSERT_EQ(kept.size(), 5u);  // four as declared + finance/cleaned
    for (const Evaluation* a : kept) {
      for (const Evaluation* b : kept) {
        check_adds_up(*r, *a, *b, {});
        for (uint32_t g = 0; g < r->stores.region_count(); ++g) {
          check_adds_up(*r, *a, *b, {BridgeScope::Kind::kRegion, g});
        }
        for (uint32_t st = 0; st < r->stores.store_count(); st += 5) {
          check_adds_up(*r, *a, *b, {BridgeScope::Kind::kStore, st});
        }
      }
    }
  }
}

// Steps list their orders by order id, equal ids by order index, on one thread and on two, for
// ids that share a long prefix, differ only past their first 16 bytes after it, are prefixes of
// one another, repeat, or hold a NUL byte. Expected: every (id, index) pair sorted as strings.
TEST(Bridge, StepOrdersAreSortedByOrderIdThenIndex) {
  const std::string prefix = "SO2023030100";
  std::vector<std::string> ids;
  for (uint32_t i = 0; i < 150000; ++i) {
    uint32_t x = (i * 2654435761u) % 100000;  // scattered, with repeats
    switch (i % 6) {
      case 0:
        ids.push_back(prefix + std::to_string(x));
        break;
      case 1:  // differs only past the 16 bytes after the shared prefix
        ids.push_back(prefix + "0000000000000000" + std::to_string(x));
        break;
      case 2:  // short, many repeats
        ids.push_back(prefix + std::to_string(x % 100));
        break;
      case 3:  // a NUL byte inside
        ids.push_back(prefix + std::to_string(x) + std::string(1, '\0') + "a");
        break;
      case 4:  // prefixes of the others
        ids.push_back(prefix.substr(0, 2 + x % 10));
        break;
      default:
        ids.push_back(prefix + std::to_string(x) + "-" + std::to_string(i % 7));
        break;
    }
  }
  auto n = static_cast<uint32_t>(ids.size());
  StoreDirectory stores;
  stores.codes = {"S1", std::string(kUnattributed)};
  stores.names = {"", ""};
  stores.region_of = {0, 1};
  stores.regions = {"R", std::string(kUnattributed)};
  Evaluation from, to;
  std::vector<uint32_t> store(n, 0);
  from.verdict.assign(n, verdict::kCounted);
  to.verdict.assign(n, verdict::kCounted);
  from.amount.resize(n);
  to.amount.resize(n);
  for (uint32_t k = 0; k < n; ++k) {
    from.amount.set(k, 100);
    to.amount.set(k, 100);
    if (k % 2 == 0) to.verdict[k] = verdict::kStatus;  // 75,000 orders: a large step
    if (k % 50 == 1) to.amount.set(k, 90);             // 3,000 orders: a small one
  }
  from.store = OrderStores(store);
  to.store = OrderStores(store);
  for (int threads : {1, 2}) {
    Bridge b = compute_bridge(from, to, stores, {}, OrderIdView{nullptr, {}, ids}, threads);
    ASSERT_EQ(b.steps.size(), 2u);
    for (const BridgeStep& step : b.steps) {
      std::vector<std::pair<std::string, uint32_t>> expected;
      for (uint32_t k = 0; k < n; ++k) {
        bool in = step.reason == "status" ? k % 2 == 0 : k % 50 == 1;
        if (in) expected.emplace_back(ids[k], k);
      }
      std::sort(expected.begin(), expected.end());
      std::vector<std::pair<std::string, uint32_t>> got;
      for (uint32_t k : step.order_indices) got.emplace_back(ids[k], k);
      EXPECT_EQ(got.size(), expected.size()) << step.reason << ", threads " << threads;
      EXPECT_TRUE(got == expected) << step.reason << ", threads " << threads;
    }
  }
}

}  // namespace
}  // namespace pitwall::core::closeout
