#pragma once
// `pitwall serve`: the HTTP JSON API over one workspace (server.md §4; docs/server.md). A Server
// owns the transport, the worker pool (each worker with its own workspace handle), the
// dispatcher, the caches, the counters and the jobs. Tests start one in-process on port 0 and
// either call its dispatcher (no socket) or talk to its port.

#include <memory>
#include <string>

#include "core/base/result.hpp"
#include "server/config.hpp"

namespace pitwall::server {

class Dispatcher;
class PushLoop;

class Server {
 public:
  // Opens the workspace (one handle per worker), binds the address, readies the jobs (a job a
  // previous process left unfinished is marked interrupted). Errors: the workspace's, kIo (the
  // address), kInvalidInput.
  static core::Result<std::unique_ptr<Server>> create(ServerConfig config);
  ~Server();
  uint16_t port() const;
  // Serves until stop(); then finishes what runs (requests, running jobs within the grace).
  void run();
  // Graceful shutdown; any thread.
  void stop();
  Dispatcher& dispatcher();
  // The push scheduler (runs while run() does; tests call its pass()).
  PushLoop& push();
  const ServerConfig& config() const;

 private:
  Server() = default;
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// Runs a server until SIGTERM or SIGINT (then shuts down gracefully); prints where it listens
// in `lang`. Errors: as Server::create.
core::Status serve(ServerConfig config, app::Lang lang);

}  // namespace pitwall::server
