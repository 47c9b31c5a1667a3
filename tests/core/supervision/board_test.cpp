#include "core/supervision/board.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::add_row;
using testing::at;
using testing::campaign_of;
using testing::day_of;
using testing::shanghai;

struct BoardTest : ::testing::Test {
  testing::Tables t;
  Campaign campaign = campaign_of("2023-03-01", "2023-03-07");
  int64_t now = at("2023-03-05 09:00");

  void store(const std::string& code, const char* region, const char* date, int eligible,
             int participants) {
    if (t.stores.pool.find(code) == StringPool::kMissing) add_row(t.stores, {code, "店", region});
    add_row(t.store_day,
            {date, code, std::to_string(eligible), std::to_string(participants), "", "", "0"});
  }
  Board board(const char* date, int region = -1) {
    feeds = build_feeds(campaign, shanghai(), t.feeds()).release_value();
    timeline = analyse(feeds, {}, campaign.supervision, day_of(date), now);
    return board_of(feeds, timeline, campaign.supervision, day_of(date), region);
  }
  std::vector<std::string> codes(const std::vector<ListedStore>& list) {
    std::vector<std::string> out;
    for (const auto& l : list) out.push_back(feeds.stores[l.store].code);
    return out;
  }
  std::vector<ReasonCode> reasons(const ListedStore& l) {
    std::vector<ReasonCode> out;
    for (const auto& r : l.reasons) out.push_back(r.code);
    return out;
  }
  Feeds feeds;
  Timeline timeline;
};

TEST_F(BoardTest, WhenEveryStoreExecutesTheBlackListIsEmpty) {
  // 25% .. 30%: all above half the target (20%), below the target, so the scores differ.
  for (int i = 0; i < 6; ++i) store(fmt::format("S0{}", i), "华东", "2023-03-01", 100, 25 + i);
  Board b = board("2023-03-01");
  EXPECT_TRUE(b.black.empty());
  // At most floor(6 / 2) = 3 on the red list, best first.
  EXPECT_EQ(codes(b.red), (std::vector<std::string>{"S05", "S04", "S03"}));
  EXPECT_EQ(reasons(b.red[0]).front(), ReasonCode::kTopParticipation);
  EXPECT_EQ(b.network.stores, 6);
  // S05: (40 x 0.30 / 0.40 + 20 x 1) / 60 x 100 = 83.33.
  EXPECT_EQ(*b.red[0].score, 83.33);
  EXPECT_EQ(b.network.participants, 25 + 26 + 27 + 28 + 29 + 30);
  EXPECT_DOUBLE_EQ(*b.network.participation, 165.0 / 600.0);
}

TEST_F(BoardTest, BlackOnlyForFailuresAndNeverOnBothLists) {
  // Target 0.40: below 0.20 is a failure. S00 0.10, S01 0.19 fail; the weak S02 at 0.21 does
  // not. S04 .. S07 reach the target, so all score 100 and are ordered by code.
  const int participants[] = {10, 19, 21, 35, 40, 45, 50, 55};
  for (int i = 0; i < 8; ++i) {
    store(fmt::format("S0{}", i), "华东", "2023-03-01", 100, participants[i]);
  }
  Board b = board("2023-03-01");
  EXPECT_EQ(codes(b.black), (std::vector<std::string>{"S00", "S01"}));
  EXPECT_EQ(codes(b.red), (std::vector<std::string>{"S04", "S05", "S06", "S07"}));
  EXPECT_EQ(reasons(b.black[0]).front(), ReasonCode::kLowParticipation);
  for (const auto& r : b.red) {
    for (const auto& k : b.black) EXPECT_NE(r.store, k.store);
  }
}

TEST_F(BoardTest, EqualScoresAreOrderedByStoreCode) {
  for (auto code : {"S09", "S03", "S07", "S01"}) store(code, "华东", "2023-03-01", 100, 50);
  Board b = board("2023-03-01");
  EXPECT_EQ(codes(b.red), (std::vector<std::string>{"S01", "S03"}));
  for (const auto& l : b.red) EXPECT_EQ(*l.score, 100.0);
}

TEST_F(BoardTest, SilentStoresRankBelowEveryScoredStore) {
  for (int i = 0; i < 6; ++i) store(fmt::format("S0{}", i), "华东", "2023-03-01", 100, 40);
  store("S10", "华东", "2023-03-01", 100, 5);  // scored, failing
  add_row(t.stores, {"S11", "店", "华东"});
  store("S11", "华东", "2023-03-02", 100, 40);  // no row on day 1: silent on day 1
  Board b = board("2023-03-01");
  EXPECT_EQ(codes(b.black), (std::vector<std::string>{"S11", "S10"}));
  EXPECT_FALSE(b.black[0].score.has_value());
  EXPECT_EQ(reasons(b.black[0]), (std::vector<ReasonCode>{ReasonCode::kSilent}));
}

TEST_F(BoardTest, RegionScopeAndMissingDataReasons) {
  store("A1", "华东", "2023-03-01", 100, 50);
  store("A2", "华东", "2023-03-01", 100, 10);
  store("B1", "华南", "2023-03-01", 100, 50);
  store("B2", "华南", "2023-03-01", 100, 45);
  Board b = board("2023-03-01", 1);  // 华南
  ASSERT_EQ(b.regions.size(), 1u);
  EXPECT_EQ(b.regions[0].stores, 2);
  EXPECT_EQ(b.network.stores, 4);
  EXPECT_EQ(codes(b.red), (std::vector<std::string>{"B1"}));
  EXPECT_TRUE(b.black.empty());
  // No inspection and no problems yet: the reasons say so.
  auto r = reasons(b.red[0]);
  EXPECT_NE(std::find(r.begin(), r.end(), ReasonCode::kNoCheck), r.end());
  EXPECT_NE(std::find(r.begin(), r.end(), ReasonCode::kNoProblemsDue), r.end());
}

TEST_F(BoardTest, PraisesTheBestImprovementAndTheTopCloser) {
  for (int i = 0; i < 4; ++i) {
    std::string code = fmt::format("S0{}", i);
    store(code, "华东", "2023-03-01", 100, 20);
    store(code, "华东", "2023-03-02", 100, 20 + 3 * i);
  }
  add_row(t.staff, {"E1", "小王", "S03", "advisor"});
  for (int k = 0; k < 8; ++k) {
    add_row(t.orders,
            {fmt::format("O{}", k), "C", "S03", "1", "2023-03-02 09:00", "2023-03-02 10:00"});
    t.orders.columns[orders::kCloser].set_text(t.orders.rows() - 1, t.orders.pool.intern("E1"));
  }
  Board b = board("2023-03-02");
  ASSERT_EQ(codes(b.red).front(), "S03");
  auto r = reasons(b.red[0]);
  EXPECT_NE(std::find(r.begin(), r.end(), ReasonCode::kBestImprovement), r.end());
  auto staff = std::find_if(b.red[0].reasons.begin(), b.red[0].reasons.end(),
                            [](auto& x) { return x.code == ReasonCode::kTopStaff; });
  ASSERT_NE(staff, b.red[0].reasons.end());
  EXPECT_EQ(staff->name, "小王");
  EXPECT_EQ(staff->count, 8);
}

TEST_F(BoardTest, ListLengthFromTheCampaign) {
  for (int i = 0; i < 30; ++i) store(fmt::format("S{:02}", i), "华东", "2023-03-01", 100, 50);
  campaign.supervision.list_length = 4;
  EXPECT_EQ(board("2023-03-01").red.size(), 4u);
}

}  // namespace
}  // namespace pitwall::core::supervision
