#pragma once
// The server's tests: a small demo workspace (12 stores in 6 regions, ~2,000 orders, close-out
// run 1, every user's password) made once for all test processes of a build (a lock file keeps
// two from making it at once) and copied per test, and a Harness that runs a Server in-process
// on it: requests answered by its dispatcher without a socket (route tests), or over loopback
// when a test starts run() (socket tests). The clock is the test's.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/spawn_pitwall.hpp"
#include "io/json/json.hpp"
#include "io/text/iso_time.hpp"
#include "server/dispatcher.hpp"
#include "server/server.hpp"

namespace pitwall::testing::server {

inline constexpr const char* kCampaign = "2023-spring-renewal";
// In the review window, before the appeal cut-off (2023-04-01 18:00).
inline constexpr const char* kReview = "2023-04-01T10:00:00+08:00";
inline int64_t at(const char* iso) { return io::parse_iso_instant(iso).value(); }

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shared demo: made under the build folder the first time a test needs it (and again when
// the pitwall binary changed), by one process while the others wait on the lock.
inline const std::string& shared_demo() {
  static const std::string dir = [] {
    struct stat st {};
    ::stat(PITWALL_BINARY, &st);
    std::string base = std::string(PITWALL_TEST_CACHE) + "/server-demo";
    std::filesystem::create_directories(base);
    std::string stamp = std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_size);
    std::string ws = base + "/demo";
    int lock = ::open((base + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ::flock(lock, LOCK_EX);
    if (read_text(base + "/stamp") != stamp) {
      std::filesystem::remove_all(ws);
      EXPECT_EQ(wait_pitwall(spawn_pitwall_at({"demo", ws, "--orders", "2000", "--stores", "12"},
                                              kReview, "/dev/null")),
                0);
      EXPECT_EQ(wait_pitwall(spawn_pitwall_at(
                    {"-w", ws, "closeout", "run", "--campaign", kCampaign, "--as", "hq"}, kReview,
                    "/dev/null")),
                0);
      std::ofstream(base + "/stamp") << stamp;
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
    return ws;
  }();
  return dir;
}

inline std::string temp_dir(const std::string& name) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  return dir.string();
}

// A copy of the shared demo for one test.
inline std::string demo_copy(const std::string& name = "server") {
  std::string dir = temp_dir(name);
  std::filesystem::copy(shared_demo(), dir, std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dir + "/server");
  return dir;
}

// name -> password, from the demo's demo-passwords.txt.
inline std::map<std::string, std::string> demo_passwords(const std::string& ws) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_text(ws + "/demo-passwords.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

inline io::Json parse(const std::string& body) {
  auto j = io::Json::parse(body);
  EXPECT_TRUE(j.has_value()) << body.substr(0, 400);
  return j ? *j : io::Json();
}

// A signed-in person: the session cookie and CSRF token (or an API token).
struct Who {
  std::string name;
  std::string cookie;  // "pw_session=..."
  std::string csrf;
  std::string token;  // "Bearer" token instead
};

class Harness {
 public:
  explicit Harness(std::string workspace, int64_t now = at(kReview),
                   std::function<void(pitwall::server::ServerConfig&)> tune = {})
      : workspace_(std::move(workspace)), now_(now) {
    pitwall::server::ServerConfig c;
    c.workspace = workspace_;
    c.transport.port = 0;
    c.workers = 2;
    c.jobs = 1;
    c.clock = [this] { return now_.load(); };
    c.binary = PITWALL_BINARY;
    // The caches trust a session (or a read) for a moment of real time; the tests' clock jumps:
    // off unless a test turns them on.
    c.session_cache_ms = 0;
    c.read_cache_ms = 0;
    if (tune) tune(c);
    auto s = pitwall::server::Server::create(std::move(c));
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
    server_ = std::move(*s);
    passwords_ = demo_passwords(workspace_);
  }
  ~Harness() { stop(); }

  const std::string& workspace() const { return workspace_; }
  pitwall::server::Server& server() { return *server_; }
  // A jump of the clock ends the sessions (idle and absolute expiry): the next who() signs in.
  void set_now(int64_t t) {
    now_ = t;
    sessions_.clear();
  }
  void advance(int64_t seconds) { now_ += seconds; }
  int64_t now() const { return now_.load(); }
  const std::string& password(const std::string& user) { return passwords_[user]; }

  // Serving over loopback (socket tests): run() on a thread of its own.
  uint16_t listen() {
    if (!thread_.joinable()) thread_ = std::thread([this] { server_->run(); });
    return server_->port();
  }
  void stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }

  // A request answered by the dispatcher (no socket).
  pitwall::server::Reply call(const std::string& method, const std::string& target,
                              const std::string& body = "",
                              std::vector<pitwall::server::Header> headers = {},
                              const std::string& address = "127.0.0.1") {
    pitwall::server::Request r;
    r.method = method;
    r.target = target;
    EXPECT_TRUE(pitwall::server::parse_target(target, r)) << target;
    r.headers = std::move(headers);
    r.body = body;
    r.remote_address = address;
    if (!body.empty() && !has(r.headers, "content-type")) {
      r.headers.push_back({"content-type", "application/json"});
    }
    auto reply = server_->dispatcher().call(std::move(r));
    // PITWALL_API_SAMPLES=FILE: every exchange as a JSON line (what docs/api/openapi.json's
    // schemas were checked against).
    if (const char* samples = std::getenv("PITWALL_API_SAMPLES")) {
      std::ofstream(samples, std::ios::app)
          << io::Json::object()
                 .set("method", method)
                 .set("target", target)
                 .set("request", body)
                 .set("status", reply.status)
                 .set("type", reply.content_type)
                 .set("body", reply.body.size() < 200000 ? reply.body : std::string())
                 .dump()
          << "\n";
    }
    return reply;
  }

  pitwall::server::Reply as(const Who& who, const std::string& method, const std::string& target,
                            const std::string& body = "",
                            std::vector<pitwall::server::Header> headers = {}) {
    if (!who.token.empty()) {
      headers.push_back({"authorization", "Bearer " + who.token});
    } else if (!who.cookie.empty()) {
      headers.push_back({"cookie", who.cookie});
      if (method != "GET") headers.push_back({"x-csrf-token", who.csrf});
    }
    return call(method, target, body, std::move(headers));
  }

  // Signs `user` in with the demo's password.
  Who login(const std::string& user, const std::string& address = "127.0.0.1") {
    auto r = call("POST", "/api/v1/login",
                  io::Json::object().set("name", user).set("password", password(user)).dump(), {},
                  address);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    Who w;
    w.name = user;
    for (const auto& h : r.headers) {
      if (h.name == "set-cookie") w.cookie = h.value.substr(0, h.value.find(';'));
    }
    w.csrf = parse(r.body).get_string("csrf_token");
    return w;
  }

  // Signs in once per user and remembers it.
  const Who& who(const std::string& user) {
    auto it = sessions_.find(user);
    if (it == sessions_.end()) it = sessions_.emplace(user, login(user)).first;
    return it->second;
  }

  static bool has(const std::vector<pitwall::server::Header>& headers, const std::string& name) {
    for (const auto& h : headers) {
      if (h.name == name) return true;
    }
    return false;
  }

 private:
  std::string workspace_;
  std::atomic<int64_t> now_;
  std::unique_ptr<pitwall::server::Server> server_;
  std::thread thread_;
  std::map<std::string, std::string> passwords_;
  std::map<std::string, Who> sessions_;
};

inline std::string header_of(const pitwall::server::Reply& r, const std::string& name) {
  for (const auto& h : r.headers) {
    if (h.name == name) return h.value;
  }
  return "";
}

// Runs the built pitwall with `args` at `now`; its stdout.
inline std::string pitwall_output(const std::vector<std::string>& args, const std::string& now) {
  std::string out = temp_dir("out") + ".txt";
  EXPECT_EQ(wait_pitwall(spawn_pitwall_at(args, now, out)), 0);
  return read_text(out);
}

}  // namespace pitwall::testing::server
