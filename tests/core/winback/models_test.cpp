// Vectors W1–W5 and W7–W10 (vectors.md) and band boundaries of winback.md "Models".
#include "core/winback/models.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/winback/abuse.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/plan.hpp"

namespace pitwall::core::winback {
namespace {

Money yuan(int64_t y) { return Money::from_yuan(y); }

CustomerInput w1_customer() {
  CustomerInput in;
  in.annual_value = yuan(6000);
  in.margin = Rate::from_basis(5000);
  in.months_churned = 4;
  in.reason = Reason::kService;
  in.satisfaction = 5;
  in.influence = Influence::kKoc;
  return in;
}

TEST(WinbackModels, W1CalculatorExample) {
  Programme p;
  Evaluation e = evaluate(p, w1_customer(), {});
  // success = 40% (4 months) + 10% (service) + 5% (KOC) = 0.55
  EXPECT_EQ(to_basis(e.success.value), 5500);
  EXPECT_DOUBLE_EQ(e.success.base, 0.4);
  // retention = 70% + 5% = 0.75
  EXPECT_EQ(to_basis(e.retention.value), 7500);
  // CLV = 3000 × (1 + .75 + .5625 + .421875 + .31640625) = 9152.34375 → 9152.34
  EXPECT_EQ(std::llround(e.clv * 100), 915234);
  // cap / year = 9152.34375 × 0.3 ÷ 5 = 549.140625 → 549.14
  EXPECT_EQ(std::llround(e.caps.cap_per_year * 100), 54914);
  // KOC cap / year = 9152.34375 × 0.4 ÷ 5 = 732.1875 → 732.19
  EXPECT_EQ(std::llround(e.caps.koc_cap_per_year * 100), 73219);
  EXPECT_EQ(e.tier, Tier::kPotential);
  EXPECT_EQ(e.caps.hard_cap, yuan(1800));  // 30% × 6000
  EXPECT_EQ(e.plan_total_yuan, 732);       // min(732.19, 1800) floored
  EXPECT_EQ(e.approver, Approver::kStoreManager);
  // score = 0.4 × 0.6 + 0.3 × 0.55 + 0.2 × 0.75 + 0.1 × 1.0 = .24 + .165 + .15 + .10 = 0.655
  EXPECT_EQ(to_basis(e.score.total), 6550);
  EXPECT_EQ(e.band, DecisionBand::kStandard);
  // effective rate 0.55 × 0.75 = 0.4125
  EXPECT_EQ(to_basis(e.effective_rate), 4125);
  // true cost 732 + hidden 200 = 932; ROI = (9152.34375 − 932) ÷ 932 = 8.82011 → strong
  EXPECT_EQ(e.true_cost, yuan(932));
  EXPECT_EQ(to_basis(e.roi), 88201);
  EXPECT_EQ(e.roi_band, RoiBand::kStrong);
  EXPECT_EQ(e.review, 0);  // 732 < 1000, no risk inputs
}

TEST(WinbackModels, W2ClvFiveYears) {
  // 2500 × (1 + .7 + .49 + .343 + .2401) = 6932.75
  double clv = clv_yuan(yuan(5000), Rate::from_basis(5000), 0.70, 5, Money());
  EXPECT_EQ(std::llround(clv * 100), 693275);
}

TEST(WinbackModels, ClvSubtractsAcquisitionCost) {
  double clv = clv_yuan(yuan(5000), Rate::from_basis(5000), 0.70, 5, yuan(1000));
  EXPECT_EQ(std::llround(clv * 100), 593275);  // 6932.75 − 1000
}

TEST(WinbackModels, W3FirstYearRoi) {
  // (36 − 54) ÷ 54 = −0.33333; (57.5 − 126) ÷ 126 = −0.54365; (31.6 − 105) ÷ 105 = −0.69905;
  // (125 − 285) ÷ 285 = −0.56140 (万 yuan)
  EXPECT_EQ(to_basis(first_year_roi(yuan(360000), yuan(540000))), -3333);
  EXPECT_EQ(to_basis(first_year_roi(yuan(575000), yuan(1260000))), -5437);
  EXPECT_EQ(to_basis(first_year_roi(yuan(316000), yuan(1050000))), -6990);
  EXPECT_EQ(to_basis(first_year_roi(yuan(1250000), yuan(2850000))), -5614);
}

TEST(WinbackModels, W4EffectiveRates) {
  EXPECT_EQ(to_basis(effective_rate(0.32, 0.58)), 1856);
  EXPECT_EQ(to_basis(effective_rate(0.28, 0.62)), 1736);
  EXPECT_EQ(to_basis(effective_rate(0.45, 0.78)), 3510);
  EXPECT_EQ(to_basis(effective_rate(0.52, 0.82)), 4264);
}

TEST(WinbackModels, W5OneShotVersusThreeStep) {
  // Three-step 600 + 400 + 800 = 1800 vs 3000: (1800 − 3000) ÷ 3000 = −0.4
  Money three_step = yuan(600) + yuan(400) + yuan(800);
  EXPECT_EQ(three_step, yuan(1800));
  EXPECT_EQ(to_basis(double((three_step - yuan(3000)).fen()) / double(yuan(3000).fen())), -4000);
  EXPECT_EQ(to_basis(effective_rate(0.38, 0.52)), 1976);
  EXPECT_EQ(to_basis(effective_rate(0.48, 0.82)), 3936);
  // The seed's release shares 0.3333 / 0.2222 / 0.4445 give exactly 600 / 400 / 800 of 1800.
  const Rate shares[] = {Rate::from_basis(3333), Rate::from_basis(2222), Rate::from_basis(4445)};
  auto parts = split_amount(yuan(1800), shares);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], yuan(600));
  EXPECT_EQ(parts[1], yuan(400));
  EXPECT_EQ(parts[2], yuan(800));
}

