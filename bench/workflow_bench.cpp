// Benchmark: the workflow's everyday clicks on a campaign of 10M orders (issue "one application
// layer", Performance): recording a store's confirmation, a dispute and an arbitration decision,
// and reading a store's settlement row and a region's summary — each ≤ 50 ms. The use cases are
// called in-process, as the server calls them, on the workspace bench/workflow_bench.sh prepares
// (orders from gen_orders_csv, stores S001..S218 in six regions, a current stored run).
//
//   PITWALL_BENCH_WS=/tmp/.../wf-ws build/bench/workflow_bench --benchmark_repetitions=5
// The decision benchmark runs last: a decision makes the stored run stale, after which the
// confirmation would be refused (the script restores the workspace's database after the run).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "app/closeout/readings.hpp"
#include "app/workflow/workflow.hpp"
#include "io/text/iso_time.hpp"
#include "store/workspace.hpp"

namespace {

using namespace pitwall;

constexpr const char* kCampaign = "2023-spring-renewal";

struct Fixture {
  std::unique_ptr<store::Workspace> ws;
  int64_t now = 0;
  std::string order;  // a counted order of store S001, disputed and decided below

  static Fixture& get() {
    static Fixture f = [] {
      Fixture x;
      const char* dir = std::getenv("PITWALL_BENCH_WS");
      if (dir == nullptr) std::abort();
      x.ws = store::open_workspace(dir).value();
      x.now = io::parse_iso_instant("2023-04-01T10:00:00+08:00").value();
      if (const char* order = std::getenv("PITWALL_BENCH_ORDER")) x.order = order;
      return x;
    }();
    return f;
  }
  app::Session as(const std::string& user) {
    return app::user_session(*ws, user, app::Lang::kZh, now).value();
  }
};

void fail(benchmark::State& state, const core::Error& e) { state.SkipWithError(e.message.c_str()); }

void BM_ConfirmStore(benchmark::State& state) {
  Fixture& f = Fixture::get();
  app::Session s = f.as("store-s001");
  for (auto _ : state) {
    auto r = app::workflow::confirm_store(s, {kCampaign, "S001", {}});
    if (!r) return fail(state, r.error());
  }
}

void BM_ConfirmStoreWithDispute(benchmark::State& state) {
  Fixture& f = Fixture::get();
  app::Session s = f.as("store-s001");
  for (auto _ : state) {
    auto r = app::workflow::confirm_store(
        s, {kCampaign, "S001", {{f.order, "not-valid", "customer cancelled by phone"}}});
    if (!r) return fail(state, r.error());
  }
}

void BM_ReadStoreSettlementRow(benchmark::State& state) {
  Fixture& f = Fixture::get();
  app::Session s = f.as("store-s001");
  for (auto _ : state) {
    auto r = app::closeout::open_reading(s, {kCampaign, 0});
    if (!r) return fail(state, r.error());
    benchmark::DoNotOptimize(r->stored.result().find("settlement")->find("stores")->size());
  }
}

void BM_ReadRegionSummary(benchmark::State& state) {
  Fixture& f = Fixture::get();
  app::Session s = f.as("region-east");
  for (auto _ : state) {
    auto r = app::closeout::summary(s, {kCampaign, 0}, {});
    if (!r) return fail(state, r.error());
    benchmark::DoNotOptimize(r->stored.result().find("evaluations")->size());
  }
}

void BM_Decide(benchmark::State& state) {
  Fixture& f = Fixture::get();
  app::Session s = f.as("arbiter");
  for (auto _ : state) {
    auto r = app::workflow::decide(s, {kCampaign, f.order, "count", "reviewed", false, {}});
    if (!r) return fail(state, r.error());
  }
}

BENCHMARK(BM_ConfirmStore)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_ConfirmStoreWithDispute)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_ReadStoreSettlementRow)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_ReadRegionSummary)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_Decide)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
