// The queue's filters (web.md "Win-back": tier, score band, store) on score_customers: the rows
// shown keep their rank in the whole ranking, the summary still counts the whole scope, and the
// limit applies after the filters.
//
// The fixture's churned list (tests/data/winback/churned.csv) by tier (winback.md: star above
// 8,000 a year, potential 4,000–8,000, maintain 2,000–<4,000, basic below 2,000):
//   star: W002 (12,000, S001), W004 (9,500, S003), W007 (25,000, S003)
//   potential: W001 (6,000, S001), W008 (4,500, S001)
//   maintain: W003 (3,000, S002), W006 (2,500, S002)
//   basic: W005 (800, S001)
#include "app/winback/scoring.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/winback/winback_fixture.hpp"

namespace pitwall::app::winback {
namespace {

using testing::session_of;

struct Shown {
  std::vector<std::string> customers;  // in the order shown
  std::vector<int64_t> ranks;
};

Shown shown(const ScoreResult& r) {
  Shown out;
  for (size_t i = 0; i < r.size(); ++i) {
    ScoreRow row = r.row(i);
    out.customers.emplace_back(row.customer_id);
    out.ranks.push_back(row.rank);
  }
  return out;
}

class WinbackScoreFilters : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::fresh_dir("winback-score-filters");
    testing::make_winback_workspace(dir_);
    auto ws = store::open_workspace(dir_);
    ASSERT_TRUE(ws.has_value());
    ws_ = std::move(*ws);
  }
  // The whole ranking as HQ reads it: each customer's rank.
  std::map<std::string, int64_t> whole() {
    auto all = score_customers(session_of(*ws_, "ops"), {});
    EXPECT_TRUE(all.has_value());
    std::map<std::string, int64_t> ranks;
    for (size_t i = 0; i < all->size(); ++i) ranks[std::string(all->row(i).customer_id)] = i + 1;
    return ranks;
  }
  std::string dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_F(WinbackScoreFilters, ATierShowsItsCustomersAtTheirRanksAndTheWholeSummary) {
  auto ranks = whole();
  ASSERT_EQ(ranks.size(), 8u);
  ScoreRequest r;
  r.tier = wb::Tier::kStar;
  auto stars = score_customers(session_of(*ws_, "ops"), r);
  ASSERT_TRUE(stars.has_value()) << stars.error().to_string();
  Shown s = shown(*stars);
  EXPECT_EQ(std::set<std::string>(s.customers.begin(), s.customers.end()),
            (std::set<std::string>{"W002", "W004", "W007"}));
  for (size_t i = 0; i < s.customers.size(); ++i) {
    EXPECT_EQ(s.ranks[i], ranks[s.customers[i]]) << s.customers[i];
    if (i > 0) {
      EXPECT_LT(s.ranks[i - 1], s.ranks[i]);  // still best first
    }
  }
  EXPECT_EQ(stars->ranking.summary.customers, 8);  // the summary is the scope's, not the page's
}

TEST_F(WinbackScoreFilters, StoreAndTierTogetherAndTheLimitAfterThem) {
  ScoreRequest r;
  r.store_code = "S001";
  r.tier = wb::Tier::kPotential;
  auto both = score_customers(session_of(*ws_, "ops"), r);
  ASSERT_TRUE(both.has_value());
  Shown s = shown(*both);
  EXPECT_EQ(std::set<std::string>(s.customers.begin(), s.customers.end()),
            (std::set<std::string>{"W001", "W008"}));
  r.limit = 1;
  auto first = score_customers(session_of(*ws_, "ops"), r);
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->row(0).customer_id, s.customers[0]);
  EXPECT_EQ(first->row(0).rank, s.ranks[0]);
  // A store outside the list: nothing shown.
  ScoreRequest none;
  none.store_code = "S999";
  auto empty = score_customers(session_of(*ws_, "ops"), none);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->size(), 0u);
}

TEST_F(WinbackScoreFilters, ABandShowsExactlyTheRowsOfThatBand) {
  auto all = score_customers(session_of(*ws_, "ops"), {});
  ASSERT_TRUE(all.has_value());
  std::map<wb::DecisionBand, std::vector<std::string>> by_band;
  for (size_t i = 0; i < all->size(); ++i) {
    ScoreRow row = all->row(i);
    by_band[row.evaluation.band].emplace_back(row.customer_id);
  }
  size_t seen = 0;
  for (int b = 0; b < wb::kDecisionBandCount; ++b) {
    ScoreRequest r;
    r.band = static_cast<wb::DecisionBand>(b);
    auto one = score_customers(session_of(*ws_, "ops"), r);
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(shown(*one).customers, by_band[*r.band]) << b;
    seen += one->size();
  }
  EXPECT_EQ(seen, 8u);  // every customer in exactly one band
}

TEST_F(WinbackScoreFilters, AStoreManagerFiltersWithinTheirScopeOnly) {
  // wang manages S001: filtering on S003 finds nothing, never another store's customers.
  ScoreRequest r;
  r.store_code = "S003";
  auto other = score_customers(session_of(*ws_, "wang"), r);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->size(), 0u);
  r.tier = wb::Tier::kStar;
  r.store_code = "";
  auto stars = score_customers(session_of(*ws_, "wang"), r);
  ASSERT_TRUE(stars.has_value());
  EXPECT_EQ(shown(*stars).customers, std::vector<std::string>{"W002"});
}

TEST(WinbackBands, ParsesEveryBandTokenAndNothingElse) {
  EXPECT_EQ(parse_band("high_priority"), wb::DecisionBand::kHighPriority);
  EXPECT_EQ(parse_band("standard"), wb::DecisionBand::kStandard);
  EXPECT_EQ(parse_band("low_cost"), wb::DecisionBand::kLowCost);
  EXPECT_EQ(parse_band("do_not"), wb::DecisionBand::kDoNot);
  EXPECT_EQ(parse_band("high"), std::nullopt);
  EXPECT_EQ(parse_band(""), std::nullopt);
}

}  // namespace
}  // namespace pitwall::app::winback
