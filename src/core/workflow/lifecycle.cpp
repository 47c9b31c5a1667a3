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

Error refuse(CampaignState state, CampaignWrite write, std::string why) {
  return make_error(ErrorCode::kStateForbids,
                    fmt::format("the campaign is {}: {} is not allowed ({})",
                                campaign_state_token(state), campaign_write_token(write), why));
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
      return refuse(state, write, "sealed campaigns are never changed; record a carry-over");
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
          return refuse(state, write,
                        fmt::format("the appeal cut-off {} has passed", until(c.appeal_cutoff)));
        case W::kSeal:
          if (now >= seal_allowed_from(c, *facts.frozen_at)) return {};
          return refuse(state, write,
                        fmt::format("the freeze lasts until {}",
                                    until(seal_allowed_from(c, *facts.frozen_at))));
        default:
          return refuse(state, write, "data is read-only while frozen");
      }
    case CampaignState::kReview:
      switch (write) {
        case W::kSeal:
          return refuse(state, write, "freeze the campaign first");
        case W::kCarryOver:
          return refuse(state, write, "carry-overs are for sealed campaigns");
        case W::kFreeze:
          if (now > review_window_end(c)) return {};
          return refuse(
              state, write,
              fmt::format("the review window lasts until {}", until(review_window_end(c))));
        case W::kDisputeValidity:
          if (now <= c.appeal_cutoff) return {};
          return refuse(state, write,
                        fmt::format("the appeal cut-off {} has passed", until(c.appeal_cutoff)));
        case W::kClaimOrder:
          if (now <= review_window_end(c)) return {};
          return refuse(
              state, write,
              fmt::format("attribution disputes closed at {}", until(review_window_end(c))));
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
          return refuse(state, write,
                        fmt::format("allowed from the end of the campaign, {}", until(c.end)));
      }
  }
  return {};
}

}  // namespace pitwall::core
