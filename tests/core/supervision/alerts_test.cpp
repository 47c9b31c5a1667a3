#include "core/supervision/alerts.hpp"

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

std::vector<Alert> of_kind(const std::vector<Alert>& alerts, AlertKind kind) {
  std::vector<Alert> out;
  for (const Alert& a : alerts) {
    if (a.kind == kind) out.push_back(a);
  }
  return out;
}

// Alerts of day 1 of a one-week campaign, the day having ended.
std::vector<Alert> alerts_of(const testing::Tables& t, std::string_view date = "2023-03-01",
                             bool ended = true) {
  Campaign c = campaign_of("2023-03-01", "2023-03-07");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  int32_t day = day_of(date);
  auto m = measure_days(feeds, {}, c.supervision, day);
  std::span<const StoreMeasure> today(m.data() + (day - feeds.first_day) * feeds.stores.size(),
                                      feeds.stores.size());
  return detect_alerts(feeds, today, day, ended);
}

// S1: region participation 0.31, 0.30, 0.33, 0.29, 0.32, 0.09.
TEST(RobustZ, S1) {
  std::vector<double> values = {0.31, 0.30, 0.33, 0.29, 0.32, 0.09};
  RobustStats s = robust_stats(values);
  EXPECT_NEAR(s.median, 0.305, 1e-12);
  EXPECT_NEAR(s.mad, 0.015, 1e-12);
  // 0.6745 x (0.09 - 0.305) / 0.015 = -9.6678...
  EXPECT_EQ(std::round(*robust_z(0.09, s) * 100) / 100, -9.67);
  for (double v : {0.31, 0.30, 0.33, 0.29, 0.32}) EXPECT_GT(*robust_z(v, s), -2.0);
}

TEST(LaggingStore, S1FlagsOnlyTheStoreAt9Percent) {
  testing::Tables t;
  const int participants[] = {31, 30, 33, 29, 32, 9};
  for (int i = 0; i < 6; ++i) {
    std::string code = fmt::format("S0{}", i + 1);
    add_row(t.stores, {code, "店", "华东"});
    add_row(t.store_day, {"2023-03-01", code, "100", std::to_string(participants[i])});
  }
  add_row(t.stores, {"S07", "店", "华南"});  // another region: its own median
  add_row(t.store_day, {"2023-03-01", "S07", "100", "5"});
  auto lagging = of_kind(alerts_of(t), AlertKind::kLagging);
  ASSERT_EQ(lagging.size(), 1u);
  EXPECT_EQ(lagging[0].store, 5);
  EXPECT_NEAR(lagging[0].median, 0.305, 1e-12);
  EXPECT_NEAR(lagging[0].z, -9.6678333, 1e-6);
}

TEST(RobustZ, MadZeroFallsBackToTheMeanAbsoluteDeviation) {
  // Four stores at 0.30 and one at 0.10: median 0.30, MAD 0 (deviations 0, 0, 0, 0, 0.2);
  // mean absolute deviation 0.2 / 5 = 0.04; z = -0.2 / (1.2533 x 0.04) = -3.989...
  std::vector<double> values = {0.30, 0.30, 0.10, 0.30, 0.30};
  RobustStats s = robust_stats(values);
  EXPECT_EQ(s.mad, 0.0);
  EXPECT_NEAR(s.mean_abs_deviation, 0.04, 1e-12);
  EXPECT_NEAR(*robust_z(0.10, s), -0.2 / (1.2533 * 0.04), 1e-9);
  EXPECT_LT(*robust_z(0.10, s), -2.0);
  EXPECT_EQ(*robust_z(0.30, s), 0.0);
  // Everyone equal: both spreads are 0 and nobody is flagged.
  std::vector<double> same = {0.2, 0.2, 0.2};
  EXPECT_FALSE(robust_z(0.2, robust_stats(same)).has_value());
}

