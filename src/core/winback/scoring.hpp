#pragma once
// Scoring the churned list (winback.md; issue "Scoring the churned list"): every model for every
// churned customer, ranked by decision score (highest first; equal scores by annual value,
// higher first, then in the order of the churned table), with
// a summary by band, tier, ROI band and approver.
//
// One row per customer: when a customer id appears in several rows (re-imports), the last row
// counts. The pass evaluates every row (all models, plan included) on up to `threads` threads in
// fixed chunks, keeping only the score and integer counts, so memory stays at 16 bytes a row;
// output re-evaluates the rows it prints (evaluate() is pure, so the numbers are the same).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/table.hpp"
#include "core/winback/calibration.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::core::winback {

struct ScoreOptions {
  const Calibration* calibration = nullptr;
  double review_above = 80;
  std::span<const uint8_t> blacklisted_ids;  // by text id of the churned pool; empty = none
  int threads = 2;
  // 0: rank every customer. N: keep only the first N rows of that ranking (the same rows, in the
  // same order; the summary still counts everyone), without sorting the rest.
  size_t top = 0;
  std::optional<Money> hidden_cost;  // set by score_churned for its pass
};

struct ScoreSummary {
  int64_t customers = 0;
  int64_t by_band[kDecisionBandCount]{};
  int64_t by_tier[kTierCount]{};
  int64_t by_roi_band[kRoiBandCount]{};
  int64_t by_approver[kApproverCount]{};  // of customers with a plan
  int64_t with_plan = 0;
  int64_t suspected = 0;
  int64_t review = 0;
  int64_t blacklisted = 0;
  int64_t plan_total_yuan = 0;
};

struct Ranking {
  std::vector<uint32_t> rows;  // churned rows, best first (the first `top` only, when set)
  ScoreSummary summary;
};

// The evaluation options of one churned row.
EvaluationOptions row_options(const Table& churned, size_t row, const ScoreOptions& options);

// Scores and ranks every customer of a churned table.
Ranking score_churned(const Programme& programme, const Table& churned,
                      const ScoreOptions& options);

// The last row of each customer id, in row order.
std::vector<uint32_t> latest_rows(const Table& churned);

}  // namespace pitwall::core::winback
