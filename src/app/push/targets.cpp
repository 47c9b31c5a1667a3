#include "app/push/targets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/permission.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/model/table.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::push {

namespace {

constexpr std::string_view kRobots[] = {"wecom", "dingtalk", "feishu"};
constexpr std::string_view kMessages[] = {"board", "alert", "reminder", "test"};

core::Error invalid_at(std::string message, std::string_view field) {
  core::Error e = core::make_error(core::ErrorCode::kInvalidInput, std::move(message));
  e.at_column(std::string(field));
  return e;
}

// "09:00" -> 540. Errors: kInvalidInput at --board-time.
core::Result<int> parse_board_time(const Session& s, std::string_view text) {
  auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return invalid_at(s.tr("push.bad_board_time", text), "--board-time");
  }
  int hour = (text[0] - '0') * 10 + (text[1] - '0');
  int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour > 23 || minute > 59)
    return invalid_at(s.tr("push.bad_board_time", text), "--board-time");
  return hour * 60 + minute;
}

core::Status check_url(const Session& s, std::string_view url) {
  bool web = url.starts_with("https://") || url.starts_with("http://");
  bool clean = std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\\';
  });
  if (web && clean && url.size() <= 2000 && url.find("://") + 3 < url.size()) return {};
  return invalid_at(s.tr("push.bad_url"), "--url");
}

// The regions of the stores master file. Errors: kInvalidInput naming the known ones.
core::Status check_region(const Session& s, const std::string& region) {
  if (region.empty()) return {};
  core::Table stores = TRY(s.workspace().load_table(core::TableKind::kStores, ""));
  std::vector<std::string> known;
  for (size_t r = 0; r < stores.rows(); ++r) {
    known.emplace_back(stores.text(core::stores::kRegion, r));
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  if (std::binary_search(known.begin(), known.end(), region)) return {};
  return invalid_at(s.tr("push.unknown_region", region, fmt::format("{}", fmt::join(known, ", "))),
                    "--region");
}

core::Status apply_messages(const Session& s, const std::vector<std::string>& messages, Target& t) {
  if (messages.empty()) return {};
  t.board = t.alerts = t.reminders = false;
  for (const std::string& m : messages) {
    MessageKind kind{};
    if (!parse_message(m, &kind) || kind == MessageKind::kTest) {
      return invalid_at(s.tr("push.bad_message", m), "--messages");
    }
    (kind == MessageKind::kBoard   ? t.board
     : kind == MessageKind::kAlert ? t.alerts
                                   : t.reminders) = true;
  }
  return {};
}

core::Result<Target> target_of(const Session& s, const AddTargetRequest& r) {
  Target t;
  t.name = r.name;
  if (t.name.empty() || t.name.size() > 100) return invalid_at(s.tr("push.bad_name"), "--name");
  if (!parse_robot(r.kind, &t.kind)) return invalid_at(s.tr("push.bad_kind", r.kind), "--kind");
  TRY(check_url(s, r.url));
  t.url = r.url;
  if (r.secret.size() > 200) return invalid_at(s.tr("push.bad_secret"), "--secret");
  t.secret = r.secret;
  TRY(check_region(s, r.region));
  t.region = r.region;
  if (r.lang != "zh" && r.lang != "en") return invalid_at(s.tr("push.bad_lang", r.lang), "--lang");
  t.lang = r.lang == "en" ? Lang::kEn : Lang::kZh;
  TRY(apply_messages(s, r.messages, t));
  t.board_minute = TRY(parse_board_time(s, r.board_time));
  if (!r.campaign.empty()) TRY(supervision::load_campaign(s, r.campaign));
  t.campaign = r.campaign;
  t.created_by = s.principal.name;
  t.created_at = s.now;
  return t;
}

}  // namespace

std::string_view robot_token(RobotKind kind) { return kRobots[static_cast<size_t>(kind)]; }

int token_index(std::span<const std::string_view> tokens, std::string_view text) {
  auto it = std::find(tokens.begin(), tokens.end(), text);
  return it == tokens.end() ? -1 : static_cast<int>(it - tokens.begin());
}

bool parse_robot(std::string_view text, RobotKind* kind) {
  int i = token_index(kRobots, text);
  if (i >= 0) *kind = static_cast<RobotKind>(i);
  return i >= 0;
}

std::string_view message_token(MessageKind kind) { return kMessages[static_cast<size_t>(kind)]; }

bool parse_message(std::string_view text, MessageKind* kind) {
  int i = token_index(kMessages, text);
  if (i >= 0) *kind = static_cast<MessageKind>(i);
  return i >= 0;
}

