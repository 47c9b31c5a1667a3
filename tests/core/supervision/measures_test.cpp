#include "core/supervision/measures.hpp"

#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::add_row;
using testing::at;
using testing::campaign_of;
using testing::day_of;
using testing::shanghai;

TEST(RoundHalfAway, RoundsTheDecimalNumberAPersonMeans) {
  EXPECT_EQ(round_half_away(70.99999999999999, 2), 71.0);
  EXPECT_EQ(round_half_away(2.675, 2), 2.68);  // 2.67499999... in binary
  EXPECT_EQ(round_half_away(-2.675, 2), -2.68);
  EXPECT_EQ(round_half_away(0.125, 2), 0.13);
  EXPECT_EQ(round_half_away(0.124, 2), 0.12);
  EXPECT_EQ(round_half_away(-0.005, 2), -0.01);
}

// S4: participation 0.30 (target 0.40), checklist 4 of 5, 2 complaints per 100, 1 of 2
// problems closed on time: 30 + 24 + 12 + 5 = 71.
TEST(ExecutionScore, S4IsExactly71) {
  SupervisionRule rule;
  // The reason for rounding: in binary, 40 x 0.3 / 0.4 is 29.999999999999996.
  EXPECT_NE(40 * (0.3 / 0.4), 30.0);
  Components parts = {participation_part(0.30, 0.40), 0.8, complaints_part(2, 100, 5),
                      problems_part(1, 2)};
  EXPECT_DOUBLE_EQ(*parts[kComplaintsPart], 0.6);  // 1 - 2/5
  std::optional<double> score = execution_score(parts, rule);
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(*score, 71.0);
}

TEST(ExecutionScore, MissingComponentsDropOutAndTheRestScaleTo100) {
  SupervisionRule rule;
  // Participation 0.75 of target (30 of 40) and complaints 0.6 (12 of 20), nothing else:
  // (30 + 12) / 60 x 100 = 70.
  Components parts = {0.75, std::nullopt, 0.6, std::nullopt};
  EXPECT_EQ(*execution_score(parts, rule), 70.0);
  // Only the checklist: 4 of 5 -> 80.
  EXPECT_EQ(*execution_score({std::nullopt, 0.8, std::nullopt, std::nullopt}, rule), 80.0);
  // Nothing: no score.
  EXPECT_FALSE(execution_score({}, rule).has_value());
  // Only components with weight 0: no score either.
  rule.weight_checklist = 0;
  EXPECT_FALSE(execution_score({std::nullopt, 0.8, std::nullopt, std::nullopt}, rule));
}

TEST(ExecutionScore, WeightsComeFromTheCampaign) {
  SupervisionRule rule;
  rule.weight_participation = 50;
  rule.weight_checklist = 50;
  rule.weight_complaints = 0;
  rule.weight_problems = 0;
  // 50 x 0.5 + 50 x 1.0 = 75 of 100.
  EXPECT_EQ(*execution_score({0.5, 1.0, 0.0, 0.0}, rule), 75.0);
}

TEST(ComplaintsPart, NeverDividesByZero) {
  EXPECT_EQ(*complaints_part(3, 0, 5), 0.0);           // complaints, nobody took part: zero
  EXPECT_FALSE(complaints_part(0, 0, 5).has_value());  // nothing at all: drops out
  EXPECT_FALSE(complaints_part(std::nullopt, 10, 5).has_value());
  EXPECT_EQ(*complaints_part(10, 100, 5), 0.0);  // 10 per 100 is past the cap of 5
  EXPECT_EQ(*complaints_part(0, 100, 5), 1.0);
  EXPECT_EQ(*complaints_part(1, 100, 0), 0.0);  // a cap of 0: any complaint zeroes it
  EXPECT_FALSE(participation_part(std::nullopt, 0.4).has_value());
  EXPECT_EQ(*participation_part(0.6, 0.4), 1.0);  // capped at the target
  EXPECT_FALSE(problems_part(0, 0).has_value());
}

struct S4Store : ::testing::Test {
  testing::Tables t;
  Campaign campaign = campaign_of("2023-03-01", "2023-03-07");
  std::vector<Problem> problems;
  void SetUp() override {
    add_row(t.stores, {"S01", "一店", "华东"});
    // 300 of 1000 take part (0.30); 6 complaints are 2 per 100 participants.
    add_row(t.store_day, {"2023-03-01", "S01", "1000", "300", "50", "50", "6"});
    for (auto item : {"materials", "rules_known", "redemption_system", "gifts_in_stock"}) {
      add_row(t.inspections, {"2023-03-01", "S01", "王督导", item, "1"});
    }
    add_row(t.inspections, {"2023-03-01", "S01", "王督导", "customers_informed", "0"});
    // Two problems opened on the morning of day 1, due 24 hours later (day 2); one closed
    // after 3 hours, one after 30. Both are due by the end of day 2.
    for (int i = 0; i < 2; ++i) {
      ProblemDraft d{i == 0 ? "P0001" : "P0002", "S01", "海报未张贴", "", "李店长", "hq", ""};
      Problem p = open_problem(d, at("2023-03-01 08:00"), 24).release_value();
      ASSERT_TRUE(
          close_problem(p, "李店长", "", at(i == 0 ? "2023-03-01 11:00" : "2023-03-02 14:00")));
      problems.push_back(p);
    }
  }
};

