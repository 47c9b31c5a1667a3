#pragma once
// Win-back use cases: offers and their approvals (winback.md "Approvals", "Incentive plan").
//
// Who (server.md §2; the role levels are core::winback's, offer.hpp): creating needs
// kOfferCreate (store managers; customer service for automatic-level amounts), approving,
// reviewing in person and rejecting kOfferApprove (store, region manager and director, each at
// its level), releasing stages and recording outcomes kOfferHandle (store managers, customer
// service); reading kWinbackRead. Every offer is reached within the session's scope only: a
// customer or offer of another store (region) answers kNotFound, as one that does not exist.
//
// Concurrency (server.md §5): each write is one workspace transaction (the write lock first),
// inside which it authorises again, reads the offers and the month's budget, decides with the
// rule of core::winback, allocates the offer id from what it read, stores the offer
// (insert_record for a new one) and appends its log entry — or logs the refusal. Two people
// acting on the same offer at once: the second sees the first's result (kConflict, "not
// pending" or "already signed"); two creations at once cannot together pass the month's budget.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/base/result.hpp"
#include "core/winback/offer.hpp"

namespace pitwall::app::winback {

namespace wb = core::winback;

struct OfferCreateRequest {
  std::string customer_id;
  std::optional<core::Money> amount;  // default: the plan total
  std::string arm;                    // experiment arm; default "three_step"
};

struct OfferApproveRequest {
  std::string offer_id;
  wb::InPerson in_person = wb::InPerson::kNo;  // kYes: the store manager's in-person review
};

struct OfferRejectRequest {
  std::string offer_id;
  std::string reason;
};

struct OfferReleaseRequest {
  std::string offer_id;
  size_t stage = 0;  // 0-based: return, second_visit, loyal
};

struct OfferOutcomeRequest {
  std::string offer_id;
  std::optional<bool> won_back;
  std::optional<bool> retained;
};

struct OfferShowRequest {
  std::string offer_id;
};

struct OfferListRequest {
  std::optional<wb::OfferStatus> status;  // only offers in this state
};

struct OfferResult {
  wb::Offer offer;
  const core::TimeZone* zone = nullptr;  // the programme's, to show instants in
};

struct OfferListResult {
  std::vector<wb::Offer> offers;  // within the scope, by id
  const core::TimeZone* zone = nullptr;
};

// Makes an offer to a churned customer. Errors: kForbidden; kNotFound (customer outside the
// scope or the list); the refusals of core::winback::create_offer (logged).
core::Result<OfferResult> create_offer(const Session& s, const OfferCreateRequest& r);
// Signs the approval and/or the in-person review. Errors: kForbidden, kNotFound, the refusals of
// core::winback::approve_offer (logged), among them kConflict when someone else signed first.
core::Result<OfferResult> approve_offer(const Session& s, const OfferApproveRequest& r);
// Rejects a pending offer (kOfferApprove). Errors as approve_offer.
core::Result<OfferResult> reject_offer(const Session& s, const OfferRejectRequest& r);
// Releases a stage by the customer's imported visits (kOfferHandle).
core::Result<OfferResult> release_stage(const Session& s, const OfferReleaseRequest& r);
// Records won back / retained (kOfferHandle).
core::Result<OfferResult> record_outcome(const Session& s, const OfferOutcomeRequest& r);
// One offer (kWinbackRead). Errors: kNotFound outside the scope or nowhere.
core::Result<OfferResult> show_offer(const Session& s, const OfferShowRequest& r);
// The offers within the scope (kWinbackRead).
core::Result<OfferListResult> list_offers(const Session& s, const OfferListRequest& r);

}  // namespace pitwall::app::winback
