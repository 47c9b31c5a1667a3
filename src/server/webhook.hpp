#pragma once
// The group robots' webhook client (docs/push.md): an HTTP POST of a JSON body through libcurl
// (the one .cpp that includes it), HTTPS verified against the system's certificates, plain HTTP
// for a receiver on this machine. Each request has its own connect and total time limits, so a
// robot that does not answer costs at most `timeout`. Errors name the robot's host at most —
// never its URL, which carries the robot's access token.

#include <chrono>
#include <memory>
#include <string>

#include "app/push/scheduler.hpp"

namespace pitwall::server {

class CurlWebhook : public app::push::Webhook {
 public:
  explicit CurlWebhook(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Errors: kUnavailable ("cannot reach qyapi.weixin.qq.com: Timeout was reached").
  core::Result<Answer> post(const std::string& url, const std::string& body) override;
  int64_t wall_clock() override;

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace pitwall::server
