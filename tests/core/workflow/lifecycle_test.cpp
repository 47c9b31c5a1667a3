#include "core/workflow/lifecycle.hpp"

#include <gtest/gtest.h>

namespace pitwall::core {
namespace {

// Campaign 2023-03-01 00:00:00 .. 2023-03-31 23:59:59 at +08:00 (UTC seconds by hand:
// 2023-03-01T00:00+08 = 1677600000; 2023-03-31T23:59:59+08 = 1680278399).
Campaign spring() {
  Campaign c;
  c.id = "spring";
  c.start = 1677600000;
  c.end = 1680278399;
  c.appeal_cutoff = c.end + 1 + 18 * 3600;
  c.review_days = 7;
  c.freeze_days = 7;
  return c;
}
const FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);

TEST(Lifecycle, StateFollowsTheClockUntilFrozen) {
  Campaign c = spring();
  EXPECT_EQ(campaign_state(c, {}, c.start - 1), CampaignState::kPlanned);
  EXPECT_EQ(campaign_state(c, {}, c.start), CampaignState::kRunning);
  EXPECT_EQ(campaign_state(c, {}, c.end), CampaignState::kRunning);
  EXPECT_EQ(campaign_state(c, {}, c.end + 1), CampaignState::kReview);
  // Long past: still review until someone freezes it.
  EXPECT_EQ(campaign_state(c, {}, c.end + 400 * 86400), CampaignState::kReview);
  EXPECT_EQ(campaign_state(c, {c.end + 10 * 86400, {}}, c.end + 11 * 86400),
            CampaignState::kFrozen);
}

TEST(Lifecycle, FreezeOnlyAfterTheReviewWindow) {
  Campaign c = spring();
  int64_t window_end = c.end + 7 * 86400;
  auto early = check_campaign_write(c, {}, CampaignWrite::kFreeze, window_end, kShanghai);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kStateForbids);
  // The message says until when, in local time: 2023-04-07 23:59:59.
  EXPECT_NE(early.error().message.find("2023-04-07 23:59:59"), std::string::npos);
  EXPECT_TRUE(check_campaign_write(c, {}, CampaignWrite::kFreeze, window_end + 1, kShanghai));
}

TEST(Lifecycle, FrozenIsReadOnlyButTakesDecisionsAndSignOffs) {
  Campaign c = spring();
  LifecycleFacts frozen{c.end + 8 * 86400, {}};
  int64_t now = c.end + 9 * 86400;
  EXPECT_FALSE(check_campaign_write(c, frozen, CampaignWrite::kImport, now, kShanghai));
  EXPECT_FALSE(check_campaign_write(c, frozen, CampaignWrite::kEditRules, now, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kArbitrate, now, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kSignFinance, now, kShanghai));
  // The seal waits freeze_days after the freeze.
  EXPECT_FALSE(check_campaign_write(c, frozen, CampaignWrite::kSeal, now, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kSeal, *frozen.frozen_at + 7 * 86400,
                                   kShanghai));
}

TEST(Lifecycle, AppealsCloseAtTheAppealCutOffClaimsAtTheWindowEnd) {
  Campaign c = spring();
  EXPECT_TRUE(
      check_campaign_write(c, {}, CampaignWrite::kDisputeValidity, c.appeal_cutoff, kShanghai));
  EXPECT_FALSE(
      check_campaign_write(c, {}, CampaignWrite::kDisputeValidity, c.appeal_cutoff + 1, kShanghai));
  EXPECT_TRUE(
      check_campaign_write(c, {}, CampaignWrite::kClaimOrder, c.appeal_cutoff + 1, kShanghai));
}

TEST(Lifecycle, SealedRefusesEverythingButCarryOvers) {
  Campaign c = spring();
  LifecycleFacts sealed{c.end + 8 * 86400, c.end + 16 * 86400};
  int64_t now = c.end + 20 * 86400;
  for (auto w : {CampaignWrite::kImport, CampaignWrite::kArbitrate, CampaignWrite::kSignFinance,
                 CampaignWrite::kConfirmStore, CampaignWrite::kSeal}) {
    EXPECT_FALSE(check_campaign_write(c, sealed, w, now, kShanghai)) << campaign_write_token(w);
  }
  EXPECT_TRUE(check_campaign_write(c, sealed, CampaignWrite::kCarryOver, now, kShanghai));
}

TEST(Lifecycle, RunningAllowsNoConfirmations) {
  Campaign c = spring();
  EXPECT_FALSE(check_campaign_write(c, {}, CampaignWrite::kConfirmStore, c.start + 10, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, {}, CampaignWrite::kImport, c.start + 10, kShanghai));
}

