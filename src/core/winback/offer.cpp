#include "core/winback/offer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/winback/plan.hpp"

namespace pitwall::core::winback {

namespace {
constexpr std::array<std::string_view, 4> kStatuses = {"pending", "approved", "rejected", "closed"};

Refusal refuse(ErrorCode code, std::string key, std::vector<std::string> args) {
  return Refusal{code, std::move(key), std::move(args)};
}

SignOff sign(const Person& by, int64_t now, std::string note = {}) {
  return SignOff{by.name, std::string(role_token(by.role)), now, std::move(note)};
}

std::string yuan_text(Money m) { return m.to_yuan_string(); }
}  // namespace

std::string_view offer_status_token(OfferStatus s) { return kStatuses[static_cast<size_t>(s)]; }
std::optional<OfferStatus> parse_offer_status(std::string_view token) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == token) return OfferStatus(i);
  }
  return std::nullopt;
}

Money Offer::released_total() const {
  Money sum;
  for (const auto& s : stages) {
    if (s.released) sum += s.amount;
  }
  return sum;
}

Money Offer::unreleased_total() const { return amount - released_total(); }

bool may_create(const Person& by, Approver level) {
  if (by.role == Role::kStore) return true;
  return by.role == Role::kService && level == Approver::kAuto;
}

bool may_handle(const Person& by) { return by.role == Role::kStore || by.role == Role::kService; }

bool may_approve(const Person& by, Approver level) {
  switch (level) {
    case Approver::kAuto:
      return by.role == Role::kService;
    case Approver::kStoreManager:
      return by.role == Role::kStore;
    case Approver::kRegionManager:
      return by.role == Role::kRegion;
    case Approver::kDirector:
      return by.role == Role::kDirector;
  }
  return false;
}

namespace {
std::string role_text(const Person& by) { return std::string(role_token(by.role)); }

// The checks of create_offer that do not depend on the amount.
Decision check_customer(const OfferRequest& request, const Person& by) {
  const Evaluation& e = request.evaluation;
  if (by.role != Role::kStore && by.role != Role::kService) {
    return refuse(ErrorCode::kForbidden, "may_not_create", {by.name, role_text(by)});
  }
  if (request.blacklist_reason) {
    return refuse(ErrorCode::kConflict, "blacklisted",
                  {request.customer_id, *request.blacklist_reason});
  }
  if (e.band == DecisionBand::kDoNot) {
    return refuse(ErrorCode::kConflict, "do_not",
                  {request.customer_id, fmt::format("{:.4f}", e.score.total)});
  }
  if (request.open_offer_exists) {
    return refuse(ErrorCode::kConflict, "open_offer", {request.customer_id});
  }
  return std::nullopt;
}

// The checks of the amount: positive, within the cap, the creator's level, the month's budget.
Decision check_amount(const Programme& programme, const OfferRequest& request, const Person& by,
                      Money amount) {
  const Evaluation& e = request.evaluation;
  Money cap = e.caps.hard_cap;
  if (e.band == DecisionBand::kLowCost) cap = std::min(cap, programme.plan.low_cost_max);
  if (amount.fen() <= 0) {
    return refuse(ErrorCode::kInvalidInput, "amount_not_positive", {yuan_text(amount)});
  }
  if (amount > cap) {
    return refuse(ErrorCode::kInvalidInput, "amount_above_cap",
                  {yuan_text(amount), yuan_text(cap)});
  }
  if (!may_create(by, approver_for(programme.approval, amount))) {
    return refuse(ErrorCode::kForbidden, "service_limit",
                  {by.name, yuan_text(programme.approval.store_manager_from), yuan_text(amount)});
  }
  const auto& budget = request.budget;
  if (budget && !budget->overridden && budget->used + amount > budget->budget) {
    return refuse(
        ErrorCode::kConflict, "budget_exceeded",
        {budget->month, yuan_text(budget->used), yuan_text(amount), yuan_text(budget->budget)});
  }
  return std::nullopt;
}
}  // namespace

