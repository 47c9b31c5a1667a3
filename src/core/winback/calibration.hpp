#pragma once
// Calibrated models (winback.md "Models"): where win-back history is imported, a logistic
// regression on the same features as the tables replaces them for the success probability and
// the 1-year retention. Fitted here in plain C++ (Newton–Raphson / IRLS with a small ridge
// penalty), deterministically: rows in table order, sums in a fixed order, no randomness.
//
// Features (feature_names): intercept; one indicator per month band after the first (bands of
// success.months); reason price / convenience / other (service is the reference); influence
// club / regular (KOC is the reference); satisfaction ÷ 10 (0.5 when unknown); annual value ÷
// 10000, capped at 3.
//
// Held-out evaluation: a history row is held out when a hash of its customer id falls in the
// first `holdout_share` of the hash range (independent of row order; all attempts of a customer
// fall on the same side). The model is fitted on the other rows; log loss and AUC are reported
// on the held-out rows for the model and for the table it replaces. The success model uses every
// history row (won_back); the retention model the won-back rows whose retained_1y is known.
// With fewer than calibration.min_rows usable rows, or only one outcome among them, the table
// stays in use and the fit says why.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/table.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/types.hpp"

namespace pitwall::core::winback {

int feature_count(const Programme& programme);
std::vector<std::string> feature_names(const Programme& programme);
// Writes feature_count() values for `in` to `out`.
void fill_features(const Programme& programme, const CustomerInput& in, double* out);

struct LogisticModel {
  std::vector<double> coefficients;  // one per feature, intercept first
  // σ(x · β) for a feature row of coefficients.size() values.
  double predict(const double* features) const;
};

struct LogisticFit {
  LogisticModel model;
  int iterations = 0;
  bool converged = false;
};

// Fits y ~ σ(Xβ) by Newton–Raphson; `x` is row-major (rows × p, column 0 the intercept), `l2`
// the ridge penalty per row on every coefficient but the intercept.
LogisticFit fit_logistic(std::span<const double> x, std::span<const uint8_t> y, int p, double l2);

// Mean negative log-likelihood (probabilities clamped to [1e-15, 1 − 1e-15]); NaN when empty.
double log_loss(std::span<const double> predicted, std::span<const uint8_t> actual);
// Area under the ROC curve (Mann–Whitney, ties averaged); NaN without both outcomes.
double auc(std::span<const double> predicted, std::span<const uint8_t> actual);

struct ModelFit {
  ModelKind used = ModelKind::kTable;
  std::string table_reason;  // why the table stays: "no_history", "too_few_rows", "one_outcome"
  int64_t rows = 0;          // usable rows
  int64_t positives = 0;
  int64_t train_rows = 0;
  int64_t holdout_rows = 0;
  LogisticModel model;
  int iterations = 0;
  bool converged = false;
  double holdout_log_loss = kNaN;
  double holdout_auc = kNaN;
  double table_log_loss = kNaN;
  double table_auc = kNaN;
};

struct Calibration {
  ModelFit success;
  ModelFit retention;
  std::vector<std::string> features;
};

// Fits both models on a win-back history table (may be empty: the tables are used).
Calibration calibrate(const Programme& programme, const Table& history);

// Whether the customer id falls in the held-out part.
bool is_held_out(std::string_view customer_id, double holdout_share);

}  // namespace pitwall::core::winback
