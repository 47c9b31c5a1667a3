#pragma once
// The push scheduler inside `pitwall serve` (server.md §7, docs/push.md): a thread that runs one
// pass of app::push::run_due every push_tick_ms on the server's clock — so `serve --now` (and a
// test's clock) steps the days — with a workspace handle of its own. What is due and the
// once-only claims are the app layer's (app/push/scheduler.hpp); this only keeps time, and after a
// pass that wrote, empties the read cache (the delivery log changed).
//
// Several servers on one database each run a loop; the claims make each message go out once.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "app/push/scheduler.hpp"
#include "core/base/result.hpp"

namespace pitwall::server {

class Services;
struct ServerConfig;

// The scheduler's options from the server's configuration (public_url, push_*).
app::push::PushOptions push_options(const ServerConfig& config);

class PushLoop {
 public:
  // Opens its own workspace handle. Errors: the workspace's.
  // `services.webhook` sends.
  static core::Result<std::unique_ptr<PushLoop>> create(Services& services);
  ~PushLoop();
  // Starts the thread (when push_tick_ms > 0).
  void start();
  // Stops the thread after the pass under way.
  void stop();
  // One pass now, on the calling thread (tests).
  core::Result<app::push::RunReport> pass();

 private:
  PushLoop() = default;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pitwall::server
