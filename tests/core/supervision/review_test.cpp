#include "core/supervision/review.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/supervision/fixture.hpp"

namespace pitwall::core::supervision {
namespace {

using testing::add_row;
using testing::at;
using testing::campaign_of;
using testing::day_of;
using testing::shanghai;

TEST(Review, HistoryNeverExecutedAndTrend) {
  testing::Tables t;
  // Four stores, three days. S0 executes every day, S1 only on day 3, S2 never (10%), S3 is
  // silent on day 2.
  for (auto code : {"S0", "S1", "S2", "S3"}) add_row(t.stores, {code, "店", "华东"});
  const char* dates[] = {"2023-03-01", "2023-03-02", "2023-03-03"};
  for (int d = 0; d < 3; ++d) {
    add_row(t.store_day, {dates[d], "S0", "100", "45", "", "", "0"});
    add_row(t.store_day, {dates[d], "S1", "100", d == 2 ? "30" : "15", "", "", "0"});
    add_row(t.store_day, {dates[d], "S2", "100", "10", "", "", "0"});
    if (d != 1) add_row(t.store_day, {dates[d], "S3", "100", "35", "", "", "0"});
  }
  Campaign c = campaign_of("2023-03-01", "2023-03-03");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  Timeline tl = analyse(feeds, {}, c.supervision, feeds.last_day, at("2023-03-04 12:00"));
  Review r = make_review(feeds, tl, c.supervision, {}, {}, std::nullopt);
  ASSERT_EQ(r.days.size(), 3u);
  EXPECT_EQ(r.never_executed, (std::vector<int>{2}));
  EXPECT_EQ(r.stores[3].silent_days, 1);
  EXPECT_EQ(r.stores[2].black_days, 3);
  EXPECT_EQ(r.stores[0].red_days, 3);
  EXPECT_EQ(r.stores[0].executed_days, 3);
  EXPECT_EQ(r.stores[1].executed_days, 1);
  // Cumulative: 45+15+10+35 + 45+15+10 + 45+30+10+35 = 295 of 1100.
  EXPECT_EQ(r.network.cum_participants, 295);
  EXPECT_EQ(r.network.cum_eligible, 1100);
  // Executing overall (cumulative at least 20%): S0 45%, S1 20%, S3 35%; not S2 10%.
  EXPECT_EQ(r.stores_executing, 3);
  auto trend = trend_of(feeds, tl, c.supervision, -1);
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[1].figures.reporting, 3);
  EXPECT_EQ(trend[1].figures.silent, 1);
  EXPECT_DOUBLE_EQ(*trend[1].figures.participation, 70.0 / 300.0);
}

}  // namespace
}  // namespace pitwall::core::supervision