TEST(LaggingStore, MadZeroThroughTheFeeds) {
  testing::Tables t;
  const int participants[] = {30, 30, 10, 30, 30};
  for (int i = 0; i < 5; ++i) {
    std::string code = fmt::format("S0{}", i + 1);
    add_row(t.stores, {code, "店", "华东"});
    add_row(t.store_day, {"2023-03-01", code, "100", std::to_string(participants[i])});
  }
  auto lagging = of_kind(alerts_of(t), AlertKind::kLagging);
  ASSERT_EQ(lagging.size(), 1u);
  EXPECT_EQ(lagging[0].store, 2);
}

// S2: complaints at one store.
TEST(ComplaintBurst, S2) {
  auto bursts = [](std::initializer_list<std::pair<const char*, const char*>> complaints) {
    testing::Tables t;
    add_row(t.stores, {"S01", "一店", "华东"});
    add_row(t.store_day, {"2023-03-01", "S01", "100", "30"});
    add_row(t.store_day, {"2023-03-02", "S01", "100", "30"});
    for (auto [time, category] : complaints) add_row(t.complaints, {time, "S01", category});
    auto day1 = of_kind(alerts_of(t, "2023-03-01"), AlertKind::kComplaintBurst);
    auto day2 = of_kind(alerts_of(t, "2023-03-02"), AlertKind::kComplaintBurst);
    day1.insert(day1.end(), day2.begin(), day2.end());
    return day1;
  };
  EXPECT_TRUE(bursts({{"2023-03-01 09:00", "rules_unclear"},
                      {"2023-03-01 10:30", "rules_unclear"},
                      {"2023-03-01 11:00", "quota_full"}})
                  .empty());
  auto burst = bursts({{"2023-03-01 09:00", "rules_unclear"},
                       {"2023-03-01 10:30", "rules_unclear"},
                       {"2023-03-01 11:00", "quota_full"},
                       {"2023-03-01 15:00", "rules_unclear"}});
  ASSERT_EQ(burst.size(), 1u);
  EXPECT_EQ(burst[0].category, 1);  // rules_unclear
  EXPECT_EQ(burst[0].count, 3);
  EXPECT_EQ(burst[0].time, at("2023-03-01 15:00"));
  EXPECT_TRUE(bursts({{"2023-03-01 09:00", "rules_unclear"},
                      {"2023-03-01 10:00", "rules_unclear"},
                      {"2023-03-02 10:00", "rules_unclear"}})
                  .empty());
}

TEST(ComplaintBurst, WindowIsInclusiveAndCanSpanMidnight) {
  std::vector<int64_t> times = {at("2023-03-01 10:00"), at("2023-03-01 22:00"),
                                at("2023-03-02 10:00")};
  EXPECT_EQ(burst_completions(times), (std::vector<size_t>{2}));  // exactly 24 hours
  times[0] -= 1;
  EXPECT_TRUE(burst_completions(times).empty());
}

// S3: 120 stores, 36 report redeem_failed on day 1: 30% >= 20%.
TEST(SystemIncident, S3) {
  auto incident = [](int failing) {
    testing::Tables t;
    for (int i = 0; i < 120; ++i) {
      std::string code = fmt::format("S{:03}", i);
      add_row(t.stores, {code, "店", i % 2 ? "华东" : "华南"});
      add_row(t.store_day, {"2023-03-01", code, "100", "30"});
      if (i < failing) add_row(t.complaints, {"2023-03-01 10:00", code, "redeem_failed"});
    }
    return of_kind(alerts_of(t), AlertKind::kSystemIncident);
  };
  auto s3 = incident(36);
  ASSERT_EQ(s3.size(), 1u);
  EXPECT_EQ(s3[0].count, 36);
  EXPECT_EQ(s3[0].of, 120);
  EXPECT_EQ(incident(24).size(), 1u);  // exactly 20%
  EXPECT_TRUE(incident(23).empty());   // 19.2%
}

