#pragma once
// The win-back desk's workflow records and its decision log, as its use cases read and write
// them inside their transactions (app/winback/offers.cpp, programme.cpp, reports.cpp).
//
// Records: "winback.programmes" and "winback.settings" (desk.hpp), "winback.offers" (key = offer id
// "WB-000001", io::offer_to_json), "winback.overrides" (key = month "2023-06": {month, by, at,
// reason}); log "winback.decisions" (io::DecisionEntry: every action and every refusal of the
// desk's rules, with who, when, the offer, the amount and the programme tag). Refusals of the one
// authorisation check (kForbidden, or kNotFound outside the scope) are not the desk's decisions and
// are not logged here.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/permission.hpp"
#include "app/session.hpp"
#include "core/base/result.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/offer.hpp"
#include "io/report/winback_records.hpp"

namespace pitwall::app::winback {

namespace wb = core::winback;

inline constexpr std::string_view kProgrammes = "winback.programmes";
inline constexpr std::string_view kSettings = "winback.settings";
inline constexpr std::string_view kOffers = "winback.offers";
inline constexpr std::string_view kOverrides = "winback.overrides";
inline constexpr std::string_view kDecisions = "winback.decisions";

// Every stored offer, by id. Errors: kCorrupt naming the offer.
core::Result<std::vector<wb::Offer>> load_offers(store::Workspace& ws);
// The stored offers within the session's scope, by id.
core::Result<std::vector<wb::Offer>> scoped_offers(const Session& s);
// Whether the session's scope reaches the offer (its store and the region recorded with it).
bool reaches(const Session& s, const wb::Offer& offer);
// The offer `id` if it exists and is within the session's scope; kNotFound with the same words
// otherwise.
core::Result<wb::Offer> load_offer(const Session& s, std::string_view id);

// The id after the largest stored one ("WB-000001" for the first).
std::string next_offer_id(const std::vector<wb::Offer>& offers);

// The director's override of `month`, if any: who and the reason.
struct Override {
  std::string by;
  int64_t at = 0;
  std::string reason;
};
core::Result<std::optional<Override>> find_override(store::Workspace& ws, wb::YearMonth month);

// The budget monitor of `month` over `offers` (all of them: the budget is the network's), with
// the director's override as stored.
core::Result<wb::BudgetMonitor> month_monitor(store::Workspace& ws, const wb::Programme& programme,
                                              const core::TimeZone& zone,
                                              std::span<const wb::Offer> offers,
                                              wb::YearMonth month, int64_t now);

// The visits of one customer from the imported win-back visits.
core::Result<std::vector<wb::Visit>> visits_of(store::Workspace& ws, std::string_view customer);

// A log entry of the session's person doing `action` now.
io::DecisionEntry entry_of(const Session& s, std::string action);
// Fills the entry's offer, customer, amount and programme from the offer.
void describe_offer(io::DecisionEntry& entry, const wb::Offer& offer);
core::Status log_decision(store::Workspace& ws, const io::DecisionEntry& entry);
// Logs `entry` as the refusal ("refuse", detail = key | args).
core::Status log_refusal(store::Workspace& ws, io::DecisionEntry entry, const wb::Refusal& refusal);

// The refusal as an error worded in the session's language ("winback.refusal.<key>").
core::Error refusal_error(const Session& s, const wb::Refusal& refusal);

// Inside a write's transaction: authorises again against the user as stored now (server.md §2
// "before and again inside the write's transaction"). Errors: authorize's, or kConflict when the
// user's role or scope changed since the session was made.
core::Status authorize_again(const Session& s, Permission p);

// Runs `body` in one transaction of the session's workspace; a refusal the body records in
// `refused` is logged by the body and committed, then returned here as the error.
core::Status run_transaction(const Session& s, const std::function<core::Status()>& body,
                             const std::optional<wb::Refusal>& refused);

}  // namespace pitwall::app::winback