TEST_F(S4Store, ScoresS4ThroughTheFeeds) {
  Feeds feeds = build_feeds(campaign, shanghai(), t.feeds()).release_value();
  auto m = measure_days(feeds, problems, campaign.supervision, day_of("2023-03-02"));
  ASSERT_EQ(m.size(), 2u);
  // Day 1: no problem is due yet, so that component drops out:
  // (30 + 24 + 12) / 90 x 100 = 73.333 -> 73.33.
  EXPECT_EQ(*m[0].score, 73.33);
  // Day 2 has no row: participation and complaints drop out; the day's score is the checklist
  // and problems: (24 + 5) / 40 x 100 = 72.5. The cumulative one is S4: 71.
  EXPECT_FALSE(m[1].reported);
  EXPECT_EQ(m[1].problems_due, 2);
  EXPECT_EQ(m[1].problems_on_time, 1);
  EXPECT_EQ(*m[1].score, 72.5);
  EXPECT_EQ(*m[1].cum_score, 71.0);
  EXPECT_DOUBLE_EQ(*m[1].cum_participation, 0.3);
  EXPECT_EQ(*m[1].cum_complaints, 6);
}

TEST(Measures, ZeroEligibleHasNoParticipationRate) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S01", "0", "0", "0", "0", "0"});
  Campaign c = campaign_of("2023-03-01", "2023-03-01");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  auto m = measure_days(feeds, {}, c.supervision, feeds.last_day);
  EXPECT_TRUE(m[0].reported);
  EXPECT_FALSE(m[0].participation.has_value());
  EXPECT_FALSE(m[0].complaint_rate.has_value());
  // 0 participants and 0 complaints drop that component too: no component, no score.
  EXPECT_FALSE(m[0].score.has_value());
}

TEST(Measures, TheNewerCheckCountsAndOnTheSameDayTheInspection) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S01", "10", "1"});
  add_row(t.inspections, {"2023-03-01", "S01", "王", "materials", "0"});
  add_row(t.spot_checks, {"2023-03-01 20:00", "S01", "赵", "phone", "materials", "1"});
  add_row(t.spot_checks, {"2023-03-02 10:00", "S01", "赵", "phone", "materials", "1"});
  add_row(t.spot_checks, {"2023-03-02 10:00", "S01", "赵", "phone", "rules_known", "0"});
  Campaign c = campaign_of("2023-03-01", "2023-03-03");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  auto m = measure_days(feeds, {}, c.supervision, feeds.last_day);
  const size_t n = feeds.stores.size();
  EXPECT_EQ(*m[0 * n].checklist, 0.0);  // day 1: inspection (0 of 1) beats the evening call
  EXPECT_EQ(*m[1 * n].checklist, 0.5);  // day 2: the spot check, 1 of 2
  EXPECT_EQ(*m[2 * n].checklist, 0.5);  // day 3: still the latest one
}

TEST(Measures, ComplaintsComeFromTheFeedWhenImported) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S01", "100", "50", "", "", "9"});
  Campaign c = campaign_of("2023-03-01", "2023-03-01");
  {
    Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
    auto m = measure_days(feeds, {}, c.supervision, feeds.last_day);
    EXPECT_EQ(*m[0].complaints, 9);
    EXPECT_DOUBLE_EQ(*m[0].complaint_rate, 18.0);  // 9 / 50 x 100
  }
  add_row(t.complaints, {"2023-03-01 10:00", "S01", "quota_full", "说名额满了"});
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  auto m = measure_days(feeds, {}, c.supervision, feeds.last_day);
  EXPECT_EQ(*m[0].complaints, 1);
  EXPECT_DOUBLE_EQ(*m[0].complaint_rate, 2.0);
}

TEST(Feeds, CampaignStoresAreThoseInTheStoreDayFeed) {
  testing::Tables t;
  add_row(t.stores, {"S02", "二店", "华南", "", "OLD2"});
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.stores, {"S03", "三店", "华东"});
  add_row(t.store_day, {"2023-03-01", "OLD2", "10", "1"});  // an old code
  add_row(t.store_day, {"2023-03-01", "S01", "10", "1"});
  add_row(t.store_day, {"2023-03-01", "S99", "10", "1"});  // unknown
  add_row(t.store_day, {"2023-04-01", "S01", "10", "1"});  // after the campaign
  Campaign c = campaign_of("2023-03-01", "2023-03-31");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  ASSERT_EQ(feeds.stores.size(), 2u);
  EXPECT_EQ(feeds.stores[0].code, "S01");
  EXPECT_EQ(feeds.stores[1].code, "S02");
  EXPECT_EQ(feeds.regions, (std::vector<std::string>{"华东", "华南"}));
  EXPECT_TRUE(feeds.row(1, day_of("2023-03-01")).present);
  ASSERT_EQ(feeds.notes.size(), 2u);
  EXPECT_EQ(feeds.notes[0].kind, NoteKind::kUnknownStore);
  EXPECT_EQ(feeds.notes[0].example, "S99");
  EXPECT_EQ(feeds.notes[0].first_line, 4);
  EXPECT_EQ(feeds.notes[1].kind, NoteKind::kOutsideCampaign);
  // An empty store-day feed: every store of the master data.
  t.store_day = Table::empty(TableKind::kStoreDay);
  EXPECT_EQ(build_feeds(c, shanghai(), t.feeds())->stores.size(), 3u);
}

TEST(Feeds, RefusesAnUnknownCriticalItem) {
  testing::Tables t;
  Campaign c = campaign_of("2023-03-01", "2023-03-31");
  c.supervision.critical_items = {"materials", "poster"};
  auto feeds = build_feeds(c, shanghai(), t.feeds());
  ASSERT_FALSE(feeds.has_value());
  EXPECT_EQ(feeds.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(feeds.error().where.column, "[supervision] critical_items");
  c.supervision.critical_items = {};
  c.supervision.weight_problems = -1;
  EXPECT_EQ(build_feeds(c, shanghai(), t.feeds()).error().where.column, "[supervision] weights");
}

}  // namespace
}  // namespace pitwall::core::supervision