TEST(WinbackModels, W7ApprovalBands) {
  ApprovalRules r;
  EXPECT_EQ(approver_for(r, Money::from_fen(49999)), Approver::kAuto);
  EXPECT_EQ(approver_for(r, Money::from_fen(50000)), Approver::kStoreManager);
  EXPECT_EQ(approver_for(r, Money::from_fen(99999)), Approver::kStoreManager);
  EXPECT_EQ(approver_for(r, Money::from_fen(100000)), Approver::kRegionManager);
  EXPECT_EQ(approver_for(r, Money::from_fen(200000)), Approver::kRegionManager);
  EXPECT_EQ(approver_for(r, Money::from_fen(200001)), Approver::kDirector);
}

TEST(WinbackModels, W8AbuseRisk) {
  Programme p;
  CustomerInput in;
  in.visits_per_year = 1;        // 100 × 25%
  in.cheapest_only_share = 1.0;  // 100 × 20%
  in.booking_lead_days = 0;      // same day: 100 × 15%
  in.offer_only_contact = 1;     // 100 × 20%
  in.info_complete = 1;          // 0 × 20%
  AbuseRisk r = abuse_risk(p.abuse, in);
  EXPECT_EQ(to_basis(r.score), 800000);  // 80
  EXPECT_FALSE(r.suspected);
  EXPECT_EQ(review_reasons(p, r, p.abuse.review_above, yuan(300), false), 0);
  in.info_complete = 0;
  r = abuse_risk(p.abuse, in);
  EXPECT_EQ(to_basis(r.score), 1000000);  // 100
  EXPECT_TRUE(r.suspected);
  EXPECT_EQ(review_reasons(p, r, p.abuse.review_above, yuan(300), false), kReviewRisk);
}

TEST(WinbackModels, AbuseIndicatorScoring) {
  Programme p;
  CustomerInput in;
  in.visits_per_year = 2;         // 50
  in.booking_lead_days = 2;       // 50
  in.cheapest_only_share = 0.25;  // 25
  AbuseRisk r = abuse_risk(p.abuse, in);
  EXPECT_DOUBLE_EQ(r.indicator[0], 50);
  EXPECT_DOUBLE_EQ(r.indicator[1], 25);
  EXPECT_DOUBLE_EQ(r.indicator[2], 50);
  EXPECT_FALSE(r.known[3]);
  // 0.25 × 50 + 0.2 × 25 + 0.15 × 50 = 12.5 + 5 + 7.5 = 25
  EXPECT_EQ(to_basis(r.score), 250000);
  in.visits_per_year = 3;
  in.booking_lead_days = 7;
  r = abuse_risk(p.abuse, in);
  EXPECT_DOUBLE_EQ(r.indicator[0], 0);
  EXPECT_DOUBLE_EQ(r.indicator[2], 0);
}

TEST(WinbackModels, SurgeThresholdForcesReviewAt61) {
  Programme p;
  AbuseRisk r;
  r.score = 61;
  EXPECT_EQ(review_reasons(p, r, p.abuse.review_above, yuan(100), false), 0);
  EXPECT_EQ(review_reasons(p, r, p.abuse.surge_review_above, yuan(100), false), kReviewRisk);
  // High value and a vehicle-data anomaly force the review whatever the risk.
  r.score = 0;
  EXPECT_EQ(review_reasons(p, r, 80, yuan(1000), false), kReviewHighValue);
  EXPECT_EQ(review_reasons(p, r, 80, Money::from_fen(99999), true), kReviewVehicleAnomaly);
}

