// The stored close-out run: same inputs give the same bytes (1 or 2 threads, two runs), and a
// run read back gives the bridge the live run gives.
#include "io/report/closeout_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"

namespace pitwall::io {
namespace {

namespace cc = core::closeout;

struct Generated {
  cc::SyntheticCampaign s;
  core::FixedOffsetZone zone{"Asia/Shanghai", 8 * 3600};
  cc::CloseoutInputs inputs(int threads) const {
    cc::CloseoutInputs in = s.inputs(zone);
    in.threads = threads;
    in.keep_orders = cc::CloseoutInputs::KeepOrders::kAll;
    return in;
  }
};

const Generated& generated() {
  static const Generated g = [] {
    cc::SyntheticOptions o;
    o.seed = 42;
    o.orders = 40000;  // above the size where the stages split over two threads
    return Generated{cc::generate_synthetic(o)};
  }();
  return g;
}

std::string result_text(int threads) {
  const Generated& g = generated();
  auto r = cc::run_closeout(g.inputs(threads));
  EXPECT_TRUE(r.has_value());
  return closeout_result_json(*r, g.s.campaign, g.zone).dump();
}

TEST(CloseoutJson, SameInputsSameBytesOnOneOrTwoThreads) {
  std::string one = result_text(1);
  std::string two = result_text(2);
  std::string again = result_text(2);
  EXPECT_GT(one.size(), 1000000u);
  EXPECT_EQ(one, two);
  EXPECT_EQ(two, again);
}

TEST(CloseoutJson, StoredRunReadsBackWithItsBridges) {
  const Generated& g = generated();
  auto r = cc::run_closeout(g.inputs(2));
  ASSERT_TRUE(r.has_value());
  RunMeta meta;
  meta.campaign = "synthetic";
  meta.run = 3;
  meta.created_at = 1680400000;
  meta.by = "hq";
  meta.batches = {{7, "orders", "orders.csv", "ab", 100}};
  Json doc = closeout_run_json(meta, closeout_result_json(*r, g.s.campaign, g.zone));
  auto stored = read_stored_run(doc.dump());
  ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
  EXPECT_EQ(stored->meta.run, 3);
  EXPECT_EQ(stored->meta.batches.size(), 1u);
  EXPECT_EQ(stored->result_digest, doc.get_string("result_digest"));
  ASSERT_EQ(stored->evaluations.size(), r->evaluations.size());
  ASSERT_EQ(stored->findings.size(), r->findings.size());
  for (size_t i = 0; i < r->findings.size(); ++i) {  // read through the SAX pass, field by field
    const cc::Finding& f = r->findings.items()[i];
    const StoredFinding& s = stored->findings[i];
    ASSERT_EQ(s.order, f.order);
    EXPECT_EQ(s.order_id, r->orders.order_id(f.order));
    EXPECT_EQ(s.rule, cc::rule_token(f.rule));
    EXPECT_EQ(s.before, r->findings.text(f.before));
    EXPECT_EQ(s.after, r->findings.text(f.after));
    EXPECT_EQ(s.detail, r->findings.text(f.detail));
  }
  EXPECT_EQ(stored->order_ids.size(), r->orders.size());
  EXPECT_EQ(stored->result().find("settlement")->get_int("cleaned"), 5);
  for (size_t a = 0; a < r->evaluations.size(); ++a) {
    EXPECT_EQ(stored->evaluations[a].tag(), r->evaluations[a].tag());
    EXPECT_EQ(stored->evaluations[a].verdict, r->evaluations[a].verdict);
  }
  core::Bridge live =
      core::compute_bridge(r->evaluations[0], r->evaluations[3], r->stores, {}, r->orders.ids());
  core::Bridge back = core::compute_bridge(stored->evaluations[0], stored->evaluations[3],
                                           stored->stores, {}, stored->ids());
  ASSERT_EQ(live.steps.size(), back.steps.size());
  for (size_t i = 0; i < live.steps.size(); ++i) {
    EXPECT_EQ(live.steps[i].reason, back.steps[i].reason);
    EXPECT_EQ(live.steps[i].amount_fen, back.steps[i].amount_fen);
    EXPECT_EQ(live.steps[i].order_indices, back.steps[i].order_indices);
  }
  EXPECT_EQ(stored->declared("finance"), 2);
  EXPECT_EQ(stored->settlement_cleaned(), 5);
}

// closeout_run_text writes the document without a tree: it must be the tree's bytes, both when
// every evaluation keeps its per-order results and when some have "orders": null.
TEST(CloseoutJson, StreamedTextIsTheDumpedDocument) {
  const Generated& g = generated();
  RunMeta meta;
  meta.campaign = "synthetic";
  meta.run = 2;
  meta.created_at = 1680400000;
  meta.by = "hq \"ops\"";
  meta.batches = {{7, "orders", "orders \\ 1.csv", "ab", 100}, {8, "stores", "s.csv", "cd", 9}};
  for (auto keep :
       {cc::CloseoutInputs::KeepOrders::kAll, cc::CloseoutInputs::KeepOrders::kDeclared}) {
    cc::CloseoutInputs in = g.inputs(2);
    in.keep_orders = keep;
    auto r = cc::run_closeout(in);
    ASSERT_TRUE(r.has_value());
    Json doc = closeout_run_json(meta, closeout_result_json(*r, g.s.campaign, g.zone));
    RunText streamed = closeout_run_text(meta, *r, g.s.campaign, g.zone);
    EXPECT_EQ(streamed.result_digest, doc.get_string("result_digest"));
    std::string dumped = doc.dump();
    ASSERT_EQ(streamed.text.size(), dumped.size());
    size_t diff =
        std::mismatch(dumped.begin(), dumped.end(), streamed.text.begin()).first - dumped.begin();
    EXPECT_EQ(diff, dumped.size()) << dumped.substr(diff < 80 ? 0 : diff - 80, 160) << "\n"
                                   << streamed.text.substr(diff < 80 ? 0 : diff - 80, 160);
  }
}

// The totals-only document reads back with every total and no per-order part.
TEST(CloseoutJson, TotalsOnlyReadsBack) {
  const Generated& g = generated();
  auto r = cc::run_closeout(g.inputs(2));
  ASSERT_TRUE(r.has_value());
  RunMeta meta;
  meta.campaign = "synthetic";
  meta.run = 1;
  Json doc =
      closeout_run_json(meta, closeout_result_json(*r, g.s.campaign, g.zone, RunDetail::kTotals));
  auto stored = read_stored_run(doc.dump());
  ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
  ASSERT_EQ(stored->evaluations.size(), r->evaluations.size());
  for (size_t a = 0; a < r->evaluations.size(); ++a) {
    EXPECT_EQ(stored->evaluations[a].total.orders, r->evaluations[a].total.orders);
    EXPECT_FALSE(stored->evaluations[a].has_orders());
  }
  EXPECT_TRUE(stored->findings.empty());
}

TEST(CloseoutJson, AnythingElseIsCorrupt) {
  auto bad = read_stored_run("{\"format\":\"something\"}");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kCorrupt);
  auto broken = read_stored_run("{\"format\":");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, core::ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace pitwall::io
