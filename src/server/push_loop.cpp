#include "server/push_loop.hpp"

#include <fmt/format.h>

#include "app/workspace_handle.hpp"
#include "server/services.hpp"

namespace pitwall::server {

app::push::PushOptions push_options(const ServerConfig& c) {
  app::push::PushOptions o;
  o.desk_url = c.public_url;
  o.max_attempts = c.push_max_attempts;
  o.first_retry = c.push_first_retry_seconds;
  return o;
}

struct PushLoop::State {
  Services* services = nullptr;
  std::unique_ptr<store::Workspace> ws;
  app::push::PushOptions options;
  std::mutex mutex;  // guards stopping
  std::mutex pass;   // one pass at a time (the thread's and a test's)
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;
};

core::Result<std::unique_ptr<PushLoop>> PushLoop::create(Services& services) {
  std::unique_ptr<PushLoop> loop(new PushLoop());
  loop->state_ = std::make_unique<State>();
  State& st = *loop->state_;
  st.services = &services;
  st.ws = TRY(app::open_workspace(services.config.workspace));
  st.options = push_options(services.config);
  return loop;
}

PushLoop::~PushLoop() { stop(); }

void PushLoop::start() {
  State& st = *state_;
  int64_t tick = st.services->config.push_tick_ms;
  if (tick <= 0 || st.thread.joinable()) return;
  st.thread = std::thread([this, tick] {
    State& s = *state_;
    std::unique_lock lock(s.mutex);
    while (!s.stopping) {
      lock.unlock();
      if (auto r = pass(); !r) {
        fmt::print(stderr, "pitwall serve: push: {}\n", r.error().to_string());
      }
      lock.lock();
      s.wake.wait_for(lock, std::chrono::milliseconds(tick), [&] { return s.stopping; });
    }
  });
}

void PushLoop::stop() {
  if (!state_) return;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
}

core::Result<app::push::RunReport> PushLoop::pass() {
  State& st = *state_;
  std::lock_guard lock(st.pass);
  app::Session s = app::push::push_session(*st.ws, st.services->clock(), st.services->memo);
  auto report = TRY(app::push::run_due(s, *st.services->webhook, st.options));
  if (!report.attempted.empty()) st.services->reads.bump();
  for (const std::string& e : report.errors) {
    fmt::print(stderr, "pitwall serve: push: {}\n", e);
  }
  return report;
}

}  // namespace pitwall::server
