#pragma once
// What the dispatcher and the routes share for the life of a server: its configuration, the
// route table, the counters, the caches, the clock and the jobs.

#include <cstdint>
#include <functional>

#include "server/cache.hpp"
#include "server/config.hpp"
#include "server/metrics.hpp"
#include "server/route.hpp"

namespace pitwall::app {
class Memo;
namespace push {
class Webhook;
}
}  // namespace pitwall::app

namespace pitwall::server {

class JobManager;

class Services {
 public:
  Services(const ServerConfig& c, const Router& r, Metrics& m, SessionCache& s, ReadCache& rc,
           std::function<int64_t()> clk)
      : config(c), router(r), metrics(m), sessions(s), reads(rc), clock(std::move(clk)) {}
  const ServerConfig& config;
  const Router& router;
  Metrics& metrics;
  SessionCache& sessions;
  ReadCache& reads;
  std::function<int64_t()> clock;
  JobManager* jobs = nullptr;
  app::Memo* memo = nullptr;  // derived from stored runs, shared by every session (app/memo.hpp)
  const TransportStats* transport = nullptr;
  app::push::Webhook* webhook = nullptr;  // the group robots' client (server/webhook.hpp)
};

}  // namespace pitwall::server
