// Reports: monthly (W11), quarterly audit health standards, cohorts, experiments with Wilson
// intervals and the two-proportion z-test.
#include "core/winback/reports.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "churned_builder.hpp"
#include "core/winback/models.hpp"
#include "core/winback/stats.hpp"

namespace pitwall::core::winback {
namespace {

const FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);
int64_t local(int y, int mo, int d) { return kShanghai.to_utc(CivilTime{y, mo, d, 10, 0, 0}); }

Offer won_offer(Tier tier, int64_t annual_yuan, int64_t spent_fen, int64_t at, bool suspected,
                std::optional<bool> retained) {
  Offer o;
  o.tier = tier;
  o.annual_value = Money::from_yuan(annual_yuan);
  o.amount = Money::from_fen(spent_fen);
  o.created.at = at;
  o.approved_at = at;
  o.status = OfferStatus::kApproved;
  o.stages = {{Money::from_fen(spent_fen), SignOff{"s", "service", at, {}}}};
  o.won_back = true;
  o.won_back_by = SignOff{"s", "service", at, {}};
  o.suspected = suspected;
  o.retention = 0.7;
  o.retained = retained;
  if (retained) o.retained_by = SignOff{"s", "service", at, {}};
  return o;
}

TEST(WinbackReports, W11MonthlyAverageCost) {
  Programme p;
  p.budget.monthly = Money::from_yuan(41'667);
  p.budget.monthly_target = 50;
  std::vector<Offer> offers;
  // 48 won back in June; released 32,450 in total (47 × 676 + 678).
  for (int i = 0; i < 48; ++i) {
    offers.push_back(won_offer(Tier::kPotential, 5000, i == 0 ? 67'800 : 67'600, local(2023, 6, 10),
                               false, std::nullopt));
  }
  MonthlyReport r = monthly_report(p, offers, {2023, 6}, local(2023, 6, 22), kShanghai, false);
  EXPECT_EQ(r.target, 50);
  EXPECT_EQ(r.won_back, 48);
  EXPECT_EQ(to_basis(r.completion), 9600);  // 96%
  EXPECT_EQ(r.explicit_cost, Money::from_yuan(32'450));
  EXPECT_EQ(r.average_cost.fen(), 67604);  // 676.04
  EXPECT_EQ(r.hidden_cost, Money::from_yuan(200 * 48));
  EXPECT_EQ(r.tiers[1].won_back, 48);
  // estimated ROI = (48 × 5000 × 5 × 0.7 − (32,450 + 9,600)) ÷ 42,050 = (840,000 − 42,050) ÷
  // 42,050 = 18.9762
  EXPECT_FALSE(r.retention_observed);
  EXPECT_EQ(to_basis(r.estimated_roi), 189762);
}

TEST(WinbackReports, QuarterlyAuditSixStandards) {
  Programme p;
  p.budget.monthly = Money::from_yuan(1'000);  // quarter budget 3,000
  std::vector<Offer> offers;
  // Q2 2023: 4 won back, 1 lost. Costs released 2,600 + hidden 200 × 5 = 3,600 → +20% (fail).
  offers.push_back(won_offer(Tier::kStar, 10000, 100'000, local(2023, 4, 5), false, true));
  offers.push_back(won_offer(Tier::kPotential, 5000, 60'000, local(2023, 5, 5), false, true));
  offers.push_back(won_offer(Tier::kBasic, 1000, 50'000, local(2023, 5, 6), true, false));
  offers.push_back(won_offer(Tier::kMaintain, 3000, 50'000, local(2023, 6, 6), false, true));
  Offer lost = won_offer(Tier::kBasic, 1000, 0, local(2023, 6, 7), false, std::nullopt);
  lost.won_back = false;
  lost.stages[0].released.reset();
  offers.push_back(lost);
  offers.push_back(won_offer(Tier::kStar, 9000, 100'000, local(2023, 7, 1), false, true));  // Q3
  QuarterlyAudit a = quarterly_audit(p, offers, {2023, 2}, kShanghai);
  EXPECT_EQ(a.budget, Money::from_yuan(3'000));
  EXPECT_EQ(a.explicit_cost, Money::from_yuan(2'600));
  EXPECT_EQ(a.true_cost, Money::from_yuan(3'600));
  EXPECT_EQ(a.checks[0].result, Health::kFail);  // 3,600 ÷ 3,000 − 1 = +20% > 15%
  EXPECT_EQ(to_basis(a.checks[0].value), 2000);
  EXPECT_EQ(a.checks[1].result, Health::kPass);  // 4 ÷ 5 = 80% > 40%
  EXPECT_EQ(a.checks[2].result, Health::kPass);  // 3 ÷ 4 = 75% > 70%
  EXPECT_EQ(a.checks[3].result, Health::kPass);  // star + potential 2 ÷ 4 = 50% > 40%
  EXPECT_EQ(a.checks[4].result, Health::kFail);  // 1 ÷ 4 = 25% not < 5%
  // ROI = ((10000 + 5000 + 1000 + 3000) × 5 × 0.75 − 3,600) ÷ 3,600 = (71,250 − 3,600) ÷ 3,600
  // = 18.7917 > 1.5
  EXPECT_EQ(to_basis(a.checks[5].value), 187917);
  EXPECT_EQ(a.checks[5].result, Health::kPass);
  QuarterlyAudit empty = quarterly_audit(p, {}, {2022, 1}, kShanghai);
  EXPECT_EQ(empty.checks[1].result, Health::kNoData);
}

TEST(WinbackReports, CohortsByChurnDuration) {
  Programme p;
  std::vector<Attempt> attempts;
  auto add = [&](double months, bool won, std::optional<bool> retained) {
    Attempt a;
    a.months_churned = months;
    a.annual_value = Money::from_yuan(4000);
    a.explicit_cost = Money::from_yuan(300);
    a.won_back = won;
    a.retained = retained;
    a.model_retention = 0.7;
    attempts.push_back(a);
  };
  add(2, true, true);
  add(3, true, false);  // ≤ 3 is the first cohort
  add(3.5, false, std::nullopt);
  add(13, true, std::nullopt);
  auto c = cohorts(p, attempts);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].attempts, 2);
  EXPECT_EQ(c[0].won_back, 2);
  EXPECT_EQ(to_basis(c[0].retention), 5000);
  // (2 × 4000 × 5 × 0.5 − 2 × 500) ÷ 1000 = (20,000 − 1,000) ÷ 1,000 = 19
  EXPECT_EQ(to_basis(c[0].effective_roi), 190000);
  EXPECT_EQ(c[1].attempts, 1);
  EXPECT_EQ(c[1].won_back, 0);
  EXPECT_TRUE(std::isnan(c[1].retention));
  EXPECT_EQ(c[3].won_back, 1);
  EXPECT_TRUE(std::isinf(c[3].months_to));
}

TEST(WinbackReports, ExperimentsCompareArms) {
  // W4's arms at n = 100: cash 32 won, 58% retained of them is not whole; use 32 won, 19
  // retained (effective 19%) against service 45 won, 35 retained.
  std::vector<Attempt> attempts;
  auto arm = [&](const char* name, int n, int won, int retained) {
    for (int i = 0; i < n; ++i) {
      Attempt a;
      a.arm = name;
      a.won_back = i < won;
      if (a.won_back) a.retained = i < retained;
      attempts.push_back(a);
    }
  };
  arm("service", 100, 45, 35);
  arm("cash", 100, 32, 19);
  auto report = experiments(attempts, {}, "");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->baseline, "cash");  // first by name
  ASSERT_EQ(report->arms.size(), 2u);
  const ArmResult& cash = report->arms[0];
  EXPECT_EQ(to_basis(cash.success), 3200);
  // Wilson 95% for 32/100 (z² = 3.841459): centre (0.32 + 0.0192073) / 1.0384146 = 0.326659;
  // half 1.959964 × sqrt(0.002176 + 0.0000960) / 1.0384146 = 0.089967 → [0.2367, 0.4166]
  EXPECT_EQ(to_basis(cash.success_ci.low), 2367);
  EXPECT_EQ(to_basis(cash.success_ci.high), 4166);
  EXPECT_EQ(to_basis(cash.effective), 1900);  // 0.32 × 19/32
  // Wilson for 19/100: centre 0.2092073 / 1.0384146 = 0.201468, half 0.076320 → [0.1251, 0.2778]
  EXPECT_EQ(to_basis(cash.effective_ci.low), 1251);
  EXPECT_EQ(to_basis(cash.effective_ci.high), 2778);
  ASSERT_EQ(report->comparisons.size(), 1u);
  const ZTest& s = report->comparisons[0].success;
  // pooled 77/200 = 0.385; se = sqrt(.385 × .615 × 0.02) = 0.068815; z = 0.13 / 0.068815 = 1.8891
  EXPECT_EQ(to_basis(s.z), 18891);
  EXPECT_FALSE(s.significant);  // p ≈ 0.0589
  const ZTest& e = report->comparisons[0].effective;
  // 35/100 vs 19/100: pooled 0.27; se = sqrt(.27 × .73 × .02) = 0.062785; z = 2.5484 → p 0.0108
  EXPECT_EQ(to_basis(e.z), 25484);
  EXPECT_TRUE(e.significant);
  EXPECT_FALSE(experiments(attempts, {}, "mixed").has_value());
}

// Issue 23: the release trial (one_shot, three_step) is not compared with the incentive trial's
// cash baseline; each trial has its own baseline, and arms neither trial names form one more.
TEST(WinbackReports, ExperimentsCompareArmsWithinTheirTrial) {
  std::vector<Attempt> attempts;
  auto arm = [&](const char* name, int n, int won) {
    for (int i = 0; i < n; ++i) {
      Attempt a;
      a.arm = name;
      a.won_back = i < won;
      attempts.push_back(a);
    }
  };
  arm("cash", 100, 32);
  arm("gift", 100, 28);
  arm("one_shot", 100, 38);
  arm("three_step", 100, 48);
  arm("vip_call", 50, 20);
  arm("sms", 50, 10);
  auto report = experiments(attempts, {}, "");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->baseline, "cash");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& c : report->comparisons) pairs.emplace_back(c.arm, c.against);
  // Arms in name order; each against its trial's first arm by name.
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{
                       {"gift", "cash"}, {"three_step", "one_shot"}, {"vip_call", "sms"}}));
  // three_step 48/100 against one_shot 38/100: pooled 86/200 = 0.43; se = sqrt(.43 × .57 × .02)
  // = 0.070014; z = 0.10 / 0.070014 = 1.4283.
  EXPECT_EQ(to_basis(report->comparisons[1].success.z), 14283);
  // A baseline asked for leads its own trial only.
  report = experiments(attempts, {}, "gift");
  ASSERT_TRUE(report.has_value());
  pairs.clear();
  for (const auto& c : report->comparisons) pairs.emplace_back(c.arm, c.against);
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{
                       {"cash", "gift"}, {"three_step", "one_shot"}, {"vip_call", "sms"}}));
  EXPECT_EQ(trial_of("mixed"), "incentive");
  EXPECT_EQ(trial_of("three_step"), "release");
  EXPECT_EQ(trial_of("sms"), "other");
}

TEST(WinbackStats, NormalAndWilson) {
  EXPECT_NEAR(normal_cdf(1.959963984540054), 0.975, 1e-12);
  Interval none = wilson_interval(0, 0);
  EXPECT_TRUE(std::isnan(none.low));
  Interval zero = wilson_interval(0, 10);
  EXPECT_EQ(zero.low, 0);
  EXPECT_GT(zero.high, 0.2);  // 3.84 / 13.84 = 0.2775
  EXPECT_EQ(to_basis(zero.high), 2775);
}

}  // namespace
}  // namespace pitwall::core::winback
