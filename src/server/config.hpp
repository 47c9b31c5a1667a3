#pragma once
// The server's configuration (docs/server.md "Configuration"): `pitwall serve` options, or a TOML
// file given with --config whose keys are the same names (options given on the command line
// win). Everything has a default that suits one machine with two cores.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/auth/identity.hpp"
#include "core/base/result.hpp"
#include "server/transport/http_server.hpp"

namespace pitwall::server {

struct ServerConfig {
  TransportOptions transport;
  std::string workspace;        // the workspace folder
  std::string data_dir;         // uploads and exports; default <workspace>/server
  std::string binary;           // the pitwall program (the close-out worker); default this one
  int workers = 4;              // threads running routes, each with its own workspace handle
  int jobs = 2;                 // jobs running at once; the others queue
  int64_t job_queue = 100;      // jobs waiting to run; more answer 503 (and Retry-After)
  int64_t queue_limit = 10000;  // requests waiting for a worker; more answer 503
  app::auth::Policy auth;
  // The clock: unset, the system's; set (--now), it starts at this instant and runs, `clock_rate`
  // seconds per real second (a demo steps through a campaign's days: 3600 runs a day in 24 s).
  std::optional<int64_t> now;
  int64_t clock_rate = 1;
  std::function<int64_t()> clock;  // tests: a clock of their own (wins over `now`)
  // Behind a proxy on this machine (nginx): trust X-Forwarded-For and X-Forwarded-Proto from a
  // loopback peer.
  bool trust_proxy = false;
  // How long a read may be served again while no change is seen (cache.hpp); an answer that
  // depends on the clock, at most read_cache_clock_ms. 0 keeps nothing.
  int64_t read_cache_ms = 600000;
  int64_t read_cache_clock_ms = 10000;
  // How often the server asks the workspace whether another process changed it; 0 never (then
  // their changes show only when a read ages out).
  int64_t change_poll_ms = 200;
  int64_t session_cache_ms = 60000;  // how long a checked session is trusted without the store
  int64_t memo_mb =
      1024;  // stored runs kept parsed in memory, shared by all readers (app/memo.hpp)
  std::string static_dir;  // the web desk's files, served at / (optional)
  // Pushing to group robots (docs/push.md): how often the scheduler looks for what is due (0:
  // never), the desk's public address for the messages' links, each webhook request's time
  // limit, and the retries (attempts; the first retry's wait, doubling up to an hour).
  int64_t push_tick_ms = 30000;
  std::string public_url;
  int64_t push_timeout_ms = 10000;
  int64_t push_max_attempts = 6;
  int64_t push_first_retry_seconds = 60;
};

// Reads `path` (TOML) over the defaults in `config`. Errors: kInvalidInput naming the file, line
// and key; kNotFound.
core::Status load_config_file(const std::string& path, ServerConfig& config);
// Parses "HOST:PORT" into the transport options. Errors: kUsage.
core::Status parse_listen(std::string_view text, TransportOptions& transport);

// The server's clock (UTC seconds): the system's, or --now's instant running on at `rate`
// seconds per second.
std::function<int64_t()> make_clock(std::optional<int64_t> start, int64_t rate = 1);

}  // namespace pitwall::server
