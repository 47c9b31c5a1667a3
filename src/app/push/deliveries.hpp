#pragma once
// Deliveries (server.md §7: "each sent once; a restart does not send twice"): one record per
// message and target, keyed by what the message is — "<target>/<campaign>/<kind>/<subject>"
// (subject: the board's date, the alert's key, the milestone) — in collection
// "push.deliveries". The first server to insert the key owns the message (insert_record:
// kAlreadyExists for any other, across processes and servers on one database); the record then
// tells every later pass what became of it:
//
//   sending  claimed; a send is under way until lease_until (a server that died mid-send leaves
//            it, and the message is tried again once the lease ends)
//   retry    the last attempt failed (why in `error`); tried again from next_at, backing off
//            exponentially (first_retry, doubling, at most max_retry)
//   sent     the robot took it (at sent_at)
//   failed   max_attempts attempts failed: given up, why in `error`
//
// The log is HQ's to read (push:deliveries:read), newest first. It holds no URL, signature or
// secret: only the target's id, what was sent and how it went.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/push/targets.hpp"
#include "app/session.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::push {

inline constexpr std::string_view kDeliveries = "push.deliveries";

enum class DeliveryStatus : uint8_t { kSending, kRetry, kSent, kFailed };
std::string_view delivery_status_token(DeliveryStatus s);  // sending | retry | sent | failed
bool parse_delivery_status(std::string_view text, DeliveryStatus* s);

struct Delivery {
  std::string key;
  std::string target;
  std::string campaign;
  MessageKind kind = MessageKind::kBoard;
  std::string subject;  // the board's date, the alert's key, the milestone, "" for a test
  std::string title;    // the message's title, in the target's language
  DeliveryStatus status = DeliveryStatus::kSending;
  int64_t attempts = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t next_at = 0;      // retry: not before
  int64_t lease_until = 0;  // sending: owned until
  std::optional<int64_t> sent_at;
  std::string error;    // why the last attempt failed ("" when none did)
  int64_t bytes = 0;    // the last request's body
  int64_t dropped = 0;  // lines cut to fit the robot's limit
};

std::string delivery_record(const Delivery& d);
core::Result<Delivery> delivery_from_record(std::string_view json);

struct DeliveriesRequest {
  std::string target;  // "" = every target
  std::string status;  // "" or sending | retry | sent | failed
  std::string campaign;
};
// Newest first (updated_at, then key). Errors: kForbidden (not HQ), kUsage at --status.
core::Result<std::vector<Delivery>> list_deliveries(const Session& s, const DeliveriesRequest& r);

}  // namespace pitwall::app::push
