#pragma once
// Programme: every number of a win-back programme (winback.md, "Programme file"), with the spec's
// defaults. A default-constructed Programme is the programme called `default`.
//
// The programme's keys are described once, here, as a flat list of dotted paths with a type
// (programme_fields()): io/toml/winback_file.cpp reads a `winback.toml` through that list (so an
// unknown key is an error there), and normalised_json() writes it. The version is the first 6 hex
// digits of the SHA-256 of the normalised JSON: every key but `id` and `name`, defaults filled,
// keys sorted at every level, numbers in their shortest round-trip form, no whitespace. Money
// keys end in `_yuan` and are exact fen inside; rates that are applied to money (cap shares,
// release shares, service share, budget rates, hours) are exact 4-place decimals (Rate); model
// parameters (probabilities, weights, bands) are doubles.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"
#include "core/base/result.hpp"
#include "core/winback/types.hpp"

namespace pitwall::core::winback {

// A plan component (激励组成部分): a named benefit, the mental account it serves (practical,
// convenience, status, safety, emotional) and whether it is service value or cash value.
// The five mental accounts (心理账户) of the seed.
inline constexpr std::string_view kMentalAccounts[] = {"practical", "convenience", "status",
                                                       "safety", "emotional"};

struct PlanComponent {
  std::string name;
  std::string account;
  std::string kind;  // "service" | "cash"
};

struct TierRules {
  Money star_above = Money::from_yuan(8000);      // star: annual value > this
  Money potential_from = Money::from_yuan(4000);  // potential: from this up to star_above
  Money maintain_from = Money::from_yuan(2000);   // maintain: from this below potential
  Rate cap_share[kTierCount] = {Rate::from_basis(4000), Rate::from_basis(3000),
                                Rate::from_basis(2000), Rate::from_basis(1500)};
  double target_roi[kTierCount] = {3.0, 2.0, 1.5, 1.0};
  double deep_churn_months = 12;  // churned more than this: deep churn
  Rate deep_churn_cap_share = Rate::from_basis(5000);
  std::vector<Tier> deep_churn_tiers = {Tier::kStar, Tier::kPotential};
  double clv_cap_share = 0.3;      // golden rule 1: cap per year = CLV × 30% ÷ lifetime
  double koc_clv_cap_share = 0.4;  // KOC exception: CLV × 40% ÷ lifetime
};

struct SuccessRules {
  std::vector<double> months = {3, 6, 12};           // upper bounds (inclusive) of the month bands
  std::vector<double> base = {0.5, 0.4, 0.25, 0.1};  // one per band, the last beyond months
  double reason[kReasonCount] = {0.10, 0.05, 0.0, 0.0};
  double influence[kInfluenceCount] = {0.05, 0.0, 0.0};
};

struct RetentionRules {
  double base = 0.70;
  double service_bonus = 0.05;
};

struct ScoreRules {
  double value_weight = 0.4;
  double success_weight = 0.3;
  double retention_weight = 0.2;
  double influence_weight = 0.1;
  Money value_scale = Money::from_yuan(10000);
  double influence_value[kInfluenceCount] = {1.0, 0.8, 0.5};
  double high_above = 0.7;     // > high priority
  double standard_from = 0.5;  // standard up to high_above inclusive
  double low_cost_from = 0.3;  // low cost below standard_from
};

struct RoiRules {
  double strong_above = 2.0;
  double recommend_from = 1.0;
  double cautious_from = 0.5;
};

// 羊毛党识别: five indicators 0–100, weighted (vectors.md, "Indicator scores").
enum class Indicator : uint8_t { kVisits, kSpend, kBooking, kCommunication, kData };
inline constexpr int kIndicatorCount = 5;
std::string_view indicator_token(Indicator i);  // "visits", "spend", "booking", ...

struct AbuseRules {
  double weight[kIndicatorCount] = {0.25, 0.20, 0.15, 0.20, 0.20};
  double visits_normal = 3;        // visits a year at or above: 0
  double visits_abuser = 1;        // at or below: 100, linear between
  double booking_normal_days = 3;  // booking lead at or above: 0
  double booking_abuser_days = 1;  // at or below: 100, linear between
  double review_above = 80;        // risk above: in-person review; also "suspected abuser"
  double surge_review_above = 60;  // the review threshold while an abuser surge is on
};

struct PlanRules {
  Rate service_share = Rate::from_basis(7000);
  Rate cash_share = Rate::from_basis(3000);
  std::vector<Rate> release_shares = {Rate::from_basis(4000), Rate::from_basis(3000),
                                      Rate::from_basis(3000)};
  int64_t second_visit_months = 3;
  Money loyalty_spend = Money::from_yuan(5000);
  int64_t loyalty_months = 6;
  int64_t regular_visits = 2;  // paid visits before a high-value plan's later stages
  Money low_cost_max = Money::from_yuan(300);
  std::vector<PlanComponent> components[kTierCount];  // defaults filled by Programme()
};

struct ApprovalRules {
  Money store_manager_from = Money::from_yuan(500);
  Money region_from = Money::from_yuan(1000);
  Money director_above = Money::from_yuan(2000);
  Money review_from = Money::from_yuan(1000);  // 所有高价值激励需要店长面审
};

// Hidden cost per case (真实挽回成本): staff hours × hourly rates plus allocated costs.
struct CostRules {
  Money service_hourly = Money::from_yuan(30);
  Rate service_hours = Rate::from_basis(20000);
  Money manager_hourly = Money::from_yuan(100);
  Rate manager_hours = Rate::from_basis(5000);
  Money technician_hourly = Money::from_yuan(0);
  Rate technician_hours = Rate::from_basis(0);
  Money system = Money::from_yuan(15);
  Money analysis = Money::from_yuan(25);
  Money training = Money::from_yuan(20);
  Money management = Money::from_yuan(30);
  Money opportunity = Money::from_yuan(0);
};

struct BudgetRules {
  int64_t customers = 5000;
  Rate churn_rate = Rate::from_basis(3500);
  Rate target_winback_rate = Rate::from_basis(3500);
  Money average_cost = Money::from_yuan(800);
  std::optional<Money> monthly;           // set: replaces the formula
  std::optional<int64_t> monthly_target;  // set: replaces ⌊annual target ÷ 12⌋
};

struct AlertRules {
  double overrun_usage = 0.85;
  double low_success = 0.25;
  double abuser_share = 0.10;
  double surge_target_multiple = 2;
  double rechurn = 0.40;
};

// 季度ROI审计 health standards (each pass/fail).
struct AuditRules {
  double budget_deviation = 0.15;  // |true cost ÷ budget − 1| within
  double success = 0.40;           // success rate above
  double retention = 0.70;         // 1-year retention above
  double high_value_share = 0.40;  // high-value share of won-back above
  double abuser_share = 0.05;      // suspected-abuser share of won-back below
  double roi = 1.5;                // true programme ROI above
  std::vector<Tier> high_value_tiers = {Tier::kStar, Tier::kPotential};
};

// The calibrated models (logistic regression on win-back history).
struct CalibrationRules {
  int64_t min_rows = 100;      // fewer usable history rows: the tables are used
  double holdout_share = 0.2;  // share of history rows held out for log loss and AUC
  double l2 = 0.001;           // ridge penalty per row on the non-intercept coefficients
};

struct Programme {
  Programme();  // the defaults of winback.md

