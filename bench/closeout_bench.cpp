// Close-out on a generated campaign (core/closeout/synthetic.hpp, fixed seed): all stages, the
// three department definitions (it, ops, finance) as declared and the other way (raw <->
// cleaned), settlement, and one network bridge (it -> finance). Targets (issue 5): 1M orders
// <= 0.5 s, 10M orders <= 5 s and <= 2.5 GB peak, on 2 cores. Figures: bench/README.md.
//
//   build/bench/closeout_bench --benchmark_filter=Closeout/1000000 --benchmark_repetitions=5
//
// With PITWALL_BENCH_DIGEST=1 each run also prints the result digest of the run as
// `closeout run` would store it (stderr; not timed): a change that must not alter the result
// is checked by comparing it before and after.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/allocator.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"
#include "io/report/closeout_json.hpp"

namespace {

using namespace pitwall::core;
using namespace pitwall::core::closeout;

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void print_digest(const RunResult& run, const SyntheticCampaign& s, const TimeZone& zone) {
  pitwall::io::RunMeta meta;
  meta.campaign = s.campaign.id;
  auto text = pitwall::io::write_closeout_run(
      meta, run, s.campaign, zone, [](std::string_view, std::string_view) { return Status{}; });
  std::fprintf(stderr, "result_digest %s\n",
               text.has_value() ? text->result_digest.c_str() : text.error().message.c_str());
}

const SyntheticCampaign& campaign_of(uint32_t orders) {
  static std::map<uint32_t, std::unique_ptr<SyntheticCampaign>> cache;
  auto& slot = cache[orders];
  if (!slot) {
    SyntheticOptions o;
    o.seed = 20230301;
    o.orders = orders;
    slot = std::make_unique<SyntheticCampaign>(generate_synthetic(o));
  }
  return *slot;
}

void Closeout(benchmark::State& state) {
  const SyntheticCampaign& s = campaign_of(static_cast<uint32_t>(state.range(0)));
  // As `pitwall closeout run` does (cli/allocator.hpp): freed memory stays in the process. Set
  // after generating the input, so that the pipeline does not reuse the generator's memory.
  pitwall::cli::keep_freed_memory();
  double input_mb = peak_rss_mb();
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  CloseoutInputs in = s.inputs(zone);
  in.threads = static_cast<int>(state.range(1));
  // Wall and CPU (both threads) milliseconds per stage, summed over iterations, in stage order.
  struct Stage {
    std::string name;
    double wall_ms = 0, cpu_ms = 0;
  };
  std::vector<Stage> stages;
  auto mark = std::chrono::steady_clock::now();
  double cpu_mark = cpu_seconds();
  auto lap = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    double cpu_now = cpu_seconds();
    double ms = std::chrono::duration<double, std::milli>(now - mark).count();
    double cpu_ms = (cpu_now - cpu_mark) * 1e3;
    mark = now;
    cpu_mark = cpu_now;
    for (Stage& s : stages) {
      if (s.name == stage) {
        s.wall_ms += ms;
        s.cpu_ms += cpu_ms;
        return;
      }
    }
    stages.push_back({stage, ms, cpu_ms});
  };
  in.on_stage = lap;
  int64_t findings = 0;
  double cpu = 0;
  for (auto _ : state) {
    double cpu_before = cpu_seconds();
    mark = std::chrono::steady_clock::now();
    cpu_mark = cpu_before;
    auto result = run_closeout(in);
    if (!result.has_value()) {
      state.SkipWithError(result.error().message.c_str());
      return;
    }
    Bridge bridge = compute_bridge(result->evaluations[0], result->evaluations[2], result->stores,
                                   {}, result->orders.ids(), in.threads);
    benchmark::DoNotOptimize(bridge.steps.data());
    lap("bridge");
    findings = static_cast<int64_t>(result->findings.size());
    cpu += cpu_seconds() - cpu_before;
    if (std::getenv("PITWALL_BENCH_DIGEST")) {
      state.PauseTiming();
      print_digest(*result, s, zone);
      state.ResumeTiming();
    }
  }
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
  state.counters["rows"] = static_cast<double>(s.orders.rows());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["input_rss_mb"] = input_mb;
  state.counters["peak_rss_mb"] = peak_rss_mb();
  for (const Stage& s : stages) {
    state.counters["ms_" + s.name] = s.wall_ms / static_cast<double>(state.iterations());
    state.counters["cpu_ms_" + s.name] = s.cpu_ms / static_cast<double>(state.iterations());
  }
}

BENCHMARK(Closeout)
    ->Args({100000, 2})
    ->Args({1000000, 1})
    ->Args({1000000, 2})
    ->Args({10000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