TEST(SystemIncident, CountsFailedRedemptionChecksToo) {
  testing::Tables t;
  for (int i = 0; i < 5; ++i) {
    std::string code = fmt::format("S0{}", i);
    add_row(t.stores, {code, "店", "华东"});
    add_row(t.store_day, {"2023-03-01", code, "100", "30"});
  }
  add_row(t.spot_checks, {"2023-03-01 09:00", "S03", "赵", "phone", "redemption_system", "0"});
  EXPECT_EQ(of_kind(alerts_of(t), AlertKind::kSystemIncident).size(), 1u);  // 1 of 5 = 20%
}

TEST(NetworkBurst, ThreeStoresWithinTwoHours) {
  auto network = [](const char* third) {
    testing::Tables t;
    for (int i = 0; i < 40; ++i) {  // 5% of 40 is 2, so at least 3 stores
      std::string code = fmt::format("S{:02}", i);
      add_row(t.stores, {code, "店", "华东"});
      add_row(t.store_day, {"2023-03-01", code, "100", "30"});
    }
    add_row(t.complaints, {"2023-03-01 09:00", "S01", "quota_full"});
    add_row(t.complaints, {"2023-03-01 10:00", "S02", "quota_full"});
    add_row(t.complaints, {"2023-03-01 10:30", "S02", "quota_full"});  // same store again
    add_row(t.complaints, {third, "S03", "quota_full"});
    return of_kind(alerts_of(t), AlertKind::kNetworkBurst);
  };
  auto burst = network("2023-03-01 11:00");
  ASSERT_EQ(burst.size(), 1u);
  EXPECT_EQ(burst[0].count, 3);
  EXPECT_EQ(burst[0].category, 0);
  EXPECT_TRUE(network("2023-03-01 11:01").empty());
}

TEST(ChecklistFailure, OnlyCriticalItems) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S01", "100", "30"});
  add_row(t.inspections, {"2023-03-01", "S01", "王", "materials", "0", "海报未张贴"});
  add_row(t.inspections, {"2023-03-01", "S01", "王", "gifts_in_stock", "0"});
  add_row(t.spot_checks, {"2023-03-01 16:00", "S01", "赵", "video", "materials", "0"});
  auto failures = of_kind(alerts_of(t), AlertKind::kChecklistFailure);
  ASSERT_EQ(failures.size(), 1u);  // materials once, gifts are not critical
  EXPECT_EQ(failures[0].item, 0);
}

TEST(SilentStore, OnlyForDaysThatHaveEnded) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  add_row(t.stores, {"S02", "二店", "华东"});
  add_row(t.store_day, {"2023-03-01", "S01", "100", "30"});
  add_row(t.store_day, {"2023-03-02", "S01", "100", "30"});
  add_row(t.store_day, {"2023-03-02", "S02", "0", "0"});  // a row, but no data at all
  auto silent = of_kind(alerts_of(t, "2023-03-01", true), AlertKind::kSilent);
  ASSERT_EQ(silent.size(), 1u);
  EXPECT_EQ(silent[0].store, 1);
  EXPECT_FALSE(silent[0].reported);
  EXPECT_TRUE(of_kind(alerts_of(t, "2023-03-01", false), AlertKind::kSilent).empty());
  auto no_score = of_kind(alerts_of(t, "2023-03-02", false), AlertKind::kSilent);
  ASSERT_EQ(no_score.size(), 1u);
  EXPECT_TRUE(no_score[0].reported);
}

TEST(Alert, KeysAreStable) {
  testing::Tables t;
  add_row(t.stores, {"S01", "一店", "华东"});
  Campaign c = campaign_of("2023-03-01", "2023-03-07");
  Feeds feeds = build_feeds(c, shanghai(), t.feeds()).release_value();
  Alert a;
  a.kind = AlertKind::kComplaintBurst;
  a.day = day_of("2023-03-02");
  a.store = 0;
  a.category = 1;
  EXPECT_EQ(a.key(feeds), "complaint_burst/2023-03-02/S01/rules_unclear");
  Alert n;
  n.kind = AlertKind::kSystemIncident;
  n.day = day_of("2023-03-01");
  EXPECT_EQ(n.key(feeds), "incident/2023-03-01/network");
}

}  // namespace
}  // namespace pitwall::core::supervision
