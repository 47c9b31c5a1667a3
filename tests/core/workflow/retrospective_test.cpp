#include "core/workflow/retrospective.hpp"

#include <gtest/gtest.h>

#include "core/closeout/fixture.hpp"
#include "core/workflow/closing_plan.hpp"

namespace pitwall::core::workflow {
namespace {

using closeout::RunResult;
using closeout::testing::at;
using closeout::testing::Fixture;
using closeout::testing::paid_order;
using closeout::testing::shanghai;
using closeout::testing::TableBuilder;

// C1 paid and redeemed, C2 paid, C3 only created, C4 a test order (excluded).
Fixture funnel_orders() {
  Fixture f;
  f.campaign.test.customer_ids = {"C4"};
  f.orders = TableBuilder(TableKind::kOrders)
                 .row(paid_order("O1", "C1",
                                 {{"status", "redeemed"}, {"redeemed_at", "2023-03-12 09:00:00"}}))
                 .row(paid_order("O2", "C2", {{"paid_amount", "300.00"}}))
                 .row(paid_order("O3", "C3", {{"status", "created"}, {"paid_at", ""}}))
                 .row(paid_order("O4", "C4"))
                 .build();
  f.customers = TableBuilder(TableKind::kCustomers)
                    .row({{"customer_id", "C1"},
                          {"name", "Ann"},
                          {"annual_value", "8000.01"},
                          {"language", "en"},
                          {"phone", "13800000001"}})
                    .row({{"customer_id", "C2"}, {"name", "李明"}, {"annual_value", "1999.99"}})
                    .row({{"customer_id", "C3"}, {"name", "王芳"}, {"home_store_code", "S2"}})
                    .row({{"customer_id", "C5"}, {"name", "赵六"}})
                    .build();
  return f;
}

Table audience() {
  return TableBuilder(TableKind::kAudience)
      .row({{"customer_id", "C1"}})
      .row({{"customer_id", "C2"}})
      .row({{"customer_id", "C3"}})
      .row({{"customer_id", "C5"}})
      .row({{"customer_id", "C6"}})
      .row({{"customer_id", "C6"}})  // reached twice, one customer
      .build();
}

TEST(Retrospective, FunnelCountsDistinctCustomersStepByStep) {
  Fixture f = funnel_orders();
  RunResult r = f.run();
  Table reached = audience();
  Table store_day = TableBuilder(TableKind::kStoreDay)
                        .row({{"store_code", "S1"}, {"participants", "10"}})
                        .row({{"store_code", "S2"}, {"participants", "5"}})
                        .build();
  Funnel funnel = compute_funnel({&r, &f.orders, &reached, &f.customers, &store_day});
  EXPECT_TRUE(funnel.reached_from_audience);
  EXPECT_EQ(funnel.reached, 5);   // C1 C2 C3 C5 C6
  EXPECT_EQ(funnel.visited, 15);  // 10 + 5 participants
  EXPECT_EQ(funnel.ordered, 3);   // C1 C2 C3; C4's test order is excluded
  EXPECT_EQ(funnel.paid, 2);      // C1 C2
  EXPECT_EQ(funnel.redeemed, 1);  // C1
  // Without an audience, every customer of the customers file was reached.
  Funnel network = compute_funnel({&r, &f.orders, nullptr, &f.customers, nullptr});
  EXPECT_FALSE(network.reached_from_audience);
  EXPECT_EQ(network.reached, 4);
  EXPECT_EQ(network.visited, 0);
}

TEST(Retrospective, TiersOfThePayingCustomers) {
  EXPECT_EQ(value_tier(800001), "star");  // > 8000 yuan
  EXPECT_EQ(value_tier(800000), "potential");
  EXPECT_EQ(value_tier(400000), "potential");
  EXPECT_EQ(value_tier(399999), "maintain");
  EXPECT_EQ(value_tier(200000), "maintain");
  EXPECT_EQ(value_tier(199999), "basic");
  Fixture f = funnel_orders();
  RunResult r = f.run();
  auto tiers = tiers_reached({&r, &f.orders, nullptr, &f.customers, nullptr});
  ASSERT_EQ(tiers.size(), 5u);
  EXPECT_EQ(tiers[0].tier, "star");  // C1, 100.00
  EXPECT_EQ(tiers[0].customers, 1);
  EXPECT_EQ(tiers[0].amount_fen, 10000);
  EXPECT_EQ(tiers[3].tier, "basic");  // C2, 300.00
  EXPECT_EQ(tiers[3].amount_fen, 30000);
  EXPECT_EQ(tiers[1].customers + tiers[2].customers + tiers[4].customers, 0);
}

TEST(ClosingPlan, TemplatesReplaceKnownPlaceholdersOnly) {
  EXPECT_EQ(fill_template("{name}, {x} {name}{", {{"name", "Ann"}}), "Ann, {x} Ann{");
}

ClosingTexts texts() {
  return {{"提醒{name}", "remind {name} at {store}"},
          {"{store} 截止 {end} 审核 {review_cutoff} 申诉 {appeal_cutoff}", ""},
          {"谢谢{name}", "thanks {name}"},
          {"进度{name}", "progress {name}"}};
}

TEST(ClosingPlan, ScheduleAndRecipientsInTheirLanguage) {
  Fixture f = funnel_orders();
  RunResult r = f.run();
  Table reached = audience();
  ClosingInputs in{&f.campaign, &shanghai(),  &r,      &f.orders,
                   &reached,    &f.customers, texts(), at("2023-04-01 09:00:00")};
  ClosingPlan plan = plan_closing(in);
  ASSERT_EQ(plan.messages.size(), 4u);
  // By send time: stores 3 days before the end day at 10:00, the reminder 48 h before the end,
  // thanks on the end day at 10:00, progress the next day at 10:00.
  EXPECT_EQ(plan.messages[0].id, "store_notice");
  EXPECT_EQ(plan.messages[0].send_at, at("2023-03-28 10:00:00"));
  EXPECT_EQ(plan.messages[1].id, "reminder");
  EXPECT_EQ(plan.messages[1].send_at, at("2023-03-30 00:00:00"));
  EXPECT_EQ(plan.messages[2].id, "thanks");
  EXPECT_EQ(plan.messages[2].send_at, at("2023-03-31 10:00:00"));
  EXPECT_EQ(plan.messages[3].id, "progress");
  EXPECT_EQ(plan.messages[3].send_at, at("2023-04-01 10:00:00"));

  // Reached without a paid order: C3 (created only), C5, C6.
  const auto& reminder = plan.messages[1].recipients;
  ASSERT_EQ(reminder.size(), 3u);
  EXPECT_EQ(reminder[0].customer_id, "C3");
  EXPECT_EQ(reminder[0].text, "提醒王芳");
  EXPECT_EQ(reminder[0].store, "S2");  // home store from the customers file
  // Participants (orders the cleaning kept): C1 in English, C2, C3.
  const auto& thanks = plan.messages[2].recipients;
  ASSERT_EQ(thanks.size(), 3u);
  EXPECT_EQ(thanks[0].language, "en");
  EXPECT_EQ(thanks[0].text, "thanks Ann");
  EXPECT_EQ(thanks[0].phone, "13800000001");
  // Paid, not redeemed: C2 only.
  ASSERT_EQ(plan.messages[3].recipients.size(), 1u);
  EXPECT_EQ(plan.messages[3].recipients[0].customer_id, "C2");
  // One notice per store, with the cut-offs to the second.
  const auto& stores = plan.messages[0].recipients;
  ASSERT_EQ(stores.size(), 3u);
  EXPECT_EQ(stores[0].text,
            "One 截止 2023-03-31 23:59:59 审核 2023-04-01 12:00:00 申诉 2023-04-01 18:00:00");
}

TEST(ClosingPlan, CapacityIsThirtySevenTimesTheMedianHourSoFar) {
  Fixture f;
  // Four full hours observed: 3, 1, 0 and 2 orders created.
  TableBuilder b(TableKind::kOrders);
  const char* created[] = {"2023-03-01 00:10:00", "2023-03-01 00:20:00", "2023-03-01 00:30:00",
                           "2023-03-01 01:10:00", "2023-03-01 03:05:00", "2023-03-01 03:50:00",
                           "2023-03-01 04:30:00"};  // the last is in the unfinished fifth hour
  int n = 0;
  for (const char* c : created) {
    std::string id = "O" + std::to_string(++n);
    b.row(paid_order(id, "C" + id, {{"created_at", c}, {"paid_at", c}}));
  }
  f.orders = b.build();
  RunResult r = f.run();
  ClosingInputs in{&f.campaign, &shanghai(), &r,      &f.orders,
                   nullptr,     nullptr,     texts(), at("2023-03-01 04:40:00")};
  CapacityWarning w = plan_closing(in).capacity;
  EXPECT_EQ(w.hours_observed, 4);
  EXPECT_DOUBLE_EQ(w.median_hourly_orders, 1.5);     // sorted 0 1 2 3: (1 + 2) / 2
  EXPECT_DOUBLE_EQ(w.expected_hourly_orders, 55.5);  // 37 x 1.5
  EXPECT_EQ(w.peak_from, at("2023-03-31 22:00:00"));
  EXPECT_EQ(w.peak_to, at("2023-03-31 23:59:59"));
}

}  // namespace
}  // namespace pitwall::core::workflow
