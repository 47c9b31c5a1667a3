#include "server/config.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "io/toml/toml_reader.hpp"

namespace pitwall::server {

namespace {

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Status read_seconds(io::TomlSection& s, std::string_view key, std::chrono::seconds& value) {
  value = std::chrono::seconds(TRY(s.integer(key, value.count(), 1)));
  return {};
}

}  // namespace

core::Status parse_listen(std::string_view text, TransportOptions& transport) {
  size_t colon = text.rfind(':');
  auto bad = [&] {
    auto e = core::make_error(
        core::ErrorCode::kUsage,
        "--listen: expected HOST:PORT like 127.0.0.1:8080, found \"" + std::string(text) + "\"");
    e.at_column("--listen");
    return e;
  };
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string_view port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5) return bad();
  uint32_t value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return bad();
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > 65535) return bad();
  transport.host = host;
  transport.port = static_cast<uint16_t>(value);
  return {};
}

core::Status load_config_file(const std::string& path, ServerConfig& c) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    auto e = core::not_found("cannot read the configuration file");
    e.at_file(path);
    return e;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto doc = TRY(io::TomlDocument::parse(text.str(), path));
  io::TomlSection root = doc.root();
  std::string listen = TRY(root.string("listen", ""));
  if (!listen.empty()) TRY(parse_listen(listen, c.transport));
  c.workspace = TRY(root.string("workspace", c.workspace));
  c.data_dir = TRY(root.string("data_dir", c.data_dir));
  c.static_dir = TRY(root.string("static_dir", c.static_dir));
  c.transport.tls_cert = TRY(root.string("tls_cert", c.transport.tls_cert));
  c.transport.tls_key = TRY(root.string("tls_key", c.transport.tls_key));
  c.workers = static_cast<int>(TRY(root.integer("workers", c.workers, 1)));
  c.jobs = static_cast<int>(TRY(root.integer("jobs", c.jobs, 1)));
  c.job_queue = TRY(root.integer("job_queue", c.job_queue, 0));
  c.transport.io_threads =
      static_cast<int>(TRY(root.integer("io_threads", c.transport.io_threads, 1)));
  c.transport.max_connections =
      static_cast<int>(TRY(root.integer("max_connections", c.transport.max_connections, 1)));
  c.queue_limit = TRY(root.integer("queue_limit", c.queue_limit, 1));
  c.trust_proxy = TRY(root.boolean("trust_proxy", c.trust_proxy));
  c.read_cache_ms = TRY(root.integer("read_cache_ms", c.read_cache_ms, 0));
  c.read_cache_clock_ms = TRY(root.integer("read_cache_clock_ms", c.read_cache_clock_ms, 0));
  c.change_poll_ms = TRY(root.integer("change_poll_ms", c.change_poll_ms, 0));
  c.session_cache_ms = TRY(root.integer("session_cache_ms", c.session_cache_ms, 0));
  c.memo_mb = TRY(root.integer("memo_mb", c.memo_mb, 0));
  c.clock_rate = TRY(root.integer("clock_rate", c.clock_rate, 1));
  c.push_tick_ms = TRY(root.integer("push_tick_ms", c.push_tick_ms, 0));
  c.public_url = TRY(root.string("public_url", c.public_url));
  c.push_timeout_ms = TRY(root.integer("push_timeout_ms", c.push_timeout_ms, 100));
  c.push_max_attempts = TRY(root.integer("push_max_attempts", c.push_max_attempts, 1));
  c.push_first_retry_seconds =
      TRY(root.integer("push_first_retry_seconds", c.push_first_retry_seconds, 1));
  c.transport.upload_limit = static_cast<uint64_t>(
      TRY(root.integer("upload_limit", static_cast<int64_t>(c.transport.upload_limit), 1)));
  TRY(read_seconds(root, "header_timeout", c.transport.header_timeout));
  TRY(read_seconds(root, "body_timeout", c.transport.body_timeout));
  TRY(read_seconds(root, "idle_timeout", c.transport.idle_timeout));
  TRY(read_seconds(root, "write_timeout", c.transport.write_timeout));
  TRY(read_seconds(root, "shutdown_grace", c.transport.grace));
  if (auto auth = TRY(root.section("auth"))) {
    c.auth.idle_seconds = TRY(auth->integer("idle_seconds", c.auth.idle_seconds, 60));
    c.auth.absolute_seconds = TRY(auth->integer("absolute_seconds", c.auth.absolute_seconds, 60));
    c.auth.account_failures = TRY(auth->integer("account_failures", c.auth.account_failures, 1));
    c.auth.address_failures = TRY(auth->integer("address_failures", c.auth.address_failures, 1));
    c.auth.failure_window_seconds =
        TRY(auth->integer("failure_window_seconds", c.auth.failure_window_seconds, 1));
    c.auth.lockout_seconds = TRY(auth->integer("lockout_seconds", c.auth.lockout_seconds, 1));
    TRY(auth->finish());
  }
  return root.finish();
}

std::function<int64_t()> make_clock(std::optional<int64_t> start, int64_t rate) {
  if (!start) return system_now;
  int64_t began = system_now();
  int64_t from = *start;
  return [began, from, rate] { return from + (system_now() - began) * rate; };
}

}  // namespace pitwall::server
