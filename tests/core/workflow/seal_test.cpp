#include "core/workflow/seal.hpp"

#include <gtest/gtest.h>

#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/fixture.hpp"
#include "core/closeout/synthetic.hpp"
#include "core/workflow/canonical.hpp"

namespace pitwall::core::workflow {
namespace {

using closeout::ArbitrationDecision;
using closeout::DecisionKind;
using closeout::RunResult;

closeout::SyntheticCampaign small_campaign() {
  closeout::SyntheticOptions options;
  options.seed = 7;
  options.orders = 3000;
  options.stores = 20;
  options.regions = 4;
  return closeout::generate_synthetic(options);
}

struct Synthetic {
  closeout::SyntheticCampaign s = small_campaign();
  std::vector<ArbitrationDecision> decisions;

  RunResult run(int threads) const {
    closeout::CloseoutInputs in = s.inputs(closeout::testing::shanghai());
    in.definitions = {s.definitions[2]};  // finance, the settlement definition
    in.decisions = decisions;
    in.threads = threads;
    auto r = closeout::run_closeout(in);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
    return std::move(r).release_value();
  }
  Snapshot snapshot(const RunResult& r) const {
    SnapshotInputs in;
    in.run = &r;
    in.campaign_id = s.campaign.id;
    in.campaign_file_sha256 = sha256_hex("campaign file");
    in.pins = {{"stores", {1}}, {"customers", {3, 7}}};
    in.decisions = decisions;
    return seal_snapshot(in);
  }
};

TEST(Seal, SnapshotDigestIsTheSameForEveryRunAndThreadCount) {
  Synthetic a;
  ASSERT_EQ(a.s.campaign.settlement_definition, a.s.definitions[2].name);
  RunResult one = a.run(1);
  RunResult two = a.run(2);
  Synthetic b;
  RunResult again = b.run(2);
  Snapshot s1 = a.snapshot(one);
  EXPECT_EQ(s1.sha256, sha256_hex(s1.text));
  EXPECT_EQ(s1.sha256, a.snapshot(two).sha256);
  EXPECT_EQ(s1.sha256, a.snapshot(again).sha256);
  EXPECT_EQ(s1.text, a.snapshot(again).text);
  // Every order has its line; the synthetic campaign has findings to seal.
  EXPECT_NE(s1.text.find("\nsection\torders\n"), std::string::npos);
  EXPECT_GT(one.findings.size(), 0u);
  ASSERT_EQ(s1.sections.size(), 5u);
  EXPECT_EQ(s1.sections[0].name, "header");
  EXPECT_EQ(s1.sections[4].name, "settlement");
}

TEST(Seal, ADecisionChangesExactlyTheSectionsItMoves) {
  Synthetic a;
  RunResult before = a.run(1);
  Snapshot s1 = a.snapshot(before);
  // Exclude the first counted order.
  const Evaluation& e = before.evaluations[before.settlement.cleaned];
  uint32_t k = 0;
  while (e.verdict[k] != verdict::kCounted) ++k;
  a.decisions.push_back(
      {std::string(before.orders.order_id(k)), DecisionKind::kExclude, "", "fraud", "arb", 5});
  Snapshot s2 = a.snapshot(a.run(1));
  EXPECT_NE(s1.sha256, s2.sha256);
  std::vector<bool> changed;
  for (size_t i = 0; i < s1.sections.size(); ++i) {
    changed.push_back(s1.sections[i].sha256 != s2.sections[i].sha256);
  }
  // header, orders, findings, decisions, settlement
  EXPECT_EQ(changed, (std::vector<bool>{false, true, false, true, true}));
  auto diff = snapshot_differences(s1.text, s2.text, 100);
  ASSERT_FALSE(diff.empty());
  std::string order_id(before.orders.order_id(k));
  EXPECT_NE(diff[0].find("-order\t" + order_id + "\t\t"), std::string::npos) << diff[0];
}

TEST(Seal, DifferencesIgnoreMovedLinesAndAreLimited) {
  auto d = snapshot_differences("a\nb\nc\n", "b\na\nd\n", 10);
  EXPECT_EQ(d, (std::vector<std::string>{"-c", "+d"}));
  EXPECT_EQ(snapshot_differences("a\nb\n", "c\nd\n", 3).size(), 3u);
  EXPECT_TRUE(snapshot_differences("x\ny\n", "y\nx\n", 3).empty());
}

TEST(Seal, ChainHashIsSha256OfPreviousNewlineEntry) {
  // By hand (Python): sha256(("0" * 64 + "\n" + '{"a":1}').encode()).hexdigest()
  EXPECT_EQ(chain_hash(kChainGenesis, "{\"a\":1}"),
            "f21735afd2cd6af4fc5804b0045cebfd545aef8396d29d030c39cb8880b45b7f");
}

std::vector<ChainLink> chain_of(const std::vector<std::string>& entries) {
  std::vector<ChainLink> links;
  std::string prev(kChainGenesis);
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string hash = chain_hash(prev, entries[i]);
    links.push_back({static_cast<int64_t>(i + 1), prev, hash, entries[i]});
    prev = hash;
  }
  return links;
}

TEST(Seal, ChainCatchesEditedRemovedAndReorderedEntries) {
  auto links = chain_of({"confirm S1", "decide O2 exclude", "sign finance"});
  ChainCheck ok = check_chain(links);
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.length, 3);
  EXPECT_EQ(ok.head, links[2].hash);

  auto edited = links;
  edited[1].entry = "decide O2 count";
  ChainCheck e = check_chain(edited);
  EXPECT_FALSE(e.ok);
  EXPECT_EQ(e.bad_seq, 2);
  EXPECT_EQ(e.problem, "hash_mismatch");

  auto rehashed = edited;  // the entry's hash recomputed too: the next entry's prev breaks
  rehashed[1].hash = chain_hash(rehashed[1].prev, rehashed[1].entry);
  ChainCheck r = check_chain(rehashed);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, "prev_mismatch");

  auto removed = links;
  removed.erase(removed.begin() + 1);
  EXPECT_EQ(check_chain(removed).problem, "sequence_gap");

  auto swapped = chain_of({"a", "b"});
  std::swap(swapped[0].seq, swapped[1].seq);
  std::swap(swapped[0], swapped[1]);
  EXPECT_FALSE(check_chain(swapped).ok);

  EXPECT_EQ(check_chain({}).head, kChainGenesis);
}

TEST(Seal, CanonicalLinesEscapeSeparators) {
  std::string out;
  { CanonicalLine(out, "note").text("a\tb\nc\\d").number(-5); }
  EXPECT_EQ(out, "note\ta\\tb\\nc\\\\d\t-5\n");
}

}  // namespace
}  // namespace pitwall::core::workflow
