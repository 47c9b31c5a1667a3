// Close-out on a generated campaign (core/closeout/synthetic.hpp, fixed seed): all stages, the
// three department definitions (it, ops, finance) as declared and the other way (raw <->
// cleaned), settlement, and one network bridge (it -> finance). Targets (issue 5): 1M orders
// <= 0.5 s, 10M orders <= 5 s and <= 2.5 GB peak, on 2 cores. Figures: bench/README.md.
//
//   build/bench/closeout_bench --benchmark_filter=CloseoutMapped/1000000/2
//
// Two forms:
//   - CloseoutMapped (the one the targets are measured on): the orders and customers tables are
//     written as stored batches (store/files/batch_files.hpp) and mapped back, the generated
//     copies freed, and their pages released whenever more than store::kMappedPageBudget of them
//     are mapped in (store::PageReleaser): the input as `pitwall closeout run` sees it. They are
//     also released at each stage's end, so that each stage's peak (peak_mb_<stage>) starts from
//     what the pipeline itself holds. peak_rss_mb is the pipeline's own peak (the process's
//     high-water mark is reset before it starts), mapped pages it touches included.
//   - Closeout: the generated tables in memory, as in the first sessions (peak_rss_mb is the
//     process's, input included: 5.6 GB at 10M orders). On our VMs memory beyond ~4-5 GB in use
//     faults in ~10x slower (bench/README.md), so at 10M this form mostly measures that.
//
// With PITWALL_BENCH_DIGEST=1 each run also prints the result digest of the run as
// `closeout run` would store it (stderr; not timed): a change that must not alter the result
// is checked by comparing it before and after.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/closeout/memory.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"
#include "io/report/closeout_json.hpp"
#include "store/files/batch_files.hpp"

namespace {

using namespace pitwall::core;
using namespace pitwall::core::closeout;

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Minor page faults so far (each a fresh page: ~0.5-5 s per GB on our VMs, bench/README.md).
double minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_minflt);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A field of /proc/self/status in MB: VmHWM (the resident high-water mark), VmRSS.
double status_mb(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) {
      return std::strtod(line.c_str() + field.size(), nullptr) / 1024.0;
    }
  }
  return 0;
}
double hwm_mb() { return status_mb("VmHWM:"); }
// Resets the high-water mark to the current RSS (Linux 4.0+).
void reset_hwm() { std::ofstream("/proc/self/clear_refs") << "5"; }

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

