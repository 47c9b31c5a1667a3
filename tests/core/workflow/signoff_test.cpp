#include "core/workflow/signoff.hpp"

#include <gtest/gtest.h>

#include "core/base/sha256.hpp"
#include "core/closeout/fixture.hpp"

namespace pitwall::core::workflow {
namespace {

using closeout::DecisionKind;
using closeout::RunResult;
using closeout::testing::Fixture;
using closeout::testing::paid_order;
using closeout::testing::TableBuilder;

// O1 at S1 (East), O2 at S2 (East), O3 at S3 (West); the fixture's stores.
Fixture three_stores() {
  Fixture f;
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("O1", "C1"))
                 .row(paid_order("O2", "C2", {{"store_code", "S2"}}))
                 .row(paid_order("O3", "C3", {{"store_code", "S3"}, {"paid_amount", "50.00"}}))
                 .build();
  return f;
}

uint32_t store(const RunResult& r, std::string_view code) { return r.stores.find_store(code); }
uint32_t region(const RunResult& r, std::string_view name) { return r.stores.find_region(name); }

TEST(Signoff, StoreTextNamesDefinitionOrdersAndSettlement) {
  Fixture f = three_stores();
  RunResult r = f.run();
  std::string text = numbers_text(r, SignoffKind::kStore, store(r, "S1"));
  // finance is declared raw, so the signed (cleaned) numbers are tagged /cleaned. O1 counts with
  // 100.00; the rebate is 5% of 100.00 = 5.00 (500 fen); raw and cleaned agree, nothing clawed.
  std::string expected = "definition\t" + r.evaluations[r.settlement.cleaned].tag() +
                         "\n"
                         "order\tO1\t\t10000\n"
                         "settlement\tS1\t1\t10000\t500\t1\t10000\t500\t0\t0\t0\t500\n";
  EXPECT_EQ(text, expected);
  EXPECT_NE(text.find("/cleaned"), std::string::npos);
  EXPECT_EQ(numbers_digest(r, SignoffKind::kStore, store(r, "S1")), sha256_hex(expected));
}

TEST(Signoff, ADecisionChangesOnlyTheNumbersItTouches) {
  Fixture f = three_stores();
  RunResult before = f.run();
  f.decisions.push_back({"O2", DecisionKind::kExclude, "", "fraud", "arbiter", 0});
  RunResult after = f.run();
  auto same = [&](SignoffKind kind, uint32_t index) {
    return numbers_digest(before, kind, index) == numbers_digest(after, kind, index);
  };
  EXPECT_TRUE(same(SignoffKind::kStore, store(before, "S1")));
  EXPECT_FALSE(same(SignoffKind::kStore, store(before, "S2")));
  EXPECT_TRUE(same(SignoffKind::kStore, store(before, "S3")));
  EXPECT_FALSE(same(SignoffKind::kRegion, region(before, "East")));
  EXPECT_TRUE(same(SignoffKind::kRegion, region(before, "West")));
  EXPECT_FALSE(same(SignoffKind::kFinance, 0));
}

TEST(Signoff, ReattributionMakesBothStoresStale) {
  Fixture f = three_stores();
  RunResult before = f.run();
  f.decisions.push_back({"O2", DecisionKind::kStore, "S3", "claimed", "arbiter", 0});
  RunResult after = f.run();
  for (std::string_view code : {"S2", "S3"}) {
    Signoff s{SignoffKind::kStore,
              std::string(code),
              "p",
              "store",
              std::string(code),
              0,
              "",
              numbers_digest(before, SignoffKind::kStore, store(before, code)),
              false};
    EXPECT_EQ(signoff_status(&s, numbers_digest(after, SignoffKind::kStore, store(after, code))),
              SignoffStatus::kStale)
        << code;
  }
  // Both regions moved: East lost 100.00, West gained it.
  EXPECT_NE(numbers_digest(before, SignoffKind::kRegion, region(before, "West")),
            numbers_digest(after, SignoffKind::kRegion, region(after, "West")));
}

TEST(Signoff, StoreDigestsInOnePassMatchOneByOne) {
  Fixture f = three_stores();
  RunResult r = f.run();
  auto all = store_digests(r);
  ASSERT_EQ(all.size(), r.stores.store_count());
  for (uint32_t s = 0; s < all.size(); ++s) {
    EXPECT_EQ(all[s], numbers_digest(r, SignoffKind::kStore, s)) << r.stores.codes[s];
  }
}

TEST(Signoff, StatusOfRecordedSignoffs) {
  Signoff s;
  s.digest = "abc";
  EXPECT_EQ(signoff_status(nullptr, "abc"), SignoffStatus::kPending);
  EXPECT_EQ(signoff_status(&s, "abc"), SignoffStatus::kCurrent);
  EXPECT_EQ(signoff_status(&s, "abd"), SignoffStatus::kStale);
  s.deemed = true;  // deemed at the freeze: never stale, never blocking
  EXPECT_EQ(signoff_status(&s, "abd"), SignoffStatus::kDeemed);
}

TEST(Signoff, SilentAndStaleStoresBlockTheRegionOnlyUntilTheWindowEnds) {
  EXPECT_TRUE(store_is_settled(SignoffStatus::kCurrent, false));
  EXPECT_TRUE(store_is_settled(SignoffStatus::kDeemed, false));
  EXPECT_FALSE(store_is_settled(SignoffStatus::kPending, false));
  EXPECT_FALSE(store_is_settled(SignoffStatus::kStale, false));
  EXPECT_TRUE(store_is_settled(SignoffStatus::kPending, true));
  EXPECT_TRUE(store_is_settled(SignoffStatus::kStale, true));
}

TEST(Signoff, RegionsToSignLeaveOutUnattributed) {
  Fixture f = three_stores();
  RunResult r = f.run();
  // Regions sorted: East, West, then "(unattributed)", which no manager signs.
  ASSERT_EQ(r.stores.region_count(), 3u);
  EXPECT_EQ(regions_to_sign(r.stores), (std::vector<uint32_t>{0, 1}));
  auto east = stores_of_region(r.stores, region(r, "East"));
  ASSERT_EQ(east.size(), 2u);
  EXPECT_EQ(r.stores.codes[east[0]], "S1");
  EXPECT_EQ(r.stores.codes[east[1]], "S2");
}

}  // namespace
}  // namespace pitwall::core::workflow
