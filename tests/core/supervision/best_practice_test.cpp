#include "core/supervision/best_practice.hpp"

#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::add_row;
using testing::campaign_of;
using testing::day_of;
using testing::shanghai;

TEST(BestPractice, ComparesAdoptersWithNonAdoptersOverTheSameDays) {
  testing::Tables t;
  for (auto code : {"S0", "S1", "S2", "S3"}) add_row(t.stores, {code, "店", "华东"});
  // S0 found it (left out of the comparison). S1 adopts on day 3: 20% before, 40% after.
  // S2 and S3 never adopt: 20% then 25%.
  for (auto date : {"2023-03-01", "2023-03-02", "2023-03-03", "2023-03-04"}) {
    bool after = std::string_view(date) >= "2023-03-03";
    add_row(t.store_day, {date, "S0", "100", "50"});
    add_row(t.store_day, {date, "S1", "100", after ? "40" : "20"});
    add_row(t.store_day, {date, "S2", "100", after ? "25" : "20"});
    add_row(t.store_day, {date, "S3", "100", after ? "25" : "20"});
  }
  Campaign c = campaign_of("2023-03-01", "2023-03-07");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  Practice p;
  p.id = "BP001";
  p.store_code = "S0";
  p.title = "省300+18项检测话术";
  p.found_day = day_of("2023-03-01");
  p.adoptions.push_back({"S1", day_of("2023-03-03"), "hq", 0});
  PracticeEffect e = compare_practice(feeds, p, day_of("2023-03-04"));
  EXPECT_EQ(e.campaign_stores, 4);
  EXPECT_EQ(e.adopters, 2);
  EXPECT_EQ(e.compared, 1);
  EXPECT_EQ(e.non_adopters, 2);
  EXPECT_DOUBLE_EQ(*e.adopters_before, 0.20);
  EXPECT_DOUBLE_EQ(*e.adopters_after, 0.40);
  EXPECT_DOUBLE_EQ(*e.others_before, 0.20);
  EXPECT_DOUBLE_EQ(*e.others_after, 0.25);
  // (0.40 - 0.20) - (0.25 - 0.20) = 0.15 -> 15 points.
  EXPECT_NEAR(*e.lift_points, 15.0, 1e-9);
}

TEST(BestPractice, NoComparisonWithoutDaysOnBothSides) {
  testing::Tables t;
  add_row(t.stores, {"S1", "店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S1", "100", "20"});
  Campaign c = campaign_of("2023-03-01", "2023-03-07");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  Practice p;
  p.store_code = "S9";  // not a campaign store
  p.adoptions.push_back({"S1", day_of("2023-03-01"), "hq", 0});
  PracticeEffect e = compare_practice(feeds, p, day_of("2023-03-07"));
  EXPECT_EQ(e.adopters, 1);
  EXPECT_EQ(e.compared, 0);
  EXPECT_FALSE(e.lift_points.has_value());
}

}  // namespace
}  // namespace pitwall::core::supervision
