#pragma once
// The group robots' formats (docs/push.md): a composed message (messages.hpp) as the request a
// robot's webhook takes, within its size limit, signed when the target has a secret; and the
// robot's answer judged.
//
//   WeCom (企业微信) group robot   {"msgtype":"markdown","markdown":{"content":…}}; content at most
//                                  4096 bytes (UTF-8). No signature: the key in the URL is the
//                                  credential.
//   DingTalk (钉钉) custom robot   {"msgtype":"markdown","markdown":{"title":…,"text":…}}; a
//                                  message at most 20000 bytes. Signed ("加签"): the URL gets
//                                  timestamp (milliseconds) and sign = urlencode(base64(
//                                  HMAC-SHA256(key = secret, "timestamp\nsecret"))).
//   Feishu (飞书) custom bot       {"msg_type":"post","content":{"post":{"zh_cn":{"title":…,
//                                  "content":[[{"tag":"text","text":…}],…]}}}}; a body at most
//                                  20 KB. Signed ("签名校验"): the body gets "timestamp"
//                                  (seconds) and "sign" = base64(HMAC-SHA256(key =
//                                  "timestamp\nsecret", empty message)).
//
// A message longer than its robot takes is cut at a line, never rejected: the lines that fit are
// kept, then one line says how many were left out, with the link to the desk.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/push/messages.hpp"
#include "app/push/targets.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::push {

inline constexpr size_t kWecomContentLimit = 4096;
inline constexpr size_t kDingtalkTextLimit = 20000;
inline constexpr size_t kFeishuBodyLimit = 20000;

struct Outgoing {
  std::string url;   // with the signature's query for DingTalk: never stored or logged
  std::string body;  // application/json; charset=utf-8
  int dropped = 0;   // lines left out to fit the limit
};

// The request for `target` carrying `message`; `sign_at` (UTC seconds, the real clock: the robots
// refuse a signature more than an hour off theirs) stamps the signature.
Outgoing render(const Target& target, const Composed& message, int64_t sign_at);

// The robot's signatures (exposed for the tests' receiver).
std::string dingtalk_sign(std::string_view secret, int64_t timestamp_ms);
std::string feishu_sign(std::string_view secret, int64_t timestamp_seconds);

// OK when the robot took the message: HTTP 2xx and, in its JSON answer, errcode (WeCom,
// DingTalk) or code / StatusCode (Feishu) 0. Otherwise kUnavailable with the robot's own words
// (at most 200 bytes).
core::Status judge(RobotKind kind, int http_status, std::string_view body);

// "%E5%8D%8E…" of the bytes (RFC 3986 unreserved characters kept).
std::string percent_encode(std::string_view bytes);

}  // namespace pitwall::app::push
