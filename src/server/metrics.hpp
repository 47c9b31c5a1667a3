#pragma once
// The server's counters, exported at /metrics in Prometheus' text format (server.md §4:
// requests, latencies, jobs, store errors). Lock-free on the request path: one slot of atomics
// per route, filled in by whichever thread finished the request.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "server/route.hpp"
#include "server/transport/http_server.hpp"

namespace pitwall::server {

class Metrics {
 public:
  explicit Metrics(const Router& router);
  // A request answered: its route (nullptr: none matched), status and time taken.
  void request(const Route* route, int status, double seconds);
  void store_error(core::ErrorCode code);
  void cache(bool hit);
  std::atomic<int64_t> queued{0};  // requests waiting for a worker
  std::atomic<int64_t> jobs_queued{0}, jobs_running{0};
  std::atomic<int64_t> jobs_succeeded{0}, jobs_failed{0}, jobs_cancelled{0};
  // The whole exposition; `transport` adds the connection counters.
  std::string text(const TransportStats* transport) const;

  static constexpr std::array<int, 20> kCodes = {200, 201, 202, 204, 206, 400, 401, 403, 404, 405,
                                                 406, 408, 409, 413, 415, 422, 429, 431, 500, 503};
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,   0.25,   0.5,   1,    5};

 private:
  struct Slot {
    std::array<std::atomic<int64_t>, kCodes.size() + 1> by_code{};    // last: any other code
    std::array<std::atomic<int64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
    std::atomic<int64_t> micros{0};
  };
  const Router& router_;
  std::unique_ptr<Slot[]> slots_;  // one per route, then one for "no route"
  std::array<std::atomic<int64_t>, 16> store_errors_{};
  std::atomic<int64_t> cache_hits_{0}, cache_misses_{0};
};

}  // namespace pitwall::server