Decision create_offer(const Programme& programme, const OfferRequest& request, const Person& by,
                      int64_t now, Offer& out) {
  const Evaluation& e = request.evaluation;
  if (auto refused = check_customer(request, by)) return refused;
  Money amount = request.amount.value_or(Money::from_yuan(e.plan_total_yuan));
  if (auto refused = check_amount(programme, request, by, amount)) return refused;
  Offer o;
  o.id = request.id;
  o.customer_id = request.customer_id;
  o.store_code = request.store_code;
  o.region = request.region;
  o.programme = programme.tag();
  o.arm = request.arm.empty() ? "three_step" : request.arm;
  o.amount = amount;
  o.annual_value = request.annual_value;
  o.months_churned = request.months_churned;
  o.tier = e.tier;
  o.band = e.band;
  o.score = e.score.total;
  o.success = e.success.value;
  o.retention = e.retention.value;
  o.risk = e.abuse.score;
  o.suspected = e.abuse.suspected;
  o.approver = approver_for(programme.approval, amount);
  o.review =
      review_reasons(programme, e.abuse, request.review_above, amount, request.vehicle_anomaly);
  o.created = sign(by, now);
  for (Money m : split_amount(amount, programme.plan.release_shares)) o.stages.push_back({m, {}});
  if (o.approver == Approver::kAuto) {
    o.approval = SignOff{"auto", "auto", now, {}};
    if (!o.needs_review()) {
      o.status = OfferStatus::kApproved;
      o.approved_at = now;
    }
  }
  out = std::move(o);
  return std::nullopt;
}

namespace {
// Why `by` has nothing to sign on a pending offer: what they would sign was signed by someone
// else first (kConflict: two people at once), or what is missing is not theirs (kForbidden).
Refusal nothing_to_sign(const Offer& offer, const Person& by, InPerson in_person) {
  if (in_person == InPerson::kYes && offer.in_person_review) {
    return refuse(ErrorCode::kConflict, "review_signed", {offer.id, offer.in_person_review->by});
  }
  if (offer.approval && may_approve(by, offer.approver)) {
    return refuse(ErrorCode::kConflict, "approval_signed", {offer.id, offer.approval->by});
  }
  if (offer.approval && offer.needs_review() && !offer.in_person_review) {
    return refuse(ErrorCode::kForbidden, "review_needed", {offer.id, offer.store_code});
  }
  return refuse(ErrorCode::kForbidden, "may_not_sign",
                {offer.id, by.name, role_text(by), std::string(approver_token(offer.approver))});
}
}  // namespace

Decision approve_offer(const Programme& programme, Offer& offer, const Person& by,
                       InPerson in_person, const ApprovalContext& context) {
  if (offer.status != OfferStatus::kPending) {
    return refuse(ErrorCode::kConflict, "not_pending",
                  {offer.id, std::string(offer_status_token(offer.status))});
  }
  if (in_person == InPerson::kYes && by.role != Role::kStore) {
    return refuse(ErrorCode::kForbidden, "in_person_store_manager", {offer.id, offer.store_code});
  }
  bool can_review = in_person == InPerson::kYes && offer.needs_review() && !offer.in_person_review;
  bool can_approve = !offer.approval && may_approve(by, offer.approver);
  if (!can_review && !can_approve) return nothing_to_sign(offer, by, in_person);
  if (can_approve && context.large_paused && offer.is_high_value(programme)) {
    return refuse(ErrorCode::kConflict, "paused", {offer.id, yuan_text(offer.amount)});
  }
  if (can_review) offer.in_person_review = sign(by, context.now);
  if (can_approve) offer.approval = sign(by, context.now);
  if (offer.approval && (!offer.needs_review() || offer.in_person_review)) {
    offer.status = OfferStatus::kApproved;
    offer.approved_at = context.now;
  }
  return std::nullopt;
}

Decision reject_offer(Offer& offer, const Person& by, std::string reason, int64_t now) {
  if (offer.status != OfferStatus::kPending) {
    return refuse(ErrorCode::kConflict, "not_pending",
                  {offer.id, std::string(offer_status_token(offer.status))});
  }
  bool reviewer = by.role == Role::kStore;  // the store manager reviews in person
  if (!reviewer && !may_approve(by, offer.approver)) {
    return refuse(ErrorCode::kForbidden, "may_not_sign",
                  {offer.id, by.name, role_text(by), std::string(approver_token(offer.approver))});
  }
  offer.rejection = sign(by, now, std::move(reason));
  offer.status = OfferStatus::kRejected;
  return std::nullopt;
}

int64_t add_months(int64_t at, int64_t months, const TimeZone& zone) {
  CivilTime t = zone.to_local(at);
  int64_t index = int64_t(t.year) * 12 + (t.month - 1) + months;
  t.year = int32_t(index / 12);
  t.month = int32_t(index % 12) + 1;
  t.day = std::min(t.day, int32_t(days_in_month(t.year, t.month)));
  return zone.to_utc(t);
}