bool Target::takes(MessageKind kind) const {
  switch (kind) {
    case MessageKind::kBoard:
      return board;
    case MessageKind::kAlert:
      return alerts;
    case MessageKind::kReminder:
      return reminders;
    case MessageKind::kTest:
      return true;
  }
  return false;
}

std::string masked_url(std::string_view url) {
  auto mask = [](std::string_view secret) {
    return std::string(secret.substr(0, std::min<size_t>(4, secret.size()))) + "…";
  };
  size_t query = url.find('?');
  std::string_view path = url.substr(0, query);
  std::string out;
  size_t hook = path.find("/hook/");
  if (hook != std::string_view::npos && hook + 6 < path.size()) {
    out = std::string(path.substr(0, hook + 6)) + mask(path.substr(hook + 6));
  } else {
    out = std::string(path);
  }
  if (query == std::string_view::npos) return out;
  out.push_back('?');
  std::string_view rest = url.substr(query + 1);
  while (true) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    out += eq == std::string_view::npos
               ? std::string(pair)
               : std::string(pair.substr(0, eq + 1)) + mask(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    out.push_back('&');
    rest = rest.substr(amp + 1);
  }
  return out;
}

std::string target_record(const Target& t) {
  io::Json j = io::Json::object();
  j.set("id", t.id).set("name", t.name).set("kind", robot_token(t.kind));
  j.set("url", t.url).set("secret", t.secret).set("region", t.region);
  j.set("lang", t.lang == Lang::kEn ? "en" : "zh");
  j.set("board", t.board).set("alerts", t.alerts).set("reminders", t.reminders);
  j.set("board_minute", t.board_minute).set("campaign", t.campaign);
  j.set("created_by", t.created_by).set("created_at", t.created_at);
  return j.dump();
}

core::Result<Target> target_from_record(std::string_view json) {
  io::Json j = TRY(io::Json::parse(json));
  Target t;
  t.id = j.get_string("id");
  t.name = j.get_string("name");
  if (!parse_robot(j.get_string("kind"), &t.kind)) {
    return core::make_error(core::ErrorCode::kCorrupt, "push target " + t.id + ": unknown kind");
  }
  t.url = j.get_string("url");
  t.secret = j.get_string("secret");
  t.region = j.get_string("region");
  t.lang = j.get_string("lang") == "en" ? Lang::kEn : Lang::kZh;
  t.board = j.get_bool("board", true);
  t.alerts = j.get_bool("alerts", true);
  t.reminders = j.get_bool("reminders", true);
  t.board_minute = static_cast<int>(j.get_int("board_minute", 9 * 60));
  t.campaign = j.get_string("campaign");
  t.created_by = j.get_string("created_by");
  t.created_at = j.get_int("created_at");
  return t;
}

core::Result<std::vector<Target>> load_targets(const Session& s) {
  std::vector<Target> out;
  for (const store::Record& r : TRY(s.workspace().list_records(kTargets))) {
    out.push_back(TRY(target_from_record(r.json)));
  }
  return out;
}

core::Result<Target> add_target(const Session& s, const AddTargetRequest& r) {
  TRY(authorize(s, Permission::kPushWrite));
  Target t = TRY(target_of(s, r));
  store::Workspace& ws = s.workspace();
  TRY(ws.transaction([&]() -> core::Status {
    TRY(supervision::recheck(s, Permission::kPushWrite));
    std::vector<std::string> ids;
    for (const Target& old : TRY(load_targets(s))) ids.push_back(old.id);
    t.id = supervision::next_id("PT", 3, ids);
    return ws.insert_record(kTargets, t.id, target_record(t), s.now);
  }));
  return t;
}

core::Result<std::vector<Target>> list_targets(const Session& s) {
  TRY(authorize(s, Permission::kPushRead));
  return load_targets(s);
}

core::Result<Target> remove_target(const Session& s, const std::string& id) {
  TRY(authorize(s, Permission::kPushWrite));
  store::Workspace& ws = s.workspace();
  Target gone;
  TRY(ws.transaction([&]() -> core::Status {
    TRY(supervision::recheck(s, Permission::kPushWrite));
    auto stored = TRY(ws.get_record(kTargets, id));
    if (!stored) return core::not_found(s.tr("push.unknown_target", id));
    gone = TRY(target_from_record(stored->json));
    return ws.delete_record(kTargets, id);
  }));
  return gone;
}

}  // namespace pitwall::app::push
