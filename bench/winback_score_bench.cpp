// Benchmark: scoring 10M churned customers (issue 7, "Performance"): every model for every
// customer (tier, success, retention, CLV, caps, score, bands, ROI, abuse risk, plan total,
// approver, review) and the ranking by decision score. The churned table is built in memory with
// a fixed seed; target ≤ 2 s and ≤ 2 GB on the 2-core machine.
//
//   build/bench/winback_score_bench --benchmark_repetitions=5
// PITWALL_BENCH_ROWS overrides the 10,000,000 rows.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <cstdlib>
#include <random>

#include "core/model/table.hpp"
#include "core/winback/customer.hpp"
#include "core/winback/scoring.hpp"

namespace {

using namespace pitwall::core;
namespace wb = pitwall::core::winback;

// Uniform integer in [0, n) from the top bits (our own mapping, no <random> distributions).
uint64_t below(std::mt19937_64& rng, uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

Table build_churned(size_t rows, uint64_t seed) {
  Table t = Table::empty(TableKind::kChurned);
  for (auto& c : t.columns) c.reserve(rows);
  t.lines.reserve(rows);
  t.batches.reserve(rows);
  std::mt19937_64 rng(seed);
  uint32_t stores[50];
  for (int s = 0; s < 50; ++s) stores[s] = t.pool.intern(fmt::format("S{:03}", s));
  using namespace churned;
  for (size_t i = 0; i < rows; ++i) {
    t.columns[kCustomerId].push_text(t.pool.intern(fmt::format("C{:08}", i)));
    t.columns[kStoreCode].push_text(stores[below(rng, 50)]);
    t.columns[kAnnualValue].push_i64(int64_t(50'000 + below(rng, 2'000'000)));  // 500–20,500
    t.columns[kMargin].push_i32(int32_t(3000 + below(rng, 4001)));
    t.columns[kMonthsChurned].push_f64(double(below(rng, 360)) / 10.0);
    t.columns[kReason].push_i32(int32_t(below(rng, 4)));
    t.columns[kSatisfaction].push_f64(double(below(rng, 11)));
    t.columns[kInfluence].push_i32(int32_t(below(rng, 3)));
    t.columns[kVisitsPerYear].push_f64(double(below(rng, 8)));
    t.columns[kCheapestOnlyShare].push_i32(int32_t(below(rng, 10001)));
    t.columns[kBookingLeadDays].push_f64(double(below(rng, 10)));
    t.columns[kOfferOnlyContact].push_i32(below(rng, 10) == 0 ? 1 : 0);
    t.columns[kInfoComplete].push_i32(below(rng, 20) == 0 ? 0 : 1);
    t.columns[kVehicleAnomaly].push_i32(below(rng, 100) == 0 ? 1 : 0);
    t.lines.push_back(int64_t(i) + 2);
    t.batches.push_back(1);
  }
  return t;
}

size_t rows_to_score() {
  const char* env = std::getenv("PITWALL_BENCH_ROWS");
  return env ? std::strtoull(env, nullptr, 10) : 10'000'000;
}

const Table& churned() {
  static const Table table = build_churned(rows_to_score(), 20230601);
  return table;
}

void BM_ScoreChurned(benchmark::State& state) {
  const Table& table = churned();
  wb::Programme programme;
  wb::ScoreOptions options;
  options.threads = 2;
  for (auto _ : state) {
    wb::Ranking ranking = wb::score_churned(programme, table, options);
    benchmark::DoNotOptimize(ranking.rows.data());
    state.counters["with_plan"] = double(ranking.summary.with_plan);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["rows"] = double(table.rows());
  state.counters["max_rss_mb"] = double(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ScoreChurned)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// The evaluation alone, one thread, first million rows: the per-customer cost of all models.
void BM_EvaluateOneThread(benchmark::State& state) {
  const Table& table = churned();
  wb::Programme programme;
  wb::EvaluationOptions options;
  options.hidden_cost = programme.hidden_cost_per_case();
  size_t rows = std::min<size_t>(table.rows(), 1'000'000);
  for (auto _ : state) {
    int64_t total = 0;
    for (size_t row = 0; row < rows; ++row) {
      wb::Evaluation e = wb::evaluate(programme, wb::read_customer(table, row, programme), options);
      total += e.plan_total_yuan;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(int64_t(state.iterations() * rows));
}
BENCHMARK(BM_EvaluateOneThread)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
