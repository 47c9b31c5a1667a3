#pragma once
// The --json results of the win-back commands (docs/winback.md lists every field). Keys are in a
// fixed order; model values are rounded when shown: probabilities, scores, ROI and rates to 4
// decimals, yuan (`_yuan`) to 2; money that moves is integer fen (`_fen`).

#include <span>
#include <string>

#include "core/base/instant.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/calibration.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/reports.hpp"
#include "core/winback/scoring.hpp"
#include "io/json/json.hpp"

namespace pitwall::io {

// The attachment an approver level requires (winback.md "Approvals"): "" (automatic),
// "customer_value_statement", "roi_analysis", "full_plan_roi_justification".
std::string_view attachment_token(core::winback::Approver a);
// Review reason tokens of ReviewReason bits: "risk", "high_value", "vehicle_anomaly".
Json review_reasons_json(uint8_t bits);

enum class Detail : uint8_t { kRow, kDerivation };

// One customer's results: the calculator (kDerivation: with how each number was derived) and a
// row of `winback score` (kRow).
Json customer_json(const core::winback::Programme& programme,
                   const core::winback::CustomerInput& in,
                   const core::winback::Evaluation& evaluation, Detail detail);

// The recommended plan: total, service/cash split, components, release stages, approver.
Json plan_json(const core::winback::Programme& programme,
               const core::winback::Evaluation& evaluation);

// Which models were used and how well the calibrated ones fit.
Json calibration_json(const core::winback::Calibration& calibration);

Json score_summary_json(const core::winback::ScoreSummary& summary);

Json budget_plan_json(const core::winback::BudgetPlan& plan);
Json monitor_json(const core::winback::BudgetMonitor& monitor);
Json monthly_json(const core::winback::MonthlyReport& report);
Json audit_json(const core::winback::QuarterlyAudit& audit);
Json cohorts_json(std::span<const core::winback::Cohort> cohorts);
Json experiments_json(const core::winback::ExperimentReport& report);

// An offer for display: the stored record with times in the zone.
Json offer_view_json(const core::winback::Offer& offer, const core::TimeZone& zone);

}  // namespace pitwall::io
