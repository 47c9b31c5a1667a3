#pragma once
// Campaign: the rules of one campaign as declared in its campaign file (formats.md "Campaign
// file"). io/toml reads the file into this struct with every default filled; core computes with
// it. Times are UTC instants; `timezone` names the zone used at the edges.

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"

namespace pitwall::core {

struct RebateRule {
  Rate rate = Rate::from_basis(500);  // 0.05 of the store's received total
  Money per_order = Money::from_fen(0);
};

struct SplitRule {
  Rate inviter = Rate::from_basis(5000);
  Rate receiver = Rate::from_basis(3000);
  Rate closer = Rate::from_basis(2000);
  std::string missing_role_goes_to = "closer";  // inviter | receiver | closer
};

struct LimitRule {
  int64_t per_vin = 1;       // 0 = no limit
  int64_t per_customer = 1;  // 0 = no limit
};

struct ValidationRule {
  Money min_paid = Money::from_fen(1);
  Money max_paid = Money::from_yuan(50000);
  int64_t double_submit_minutes = 10;
};

struct TestOrderRule {
  std::vector<std::string> customer_ids;
  std::vector<std::string> staff_ids;
  Money amount = Money::from_fen(1);
};

struct FraudRule {
  int64_t mass_cancel_min_orders = 10;
  Rate mass_cancel_ratio = Rate::from_basis(9000);
  int64_t ring_min_accounts = 3;
  std::vector<std::string> ring_identifiers = {"device_id", "payment_account", "address"};
  int64_t stack_return_days = 7;
  std::vector<std::string> exclude;  // fraud rule ids that exclude outright
};

struct SupervisionRule {
  double target_participation = 0.40;
  int64_t list_length = 10;
  double weight_participation = 40;
  double weight_checklist = 30;
  double weight_complaints = 20;
  double weight_problems = 10;
  double complaint_rate_cap = 5;  // per 100 participants
  int64_t problem_due_hours = 24;
  std::vector<std::string> critical_items = {"materials", "redemption_system"};
};

struct MessageTexts {
  std::string reminder_zh, reminder_en, thanks_zh, thanks_en, progress_zh, progress_en,
      store_notice_zh, store_notice_en;  // empty = the built-in text
};

struct Campaign {
  std::string id;
  std::string name;
  std::string timezone = "Asia/Shanghai";
  int64_t start = 0;                // UTC seconds of the local start
  int64_t end = 0;                  // UTC seconds of the local end (inclusive)
  int64_t store_review_cutoff = 0;  // default: the day after end, 12:00 local
  int64_t appeal_cutoff = 0;        // default: the day after end, 18:00 local
  int64_t review_days = 7;
  int64_t freeze_days = 7;
  Money cost = Money::from_fen(0);
  Rate default_tax_rate = Rate::from_basis(600);
  std::string settlement_definition = "finance";
  std::string arbiter;
  RebateRule rebate;
  SplitRule split;
  LimitRule limits;
  ValidationRule validation;
  TestOrderRule test;
  FraudRule fraud;
  SupervisionRule supervision;
  MessageTexts messages;
};

}  // namespace pitwall::core
