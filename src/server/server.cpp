#include "server/server.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <thread>

#include "app/memo.hpp"
#include "server/cache.hpp"
#include "server/dispatcher.hpp"
#include "server/jobs.hpp"
#include "server/metrics.hpp"
#include "server/pool.hpp"
#include "server/push_loop.hpp"
#include "server/services.hpp"
#include "server/webhook.hpp"

namespace pitwall::server {

namespace {

core::Status make_dir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    auto e = core::make_error(core::ErrorCode::kIo, "cannot create the folder");
    e.at_file(dir);
    return e;
  }
  return {};
}

}  // namespace

struct Server::Parts {
  ServerConfig config;
  Router router{all_routes()};
  Metrics metrics{router};
  std::unique_ptr<SessionCache> sessions;
  std::unique_ptr<ReadCache> reads;
  std::unique_ptr<ChangeWatch> changes;
  std::unique_ptr<app::Memo> memo;
  std::unique_ptr<Services> services;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<JobManager> jobs;
  std::unique_ptr<app::push::Webhook> webhook;
  std::unique_ptr<PushLoop> push;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<HttpServer> http;
};

core::Result<std::unique_ptr<Server>> Server::create(ServerConfig config) {
  std::unique_ptr<Server> server(new Server());
  auto parts = std::make_unique<Parts>();
  if (config.data_dir.empty()) config.data_dir = config.workspace + "/server";
  parts->config = std::move(config);
  const ServerConfig& c = parts->config;
  TRY(make_dir(c.data_dir));
  TRY(make_dir(c.data_dir + "/uploads"));
  TRY(make_dir(c.data_dir + "/jobs"));
  parts->sessions = std::make_unique<SessionCache>(c.session_cache_ms);
  parts->reads = std::make_unique<ReadCache>();
  if (c.change_poll_ms > 0 && (c.read_cache_ms > 0 || c.session_cache_ms > 0)) {
    parts->changes = std::make_unique<ChangeWatch>(TRY(app::open_workspace(c.workspace)),
                                                   *parts->reads, *parts->sessions,
                                                   std::chrono::milliseconds(c.change_poll_ms));
  }
  parts->services =
      std::make_unique<Services>(c, parts->router, parts->metrics, *parts->sessions, *parts->reads,
                                 c.clock ? c.clock : make_clock(c.now, c.clock_rate));
  parts->memo = std::make_unique<app::Memo>(static_cast<size_t>(c.memo_mb) << 20);
  parts->services->memo = parts->memo.get();
  parts->pool = TRY(WorkerPool::create(c.workers, c.workspace));
  parts->jobs = TRY(JobManager::create(*parts->services));
  parts->services->jobs = parts->jobs.get();
  parts->webhook = std::make_unique<CurlWebhook>(std::chrono::milliseconds(c.push_timeout_ms));
  parts->services->webhook = parts->webhook.get();
  parts->push = TRY(PushLoop::create(*parts->services));
  parts->dispatcher = std::make_unique<Dispatcher>(*parts->services, *parts->pool);
  parts->http = TRY(HttpServer::create(c.transport, *parts->dispatcher));
  parts->services->transport = &parts->http->stats();
  server->parts_ = std::move(parts);
  return server;
}

Server::~Server() {
  if (!parts_) return;
  if (parts_->push) parts_->push->stop();
  if (parts_->jobs) parts_->jobs->stop(0);
  if (parts_->pool) parts_->pool->stop();
}

uint16_t Server::port() const { return parts_->http->port(); }

void Server::run() {
  parts_->push->start();
  parts_->http->run();
  parts_->push->stop();
  // The connections are done: running jobs get the grace period, then the workers stop.
  parts_->jobs->stop(parts_->config.transport.grace.count());
  parts_->pool->stop();
}

void Server::stop() { parts_->http->stop(); }

Dispatcher& Server::dispatcher() { return *parts_->dispatcher; }

PushLoop& Server::push() { return *parts_->push; }

const ServerConfig& Server::config() const { return parts_->config; }

core::Status serve(ServerConfig config, app::Lang lang) {
  // SIGTERM and SIGINT go to one thread that starts the graceful shutdown; every other thread
  // (created below, so inheriting the mask) ignores them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = TRY(Server::create(std::move(config)));
  const ServerConfig& c = server->config();
  std::string scheme = c.transport.tls_cert.empty() ? "http" : "https";
  fmt::print("{}\n", app::tr(lang, "server.listening", scheme, c.transport.host, server->port(),
                             c.workspace));
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    fmt::print("{}\n", app::tr(lang, "server.stopping"));
    std::fflush(stdout);
    server->stop();
  });
  server->run();
  // run() returned without a signal only if the server failed; wake the waiter either way.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  fmt::print("{}\n", app::tr(lang, "server.stopped"));
  return {};
}

}  // namespace pitwall::server
