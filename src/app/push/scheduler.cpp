#include "app/push/scheduler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "app/permission.hpp"
#include "app/push/messages.hpp"
#include "app/push/robots.hpp"
#include "app/supervision/board.hpp"
#include "app/supervision/problems.hpp"
#include "app/supervision/supervision_words.hpp"
#include "core/workflow/lifecycle.hpp"
#include "io/tz/tz_database.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::push {

namespace {

namespace sv = core::supervision;
namespace sup = app::supervision;
constexpr int64_t kDay = 86400;

// One message due to one target.
struct Due {
  MessageKind kind = MessageKind::kBoard;
  std::string subject;
  std::function<core::Result<Composed>()> compose;  // called only when it is to be sent
};

// A campaign as the pass sees it: its days and zone.
struct CampaignDays {
  core::Campaign campaign;
  const core::TimeZone* zone = nullptr;
  int64_t first = 0, last = 0, today = 0;  // local day numbers

  int64_t local_day(int64_t utc) const {
    core::CivilTime t = zone->to_local(utc);
    return core::days_from_civil(t.year, t.month, t.day);
  }
  // UTC of `minute` minutes after local midnight of `day`.
  int64_t at(int64_t day, int minute) const {
    core::CivilTime t = core::civil_from_days(day);
    t.hour = minute / 60;
    t.minute = minute % 60;
    return zone->to_utc(t);
  }
};

std::string date_of(int64_t day) { return core::format_date(core::civil_from_days(day)); }

// The session a target's messages are read in: HQ for the network, a region manager of the
// target's region otherwise (so the board and alerts cover its stores only).
Session reader_of(const Session& s, const Target& t) {
  Session r = s;
  r.local_operator = false;
  r.lang = t.lang;
  r.principal = {"push:" + t.id, t.region.empty() ? core::Role::kHq : core::Role::kRegion,
                 t.region};
  return r;
}

std::string link(const PushOptions& o, std::string_view page, const std::string& campaign,
                 const std::string& date, const std::string& region) {
  if (o.desk_url.empty()) return {};
  std::string base = o.desk_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = fmt::format("{}/{}?campaign={}", base, page, percent_encode(campaign));
  if (!date.empty()) url += "&date=" + date;
  if (!region.empty()) url += "&region=" + percent_encode(region);
  return url;
}

core::Result<Composed> board_message(const Session& reader, const Target& t, const PushOptions& o,
                                     const std::string& campaign, const std::string& date) {
  auto board = TRY(sup::read_board(reader, {campaign, date, "", -1}));
  auto problems = TRY(sup::list_problems(reader, {campaign, "", "", false}));
  std::vector<sv::Problem> open;
  for (sv::Problem& p : problems.problems) {
    if (p.status == sv::ProblemStatus::kOpen || p.status == sv::ProblemStatus::kInProgress) {
      open.push_back(std::move(p));
    }
  }
  return compose_board(t.lang, board, open, reader.now,
                       link(o, "supervision/board", campaign, date, t.region));
}

void add_board(const Session& reader, const Target& t, const PushOptions& o, const CampaignDays& c,
               std::vector<Due>& due) {
  int64_t day = c.today - 1;
  if (!t.board || day < c.first || day > c.last || reader.now < c.at(c.today, t.board_minute)) {
    return;
  }
  std::string date = date_of(day);
  std::string id = c.campaign.id;
  due.push_back({MessageKind::kBoard, date,
                 [reader, &t, &o, id, date] { return board_message(reader, t, o, id, date); }});
}

core::Status add_alerts(const Session& reader, const Target& t, const PushOptions& o,
                        const CampaignDays& c, std::vector<Due>& due) {
  if (!t.alerts || c.today < c.first || c.today > c.last) return {};
  std::string date = date_of(c.today);
  auto alerts = TRY(sup::list_alerts(reader, {c.campaign.id, date, ""}));
  auto shared = std::make_shared<sup::AlertsResult>(std::move(alerts));
  for (const sv::Alert& a : shared->alerts) {
    if (!is_critical(a.kind)) continue;
    std::string url = link(o, "supervision/board", c.campaign.id, date, t.region);
    const sv::Alert* alert = &a;
    due.push_back({MessageKind::kAlert, a.key(*shared->feeds), [shared, alert, &t, url] {
                     return compose_alert(t.lang, shared->campaign, *shared->feeds, *alert, url);
                   }});
  }
  return {};
}

void add_reminders(const Session& reader, const Target& t, const PushOptions& o,
                   const CampaignDays& c, std::vector<Due>& due) {
  if (!t.reminders) return;
  const core::Campaign& k = c.campaign;
  int64_t freeze = core::review_window_end(k);
  const int64_t when[] = {k.store_review_cutoff, k.appeal_cutoff, freeze,
                          core::seal_allowed_from(k, freeze)};
  for (Milestone m : kMilestones) {
    int64_t at = when[static_cast<size_t>(m)];
    if (c.local_day(at) - 1 != c.today || reader.now < c.at(c.today, t.board_minute)) continue;
    std::string local = core::format_local(at, *c.zone);
    std::string url = link(o, "closeout/signoffs", k.id, "", "");
    std::string name = k.name;
    due.push_back({MessageKind::kReminder, std::string(milestone_token(m)),
                   [&t, name, m, local, url]() -> core::Result<Composed> {
                     return compose_reminder(t.lang, name, m, local, url);
                   }});
  }
}

core::Result<CampaignDays> days_of(const Session& s, const std::string& id) {
  CampaignDays c;
  c.campaign = TRY(sup::load_campaign(s, id));
  c.zone = TRY(io::find_time_zone(c.campaign.timezone));
  c.first = c.local_day(c.campaign.start);
  c.last = c.local_day(c.campaign.end);
  c.today = c.local_day(s.now);
  return c;
}

bool is_open(const Delivery& d, int64_t now) {
  return (d.status == DeliveryStatus::kRetry && d.next_at <= now) ||
         (d.status == DeliveryStatus::kSending && d.lease_until <= now);
}

// Claims the delivery `key` for this pass: creates it, or takes it over when it waits for a
// retry or its sender's lease ran out. nullopt when another pass has it or it is done.
core::Result<std::optional<Delivery>> claim(const Session& s, const PushOptions& o,
                                            Delivery fresh) {
  store::Workspace& ws = s.workspace();
  std::optional<Delivery> mine;
  auto st = ws.transaction([&]() -> core::Status {
    auto stored = TRY(ws.get_record(kDeliveries, fresh.key));
    Delivery d = std::move(fresh);
    if (stored) {
      Delivery old = TRY(delivery_from_record(stored->json));
      if (!is_open(old, s.now)) return {};
      old.title = d.title;
      d = std::move(old);
    }
    d.status = DeliveryStatus::kSending;
    d.attempts += 1;
    d.updated_at = s.now;
    d.lease_until = s.now + o.lease;
    if (stored) {
      TRY(ws.put_record(kDeliveries, d.key, delivery_record(d), s.now));
    } else {
      TRY(ws.insert_record(kDeliveries, d.key, delivery_record(d), s.now));
    }
    mine = std::move(d);
    return {};
  });
  // Another server inserted the key between our read and our insert: it is theirs.
  if (!st && st.error().code == core::ErrorCode::kAlreadyExists) return std::optional<Delivery>();
  if (!st) return st.error();
  return mine;
}

// Sends `out` and records what came of it. Returns whether the robot could be reached.
core::Result<bool> send(const Session& s, Webhook& hook, const PushOptions& o, const Target& t,
                        const Outgoing& out, Delivery& d) {
  auto answer = hook.post(out.url, out.body);
  core::Status result = answer ? judge(t.kind, answer->status, answer->body) : answer.error();
  d.bytes = static_cast<int64_t>(out.body.size());
  d.dropped = out.dropped;
  d.updated_at = s.now;
  if (result) {
    d.status = DeliveryStatus::kSent;
    d.sent_at = s.now;
    d.error.clear();
  } else {
    d.error = result.error().message;
    int64_t wait = o.first_retry << std::min<int64_t>(d.attempts - 1, 20);
    d.status = d.attempts >= o.max_attempts ? DeliveryStatus::kFailed : DeliveryStatus::kRetry;
    d.next_at = s.now + std::min(wait, o.max_retry);
  }
  store::Workspace& ws = s.workspace();
  TRY(ws.transaction([&] { return ws.put_record(kDeliveries, d.key, delivery_record(d), s.now); }));
  return answer.has_value();
}

// One due message to one target: skipped when done or another pass has it, else claimed,
// composed, sent, recorded. Returns whether the robot could be reached (true when skipped).
core::Result<bool> deliver(const Session& s, Webhook& hook, const PushOptions& o, const Target& t,
                           const std::string& campaign, Due& due, RunReport& report) {
  Delivery d;
  d.key = fmt::format("{}/{}/{}/{}", t.id, campaign, message_token(due.kind), due.subject);
  auto stored = TRY(s.workspace().get_record(kDeliveries, d.key));
  if (stored && !is_open(TRY(delivery_from_record(stored->json)), s.now)) return true;
  auto composed = due.compose();
  if (!composed) {
    report.errors.push_back(fmt::format("{} {}: {}", t.id, d.key, composed.error().message));
    return true;
  }
  Outgoing out = render(t, *composed, hook.wall_clock());
  d.target = t.id;
  d.campaign = campaign;
  d.kind = due.kind;
  d.subject = due.subject;
  d.title = composed->title;
  d.created_at = s.now;
  auto mine = TRY(claim(s, o, std::move(d)));
  if (!mine) return true;
  bool reached = TRY(send(s, hook, o, t, out, *mine));
  report.attempted.push_back(std::move(*mine));
  return reached;
}

core::Status run_target(const Session& s, Webhook& hook, const PushOptions& o, const Target& t,
                        const std::vector<store::CampaignRecord>& campaigns, RunReport& report) {
  Session reader = reader_of(s, t);
  for (const store::CampaignRecord& record : campaigns) {
    if (!t.campaign.empty() && t.campaign != record.id) continue;
    auto days = days_of(s, record.id);
    if (!days) {
      report.errors.push_back(fmt::format("{} {}: {}", t.id, record.id, days.error().message));
      continue;
    }
    std::vector<Due> due;
    add_board(reader, t, o, *days, due);
    if (auto st = add_alerts(reader, t, o, *days, due); !st) {
      report.errors.push_back(fmt::format("{} {}: {}", t.id, record.id, st.error().message));
    }
    add_reminders(reader, t, o, *days, due);
    for (Due& d : due) {
      if (!TRY(deliver(s, hook, o, t, record.id, d, report))) return {};  // unreachable: next pass
    }
  }
  return {};
}

}  // namespace

