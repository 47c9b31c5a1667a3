#pragma once
// Win-back use cases that evaluate customers (winback.md "Models"): the ROI calculator for one
// customer, the scored and ranked queue of churned customers, and the models in use. Reads:
// permission kWinbackRead, rows within the session's scope (desk.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.hpp"
#include "app/winback/desk.hpp"
#include "app/winback/programme.hpp"
#include "core/base/result.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/plan.hpp"
#include "core/winback/scoring.hpp"

namespace pitwall::app::winback {

// --- calc: one customer ---

// The largest annual value the calculator takes: 10^10 yuan, as a programme's amounts.
inline constexpr int64_t kMostAnnualFen = int64_t{1'000'000'000'000};

struct CalcRequest {
  // A customer of the churned list (within the scope), evaluated as offers would be (blacklist,
  // the review threshold in force). Empty: the calculator's own inputs below.
  std::string customer_id;
  wb::CustomerInput input;
  bool margin_given = false;  // input.margin was given; else the programme's default_margin
  ModelChoice model = ModelChoice::kTable;
  // Evaluate with this programme file instead of the workspace's active programme.
  std::optional<ProgrammeAddRequest> programme_file;
};

struct CalcResult {
  wb::Programme programme;
  wb::Calibration models;   // as reported (reported_models)
  std::string customer_id;  // set when evaluated from the churned list
  std::string store_code;   // idem
  wb::CustomerInput input;  // as evaluated
  wb::Evaluation evaluation;
  wb::Plan plan;  // the proposed plan's split (empty components when there is no plan)
};

// Works without a workspace (the session's `ws` null): the defaults, or `programme_file`.
// Errors: kForbidden; kNotFound for a customer outside the scope or the list; kInvalidInput
// from the programme file.
core::Result<CalcResult> calculate(const Session& s, const CalcRequest& r);

// --- score: the queue ---

struct ScoreRequest {
  ModelChoice model = ModelChoice::kAuto;
  size_t limit = 0;  // 0: rank every customer; N: only the first N (the summary counts all)
  // The queue's filters (web.md "Win-back": tier, score band, store); each unset keeps all. They
  // choose the rows shown, which keep their rank in the whole ranking; the summary still counts
  // every customer within the scope. `limit` applies after them.
  std::optional<wb::Tier> tier;
  std::optional<wb::DecisionBand> band;
  std::string store_code;
};

// A decision band's token ("high_priority", "standard", "low_cost", "do_not"); nullopt else.
std::optional<wb::DecisionBand> parse_band(std::string_view token);

struct ScoreRow {
  int64_t rank = 0;  // 1-based
  std::string_view customer_id;
  std::string_view store_code;
  wb::CustomerInput input;
  wb::Evaluation evaluation;
};

// The ranking keeps only row numbers (16 bytes a row for millions of customers); a row's
// numbers are evaluated again when asked for (evaluate() is pure: the same numbers).
struct ScoreResult {
  struct Data;  // the desk and the options the ranking was made with
  std::shared_ptr<const Data> data;
  wb::Ranking ranking;
  // With a filter, each row's rank in the whole ranking (1-based); empty: row i is rank i + 1.
  std::vector<int64_t> ranks;
  double review_above = 80;  // the in-person review threshold in force

  const wb::Programme& programme() const;
  wb::Calibration models() const;                // as reported (reported_models)
  const wb::Calibration& fitted_models() const;  // as fitted on the history
  ModelChoice model() const;
  size_t size() const { return ranking.rows.size(); }
  ScoreRow row(size_t i) const;  // i < size(), in rank order
};

// Scores and ranks the churned customers within the scope. Errors: kForbidden; the
// workspace's.
core::Result<ScoreResult> score_customers(const Session& s, const ScoreRequest& r);

// --- models ---

struct ModelsRequest {};
struct ModelsResult {
  std::string programme;  // tag
  wb::Calibration calibration;
};

// Which models the desk uses and how well the calibrated ones fit (fitted on the network's
// history). Permission kWinbackRead.
core::Result<ModelsResult> show_models(const Session& s, const ModelsRequest& r);

}  // namespace pitwall::app::winback
