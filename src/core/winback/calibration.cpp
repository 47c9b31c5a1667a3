#include "core/winback/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/base/check.hpp"
#include "core/winback/models.hpp"

namespace pitwall::core::winback {

int feature_count(const Programme& programme) {
  return 1 + int(programme.success.months.size()) + 3 + 2 + 2;
}

std::vector<std::string> feature_names(const Programme& programme) {
  std::vector<std::string> names = {"intercept"};
  const auto& months = programme.success.months;
  for (size_t i = 0; i < months.size(); ++i) {
    names.push_back(i + 1 < months.size() ? fmt::format("months_{}_to_{}", months[i], months[i + 1])
                                          : fmt::format("months_over_{}", months[i]));
  }
  for (const char* n : {"reason_price", "reason_convenience", "reason_other", "influence_club",
                        "influence_regular", "satisfaction", "annual_value_10k"}) {
    names.emplace_back(n);
  }
  return names;
}

void fill_features(const Programme& programme, const CustomerInput& in, double* out) {
  const auto& months = programme.success.months;
  size_t band = 0;
  while (band < months.size() && in.months_churned > months[band]) ++band;
  int k = 0;
  out[k++] = 1;
  for (size_t i = 1; i <= months.size(); ++i) out[k++] = band == i ? 1 : 0;
  out[k++] = in.reason == Reason::kPrice ? 1 : 0;
  out[k++] = in.reason == Reason::kConvenience ? 1 : 0;
  out[k++] = in.reason == Reason::kOther ? 1 : 0;
  out[k++] = in.influence == Influence::kClub ? 1 : 0;
  out[k++] = in.influence == Influence::kRegular ? 1 : 0;
  out[k++] = std::isnan(in.satisfaction) ? 0.5 : std::clamp(in.satisfaction, 0.0, 10.0) / 10.0;
  out[k++] = std::min(double(in.annual_value.fen()) / 1'000'000.0, 3.0);
}

namespace {
double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

// Solves A x = b for a symmetric positive definite A (p × p, row-major) by Cholesky; false when
// A is not positive definite.
bool solve_spd(std::vector<double> a, std::vector<double>& b, int p) {
  for (int j = 0; j < p; ++j) {
    double d = a[j * p + j];
    for (int k = 0; k < j; ++k) d -= a[j * p + k] * a[j * p + k];
    if (!(d > 0)) return false;
    d = std::sqrt(d);
    a[j * p + j] = d;
    for (int i = j + 1; i < p; ++i) {
      double s = a[i * p + j];
      for (int k = 0; k < j; ++k) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / d;
    }
  }
  for (int i = 0; i < p; ++i) {  // L y = b
    double s = b[i];
    for (int k = 0; k < i; ++k) s -= a[i * p + k] * b[k];
    b[i] = s / a[i * p + i];
  }
  for (int i = p - 1; i >= 0; --i) {  // Lᵀ x = y
    double s = b[i];
    for (int k = i + 1; k < p; ++k) s -= a[k * p + i] * b[k];
    b[i] = s / a[i * p + i];
  }
  return true;
}

// Penalised log-likelihood.
double objective(std::span<const double> x, std::span<const uint8_t> y, int p,
                 const std::vector<double>& beta, double penalty) {
  double ll = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    double z = std::inner_product(beta.begin(), beta.end(), x.begin() + i * p, 0.0);
    // log σ(z) = -log(1 + e^-z); log(1 − σ(z)) = -log(1 + e^z)
    ll -= y[i] ? std::log1p(std::exp(-std::abs(z))) + std::max(-z, 0.0)
               : std::log1p(std::exp(-std::abs(z))) + std::max(z, 0.0);
  }
  for (int j = 1; j < p; ++j) ll -= 0.5 * penalty * beta[j] * beta[j];
  return ll;
}
}  // namespace

double LogisticModel::predict(const double* features) const {
  double z = 0;
  for (size_t j = 0; j < coefficients.size(); ++j) z += coefficients[j] * features[j];
  return sigmoid(z);
}

LogisticFit fit_logistic(std::span<const double> x, std::span<const uint8_t> y, int p, double l2) {
  PW_CHECK(x.size() == y.size() * size_t(p), "feature matrix size");
  LogisticFit fit;
  std::vector<double> beta(size_t(p), 0.0);
  double penalty = l2 * double(y.size());
  double current = objective(x, y, p, beta, penalty);
  for (fit.iterations = 1; fit.iterations <= 100; ++fit.iterations) {
    std::vector<double> gradient(size_t(p), 0.0);
    std::vector<double> hessian(size_t(p) * p, 0.0);
    for (size_t i = 0; i < y.size(); ++i) {
      const double* xi = x.data() + i * p;
      double prob = sigmoid(std::inner_product(beta.begin(), beta.end(), xi, 0.0));
      double w = prob * (1 - prob);
      double r = double(y[i]) - prob;
      for (int a = 0; a < p; ++a) {
        gradient[a] += xi[a] * r;
        if (xi[a] == 0) continue;
        for (int b = 0; b <= a; ++b) hessian[a * p + b] += w * xi[a] * xi[b];
      }
    }
    for (int a = 0; a < p; ++a) {
      for (int b = a + 1; b < p; ++b) hessian[a * p + b] = hessian[b * p + a];
    }
    for (int j = 1; j < p; ++j) {
      gradient[j] -= penalty * beta[j];
      hessian[j * p + j] += penalty;
    }
    hessian[0] += 1e-9 * double(y.size());  // keeps an all-one-class intercept finite
    if (!solve_spd(hessian, gradient, p)) break;
    // Step halving keeps the penalised likelihood from decreasing.
    double step = 1;
    std::vector<double> next(beta.size());
    double value = current;
    for (int h = 0; h < 30; ++h, step /= 2) {
      for (int j = 0; j < p; ++j) next[j] = beta[j] + step * gradient[j];
      value = objective(x, y, p, next, penalty);
      if (value >= current - 1e-12) break;
    }
    double change = 0;
    for (int j = 0; j < p; ++j) change = std::max(change, std::abs(next[j] - beta[j]));
    beta = next;
    current = value;
    if (change < 1e-9) {
      fit.converged = true;
      break;
    }
  }
  fit.iterations = std::min(fit.iterations, 100);
  fit.model.coefficients = beta;
  return fit;
}

