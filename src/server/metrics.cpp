#include "server/metrics.hpp"

#include <fmt/format.h>

namespace pitwall::server {

Metrics::Metrics(const Router& router)
    : router_(router), slots_(new Slot[router.routes().size() + 1]) {}

void Metrics::request(const Route* route, int status, double seconds) {
  size_t index =
      route ? static_cast<size_t>(route - router_.routes().data()) : router_.routes().size();
  Slot& s = slots_[index];
  size_t code = kCodes.size();
  for (size_t i = 0; i < kCodes.size(); ++i) {
    if (kCodes[i] == status) code = i;
  }
  s.by_code[code]++;
  size_t bucket = kBuckets.size();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      bucket = i;
      break;
    }
  }
  s.buckets[bucket]++;
  s.micros += static_cast<int64_t>(seconds * 1e6);
}

void Metrics::store_error(core::ErrorCode code) {
  size_t i = static_cast<size_t>(code);
  if (i < store_errors_.size()) store_errors_[i]++;
}

void Metrics::cache(bool hit) { (hit ? cache_hits_ : cache_misses_)++; }

std::string Metrics::text(const TransportStats* transport) const {
  std::string out;
  auto route_label = [&](size_t i) -> std::string {
    if (i == router_.routes().size()) return "method=\"\",route=\"(none)\"";
    const Route& r = router_.routes()[i];
    return fmt::format("method=\"{}\",route=\"{}\"", method_name(r.method), r.pattern);
  };
  out += "# HELP pitwall_http_requests_total Requests answered, by route and status.\n";
  out += "# TYPE pitwall_http_requests_total counter\n";
  size_t n = router_.routes().size() + 1;
  for (size_t i = 0; i < n; ++i) {
    const Slot& s = slots_[i];
    for (size_t c = 0; c <= kCodes.size(); ++c) {
      int64_t v = s.by_code[c].load();
      if (v == 0) continue;
      std::string code = c < kCodes.size() ? std::to_string(kCodes[c]) : "other";
      out += fmt::format("pitwall_http_requests_total{{{},code=\"{}\"}} {}\n", route_label(i), code,
                         v);
    }
  }
  out +=
      "# HELP pitwall_http_request_duration_seconds Time from a request's last byte to its "
      "reply.\n";
  out += "# TYPE pitwall_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < n; ++i) {
    const Slot& s = slots_[i];
    int64_t total = 0;
    for (const auto& b : s.buckets) total += b.load();
    if (total == 0) continue;
    int64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load();
      std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out += fmt::format("pitwall_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         route_label(i), le, cumulative);
    }
    out += fmt::format("pitwall_http_request_duration_seconds_sum{{{}}} {:.6f}\n", route_label(i),
                       static_cast<double>(s.micros.load()) / 1e6);
    out += fmt::format("pitwall_http_request_duration_seconds_count{{{}}} {}\n", route_label(i),
                       total);
  }
  out += "# HELP pitwall_store_errors_total Store errors met while answering, by kind.\n";
  out += "# TYPE pitwall_store_errors_total counter\n";
  for (size_t i = 0; i < store_errors_.size(); ++i) {
    int64_t v = store_errors_[i].load();
    if (v == 0) continue;
    out += fmt::format("pitwall_store_errors_total{{kind=\"{}\"}} {}\n",
                       core::error_code_name(static_cast<core::ErrorCode>(i)), v);
  }
  out += "# HELP pitwall_jobs Jobs by state.\n# TYPE pitwall_jobs gauge\n";
  out += fmt::format("pitwall_jobs{{state=\"queued\"}} {}\n", jobs_queued.load());
  out += fmt::format("pitwall_jobs{{state=\"running\"}} {}\n", jobs_running.load());
  out += "# HELP pitwall_jobs_finished_total Jobs finished, by outcome.\n";
  out += "# TYPE pitwall_jobs_finished_total counter\n";
  out += fmt::format("pitwall_jobs_finished_total{{outcome=\"succeeded\"}} {}\n",
                     jobs_succeeded.load());
  out += fmt::format("pitwall_jobs_finished_total{{outcome=\"failed\"}} {}\n", jobs_failed.load());
  out += fmt::format("pitwall_jobs_finished_total{{outcome=\"cancelled\"}} {}\n",
                     jobs_cancelled.load());
  out +=
      "# HELP pitwall_worker_queue Requests waiting for a worker.\n# TYPE pitwall_worker_queue "
      "gauge\n";
  out += fmt::format("pitwall_worker_queue {}\n", queued.load());
  out += "# HELP pitwall_read_cache_total Reads served from the read cache, or computed.\n";
  out += "# TYPE pitwall_read_cache_total counter\n";
  out += fmt::format("pitwall_read_cache_total{{result=\"hit\"}} {}\n", cache_hits_.load());
  out += fmt::format("pitwall_read_cache_total{{result=\"miss\"}} {}\n", cache_misses_.load());
  if (transport) {
    out +=
        "# HELP pitwall_connections_open Connections open.\n# TYPE pitwall_connections_open "
        "gauge\n";
    out += fmt::format("pitwall_connections_open {}\n", transport->connections_open.load());
    out += "# HELP pitwall_connections_total Connections accepted.\n";
    out += "# TYPE pitwall_connections_total counter\n";
    out += fmt::format("pitwall_connections_total {}\n", transport->connections_total.load());
    out += "# HELP pitwall_connections_refused_total Connections refused (too many open).\n";
    out += "# TYPE pitwall_connections_refused_total counter\n";
    out += fmt::format("pitwall_connections_refused_total {}\n",
                       transport->connections_refused.load());
    out += "# HELP pitwall_timeouts_total Requests that did not arrive in time.\n";
    out += "# TYPE pitwall_timeouts_total counter\n";
    out += fmt::format("pitwall_timeouts_total {}\n", transport->timeouts.load());
  }
  return out;
}

}  // namespace pitwall::server
