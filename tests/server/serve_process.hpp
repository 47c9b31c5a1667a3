#pragma once
// `pitwall serve` as a process of its own on loopback, for the tests that kill it (crash_test)
// or run two of them (two_servers_test), and what a client does with it over the socket.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/http_client.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {

inline uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// `pitwall serve` on a workspace, as its own process on loopback.
class ServeProcess {
 public:
  ServeProcess(const std::string& ws, uint16_t port, std::vector<std::string> more = {})
      : port_(port) {
    std::vector<std::string> args = {
        "-w",        ws,  "serve",  "--listen", "127.0.0.1:" + std::to_string(port),
        "--workers", "2", "--jobs", "1"};
    args.insert(args.end(), more.begin(), more.end());
    pid_ = spawn_pitwall_at(args, kReview, temp_dir("serve") + ".txt");
    for (int i = 0; i < 300; ++i) {
      Client c(port_);
      if (c.connected() && c.send(http_request("GET", "/healthz"))) {
        auto r = c.read(std::chrono::seconds(2));
        if (r && r->status == 200) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the server did not start";
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      wait_pitwall(pid_);
    }
  }
  void kill9() {
    ::kill(pid_, SIGKILL);
    EXPECT_EQ(wait_pitwall(pid_), 128 + SIGKILL);
    pid_ = -1;
  }
  // Stops it the graceful way; its exit code.
  int terminate() {
    ::kill(pid_, SIGTERM);
    int code = wait_pitwall(pid_);
    pid_ = -1;
    return code;
  }
  uint16_t port() const { return port_; }

 private:
  uint16_t port_;
  pid_t pid_ = -1;
};

// A signed-in person over the socket: the headers to send.
inline std::string sign_in(uint16_t port, const std::string& user, const std::string& password) {
  Client c(port);
  c.send(http_request("POST", "/api/v1/login", "Content-Type: application/json\r\n",
                      io::Json::object().set("name", user).set("password", password).dump()));
  auto r = c.read();
  EXPECT_TRUE(r && r->status == 200) << user << ": " << (r ? r->body : "no answer");
  if (!r) return "";
  std::string cookie = r->header("set-cookie");
  return "Cookie: " + cookie.substr(0, cookie.find(';')) +
         "\r\nX-CSRF-Token: " + parse(r->body).get_string("csrf_token") + "\r\n";
}

inline std::optional<Response> get(uint16_t port, const std::string& auth,
                                   const std::string& target) {
  Client c(port);
  c.send(http_request("GET", target, auth));
  return c.read();
}

}  // namespace pitwall::testing::server