TEST(Lifecycle, PlanningCheckIsThirtyPercent) {
  Campaign c = spring();  // 31 days; 14 days of close-out is 45%
  EXPECT_TRUE(closeout_time_is_enough(c));
  c.review_days = 2;  // the seed: "closed out in two days"
  c.freeze_days = 0;
  EXPECT_FALSE(closeout_time_is_enough(c));
}

TEST(Lifecycle, PlannedAndRunningRefuseEveryWorkflowWriteSayingFromWhen) {
  Campaign c = spring();
  for (int64_t now : {c.start - 100, c.start + 100}) {
    for (auto w :
         {CampaignWrite::kConfirmStore, CampaignWrite::kDisputeValidity, CampaignWrite::kClaimOrder,
          CampaignWrite::kArbitrate, CampaignWrite::kSignRegion, CampaignWrite::kSignFinance,
          CampaignWrite::kFreeze, CampaignWrite::kSeal, CampaignWrite::kCarryOver}) {
      auto s = check_campaign_write(c, {}, w, now, kShanghai);
      ASSERT_FALSE(s) << campaign_write_token(w);
      EXPECT_EQ(s.error().code, ErrorCode::kStateForbids);
      // "allowed from the end of the campaign, 2023-03-31 23:59:59"
      EXPECT_NE(s.error().message.find("2023-03-31 23:59:59"), std::string::npos);
    }
    EXPECT_TRUE(check_campaign_write(c, {}, CampaignWrite::kEditRules, now, kShanghai));
  }
}

TEST(Lifecycle, ReviewTakesTheWorkflowButNoSealOrCarryOver) {
  Campaign c = spring();
  int64_t now = c.end + 3600;
  for (auto w :
       {CampaignWrite::kImport, CampaignWrite::kEditRules, CampaignWrite::kConfirmStore,
        CampaignWrite::kDisputeValidity, CampaignWrite::kClaimOrder, CampaignWrite::kArbitrate,
        CampaignWrite::kSignRegion, CampaignWrite::kSignFinance}) {
    EXPECT_TRUE(check_campaign_write(c, {}, w, now, kShanghai)) << campaign_write_token(w);
  }
  EXPECT_FALSE(check_campaign_write(c, {}, CampaignWrite::kSeal, now, kShanghai));
  EXPECT_FALSE(check_campaign_write(c, {}, CampaignWrite::kCarryOver, now, kShanghai));
  // A claim ("this order is mine") is open until the review window ends, 2023-04-07 23:59:59.
  int64_t window_end = review_window_end(c);
  EXPECT_TRUE(check_campaign_write(c, {}, CampaignWrite::kClaimOrder, window_end, kShanghai));
  auto late = check_campaign_write(c, {}, CampaignWrite::kClaimOrder, window_end + 1, kShanghai);
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("2023-04-07 23:59:59"), std::string::npos);
}

TEST(Lifecycle, FrozenRefusesClaimsRulesAndCarryOversNamingTheFreeze) {
  Campaign c = spring();
  LifecycleFacts frozen{c.end + 8 * 86400, {}};
  int64_t now = c.end + 9 * 86400;
  for (auto w : {CampaignWrite::kClaimOrder, CampaignWrite::kDisputeValidity,
                 CampaignWrite::kFreeze, CampaignWrite::kCarryOver}) {
    auto s = check_campaign_write(c, frozen, w, now, kShanghai);
    ASSERT_FALSE(s) << campaign_write_token(w);
    EXPECT_NE(s.error().message.find("frozen"), std::string::npos);
  }
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kConfirmStore, now, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kSignRegion, now, kShanghai));
  EXPECT_TRUE(check_campaign_write(c, frozen, CampaignWrite::kRetrospective, now, kShanghai));
}

TEST(Lifecycle, SealedNamesTheSealAndStillTakesLessons) {
  Campaign c = spring();
  LifecycleFacts sealed{c.end + 8 * 86400, c.end + 16 * 86400};
  auto s =
      check_campaign_write(c, sealed, CampaignWrite::kEditRules, c.end + 20 * 86400, kShanghai);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("sealed"), std::string::npos);
  EXPECT_TRUE(check_campaign_write(c, sealed, CampaignWrite::kRetrospective, c.end + 20 * 86400,
                                   kShanghai));
  EXPECT_EQ(campaign_state(c, sealed, c.end + 20 * 86400), CampaignState::kSealed);
}

}  // namespace
}  // namespace pitwall::core
