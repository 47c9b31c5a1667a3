// Issue 24: every stage of the close-out linear in its input, on every shape of data. Counted, not
// timed, so that it holds on any machine: each stage's heap allocations (calls and bytes) and,
// where the kernel lets a process count its own instructions (perf_event_open), the instructions
// it ran, at N and at 8N orders. A stage linear in its input costs about 8x at 8N; one quadratic
// in the orders, or in the orders of one store, customer or group, costs about 64x. The bound on
// calls and instructions, 10x, leaves room for sorting's log factor; bytes are allowed 20x (below).
//
// This executable replaces the global operator new to count, so it is a suite of its own.
#include <gtest/gtest.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>
#include <vector>

#include "app/closeout/run_view.hpp"
#include "core/base/instant.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"
#include "core/workflow/arbitration.hpp"
#include "io/report/closeout_json.hpp"

namespace {
std::atomic<int64_t> g_calls{0};
std::atomic<int64_t> g_bytes{0};
}  // namespace

void* operator new(std::size_t n) {
  g_calls.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(static_cast<int64_t>(n), std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new(std::size_t n, std::align_val_t a) {
  g_calls.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(static_cast<int64_t>(n), std::memory_order_relaxed);
  size_t align = static_cast<size_t>(a);
  if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) { return ::operator new(n, a); }
// Our operator new takes its memory from malloc, so free is its match (GCC sees only the names).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace pitwall::core::closeout {
namespace {

// Instructions this process and the threads it starts run in user space; -1 when the kernel
// does not let it count them (perf_event_paranoid, a container).
class Instructions {
 public:
  Instructions() {
    perf_event_attr attr{};
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_HARDWARE;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.inherit = 1;  // threads started later count too, once they end
    fd_ = static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  }
  ~Instructions() {
    if (fd_ >= 0) close(fd_);
  }
  int64_t now() const {
    uint64_t v = 0;
    if (fd_ < 0 || read(fd_, &v, sizeof v) != sizeof v) return -1;
    return static_cast<int64_t>(v);
  }

 private:
  int fd_ = -1;
};

struct Cost {
  int64_t calls = 0, bytes = 0, instructions = 0;
};
using Costs = std::map<std::string, Cost>;

enum class Shape { kCampaign, kDirty, kUnattributed, kSkewed };

Costs run_and_count(Shape shape, uint32_t orders) {
  SyntheticOptions o;
  o.orders = orders;
  if (shape == Shape::kDirty) o.reexport_per_mille = 200;
  if (shape == Shape::kSkewed) o.skew_per_mille = 600;
  SyntheticCampaign s = generate_synthetic(o);
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  CloseoutInputs in = s.inputs(zone);
  if (shape == Shape::kUnattributed) in.stores = nullptr;
  // One thread: a second one (the order ids copied while the domains are built) would put its
  // allocations in whichever stage is running, and the counts would differ run to run.
  in.threads = 1;
  Instructions counter;
  Costs costs;
  Cost last{g_calls.load(), g_bytes.load(), counter.now()};
  auto mark = [&](const std::string& stage) {
    Cost now{g_calls.load(), g_bytes.load(), counter.now()};
    Cost& c = costs[stage];
    c.calls += now.calls - last.calls;
    c.bytes += now.bytes - last.bytes;
    c.instructions =
        now.instructions < 0 ? -1 : c.instructions + now.instructions - last.instructions;
    last = now;
  };
  in.on_stage = [&](const char* stage) { mark(stage); };
  auto result = run_closeout(in);
  EXPECT_TRUE(result.has_value()) << result.error().to_string();
  if (!result) return costs;
  mark("(after the pipeline)");
  io::RunMeta meta;
  meta.campaign = s.campaign.id;
  int64_t written = 0;
  auto text = io::write_closeout_run(meta, *result, s.campaign, zone,
                                     [&](std::string_view, std::string_view bytes) -> Status {
                                       written += static_cast<int64_t>(bytes.size());
                                       return {};
                                     });
  EXPECT_TRUE(text.has_value());
  EXPECT_GT(written, 0);
  mark("write parts");
  auto digests = app::closeout::signoff_digests(*result);
  auto queue = workflow::gray_zone_queue(*result, zone);
  std::string queue_text = app::closeout::queue_bytes(queue);
  std::string index = app::closeout::order_index_bytes(*result);
  EXPECT_FALSE(digests.finance.empty());
  EXPECT_FALSE(index.empty());
  mark("workflow parts");
  return costs;
}

const char* shape_name(Shape s) {
  switch (s) {
    case Shape::kCampaign:
      return "campaign";
    case Shape::kDirty:
      return "dirty";
    case Shape::kUnattributed:
      return "unattributed";
    case Shape::kSkewed:
      return "skewed";
  }
  return "";
}

// Why `large` (8x the orders) is not within the bounds of `small`; empty when it is.
std::string beyond_bounds(const Cost& small, const Cost& large) {
  std::string why;
  // A stage that allocates a handful of times at N (a few vectors) is allowed its handful.
  if (large.calls > 10 * small.calls + 64) {
    why +=
        "allocations " + std::to_string(small.calls) + " -> " + std::to_string(large.calls) + "; ";
  }
  // Bytes: a vector grown by doubling allocates about twice its final capacity, which lies
  // anywhere up to twice its size, so a linear stage's bytes can grow up to 16x for 8x the
  // orders; a quadratic one's grow 64x.
  if (large.bytes > 20 * small.bytes + (int64_t{1} << 20)) {
    why += "bytes " + std::to_string(small.bytes) + " -> " + std::to_string(large.bytes) + "; ";
  }
  if (small.instructions > 0 && large.instructions > 0 &&
      large.instructions > 10 * small.instructions + 1000000) {
    why += "instructions " + std::to_string(small.instructions) + " -> " +
           std::to_string(large.instructions) + "; ";
  }
  return why;
}

// The bounds catch what they are for: a step that allocates for each order in proportion to
// the orders before it (as a list copied for every member of a group would).
Cost count_quadratic_step(uint32_t n) {
  Instructions counter;
  Cost before{g_calls.load(), g_bytes.load(), counter.now()};
  int64_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) {
    std::vector<uint32_t> earlier(i / 8 + 1, i);
    sum += earlier.back();
  }
  EXPECT_GT(sum, 0);
  return {g_calls.load() - before.calls, g_bytes.load() - before.bytes,
          counter.now() < 0 ? -1 : counter.now() - before.instructions};
}

TEST(ScalingBounds, AQuadraticStepIsBeyondThem) {
  Cost small = count_quadratic_step(6000);
  Cost large = count_quadratic_step(48000);
  EXPECT_NE(beyond_bounds(small, large).find("bytes"), std::string::npos)
      << small.bytes << " -> " << large.bytes;
  Cost linear_small{6000, 6000 * 40, -1};
  Cost linear_large{48000, 48000 * 40 * 2, -1};  // twice the bytes per order: a doubling
  EXPECT_EQ(beyond_bounds(linear_small, linear_large), "");
}

class Scaling : public ::testing::TestWithParam<Shape> {};

TEST_P(Scaling, EveryStageCostsAtMostTenTimesAsMuchForEightTimesTheOrders) {
  constexpr uint32_t kSmall = 6000;
  Costs small = run_and_count(GetParam(), kSmall);
  Costs large = run_and_count(GetParam(), 8 * kSmall);
  ASSERT_FALSE(small.empty());
  // The stages the pipeline names, then the writing: none may go missing.
  for (const char* stage :
       {"collect", "domains", "validate", "dedup", "fraud", "write parts", "workflow parts"}) {
    EXPECT_TRUE(small.count(stage)) << stage;
  }
  for (const auto& [stage, s] : small) {
    const Cost& l = large.at(stage);
    std::printf("%-12s %-26s calls %7lld -> %8lld  bytes %10lld -> %11lld\n",
                shape_name(GetParam()), stage.c_str(), static_cast<long long>(s.calls),
                static_cast<long long>(l.calls), static_cast<long long>(s.bytes),
                static_cast<long long>(l.bytes));
    EXPECT_EQ(beyond_bounds(s, l), "") << shape_name(GetParam()) << ", " << stage << ", " << kSmall
                                       << " -> " << 8 * kSmall << " orders";
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, Scaling,
                         ::testing::Values(Shape::kCampaign, Shape::kDirty, Shape::kUnattributed,
                                           Shape::kSkewed),
                         [](const auto& info) { return std::string(shape_name(info.param)); });

}  // namespace
}  // namespace pitwall::core::closeout
