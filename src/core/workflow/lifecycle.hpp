#pragma once
// Campaign lifecycle (closeout.md "Lifecycle of a campaign"):
//
//   planned ──► running ──► review ──────────────► frozen ─────────► sealed
//               [start,end]  (end, end+review_days]  `campaign freeze`  `campaign seal`
//
// running → review follows the clock; review → frozen is an explicit freeze by HQ once the review
// window has ended; frozen → sealed an explicit seal once frozen for freeze_days and every
// sign-off is current. This module answers "what state is the campaign in at `now`" and "may this
// write happen now" — the one place every face (CLI now, HTTP server later) asks.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/campaign.hpp"

namespace pitwall::core {

enum class CampaignState : uint8_t { kPlanned, kRunning, kReview, kFrozen, kSealed };
std::string_view campaign_state_token(CampaignState s);

// What the workspace knows beyond the campaign file.
struct LifecycleFacts {
  std::optional<int64_t> frozen_at;
  std::optional<int64_t> sealed_at;
};

CampaignState campaign_state(const Campaign& c, const LifecycleFacts& facts, int64_t now);

// End of the review window: end + review_days (closeout.md).
int64_t review_window_end(const Campaign& c);
// The earliest instant a frozen campaign may be sealed.
int64_t seal_allowed_from(const Campaign& c, int64_t frozen_at);

// The writes the lifecycle governs.
enum class CampaignWrite : uint8_t {
  kImport,           // orders and every other per-campaign kind
  kEditRules,        // campaign file, metric definitions
  kRunCloseout,      // re-running the pipeline (a derived result, not data)
  kConfirmStore,     // a store's confirmation
  kDisputeValidity,  // "this order is not valid" (an appeal; until the appeal cut-off)
  kClaimOrder,       // "this order is mine" (until the review window ends)
  kArbitrate,        // an arbitration decision
  kSignRegion,
  kSignFinance,
  kFreeze,
  kSeal,
  kCarryOver,      // a late refund or correction after the seal (closeout.md §9b)
  kRetrospective,  // lessons and recommendations
};
std::string_view campaign_write_token(CampaignWrite w);

// OK when `write` may happen at `now`; otherwise kStateForbids with a message naming the state
// that forbids it and until when (local time of `zone`). Whether a confirmation in a frozen
// campaign renews a stale one is the caller's check (it knows the sign-offs).
Status check_campaign_write(const Campaign& c, const LifecycleFacts& facts, CampaignWrite write,
                            int64_t now, const TimeZone& zone);

// The planning check (seed rule "收尾时间 = 活动时间 × 30%"): true when review_days + freeze_days
// is at least 30% of the campaign's duration.
bool closeout_time_is_enough(const Campaign& c);

}  // namespace pitwall::core