Session push_session(store::Workspace& ws, int64_t now, Memo* memo) {
  Session s;
  s.principal = {"push", core::Role::kHq, ""};
  s.lang = Lang::kEn;
  s.now = now;
  s.ws = &ws;
  s.memo = memo;
  return s;
}

core::Result<RunReport> run_due(const Session& s, Webhook& hook, const PushOptions& o) {
  TRY(authorize(s, Permission::kPushWrite));
  std::vector<Target> targets = TRY(load_targets(s));
  std::vector<store::CampaignRecord> campaigns = TRY(s.workspace().list_campaigns());
  std::sort(campaigns.begin(), campaigns.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  RunReport report;
  for (const Target& t : targets) TRY(run_target(s, hook, o, t, campaigns, report));
  return report;
}

core::Result<Delivery> test_target(const Session& s, const std::string& id, Webhook& hook) {
  TRY(authorize(s, Permission::kPushWrite));
  auto stored = TRY(s.workspace().get_record(kTargets, id));
  if (!stored) return core::not_found(s.tr("push.unknown_target", id));
  Target t = TRY(target_from_record(stored->json));
  Composed m = compose_test(t.lang, t.name);
  Delivery d;
  d.key = fmt::format("{}/-/test/{}", t.id, s.now);
  d.target = t.id;
  d.kind = MessageKind::kTest;
  d.title = m.title;
  d.created_at = s.now;
  d.attempts = 1;
  PushOptions once;
  once.max_attempts = 1;
  TRY(send(s, hook, once, t, render(t, m, hook.wall_clock()), d));
  return d;
}

}  // namespace pitwall::app::push
