#pragma once
// Evaluation: every model of winback.md for one customer, combined — tier, success, retention,
// CLV, caps, decision score and band, the proposed plan total, true cost and ROI, abuse risk,
// approver and in-person review reasons. Pure and cheap (no allocation): `score_churned` runs it
// for millions of rows, and output re-runs it for the rows it prints.

#include <cstdint>
#include <optional>

#include "core/base/money.hpp"
#include "core/winback/abuse.hpp"
#include "core/winback/calibration.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/models.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::core::winback {

// Why the proposed plan is what it is.
enum class PlanGate : uint8_t {
  kProposed,       // as computed from the caps
  kLowCostCapped,  // low-cost band: at most plan.low_cost_max, automated touch points only
  kDoNot,          // decision band "do not": no plan
  kBlacklisted,    // on the blacklist: no offer
};
std::string_view plan_gate_token(PlanGate g);  // "proposed", "low_cost_capped", ...

struct EvaluationOptions {
  const Calibration* calibration = nullptr;  // null or table fits: the tables
  double review_above = 80;                  // the in-person review threshold now (80 or 60)
  bool blacklisted = false;
  // The programme's hidden cost per case, when the caller computed it once (scoring millions of
  // rows); empty: computed here.
  std::optional<Money> hidden_cost;
};

struct Evaluation {
  Tier tier = Tier::kBasic;
  SuccessEstimate success;
  RetentionEstimate retention;
  double clv = 0;  // yuan
  Caps caps;
  ScoreTerms score;
  DecisionBand band = DecisionBand::kDoNot;
  PlanGate gate = PlanGate::kProposed;
  int64_t plan_total_yuan = 0;  // the proposal; 0 when there is no plan
  Money hidden_cost;            // per case, from [cost]
  Money true_cost;              // plan (or, without a plan, the capped amount) + hidden
  double roi = 0;               // win-back ROI on true_cost
  RoiBand roi_band = RoiBand::kDoNot;
  double target_roi = 0;      // the tier's target
  double first_year_roi = 0;  // (annual value − true cost) ÷ true cost
  double effective_rate = 0;  // success × retention
  AbuseRisk abuse;
  Approver approver = Approver::kAuto;
  uint8_t review = 0;  // ReviewReason bits
};

Evaluation evaluate(const Programme& programme, const CustomerInput& in,
                    const EvaluationOptions& options);

}  // namespace pitwall::core::winback