// Runs the pipeline and the bridge on `in` once per iteration. `mapped`: the tables read from
// stored batches, whose pages are released while it runs (as `closeout run` does) and between
// stages; with them, the peak is measured from the start of the pipeline.
void run_pipeline(benchmark::State& state, const SyntheticCampaign& s, CloseoutInputs in,
                  const TimeZone& zone, const std::vector<const Table*>& mapped) {
  // In memory: the process's peak so far (generating the input); mapped: what it holds now.
  double input_mb = !mapped.empty() ? status_mb("VmRSS:") : peak_rss_mb();
  in.threads = static_cast<int>(state.range(1));
  // Wall and CPU (both threads) milliseconds per stage, summed over iterations, in stage order;
  // with mapped input also the peak RSS of each stage.
  struct Stage {
    std::string name;
    double wall_ms = 0, cpu_ms = 0, peak_mb = 0, faults = 0;
  };
  std::vector<Stage> stages;
  auto mark = std::chrono::steady_clock::now();
  double cpu_mark = cpu_seconds();
  double faults_mark = minor_faults();
  auto lap = [&](const char* stage) {
    double peak_mb = 0;
    if (!mapped.empty()) {
      peak_mb = hwm_mb();
      for (const Table* t : mapped) pitwall::store::release_pages(*t);
      reset_hwm();
    }
    auto now = std::chrono::steady_clock::now();
    double cpu_now = cpu_seconds();
    double ms = std::chrono::duration<double, std::milli>(now - mark).count();
    double cpu_ms = (cpu_now - cpu_mark) * 1e3;
    double faults_now = minor_faults();
    double faults = faults_now - faults_mark;
    mark = now;
    cpu_mark = cpu_now;
    faults_mark = faults_now;
    for (Stage& s : stages) {
      if (s.name == stage) {
        s.wall_ms += ms;
        s.cpu_ms += cpu_ms;
        s.peak_mb = std::max(s.peak_mb, peak_mb);
        s.faults += faults;
        return;
      }
    }
    stages.push_back({stage, ms, cpu_ms, peak_mb, faults});
  };
  in.on_stage = lap;
  int64_t findings = 0;
  double cpu = 0;
  double pipeline_peak = 0;
  for (auto _ : state) {
    if (!mapped.empty()) reset_hwm();
    double cpu_before = cpu_seconds();
    mark = std::chrono::steady_clock::now();
    cpu_mark = cpu_before;
    faults_mark = minor_faults();
    std::optional<pitwall::store::PageReleaser> releaser;
    if (!mapped.empty()) releaser.emplace(mapped);
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
  state.counters["rows"] = static_cast<double>(in.orders->rows());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["input_rss_mb"] = input_mb;
  for (const Stage& s : stages) {
    state.counters["ms_" + s.name] = s.wall_ms / static_cast<double>(state.iterations());
    state.counters["cpu_ms_" + s.name] = s.cpu_ms / static_cast<double>(state.iterations());
    if (!mapped.empty()) state.counters["peak_mb_" + s.name] = s.peak_mb;
    // Thousands of minor faults (fresh pages, file pages mapped in) per iteration.
    state.counters["kfaults_" + s.name] = s.faults / 1e3 / static_cast<double>(state.iterations());
    pipeline_peak = std::max(pipeline_peak, s.peak_mb);
  }
  state.counters["peak_rss_mb"] = !mapped.empty() ? pipeline_peak : peak_rss_mb();
}

void Closeout(benchmark::State& state) {
  const SyntheticCampaign& s = campaign_of(static_cast<uint32_t>(state.range(0)));
  // As `pitwall closeout run` does (app/closeout/memory.hpp): freed memory stays in the process.
  // Set after generating the input, so that the pipeline does not reuse the generator's memory.
  pitwall::app::closeout::keep_freed_memory();
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  run_pipeline(state, s, s.inputs(zone), zone, {});
}

// `table` written as a stored batch under `dir` and mapped back.
Table stored_copy(const Table& table, const std::string& dir) {
  auto writer = pitwall::store::BatchFilesWriter::create(dir, table.kind);
  if (!writer.has_value() || !(*writer)->append(table).has_value() ||
      !(*writer)->finish(table.pool).has_value()) {
    std::fprintf(stderr, "cannot write %s\n", dir.c_str());
    std::exit(1);
  }
  auto mapped = pitwall::store::read_batch_files(dir, table.kind, 1);
  if (!mapped.has_value()) {
    std::fprintf(stderr, "cannot read %s: %s\n", dir.c_str(), mapped.error().message.c_str());
    std::exit(1);
  }
  // The generated rows come from several batches (re-exports); the batch ids are kept in memory
  // by read_batch_files anyway.
  mapped->batches = table.batches;
  return std::move(*mapped);
}

void CloseoutMapped(benchmark::State& state) {
  SyntheticOptions o;
  o.seed = 20230301;
  o.orders = static_cast<uint32_t>(state.range(0));
  SyntheticCampaign s = generate_synthetic(o);
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = fmt::format("{}/pitwall-closeout-bench-{}", tmp && *tmp ? tmp : "/tmp",
                                static_cast<long>(getpid()));
  (void)pitwall::store::remove_tree(dir);
  Table orders = stored_copy(s.orders, dir + "/orders");
  Table customers = stored_copy(s.customers, dir + "/customers");
  // The generated copies go, and their memory back to the system: the process then holds what
  // `closeout run` holds before its pipeline (plus the small side tables).
  s.orders = Table::empty(s.orders.kind);
  s.customers = Table::empty(s.customers.kind);
  malloc_trim(0);
  pitwall::app::closeout::keep_freed_memory();
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  CloseoutInputs in = s.inputs(zone);
  in.orders = &orders;
  in.customers = &customers;
  run_pipeline(state, s, in, zone, {&orders, &customers});
  (void)pitwall::store::remove_tree(dir);
}

// Sizes and threads of both forms.
void sizes(benchmark::internal::Benchmark* b) {
  b->Args({100000, 2})
      ->Args({1000000, 1})
      ->Args({1000000, 2})
      ->Args({10000000, 2})
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(1);
}
BENCHMARK(CloseoutMapped)->Apply(sizes);
BENCHMARK(Closeout)->Apply(sizes);

}  // namespace

// As `pitwall` does (cli/main.cpp): the heap on huge pages, unless PITWALL_HUGE_PAGES=0.
int main(int argc, char** argv) {
  pitwall::app::closeout::use_huge_pages(argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