double log_loss(std::span<const double> predicted, std::span<const uint8_t> actual) {
  if (actual.empty()) return kNaN;
  double sum = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    double p = std::clamp(predicted[i], 1e-15, 1 - 1e-15);
    sum -= actual[i] ? std::log(p) : std::log(1 - p);
  }
  return sum / double(actual.size());
}

double auc(std::span<const double> predicted, std::span<const uint8_t> actual) {
  std::vector<size_t> order(actual.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return predicted[a] != predicted[b] ? predicted[a] < predicted[b] : a < b;
  });
  double positive_rank_sum = 0;
  double positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && predicted[order[j]] == predicted[order[i]]) ++j;
    double rank = (double(i + 1) + double(j)) / 2.0;  // average of ranks i+1 .. j
    for (size_t k = i; k < j; ++k) {
      if (actual[order[k]]) {
        positive_rank_sum += rank;
        positives += 1;
      }
    }
    i = j;
  }
  double negatives = double(actual.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (positive_rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

bool is_held_out(std::string_view customer_id, double holdout_share) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, then the splitmix64 finaliser
  for (unsigned char c : customer_id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return double(h % 1'000'000) < holdout_share * 1'000'000.0;
}

namespace {

struct Sample {
  std::vector<double> x;  // row-major
  std::vector<uint8_t> y;
  std::vector<double> table;  // the table model's prediction
  size_t rows() const { return y.size(); }
};

// Fits one model from train/holdout samples.
ModelFit fit_model(const Programme& programme, const Sample& train, const Sample& holdout) {
  ModelFit fit;
  int p = feature_count(programme);
  fit.train_rows = int64_t(train.rows());
  fit.holdout_rows = int64_t(holdout.rows());
  fit.rows = fit.train_rows + fit.holdout_rows;
  for (uint8_t v : train.y) fit.positives += v;
  for (uint8_t v : holdout.y) fit.positives += v;
  if (fit.rows == 0) {
    fit.table_reason = "no_history";
    return fit;
  }
  if (fit.rows < programme.calibration.min_rows) {
    fit.table_reason = "too_few_rows";
    return fit;
  }
  int64_t train_positives = 0;
  for (uint8_t v : train.y) train_positives += v;
  if (train_positives == 0 || train_positives == fit.train_rows) {
    fit.table_reason = "one_outcome";
    return fit;
  }
  LogisticFit result = fit_logistic(train.x, train.y, p, programme.calibration.l2);
  fit.used = ModelKind::kCalibrated;
  fit.model = result.model;
  fit.iterations = result.iterations;
  fit.converged = result.converged;
  std::vector<double> predicted(holdout.rows());
  for (size_t i = 0; i < holdout.rows(); ++i) {
    predicted[i] = fit.model.predict(holdout.x.data() + i * p);
  }
  fit.holdout_log_loss = log_loss(predicted, holdout.y);
  fit.holdout_auc = auc(predicted, holdout.y);
  fit.table_log_loss = log_loss(holdout.table, holdout.y);
  fit.table_auc = auc(holdout.table, holdout.y);
  return fit;
}

void add_row(Sample& s, const std::vector<double>& features, bool outcome, double table) {
  s.x.insert(s.x.end(), features.begin(), features.end());
  s.y.push_back(outcome ? 1 : 0);
  s.table.push_back(table);
}

}  // namespace

Calibration calibrate(const Programme& programme, const Table& history) {
  Calibration c;
  c.features = feature_names(programme);
  Sample success_train, success_holdout, retention_train, retention_holdout;
  std::vector<double> features(size_t(feature_count(programme)));
  if (history.kind == TableKind::kWinbackHistory) {
    for (size_t row = 0; row < history.rows(); ++row) {
      int32_t won = history.i32(winback_history::kWonBack, row);
      if (won == kNoSmall) continue;
      CustomerInput in = read_customer(history, row, programme);
      fill_features(programme, in, features.data());
      bool held =
          is_held_out(history.text(churned::kCustomerId, row), programme.calibration.holdout_share);
      add_row(held ? success_holdout : success_train, features, won != 0,
              table_success(programme.success, in).value);
      int32_t retained = history.i32(winback_history::kRetained1y, row);
      if (won == 0 || retained == kNoSmall) continue;
      add_row(held ? retention_holdout : retention_train, features, retained != 0,
              table_retention(programme.retention, in).value);
    }
  }
  c.success = fit_model(programme, success_train, success_holdout);
  c.retention = fit_model(programme, retention_train, retention_holdout);
  return c;
}

}  // namespace pitwall::core::winback
