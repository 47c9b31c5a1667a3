// Vectors W6, W11 and W12 (vectors.md) and the four alerts of winback.md "Budget".
#include "core/winback/budget.hpp"

#include <gtest/gtest.h>

#include "core/winback/models.hpp"
#include "core/winback/reports.hpp"

namespace pitwall::core::winback {
namespace {

const FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);

int64_t local(int y, int mo, int d, int h = 10) {
  return kShanghai.to_utc(CivilTime{y, mo, d, h, 0, 0});
}

// An approved offer of `amount` fen created and approved at `at`.
Offer approved_offer(int64_t amount, int64_t at) {
  Offer o;
  o.amount = Money::from_fen(amount);
  o.created.at = at;
  o.approved_at = at;
  o.status = OfferStatus::kApproved;
  o.stages = {{Money::from_fen(amount), {}}};
  return o;
}

TEST(WinbackBudget, W6AnnualAndMonthlyBudget) {
  BudgetRules r;  // 5000 customers, churn 35%, target 35%, 800 each
  BudgetPlan b = budget_plan(r);
  EXPECT_EQ(b.churned, 1750);                      // 5000 × 0.35
  EXPECT_EQ(b.won_back_target, 612);               // 1750 × 0.35 = 612.5 → 612
  EXPECT_EQ(b.annual, Money::from_yuan(489'600));  // 612 × 800
  EXPECT_EQ(b.monthly, Money::from_yuan(40'800));  // 489,600 ÷ 12
  EXPECT_EQ(b.monthly_target, 51);                 // ⌊612 ÷ 12⌋
}

TEST(WinbackBudget, MonthlyGivenDirectly) {
  BudgetRules r;
  r.monthly = Money::from_yuan(41'667);
  r.monthly_target = 50;
  BudgetPlan b = budget_plan(r);
  EXPECT_TRUE(b.monthly_given);
  EXPECT_EQ(b.monthly, Money::from_yuan(41'667));
  EXPECT_EQ(b.monthly_target, 50);
}

TEST(WinbackBudget, W11AverageCost) {
  // 32,450 ÷ 48 = 676.0416… → 676.04
  EXPECT_EQ(average_cost(Money::from_yuan(32'450), 48).fen(), 67604);
}

TEST(WinbackBudget, W12MonitorUsageAndForecast) {
  Programme p;
  p.budget.monthly = Money::from_yuan(41'667);
  // June 2023 has 30 days; spent 32,450 released on the 5th, nothing committed; now the 22nd.
  Offer o = approved_offer(3'245'000, local(2023, 6, 1));
  o.stages[0].released = SignOff{"svc", "service", local(2023, 6, 5), {}};
  std::vector<Offer> offers = {o};
  BudgetMonitor m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 22), kShanghai, false);
  EXPECT_EQ(m.spent, Money::from_yuan(32'450));
  EXPECT_EQ(m.committed, Money());
  EXPECT_EQ(m.remaining, Money::from_yuan(9'217));
  // usage = 32,450 ÷ 41,667 = 0.77880 → 77.9%
  EXPECT_EQ(to_basis(m.usage), 7788);
  EXPECT_FALSE(m.alerts[0].active);
  EXPECT_EQ(m.days_in_month, 30);
  EXPECT_EQ(m.days_gone, 22);
  EXPECT_EQ(m.days_left, 8);
  // forecast 32,450 ÷ 22 × 30 = 44,250; overspend 44,250 ÷ 41,667 − 1 = 0.06199 → 6.2%
  ASSERT_TRUE(m.forecast.has_value());
  EXPECT_EQ(*m.forecast, Money::from_yuan(44'250));
  EXPECT_EQ(to_basis(*m.overspend), 620);
}

TEST(WinbackBudget, DaysGoneUseTheProgrammeTimeZone) {
  Programme p;
  // 2023-06-30 20:00 UTC is 2023-07-01 04:00 in Shanghai: July, day 1.
  int64_t now = seconds_from_civil(CivilTime{2023, 6, 30, 20, 0, 0});
  BudgetMonitor july = monitor_month(p, {}, {2023, 7}, now, kShanghai, false);
  EXPECT_EQ(july.days_gone, 1);
  BudgetMonitor june = monitor_month(p, {}, {2023, 6}, now, kShanghai, false);
  EXPECT_EQ(june.days_gone, 30);  // a past month is complete
  BudgetMonitor august = monitor_month(p, {}, {2023, 8}, now, kShanghai, false);
  EXPECT_EQ(august.days_gone, 0);
  EXPECT_FALSE(august.forecast.has_value());  // a future month has no forecast
}

TEST(WinbackBudget, CommittedCountsApprovedUnreleasedOfTheMonth) {
  Programme p;
  p.budget.monthly = Money::from_yuan(10'000);
  std::vector<Offer> offers = {approved_offer(800'000, local(2023, 6, 3)),
                               approved_offer(100'000, local(2023, 5, 3))};
  BudgetMonitor m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 10), kShanghai, false);
  EXPECT_EQ(m.committed, Money::from_yuan(8'000));  // May's approval is not June's
  EXPECT_EQ(to_basis(m.usage), 8000);
  EXPECT_FALSE(m.alerts[0].active);  // 80% is not above 85%
  offers.push_back(approved_offer(50'100, local(2023, 6, 4)));
  m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 10), kShanghai, false);
  // (8000 + 501) ÷ 10000 = 0.8501 → overrun
  EXPECT_TRUE(m.alerts[0].active);
  EXPECT_TRUE(m.large_paused());
  m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 10), kShanghai, true);
  EXPECT_FALSE(m.large_paused());  // a director's override
}

TEST(WinbackBudget, LowEfficiencySurgeAndRetentionAlerts) {
  Programme p;
  std::vector<Offer> offers;
  // 10 offers in June: 2 suspected abusers (20% > 10%); outcomes: 2 of 10 won back (20% < 25%);
  // retention recorded in June for 2 won-back: 1 not retained (50% > 40%).
  for (int i = 0; i < 10; ++i) {
    Offer o = approved_offer(10'000, local(2023, 6, 2));
    o.suspected = i < 2;
    o.won_back = i < 2;
    o.won_back_by = SignOff{"svc", "service", local(2023, 6, 9), {}};
    if (i < 2) {
      o.retained = i == 0;
      o.retained_by = SignOff{"svc", "service", local(2023, 6, 20), {}};
    }
    offers.push_back(o);
  }
  BudgetMonitor m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 25), kShanghai, false);
  EXPECT_TRUE(m.alerts[1].active);
  EXPECT_EQ(to_basis(m.alerts[1].value), 2000);
  EXPECT_TRUE(m.alerts[2].active);
  EXPECT_EQ(m.review_above, 60);  // tightened review while the surge is on
  EXPECT_TRUE(m.alerts[3].active);
  EXPECT_EQ(to_basis(m.alerts[3].value), 5000);
  // One suspected of ten is exactly 10%: not above, the threshold is back at 80.
  offers[1].suspected = false;
  m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 25), kShanghai, false);
  EXPECT_FALSE(m.alerts[2].active);
  EXPECT_EQ(m.review_above, 80);
}

TEST(WinbackBudget, SurgeWhenWonBackExceedsTwiceTheTarget) {
  Programme p;
  p.budget.monthly_target = 2;
  std::vector<Offer> offers;
  for (int i = 0; i < 5; ++i) {  // 5 won back > 2 × 2
    Offer o = approved_offer(10'000, local(2023, 6, 2));
    o.won_back = true;
    o.won_back_by = SignOff{"svc", "service", local(2023, 6, 9), {}};
    offers.push_back(o);
  }
  BudgetMonitor m = monitor_month(p, offers, {2023, 6}, local(2023, 6, 25), kShanghai, false);
  EXPECT_TRUE(m.alerts[2].active);
}

TEST(WinbackBudget, ParsesMonths) {
  EXPECT_EQ(parse_year_month("2023-06")->month, 6);
  EXPECT_FALSE(parse_year_month("2023-13").has_value());
  EXPECT_FALSE(parse_year_month("2023/06").has_value());
}

}  // namespace
}  // namespace pitwall::core::winback
