#include "core/workflow/lifecycle.hpp"

#include <fmt/format.h>

namespace pitwall::core {

namespace {
constexpr int64_t kDay = 86400;
}

std::string_view campaign_state_token(CampaignState s) {
  switch (s) {
    case CampaignState::kPlanned:
      return "planned";
    case CampaignState::kRunning:
      return "running";
    case CampaignState::kReview:
      return "review";
    case CampaignState::kFrozen:
      return "frozen";
    case CampaignState::kSealed:
      return "sealed";
  }
  return "planned";
}

std::string_view campaign_write_token(CampaignWrite w) {
  switch (w) {
    case CampaignWrite::kImport:
      return "import";
    case CampaignWrite::kEditRules:
      return "edit_rules";
    case CampaignWrite::kRunCloseout:
      return "run_closeout";
    case CampaignWrite::kConfirmStore:
      return "confirm_store";
    case CampaignWrite::kDisputeValidity:
      return "dispute_validity";
    case CampaignWrite::kClaimOrder:
      return "claim_order";
    case CampaignWrite::kArbitrate:
      return "arbitrate";
    case CampaignWrite::kSignRegion:
      return "sign_region";
    case CampaignWrite::kSignFinance:
      return "sign_finance";
    case CampaignWrite::kFreeze:
      return "freeze";
    case CampaignWrite::kSeal:
      return "seal";
    case CampaignWrite::kCarryOver:
      return "carry_over";
    case CampaignWrite::kRetrospective:
      return "retrospective";
  }
  return "import";
}

CampaignState campaign_state(const Campaign& c, const LifecycleFacts& facts, int64_t now) {
  if (facts.sealed_at) return CampaignState::kSealed;
  if (facts.frozen_at) return CampaignState::kFrozen;
  if (now < c.start) return CampaignState::kPlanned;
  if (now <= c.end) return CampaignState::kRunning;
  return CampaignState::kReview;
}

int64_t review_window_end(const Campaign& c) { return c.end + c.review_days * kDay; }

int64_t seal_allowed_from(const Campaign& c, int64_t frozen_at) {
  return frozen_at + c.freeze_days * kDay;
}

bool closeout_time_is_enough(const Campaign& c) {
  int64_t duration = c.end - c.start + 1;
  int64_t closeout = (c.review_days + c.freeze_days) * kDay;
  return closeout * 10 >= duration * 3;
}

namespace {

// The refusal "the campaign is <state>: <write> is not allowed (<why>)", keyed for the faces
// ("lifecycle.refused.<why>", the state and the write as keys of their own words).
Error refuse(CampaignState state, CampaignWrite write, std::string_view why,
             std::string english_why, std::string time = {}) {
  std::string state_token(campaign_state_token(state));
  std::string write_token(campaign_write_token(write));
  std::vector<MessageArg> args{key_arg("workflow.status." + state_token),
                               key_arg("lifecycle.write." + write_token)};
  if (!time.empty()) args.push_back(MessageArg{time});
  return keyed_error(ErrorCode::kStateForbids, fmt::format("lifecycle.refused.{}", why),
                     std::move(args),
                     fmt::format("the campaign is {}: {} is not allowed ({})", state_token,
                                 write_token, english_why));
}

}  // namespace

Status check_campaign_write(const Campaign& c, const LifecycleFacts& facts, CampaignWrite write,
                            int64_t now, const TimeZone& zone) {
  using W = CampaignWrite;
  CampaignState state = campaign_state(c, facts, now);
  auto until = [&](int64_t t) {
    return fmt::format("{} ({})", format_local(t, zone), zone.name());
  };
  switch (state) {
    case CampaignState::kSealed:
      if (write == W::kCarryOver || write == W::kRetrospective) return {};
      return refuse(state, write, "sealed",
                    "sealed campaigns are never changed; record a carry-over");
    case CampaignState::kFrozen:
      switch (write) {
        case W::kArbitrate:
        case W::kSignRegion:
        case W::kSignFinance:
        case W::kConfirmStore:
        case W::kRunCloseout:
        case W::kRetrospective:
          return {};
        case W::kDisputeValidity:
          if (now <= c.appeal_cutoff) return {};
          return refuse(state, write, "appeal_passed",
                        fmt::format("the appeal cut-off {} has passed", until(c.appeal_cutoff)),
                        until(c.appeal_cutoff));
        case W::kSeal:
          if (now >= seal_allowed_from(c, *facts.frozen_at)) return {};
          return refuse(state, write, "freeze_lasts",
                        fmt::format("the freeze lasts until {}",
                                    until(seal_allowed_from(c, *facts.frozen_at))),
                        until(seal_allowed_from(c, *facts.frozen_at)));
        default:
          return refuse(state, write, "read_only", "data is read-only while frozen");
      }
    case CampaignState::kReview:
      switch (write) {
        case W::kSeal:
          return refuse(state, write, "freeze_first", "freeze the campaign first");
        case W::kCarryOver:
          return refuse(state, write, "carry_over_sealed", "carry-overs are for sealed campaigns");
        case W::kFreeze:
          if (now > review_window_end(c)) return {};
          return refuse(
              state, write, "review_window",
              fmt::format("the review window lasts until {}", until(review_window_end(c))),
              until(review_window_end(c)));
        case W::kDisputeValidity:
          if (now <= c.appeal_cutoff) return {};
          return refuse(state, write, "appeal_passed",
                        fmt::format("the appeal cut-off {} has passed", until(c.appeal_cutoff)),
                        until(c.appeal_cutoff));
        case W::kClaimOrder:
          if (now <= review_window_end(c)) return {};
          return refuse(
              state, write, "claims_closed",
              fmt::format("attribution disputes closed at {}", until(review_window_end(c))),
              until(review_window_end(c)));
        default:
          return {};
      }
    case CampaignState::kPlanned:
    case CampaignState::kRunning:
      switch (write) {
        case W::kImport:
        case W::kEditRules:
        case W::kRunCloseout:
        case W::kRetrospective:
          return {};
        default:
          return refuse(state, write, "before_end",
                        fmt::format("allowed from the end of the campaign, {}", until(c.end)),
                        until(c.end));
      }
  }
  return {};
}

}  // namespace pitwall::core