TEST(WinbackModels, W9TrueCostOfTheBydCase) {
  const Money explicit_items[] = {yuan(300), yuan(100), yuan(5)};
  const Money hidden[] = {yuan(60), yuan(50), yuan(25), yuan(15), yuan(20), yuan(30)};
  TrueCost c = true_cost(explicit_items, hidden);
  EXPECT_EQ(c.explicit_total, yuan(405));
  EXPECT_EQ(c.total, yuan(605));
  EXPECT_EQ(to_basis(c.overhead), 4938);  // 200 ÷ 405 = 0.49383 → +49.4%
  // The default [cost] gives the same 200 per case: 2 h × 30 + 0.5 h × 100 + 25 + 15 + 20 + 30.
  EXPECT_EQ(Programme().hidden_cost_per_case(), yuan(200));
}

TEST(WinbackModels, W10AuditTrueCost) {
  const Money explicit_items[] = {yuan(8'500'000)};
  const Money hidden[] = {yuan(3'200'000), yuan(850'000), yuan(450'000), yuan(1'800'000)};
  TrueCost c = true_cost(explicit_items, hidden);
  EXPECT_EQ(c.total, yuan(14'800'000));
  // per customer: 14,800,000 ÷ 3200 = 4625; 8,500,000 ÷ 3200 = 2656.25
  EXPECT_EQ(c.total.fen() / 3200, yuan(4625).fen());
  EXPECT_EQ(c.explicit_total.fen() / 3200, 265625);
  EXPECT_EQ(to_basis(double(c.total.fen()) / double(c.explicit_total.fen()) - 1), 7412);
}

TEST(WinbackModels, TierBoundaries) {
  TierRules r;
  EXPECT_EQ(tier_of(r, Money::from_fen(800001)), Tier::kStar);
  EXPECT_EQ(tier_of(r, yuan(8000)), Tier::kPotential);
  EXPECT_EQ(tier_of(r, yuan(4000)), Tier::kPotential);
  EXPECT_EQ(tier_of(r, Money::from_fen(399999)), Tier::kMaintain);
  EXPECT_EQ(tier_of(r, yuan(2000)), Tier::kMaintain);
  EXPECT_EQ(tier_of(r, Money::from_fen(199999)), Tier::kBasic);
}

TEST(WinbackModels, DecisionBandBoundaries) {
  ScoreRules r;
  EXPECT_EQ(decision_band(r, 0.7001), DecisionBand::kHighPriority);
  EXPECT_EQ(decision_band(r, 0.7), DecisionBand::kStandard);
  EXPECT_EQ(decision_band(r, 0.70004), DecisionBand::kStandard);  // 4 decimals: 0.7000
  EXPECT_EQ(decision_band(r, 0.5), DecisionBand::kStandard);
  EXPECT_EQ(decision_band(r, 0.4999), DecisionBand::kLowCost);
  EXPECT_EQ(decision_band(r, 0.3), DecisionBand::kLowCost);
  EXPECT_EQ(decision_band(r, 0.2999), DecisionBand::kDoNot);
  // 0.1 + 0.2 is 0.30000000000000004 in double: still exactly the low-cost bound.
  EXPECT_EQ(decision_band(r, 0.1 + 0.2), DecisionBand::kLowCost);
}

TEST(WinbackModels, RoiBandBoundaries) {
  RoiRules r;
  EXPECT_EQ(roi_band(r, 2.0001), RoiBand::kStrong);
  EXPECT_EQ(roi_band(r, 2.0), RoiBand::kRecommend);
  EXPECT_EQ(roi_band(r, 1.0), RoiBand::kRecommend);
  EXPECT_EQ(roi_band(r, 0.9999), RoiBand::kCautious);
  EXPECT_EQ(roi_band(r, 0.5), RoiBand::kCautious);
  EXPECT_EQ(roi_band(r, 0.4999), RoiBand::kDoNot);
}

TEST(WinbackModels, SuccessTableBands) {
  SuccessRules r;
  CustomerInput in;
  in.months_churned = 3;
  EXPECT_DOUBLE_EQ(table_success(r, in).base, 0.5);
  in.months_churned = 3.5;
  EXPECT_DOUBLE_EQ(table_success(r, in).base, 0.4);
  in.months_churned = 6;
  EXPECT_DOUBLE_EQ(table_success(r, in).base, 0.4);
  in.months_churned = 12;
  EXPECT_DOUBLE_EQ(table_success(r, in).base, 0.25);
  in.months_churned = 12.5;
  EXPECT_DOUBLE_EQ(table_success(r, in).base, 0.1);
  in.reason = Reason::kPrice;  // 0.1 + 0.05
  EXPECT_EQ(to_basis(table_success(r, in).value), 1500);
}

