// The calibrated models: logistic regression recovers known coefficients from synthetic history,
// held-out log loss and AUC, and the fall-back to the tables.
#include "core/winback/calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "churned_builder.hpp"
#include "core/winback/evaluation.hpp"

namespace pitwall::core::winback {
namespace {

using testing::ChurnedRow;

// Uniform double in [0, 1) from the top 53 bits (our own mapping, not <random> distributions).
double uniform(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

// Features: intercept, months 3–6, 6–12, >12, price, convenience, other, club, regular,
// satisfaction/10, annual/10000.
const double kSuccessTruth[] = {0.8, -0.5, -1.2, -2.0, -0.4, -0.8, -0.6, -0.3, -0.7, 0.9, 0.3};
const double kRetentionTruth[] = {0.5, -0.2, -0.6, -1.0, -0.3, 0.2, -0.1, -0.2, -0.4, 1.2, 0.2};

Table synthetic_history(size_t rows, uint64_t seed) {
  Programme p;
  Table t = Table::empty(TableKind::kWinbackHistory);
  std::mt19937_64 rng(seed);
  std::vector<double> x(size_t(feature_count(p)));
  for (size_t i = 0; i < rows; ++i) {
    ChurnedRow r;
    r.customer_id = "H" + std::to_string(i);
    r.months = 1 + double(rng() % 24);
    r.reason = int32_t(rng() % 4);
    r.influence = int32_t(rng() % 3);
    r.satisfaction = double(rng() % 11);
    r.annual_fen = int64_t(100'000 + rng() % 1'500'000);
    CustomerInput in;
    in.months_churned = r.months;
    in.reason = Reason(r.reason);
    in.influence = Influence(r.influence);
    in.satisfaction = r.satisfaction;
    in.annual_value = Money::from_fen(r.annual_fen);
    fill_features(p, in, x.data());
    double zs = 0, zr = 0;
    for (size_t j = 0; j < x.size(); ++j) {
      zs += kSuccessTruth[j] * x[j];
      zr += kRetentionTruth[j] * x[j];
    }
    r.won_back = uniform(rng) < 1 / (1 + std::exp(-zs)) ? 1 : 0;
    r.retained = r.won_back ? (uniform(rng) < 1 / (1 + std::exp(-zr)) ? 1 : 0) : kNoSmall;
    add_row(t, r);
  }
  return t;
}

TEST(WinbackCalibration, RecoversKnownCoefficients) {
  Programme p;
  p.calibration.l2 = 0;  // no shrinkage: the estimate should sit on the truth
  Table history = synthetic_history(200'000, 42);
  Calibration c = calibrate(p, history);
  ASSERT_EQ(c.success.used, ModelKind::kCalibrated);
  ASSERT_EQ(c.retention.used, ModelKind::kCalibrated);
  EXPECT_TRUE(c.success.converged);
  ASSERT_EQ(c.success.model.coefficients.size(), std::size(kSuccessTruth));
  // Standard errors with ~160k training rows are about 0.01–0.03 (0.05–0.08 for retention on
  // the won-back subset): 0.1 and 0.2 are 4 or more standard errors.
  for (size_t j = 0; j < std::size(kSuccessTruth); ++j) {
    EXPECT_NEAR(c.success.model.coefficients[j], kSuccessTruth[j], 0.1) << c.features[j];
    EXPECT_NEAR(c.retention.model.coefficients[j], kRetentionTruth[j], 0.2) << c.features[j];
  }
  // The held-out part is about 20%, and the fitted model beats the table on it.
  EXPECT_NEAR(double(c.success.holdout_rows) / 200'000, 0.2, 0.01);
  EXPECT_LT(c.success.holdout_log_loss, c.success.table_log_loss);
  EXPECT_GT(c.success.holdout_auc, 0.6);
}

TEST(WinbackCalibration, IsDeterministic) {
  Programme p;
  Table history = synthetic_history(5'000, 7);
  Calibration a = calibrate(p, history);
  Calibration b = calibrate(p, history);
  EXPECT_EQ(a.success.model.coefficients, b.success.model.coefficients);
  EXPECT_EQ(a.success.holdout_log_loss, b.success.holdout_log_loss);
}

TEST(WinbackCalibration, TooFewRowsKeepTheTables) {
  Programme p;
  Calibration c = calibrate(p, synthetic_history(50, 1));
  EXPECT_EQ(c.success.used, ModelKind::kTable);
  EXPECT_EQ(c.success.table_reason, "too_few_rows");
  Calibration none = calibrate(p, Table::empty(TableKind::kWinbackHistory));
  EXPECT_EQ(none.success.table_reason, "no_history");
  // The evaluation then uses the table: W1's 0.55.
  CustomerInput in;
  in.annual_value = Money::from_yuan(6000);
  in.months_churned = 4;
  in.reason = Reason::kService;
  in.influence = Influence::kKoc;
  EvaluationOptions o;
  o.calibration = &c;
  Evaluation e = evaluate(p, in, o);
  EXPECT_EQ(e.success.model, ModelKind::kTable);
  EXPECT_DOUBLE_EQ(e.success.value, 0.4 + 0.1 + 0.05);
}

TEST(WinbackCalibration, CalibratedModelReplacesTheTable) {
  Programme p;
  Table history = synthetic_history(5'000, 3);
  Calibration c = calibrate(p, history);
  CustomerInput in;
  in.annual_value = Money::from_yuan(6000);
  in.months_churned = 4;
  in.reason = Reason::kService;
  in.influence = Influence::kKoc;
  in.satisfaction = 5;
  EvaluationOptions o;
  o.calibration = &c;
  Evaluation e = evaluate(p, in, o);
  EXPECT_EQ(e.success.model, ModelKind::kCalibrated);
  std::vector<double> x(size_t(feature_count(p)));
  fill_features(p, in, x.data());
  EXPECT_DOUBLE_EQ(e.success.value, c.success.model.predict(x.data()));
}

TEST(WinbackCalibration, AucAndLogLoss) {
  // Perfect ranking: AUC 1; reversed: 0; all tied: 0.5.
  const double p[] = {0.1, 0.4, 0.35, 0.8};
  const uint8_t y[] = {0, 1, 0, 1};
  EXPECT_DOUBLE_EQ(auc(p, y), 1.0);
  const uint8_t reversed[] = {1, 0, 1, 0};
  EXPECT_DOUBLE_EQ(auc(p, reversed), 0.0);
  const double tied[] = {0.5, 0.5, 0.5, 0.5};
  EXPECT_DOUBLE_EQ(auc(tied, y), 0.5);
  // log loss of 0.5 everywhere = ln 2
  EXPECT_NEAR(log_loss(tied, y), std::log(2.0), 1e-12);
}

}  // namespace
}  // namespace pitwall::core::winback
