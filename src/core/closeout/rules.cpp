#include "core/closeout/rules.hpp"

#include "core/base/check.hpp"

namespace pitwall::core::closeout {

namespace {
constexpr std::string_view kRuleTokens[] = {
    "dup.same_id",
    "logic.amount_range",
    "logic.paid_gt_gross",
    "logic.status_time",
    "ref.customer",
    "ref.staff",
    "ref.store",
    "test.order",
    "time.cross_period",
    "time.late_review",
    "cs.exception",
    "dup.cancel_reorder",
    "dup.double_submit",
    "dup.per_customer_limit",
    "dup.per_vehicle_limit",
    "fill.home_store",
    "fill.staff",
    "fill.store",
    "fix.amount_unit",
    "fix.phone",
    "fix.store_alias",
    "store.correction",
    "fraud.blacklist",
    "fraud.mass_cancel",
    "fraud.ring",
    "fraud.stack_return",
};
static_assert(std::size(kRuleTokens) == kRuleCount);
}  // namespace

std::string_view rule_token(Rule rule) {
  auto i = static_cast<size_t>(rule);
  PW_CHECK(i < std::size(kRuleTokens), "rule out of range");
  return kRuleTokens[i];
}

std::optional<Rule> parse_rule(std::string_view token) {
  for (size_t i = 0; i < std::size(kRuleTokens); ++i) {
    if (kRuleTokens[i] == token) return static_cast<Rule>(i);
  }
  return std::nullopt;
}

Stage rule_stage(Rule rule) {
  if (rule == Rule::kSameId) return Stage::kCollect;
  if (rule <= Rule::kLateReview) return Stage::kValidate;
  if (rule <= Rule::kStoreCorrection) return Stage::kClean;
  return Stage::kFraud;
}

std::string_view stage_token(Stage stage) {
  switch (stage) {
    case Stage::kCollect:
      return "collect";
    case Stage::kValidate:
      return "validate";
    case Stage::kClean:
      return "clean";
    case Stage::kFraud:
      return "fraud";
  }
  return "collect";
}

std::string_view action_token(Action action) {
  switch (action) {
    case Action::kExclude:
      return "exclude";
    case Action::kCorrect:
      return "correct";
    case Action::kFill:
      return "fill";
    case Action::kFlag:
      return "flag";
    case Action::kTag:
      return "tag";
  }
  return "flag";
}

}  // namespace pitwall::core::closeout
