#pragma once
// Rule ids, stages and actions of the close-out pipeline (closeout.md "Pipeline").
//
// Every finding names one Rule. The enumerators are declared in the order the reconciliation
// bridge lists cleaning exclusions: by stage (collect, validate, clean, fraud), then by rule id
// (closeout.md §6 "cleaning exclusion (by stage order, then rule id)"), so comparing two Rule
// values compares that precedence.

#include <cstdint>
#include <optional>
#include <string_view>

namespace pitwall::core::closeout {

enum class Stage : uint8_t { kCollect, kValidate, kClean, kFraud };
inline constexpr int kStageCount = 4;

// What a finding does to its order (closeout.md "Pipeline": action).
enum class Action : uint8_t { kExclude, kCorrect, kFill, kFlag, kTag };

enum class Rule : uint8_t {
  // 1. collect
  kSameId,  // dup.same_id
  // 2. validate
  kAmountRange,  // logic.amount_range
  kPaidGtGross,  // logic.paid_gt_gross
  kStatusTime,   // logic.status_time
  kRefCustomer,  // ref.customer
  kRefStaff,     // ref.staff
  kRefStore,     // ref.store
  kTestOrder,    // test.order
  kCrossPeriod,  // time.cross_period
  kLateReview,   // time.late_review
  // 3. clean
  kCsException,       // cs.exception
  kCancelReorder,     // dup.cancel_reorder
  kDoubleSubmit,      // dup.double_submit
  kPerCustomerLimit,  // dup.per_customer_limit
  kPerVehicleLimit,   // dup.per_vehicle_limit
  kFillHomeStore,     // fill.home_store
  kFillStaff,         // fill.staff
  kFillStore,         // fill.store
  kFixAmountUnit,     // fix.amount_unit
  kFixPhone,          // fix.phone
  kFixStoreAlias,     // fix.store_alias
  kStoreCorrection,   // store.correction
  // 4. anti-fraud
  kBlacklist,    // fraud.blacklist
  kMassCancel,   // fraud.mass_cancel
  kRing,         // fraud.ring
  kStackReturn,  // fraud.stack_return
};
inline constexpr int kRuleCount = 26;

// "logic.amount_range", ...
std::string_view rule_token(Rule rule);
// The rule of a token; nullopt when unknown.
std::optional<Rule> parse_rule(std::string_view token);
Stage rule_stage(Rule rule);
// "collect", "validate", "clean", "fraud".
std::string_view stage_token(Stage stage);
// "exclude", "correct", "fill", "flag", "tag".
std::string_view action_token(Action action);

}  // namespace pitwall::core::closeout
