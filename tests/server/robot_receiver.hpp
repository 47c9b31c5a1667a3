#pragma once
// A group robot on this machine for the push tests: an HTTP/1.1 server on 127.0.0.1 (a port of
// its own) that takes POSTs as WeCom's, DingTalk's and Feishu's webhooks do and checks each
// against its robot's documented format and signature (docs/push.md):
//   /wecom/...    {"msgtype":"markdown","markdown":{"content"}}, content at most 4096 bytes
//   /dingtalk/... {"msgtype":"markdown","markdown":{"title","text"}}, text at most 20000 bytes;
//                 with a secret, ?timestamp=MS&sign=urlencode(base64(HMAC-SHA256))
//   /feishu/...   {"msg_type":"post","content":{"post":{lang:{"title","content"}}}}, body at
//                 most 20 KB; with a secret, "timestamp" and "sign" in the body
// It answers as the robot would ({"errcode":0} / {"code":0}), or HTTP 500 under /fail/. What it
// received, and every violation found, are kept for the test. Nothing here leaves loopback.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/push/robots.hpp"
#include "io/json/json.hpp"

namespace pitwall::testing::server {

class RobotReceiver {
 public:
  struct Received {
    std::string path;  // with its query
    std::string body;
  };

  // `secrets`: the path prefix of a signed robot -> its secret ("/dingtalk/east" -> "SEC...").
  explicit RobotReceiver(std::map<std::string, std::string> secrets = {})
      : secrets_(std::move(secrets)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~RobotReceiver() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  std::vector<std::string> violations() {
    std::lock_guard lock(mutex_);
    return violations_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      handle(c);
      ::close(c);
    }
  }

  void handle(int c) {
    std::string in;
    char buf[8192];
    size_t header_end = std::string::npos, length = 0;
    while (true) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return;
      ssize_t n = ::read(c, buf, sizeof buf);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
      if (header_end == std::string::npos &&
          (header_end = in.find("\r\n\r\n")) != std::string::npos) {
        std::string head = in.substr(0, header_end);
        for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t at = head.find("content-length:");
        if (at != std::string::npos) length = std::stoul(head.substr(at + 15));
      }
      if (header_end != std::string::npos && in.size() >= header_end + 4 + length) break;
    }
    size_t sp1 = in.find(' '), sp2 = in.find(' ', sp1 + 1);
    Received r{in.substr(sp1 + 1, sp2 - sp1 - 1), in.substr(header_end + 4, length)};
    std::string reply = check(r);
    std::string status = r.path.starts_with("/fail/") ? "500 Internal Server Error" : "200 OK";
    if (r.path.starts_with("/fail/")) reply = "down for maintenance";
    std::string out =
        "HTTP/1.1 " + status +
        "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
        std::to_string(reply.size()) + "\r\n\r\n" + reply;
    [[maybe_unused]] ssize_t w = ::write(c, out.data(), out.size());
    std::lock_guard lock(mutex_);
    received_.push_back(std::move(r));
  }

  void violation(const Received& r, const std::string& what) {
    std::lock_guard lock(mutex_);
    violations_.push_back(r.path + ": " + what);
  }

  std::string secret_of(const std::string& path) const {
    for (const auto& [prefix, secret] : secrets_) {
      if (path.starts_with(prefix)) return secret;
    }
    return "";
  }

  static std::string query_value(const std::string& path, const std::string& name) {
    size_t at = path.find("&" + name + "=");
    if (at == std::string::npos) at = path.find("?" + name + "=");
    if (at == std::string::npos) return "";
    size_t from = at + name.size() + 2;
    return path.substr(from, path.find('&', from) - from);
  }

  // The robot's answer; a violation of its format is recorded.
  std::string check(const Received& r) {
    auto body = io::Json::parse(r.body);
    if (!body || !body->is_object()) {
      violation(r, "the body is not a JSON object");
      return R"({"errcode":40001,"errmsg":"invalid json"})";
    }
    std::string secret = secret_of(r.path);
    if (r.path.starts_with("/wecom/") || r.path.starts_with("/fail/")) {
      const io::Json* md = body->find("markdown");
      if (body->get_string("msgtype") != "markdown" || md == nullptr) violation(r, "not markdown");
      if (md && md->get_string("content").size() > 4096) violation(r, "content over 4096 bytes");
      return R"({"errcode":0,"errmsg":"ok"})";
    }
    if (r.path.starts_with("/dingtalk/")) {
      const io::Json* md = body->find("markdown");
      if (body->get_string("msgtype") != "markdown" || md == nullptr ||
          md->get_string("title").empty()) {
        violation(r, "not markdown with a title");
      }
      if (md && md->get_string("text").size() > 20000) violation(r, "text over 20000 bytes");
      if (!secret.empty()) {
        std::string ts = query_value(r.path, "timestamp");
        std::string sign = query_value(r.path, "sign");
        if (ts.empty() ||
            sign != app::push::percent_encode(app::push::dingtalk_sign(secret, std::stoll(ts)))) {
          violation(r, "DingTalk signature does not match");
          return R"({"errcode":310000,"errmsg":"sign not match"})";
        }
      }
      return R"({"errcode":0,"errmsg":"ok"})";
    }
    if (r.path.starts_with("/feishu/")) {
      const io::Json* content = body->find("content");
      const io::Json* post = content ? content->find("post") : nullptr;
      if (body->get_string("msg_type") != "post" || post == nullptr || post->size() != 1) {
        violation(r, "not a post");
      }
      if (r.body.size() > 20000) violation(r, "body over 20 KB");
      if (!secret.empty()) {
        std::string ts = body->get_string("timestamp");
        if (ts.empty() ||
            body->get_string("sign") != app::push::feishu_sign(secret, std::stoll(ts))) {
          violation(r, "Feishu signature does not match");
          return R"({"code":19021,"msg":"sign match fail"})";
        }
      }
      return R"({"code":0,"msg":"success"})";
    }
    violation(r, "no such robot");
    return R"({"errcode":404})";
  }

  std::map<std::string, std::string> secrets_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Received> received_;
  std::vector<std::string> violations_;
};

}  // namespace pitwall::testing::server
