#pragma once
// Offers and approvals (winback.md "Approvals", "Incentive plan", "Abuse risk" guards): the state
// of one win-back offer and the pure transitions a person may make on it. The command line loads
// the offer, calls one transition with the person, the clock and what it needs to know about the
// budget and visits, and stores the result; the transition never sees the database.
//
// Routing: the approver level by amount (W7 bands); the store manager's in-person review (店长
// 面审) when the risk is above the review threshold, the amount is high value (≥ 1000) or the
// churned file flags a vehicle anomaly. An offer is approved when both the approval and any
// required review are signed. The levels are the roles of server.md §2 and winback.md
// "Approvals", one role a level:
//   automatic (< 500): signed "auto" at creation — the customer-service level;
//   store-manager level (500–1000): a store manager;   region-manager level (1000–2000): a
//   region manager;   director level (> 2000): a director;   in-person review: a store manager.
// Who creates: a store manager (any amount) and customer service (automatic-level amounts only,
// server.md §2 "offers under 500"). Who releases stages and records outcomes: a store manager or
// customer service. These functions check roles only: which store or region a person reaches
// (their scope) is checked once, by the application layer, before an offer is shown to them at
// all (app/winback, app::scope_of).
// Large approvals (≥ approval.review_from) are refused while the month's cost-overrun alert is on
// unless a director has overridden it for the month. A new offer must fit the month's budget
// with what is already spent and committed, unless a director has overridden the month.
// Release: stages in order; the first on return; later ones by the win-back visits after the
// approval (second visit: 2 visits, the second within plan.second_visit_months; loyal: paid
// amounts within plan.loyalty_months above plan.loyalty_spend); a high-value plan's later stages
// also need plan.regular_visits paid visits (paid amount above 0).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/money.hpp"
#include "core/base/result.hpp"
#include "core/model/principal.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::core::winback {

// The one role model (core/model/principal.hpp).
using core::parse_role;
using core::Role;
using core::role_token;
using Person = core::Principal;

enum class OfferStatus : uint8_t { kPending, kApproved, kRejected, kClosed };
std::string_view offer_status_token(OfferStatus s);
std::optional<OfferStatus> parse_offer_status(std::string_view token);

struct SignOff {
  std::string by;
  std::string role;
  int64_t at = 0;
  std::string note;
};

struct Stage {
  Money amount;
  std::optional<SignOff> released;
};

struct Offer {
  std::string id;  // "WB-000001"
  std::string customer_id;
  std::string store_code;
  std::string region;
  std::string programme;  // tag, e.g. "default@1a2b3c"
  std::string arm;        // experiment arm ("three_step" unless given)
  Money amount;
  // The customer as evaluated at creation (reports use these, not today's models).
  Money annual_value;
  double months_churned = 0;
  Tier tier = Tier::kBasic;
  DecisionBand band = DecisionBand::kDoNot;
  double score = 0;
  double success = 0;
  double retention = 0;
  double risk = 0;
  bool suspected = false;
  Approver approver = Approver::kAuto;
  uint8_t review = 0;  // ReviewReason bits
  OfferStatus status = OfferStatus::kPending;
  SignOff created;
  std::optional<SignOff> approval;
  std::optional<SignOff> in_person_review;
  std::optional<SignOff> rejection;
  std::optional<int64_t> approved_at;  // when the last required sign-off came
  std::vector<Stage> stages;
  std::optional<bool> won_back;
  std::optional<SignOff> won_back_by;
  std::optional<bool> retained;
  std::optional<SignOff> retained_by;

  bool needs_review() const { return review != 0; }
  Money released_total() const;
  Money unreleased_total() const;
  bool is_high_value(const Programme& programme) const {
    return amount >= programme.approval.review_from;
  }
};

// Why a transition was refused: an error code, a stable key (the command line words it from its
// catalogue, "winback.refusal.<key>") and the values the message shows, in order.
struct Refusal {
  ErrorCode code = ErrorCode::kConflict;
  std::string key;
  std::vector<std::string> args;
};
// nullopt: the transition was made.
using Decision = std::optional<Refusal>;

struct Visit {
  int64_t at = 0;
  Money paid;
};

// The month's budget as create_offer checks it (winback.md "Budget"): spent + committed (approved,
// not released) of the month the offer is created in.
struct BudgetCheck {
  std::string month;        // "2023-06", for the refusal's words
  Money budget;             // the monthly budget
  Money used;               // spent + committed
  bool overridden = false;  // a director lifted the month's limits (winback override)
};

// Everything create_offer needs to know.
struct OfferRequest {
  std::string id;
  std::string customer_id;
  std::string store_code;
  std::string region;
  std::string arm;
  Evaluation evaluation;        // with the review threshold in force now
  std::optional<Money> amount;  // --amount; default: the plan total
  bool vehicle_anomaly = false;
  std::optional<std::string> blacklist_reason;  // set: refused with this reason
  bool open_offer_exists = false;               // pending or approved offer for the customer
  Money annual_value;
  double months_churned = 0;
  double review_above = 80;
  // The month's budget; the application layer always sets it (none: not checked).
  std::optional<BudgetCheck> budget;
};

// Fills `out` with a new offer, or says why not: kForbidden (the role may not create, or customer
// service above the automatic level), kConflict (blacklisted, decision band "do not", an open
// offer exists, the month's budget would be exceeded), kInvalidInput (amount ≤ 0 or above the
// cap). An automatic-level offer without review reasons is approved at once.
Decision create_offer(const Programme& programme, const OfferRequest& request, const Person& by,
                      int64_t now, Offer& out);

struct ApprovalContext {
  int64_t now = 0;
  bool large_paused = false;  // cost-overrun alert on this month and no director override
};

enum class InPerson : uint8_t { kNo, kYes };

// Signs the approval and/or (with kYes) the in-person review. Errors: kConflict (not pending,
// paused, or what this person would sign was signed by someone else first), kForbidden (the
// person's role may not sign what is needed).
Decision approve_offer(const Programme& programme, Offer& offer, const Person& by,
                       InPerson in_person, const ApprovalContext& context);

// Rejects a pending offer; anyone who could approve or review it may. Errors as approve_offer.
Decision reject_offer(Offer& offer, const Person& by, std::string reason, int64_t now);

// Releases stage `stage` (0-based) of an approved offer. `visits` are the customer's win-back
// visits (any order). Errors: kConflict (not approved, out of order, already released, visits
// not there yet), kForbidden (role), kInvalidInput (no such stage).
Decision release_stage(const Programme& programme, Offer& offer, size_t stage, const Person& by,
                       std::span<const Visit> visits, const TimeZone& zone, int64_t now);

// Records whether the customer came back and/or stayed a year. Won back can be set once; "not
// won back" closes the offer (its unreleased stages are void). Retention needs won back.
Decision record_outcome(Offer& offer, const Person& by, std::optional<bool> won_back,
                        std::optional<bool> retained, int64_t now);

// Whether `by`'s role may create an offer routed to `level` (store manager: any; customer
// service: the automatic level only).
bool may_create(const Person& by, Approver level);
// Whether `by`'s role may release stages and record outcomes (store manager, customer service).
bool may_handle(const Person& by);
// Whether `by`'s role signs approvals at `level` (one role a level; automatic: customer service,
// who may reject such an offer while it waits for its review).
bool may_approve(const Person& by, Approver level);

// The instant `months` calendar months after `at`, in `zone` (the day clamped to the month).
int64_t add_months(int64_t at, int64_t months, const TimeZone& zone);

}  // namespace pitwall::core::winback