  std::string id = "default";
  std::string name = "default";
  std::string timezone = "Asia/Shanghai";
  int64_t lifetime_years = 5;
  Rate default_margin = Rate::from_basis(5000);
  Money acquisition_cost = Money::from_fen(0);
  TierRules tiers;
  SuccessRules success;
  RetentionRules retention;
  ScoreRules score;
  RoiRules roi;
  AbuseRules abuse;
  PlanRules plan;
  ApprovalRules approval;
  CostRules cost;
  BudgetRules budget;
  AlertRules alerts;
  AuditRules audit;
  CalibrationRules calibration;

  // Compact, sorted JSON of every key but id and name (see the header comment).
  std::string normalised_json() const;
  // First 6 hex digits of SHA-256(normalised_json()).
  std::string version() const;
  // "default@1a2b3c"
  std::string tag() const;
  // Hidden cost per case from [cost]: hours × hourly rates (half up to the fen) + allocations.
  Money hidden_cost_per_case() const;
};

// --- The key list shared by the file reader and normalised_json ---

// A typed pointer to one key's storage inside a Programme.
using FieldRef = std::variant<std::string*, int64_t*, double*, Rate*, Money*, std::optional<Money>*,
                              std::optional<int64_t>*, std::vector<double>*, std::vector<Rate>*,
                              std::vector<Tier>*, std::vector<PlanComponent>*>;

struct ProgrammeField {
  std::string_view path;  // "tiers.cap_share.star"
  FieldRef (*ref)(Programme&);
};

// Every key of the programme file except `id` and `name`, sorted by path.
std::span<const ProgrammeField> programme_fields();
// The field at `path`, or nullptr.
const ProgrammeField* find_programme_field(std::string_view path);
// Whether `path` is a table that contains fields ("tiers", "plan.components").
bool is_programme_table(std::string_view path);

// Checks the relations between keys (shares summing to 1, bounds in order, probabilities in
// [0, 1], ...). Errors: kInvalidInput with where.column = the offending key's path.
Status validate_programme(const Programme& programme);

}  // namespace pitwall::core::winback