TEST(WinbackModels, DeepChurnRaisesTheHardCap) {
  Programme p;
  CustomerInput in;
  in.annual_value = yuan(10000);
  in.months_churned = 13;
  Caps c = compute_caps(p, Tier::kStar, in, 100000);
  EXPECT_TRUE(c.deep_churn);
  EXPECT_EQ(c.hard_cap, yuan(5000));  // 50% × 10000
  in.months_churned = 12;             // not more than 12
  c = compute_caps(p, Tier::kStar, in, 100000);
  EXPECT_EQ(c.hard_cap, yuan(4000));  // 40%
  in.annual_value = yuan(3000);       // maintain: no exception
  in.months_churned = 24;
  c = compute_caps(p, Tier::kMaintain, in, 100000);
  EXPECT_EQ(c.hard_cap, yuan(600));
}

TEST(WinbackModels, LowCostBandCapsThePlanAndDoNotHasNone) {
  Programme p;
  CustomerInput in;  // regular, other reason, 24 months: success 0.1, retention 0.7
  in.annual_value = yuan(9000);
  in.months_churned = 24;
  // score = 0.4 × 0.9 + 0.3 × 0.1 + 0.2 × 0.7 + 0.1 × 0.5 = .36 + .03 + .14 + .05 = 0.58
  Evaluation e = evaluate(p, in, {});
  EXPECT_EQ(e.band, DecisionBand::kStandard);
  in.annual_value = yuan(3000);
  // score = .12 + .03 + .14 + .05 = 0.34 → low cost; caps: CLV = 1500 × 2.7731 = 4159.65, ×0.3
  // ÷ 5 = 249.58 → 249, hard cap 20% × 3000 = 600 → 249 (under 300)
  e = evaluate(p, in, {});
  EXPECT_EQ(e.band, DecisionBand::kLowCost);
  EXPECT_EQ(e.plan_total_yuan, 249);
  in.annual_value = yuan(500);
  // score = .02 + .03 + .14 + .05 = 0.24 → do not
  e = evaluate(p, in, {});
  EXPECT_EQ(e.band, DecisionBand::kDoNot);
  EXPECT_EQ(e.gate, PlanGate::kDoNot);
  EXPECT_EQ(e.plan_total_yuan, 0);
}

TEST(WinbackModels, BlacklistedCustomerGetsNoPlan) {
  Programme p;
  EvaluationOptions o;
  o.blacklisted = true;
  Evaluation e = evaluate(p, w1_customer(), o);
  EXPECT_EQ(e.gate, PlanGate::kBlacklisted);
  EXPECT_EQ(e.plan_total_yuan, 0);
}

TEST(WinbackPlan, W1PlanSplits) {
  Programme p;
  Plan plan = make_plan(p, Tier::kPotential, yuan(732));
  // 70/30 of 732 = 512.4 / 219.6 → by largest remainder 512 / 220
  EXPECT_EQ(plan.service, yuan(512));
  EXPECT_EQ(plan.cash, yuan(220));
  // stages 40/30/30 of 732 = 292.8 / 219.6 / 219.6 → 293 / 220 / 219 (tie to the earlier)
  ASSERT_EQ(plan.stages.size(), 3u);
  EXPECT_EQ(plan.stages[0], yuan(293));
  EXPECT_EQ(plan.stages[1], yuan(220));
  EXPECT_EQ(plan.stages[2], yuan(219));
  // three service components share 512: 171 / 171 / 170; one cash component 220
  Money sum;
  for (const auto& c : plan.components) sum += c.amount;
  EXPECT_EQ(sum, yuan(732));
  EXPECT_EQ(plan.components[0].amount, yuan(171));
  EXPECT_EQ(plan.components[2].amount, yuan(170));
  EXPECT_EQ(plan.components[3].kind, "cash");
}

TEST(WinbackPlan, SplitToTheFenWhenTheAmountHasFen) {
  Programme p;
  auto parts = split_amount(Money::from_fen(100001), p.plan.release_shares);
  // 100001 × .4 = 40000.4, × .3 = 30000.3 twice → 40000 + 30000 + 30000 = 100000, +1 to the
  // largest remainder (0.4, the first) → 40001 / 30000 / 30000
  EXPECT_EQ(parts[0].fen(), 40001);
  EXPECT_EQ(parts[1].fen(), 30000);
  EXPECT_EQ(parts[2].fen(), 30000);
}

}  // namespace
}  // namespace pitwall::core::winback