namespace {
// Checks the visit conditions of stage 1 (second visit) and 2 (loyal).
Decision check_visits(const Programme& programme, const Offer& offer, size_t stage,
                      std::span<const Visit> visits, const TimeZone& zone, int64_t now) {
  int64_t from = offer.approved_at.value_or(offer.created.at);
  std::vector<Visit> after;
  for (const Visit& v : visits) {
    if (v.at >= from && v.at <= now) after.push_back(v);
  }
  std::sort(after.begin(), after.end(), [](const Visit& a, const Visit& b) { return a.at < b.at; });
  const auto& rules = programme.plan;
  if (offer.is_high_value(programme)) {
    int64_t paid =
        std::count_if(after.begin(), after.end(), [](const Visit& v) { return v.paid.fen() > 0; });
    if (paid < rules.regular_visits) {
      return refuse(ErrorCode::kConflict, "regular_visits_missing",
                    {offer.id, fmt::format("{}", rules.regular_visits), fmt::format("{}", paid)});
    }
  }
  if (stage == 1) {
    int64_t until = add_months(from, rules.second_visit_months, zone);
    int64_t within =
        std::count_if(after.begin(), after.end(), [&](const Visit& v) { return v.at <= until; });
    if (within < 2) {
      return refuse(
          ErrorCode::kConflict, "second_visit_missing",
          {offer.id, fmt::format("{}", rules.second_visit_months), fmt::format("{}", within)});
    }
    return std::nullopt;
  }
  int64_t until = add_months(from, rules.loyalty_months, zone);
  Money spent;
  for (const Visit& v : after) {
    if (v.at <= until && v.paid.fen() > 0) spent += v.paid;
  }
  if (!(spent > rules.loyalty_spend)) {
    return refuse(ErrorCode::kConflict, "loyalty_missing",
                  {offer.id, yuan_text(spent), yuan_text(rules.loyalty_spend),
                   fmt::format("{}", rules.loyalty_months)});
  }
  return std::nullopt;
}
}  // namespace

Decision release_stage(const Programme& programme, Offer& offer, size_t stage, const Person& by,
                       std::span<const Visit> visits, const TimeZone& zone, int64_t now) {
  if (stage >= offer.stages.size()) {
    return refuse(ErrorCode::kInvalidInput, "no_such_stage",
                  {fmt::format("{}", stage + 1), fmt::format("{}", offer.stages.size())});
  }
  if (!may_handle(by))
    return refuse(ErrorCode::kForbidden, "may_not_handle", {by.name, role_text(by)});
  if (offer.status != OfferStatus::kApproved) {
    return refuse(ErrorCode::kConflict, "not_approved",
                  {offer.id, std::string(offer_status_token(offer.status))});
  }
  if (offer.stages[stage].released) {
    return refuse(ErrorCode::kConflict, "stage_released", {offer.id, fmt::format("{}", stage + 1)});
  }
  if (stage > 0 && !offer.stages[stage - 1].released) {
    return refuse(ErrorCode::kConflict, "stage_order",
                  {offer.id, fmt::format("{}", stage + 1), fmt::format("{}", stage)});
  }
  if (stage > 0) {
    if (auto refused = check_visits(programme, offer, stage, visits, zone, now)) return refused;
  }
  offer.stages[stage].released = sign(by, now);
  return std::nullopt;
}

Decision record_outcome(Offer& offer, const Person& by, std::optional<bool> won_back,
                        std::optional<bool> retained, int64_t now) {
  if (!may_handle(by))
    return refuse(ErrorCode::kForbidden, "may_not_handle", {by.name, role_text(by)});
  if (offer.status == OfferStatus::kPending || offer.status == OfferStatus::kRejected) {
    return refuse(ErrorCode::kConflict, "not_approved",
                  {offer.id, std::string(offer_status_token(offer.status))});
  }
  if (!won_back && !retained) return refuse(ErrorCode::kUsage, "outcome_empty", {offer.id});
  if (won_back && offer.won_back && *offer.won_back != *won_back) {
    return refuse(ErrorCode::kConflict, "won_back_set", {offer.id});
  }
  bool will_be_won = won_back ? *won_back : offer.won_back.value_or(false);
  if (retained && !will_be_won) {
    return refuse(ErrorCode::kConflict, "retained_needs_won_back", {offer.id});
  }
  if (retained && offer.retained) return refuse(ErrorCode::kConflict, "retained_set", {offer.id});
  if (won_back && !offer.won_back) {
    offer.won_back = *won_back;
    offer.won_back_by = sign(by, now);
    if (!*won_back) offer.status = OfferStatus::kClosed;
  }
  if (retained) {
    offer.retained = *retained;
    offer.retained_by = sign(by, now);
  }
  return std::nullopt;
}

}  // namespace pitwall::core::winback
