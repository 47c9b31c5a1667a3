#pragma once
// Push targets (server.md §7, docs/push.md): the group robots the desk publishes to — a WeCom
// (企业微信) group robot, a DingTalk (钉钉) custom robot, a Feishu (飞书) custom bot — each with
// its webhook URL, optional signing secret, scope (the network or one region: a region's group
// sees only its stores), language, the messages it takes (the daily board, critical alerts, the
// closing plan's reminders) and the local time of its board.
//
// Who (server.md §2): HQ alone configures targets (push:targets:write) and reads them and their
// delivery log (push:deliveries:read). The webhook URL carries the robot's access token and the
// secret signs its messages: neither is ever shown again once stored. Results hold the URL with
// its credentials masked (masked_url) and whether a secret is set; nothing here writes them to a
// log. Stored as records, collection "push.targets", key the target's id ("PT001").
//
// Errors: kForbidden (not HQ), kInvalidInput at the field ("--url", "--kind", "--region",
// "--lang", "--messages", "--board-time", "--campaign", "--name") saying what was expected,
// kNotFound (a target id).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::push {

inline constexpr std::string_view kTargets = "push.targets";

// The index of `text` among `tokens`, or -1.
int token_index(std::span<const std::string_view> tokens, std::string_view text);

enum class RobotKind : uint8_t { kWecom, kDingtalk, kFeishu };
std::string_view robot_token(RobotKind kind);  // wecom | dingtalk | feishu
bool parse_robot(std::string_view text, RobotKind* kind);

// What a target takes (and what a delivery carries; kTest only from `push target test`).
enum class MessageKind : uint8_t { kBoard, kAlert, kReminder, kTest };
std::string_view message_token(MessageKind kind);  // board | alert | reminder | test
bool parse_message(std::string_view text, MessageKind* kind);

struct Target {
  std::string id;  // "PT001"
  std::string name;
  RobotKind kind = RobotKind::kWecom;
  std::string url;     // the whole webhook URL: never shown (masked_url)
  std::string secret;  // the signing secret, "" for none: never shown
  std::string region;  // "" = the network
  Lang lang = Lang::kZh;
  bool board = true, alerts = true, reminders = true;
  int board_minute = 9 * 60;  // the board's local time, minutes after midnight
  std::string campaign;       // "" = every campaign while it runs
  std::string created_by;
  int64_t created_at = 0;

  bool takes(MessageKind kind) const;
};

// The URL with what grants access hidden: every query value and a Feishu hook's last path
// segment keep their first 4 characters ("key=693a…").
std::string masked_url(std::string_view url);

struct AddTargetRequest {
  std::string name;
  std::string kind;  // wecom | dingtalk | feishu
  std::string url;
  std::string secret;
  std::string region;                 // "" = network
  std::string lang = "zh";            // zh | en
  std::vector<std::string> messages;  // board, alert, reminder; empty = all three
  std::string board_time = "09:00";   // HH:MM in the campaign's zone
  std::string campaign;               // "" = every campaign
};
core::Result<Target> add_target(const Session& s, const AddTargetRequest& r);
core::Result<std::vector<Target>> list_targets(const Session& s);  // by id
// Removes the target (its delivery log stays). Errors: kNotFound.
core::Result<Target> remove_target(const Session& s, const std::string& id);

// Records: a target as stored (with its URL and secret) and back.
std::string target_record(const Target& t);
core::Result<Target> target_from_record(std::string_view json);
// Every stored target, by id (no permission check: the scheduler's and the use cases' reading).
core::Result<std::vector<Target>> load_targets(const Session& s);

}  // namespace pitwall::app::push
