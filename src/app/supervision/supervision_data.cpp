#include "app/supervision/supervision_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "app/campaign.hpp"
#include "app/memo.hpp"
#include "app/workflow/records.hpp"
#include "core/base/sha256.hpp"
#include "io/text/iso_time.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

io::Json utc_json(int64_t t) {
  return t == core::kNoTime ? io::Json() : io::Json(core::format_utc_iso(t));
}

core::Result<int64_t> instant_of(const io::Json& j, std::string_view key) {
  const io::Json* v = j.find(key);
  if (v == nullptr || v->is_null()) return core::kNoTime;
  auto t = io::parse_iso_instant(v->as_string());
  if (!t) {
    core::Error e = t.error();
    e.at_column(std::string(key));
    return e;
  }
  return *t;
}

int32_t day_from_text(const std::string& text) {
  if (text.size() != 10) return 0;
  return static_cast<int32_t>(core::days_from_civil(std::atoi(text.substr(0, 4).c_str()),
                                                    std::atoi(text.substr(5, 2).c_str()),
                                                    std::atoi(text.substr(8, 2).c_str())));
}

std::string date_text(int32_t day) { return core::format_date(core::civil_from_days(day)); }

// The words the records' readers have always used (a damaged record is not the user's input).
core::Error corrupt(std::string_view id, std::string_view what) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("problem {}: unknown {}", id, what));
}

}  // namespace

core::Error usage_error(std::string message, std::string_view field) {
  auto e = core::make_error(core::ErrorCode::kUsage, std::move(message));
  e.at_column(std::string(field));
  return e;
}

CampaignInfo campaign_info(const Session& s, const SupervisionData& d) {
  return {d.campaign.id,      d.campaign.name,   d.zone,
          d.feeds->first_day, d.feeds->last_day, d.campaign.supervision.target_participation,
          scope_of(s)};
}

core::Result<core::Campaign> load_campaign(const Session& s, std::string_view id) {
  store::Workspace& ws = s.workspace();
  auto record = TRY(ws.find_campaign(id));
  if (!record) {
    auto all = TRY(ws.list_campaigns());
    std::string known;
    for (const auto& c : all) known += (known.empty() ? "" : ", ") + c.id;
    return core::not_found(
        s.tr("core.unknown_campaign", id, known.empty() ? s.tr("core.none") : known));
  }
  return parse_campaign_record(s, *record);
}

namespace {

// The key of a campaign's feeds in the session's memo: the campaign's file and every batch of
// the workspace (a batch never changes once committed; an import, a forced re-import or a
// changed campaign file is a new key), and whether orders were read.
core::Result<std::string> feeds_key(store::Workspace& ws, std::string_view id, WithOrders orders) {
  auto record = TRY(ws.find_campaign(id));
  std::string text =
      fmt::format("{}\n{}\n{}\n", id, record ? record->file : "", record ? record->toml : "");
  for (const store::BatchInfo& b : TRY(ws.list_batches())) {
    text += fmt::format("{} {} {} {} {}\n", b.id, b.kind, b.campaign, b.sha256, b.forced);
  }
  return fmt::format("supervision-feeds\n{}\n{}", orders == WithOrders::kYes ? "orders" : "",
                     core::sha256_hex(text));
}

// Builds the feeds of `campaign` from the imported tables.
core::Result<Memo::Made<sv::Feeds>> build_feeds_of(store::Workspace& ws,
                                                   const core::Campaign& campaign,
                                                   const core::TimeZone& zone, WithOrders orders) {
  using core::TableKind;
  const std::string& id = campaign.id;
  core::Table stores = TRY(ws.load_table(TableKind::kStores, ""));
  core::Table store_day = TRY(ws.load_table(TableKind::kStoreDay, id));
  core::Table inspections = TRY(ws.load_table(TableKind::kInspections, id));
  core::Table complaints = TRY(ws.load_table(TableKind::kComplaints, id));
  core::Table spot_checks = TRY(ws.load_table(TableKind::kSpotChecks, id));
  core::Table order_table = core::Table::empty(TableKind::kOrders);
  core::Table staff = core::Table::empty(TableKind::kStaff);
  if (orders == WithOrders::kYes) {
    order_table = TRY(ws.load_table(TableKind::kOrders, id));
    staff = TRY(ws.load_table(TableKind::kStaff, ""));
  }
  sv::FeedTables tables{&stores,      &store_day,   &inspections, &complaints,
                        &spot_checks, &order_table, &staff};
  auto feeds = std::make_shared<const sv::Feeds>(TRY(sv::build_feeds(campaign, zone, tables)));
  size_t bytes = bytes_of(*feeds);
  return Memo::Made<sv::Feeds>{std::move(feeds), bytes};
}

}  // namespace

size_t bytes_of(const sv::Feeds& f) {
  return sizeof(sv::Feeds) + f.stores.size() * (sizeof(sv::Store) + 64) +
         f.rows.size() * sizeof(sv::DayRow) + f.checks.size() * (sizeof(sv::Check) + 32) +
         f.complaints.size() * (sizeof(sv::Complaint) + 32) +
         f.top_staff.size() * (sizeof(sv::TopStaff) + 32) +
         f.notes.size() * (sizeof(sv::FeedNote) + 64);
}

core::Result<SupervisionData> load_supervision(const Session& s, std::string_view id,
                                               WithOrders orders) {
  store::Workspace& ws = s.workspace();
  SupervisionData d;
  d.campaign = TRY(supervision::load_campaign(s, id));
  d.zone = TRY(io::find_time_zone(d.campaign.timezone));
  auto build = [&] { return build_feeds_of(ws, d.campaign, *d.zone, orders); };
  if (s.memo != nullptr) {
    std::string key = TRY(feeds_key(ws, id, orders));
    d.feeds = TRY(s.memo->get<sv::Feeds>(key, build));
    std::string problems;
    d.problems = TRY(load_problems(ws, id, &problems));
    d.content_key = fmt::format("{}\nproblems {}", key, problems);
  } else {
    d.feeds = TRY(build()).value;
    d.problems = TRY(load_problems(ws, id));
  }
  d.today = static_cast<int32_t>(d.zone->local_day(s.now));
  return d;
}

core::Result<int32_t> campaign_day(const Session& s, const SupervisionData& data,
                                   std::string_view text, std::string_view field) {
  const auto& f = *data.feeds;
  if (text.empty()) return std::clamp(data.today, f.first_day, f.last_day);
  core::CivilTime t;
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (shaped) {
    t.year = std::atoi(std::string(text.substr(0, 4)).c_str());
    t.month = std::atoi(std::string(text.substr(5, 2)).c_str());
    t.day = std::atoi(std::string(text.substr(8, 2)).c_str());
  }
  if (!shaped || !core::is_valid_civil(t)) {
    return usage_error(s.tr("supervision.bad_date", text), field);
  }
  auto day = static_cast<int32_t>(core::days_from_civil(t.year, t.month, t.day));
  if (!f.has_day(day)) {
    return usage_error(s.tr("supervision.date_outside", text, data.campaign.id,
                            date_text(f.first_day), date_text(f.last_day)),
                       field);
  }
  return day;
}

std::string record_key(std::string_view campaign, std::string_view id) {
  return fmt::format("{}/{}", campaign, id);
}

io::Json problem_record(const sv::Problem& p) {
  io::Json j = io::Json::object();
  j.set("id", p.id).set("store_code", p.store_code).set("title", p.title);
  j.set("alert_key", p.alert_key).set("owner", p.owner);
  j.set("status", sv::problem_status_token(p.status));
  j.set("opened_at", utc_json(p.opened_at)).set("due_at", utc_json(p.due_at));
  j.set("first_response_at", utc_json(p.first_response_at));
  j.set("closed_at", utc_json(p.closed_at)).set("verified_at", utc_json(p.verified_at));
  j.set("reopened", p.reopened);
  io::Json events = io::Json::array();
  for (const auto& e : p.events) {
    events.push(io::Json::object()
                    .set("at", utc_json(e.at))
                    .set("by", e.by)
                    .set("kind", sv::problem_event_token(e.kind))
                    .set("text", e.text));
  }
  j.set("events", std::move(events));
  return j;
}

core::Result<sv::Problem> problem_from_record(std::string_view json) {
  io::Json j = TRY(io::Json::parse(json));
  sv::Problem p;
  p.id = j.get_string("id");
  p.store_code = j.get_string("store_code");
  p.title = j.get_string("title");
  p.alert_key = j.get_string("alert_key");
  p.owner = j.get_string("owner");
  if (!sv::parse_problem_status(j.get_string("status"), &p.status)) return corrupt(p.id, "status");
  p.opened_at = TRY(instant_of(j, "opened_at"));
  p.due_at = TRY(instant_of(j, "due_at"));
  p.first_response_at = TRY(instant_of(j, "first_response_at"));
  p.closed_at = TRY(instant_of(j, "closed_at"));
  p.verified_at = TRY(instant_of(j, "verified_at"));
  p.reopened = j.get_int("reopened");
  if (const io::Json* events = j.find("events")) {
    for (const io::Json& e : events->items()) {
      sv::ProblemEvent ev;
      ev.at = TRY(instant_of(e, "at"));
      ev.by = e.get_string("by");
      ev.text = e.get_string("text");
      if (!sv::parse_problem_event(e.get_string("kind"), &ev.kind)) {
        return corrupt(p.id, "event");
      }
      p.events.push_back(std::move(ev));
    }
  }
  return p;
}

core::Result<std::vector<sv::Problem>> load_problems(store::Workspace& ws,
                                                     std::string_view campaign,
                                                     std::string* digest) {
  auto records = TRY(ws.list_records(kProblems, fmt::format("{}/", campaign)));
  std::vector<sv::Problem> out;
  std::string read;
  for (const auto& r : records) {
    out.push_back(TRY(problem_from_record(r.json)));
    if (digest != nullptr) read += fmt::format("{}\n{}\n{}\n", r.key, r.json.size(), r.json);
  }
  if (digest != nullptr) *digest = core::sha256_hex(read);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

io::Json practice_record(const sv::Practice& p) {
  io::Json j = io::Json::object();
  j.set("id", p.id).set("store_code", p.store_code).set("title", p.title).set("text", p.text);
  j.set("found_on", date_text(p.found_day));
  j.set("found_by", p.found_by).set("recorded_at", utc_json(p.recorded_at));
  io::Json adoptions = io::Json::array();
  for (const auto& a : p.adoptions) {
    adoptions.push(io::Json::object()
                       .set("store_code", a.store_code)
                       .set("from", date_text(a.day))
                       .set("by", a.by)
                       .set("recorded_at", utc_json(a.recorded_at)));
  }
  j.set("adoptions", std::move(adoptions));
  return j;
}

core::Result<sv::Practice> practice_from_record(std::string_view json) {
  io::Json j = TRY(io::Json::parse(json));
  sv::Practice p;
  p.id = j.get_string("id");
  p.store_code = j.get_string("store_code");
  p.title = j.get_string("title");
  p.text = j.get_string("text");
  p.found_day = day_from_text(j.get_string("found_on"));
  p.found_by = j.get_string("found_by");
  p.recorded_at = TRY(instant_of(j, "recorded_at"));
  if (const io::Json* adoptions = j.find("adoptions")) {
    for (const io::Json& a : adoptions->items()) {
      p.adoptions.push_back({a.get_string("store_code"), day_from_text(a.get_string("from")),
                             a.get_string("by"), TRY(instant_of(a, "recorded_at"))});
    }
  }
  return p;
}

core::Result<std::vector<sv::Practice>> load_practices(store::Workspace& ws,
                                                       std::string_view campaign) {
  auto records = TRY(ws.list_records(kPractices, fmt::format("{}/", campaign)));
  std::vector<sv::Practice> out;
  for (const auto& r : records) out.push_back(TRY(practice_from_record(r.json)));
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

io::Json task_record(const TaskState& t) {
  return io::Json::object()
      .set("task", t.task)
      .set("done", t.done)
      .set("by", t.by)
      .set("at", utc_json(t.at))
      .set("note", t.note);
}

core::Result<std::vector<TaskState>> load_tasks(store::Workspace& ws, std::string_view campaign) {
  auto records = TRY(ws.list_records(kPhaseTasks, fmt::format("{}/", campaign)));
  std::vector<TaskState> out;
  for (const auto& r : records) {
    io::Json j = TRY(io::Json::parse(r.json));
    TaskState t{j.get_string("task"), j.get_bool("done"), j.get_string("by"),
                TRY(instant_of(j, "at")), j.get_string("note")};
    out.push_back(std::move(t));
  }
  return out;
}

core::Status append_supervision_log(store::Workspace& ws, std::string_view campaign,
                                    std::string_view collection, std::string_view key,
                                    const io::Json& record, int64_t now) {
  io::Json entry = io::Json::object();
  entry.set("collection", collection).set("key", key).set("at", utc_json(now));
  entry.set("record", record);
  TRY(ws.append_log(fmt::format("supervision/{}", campaign), entry.dump()));
  return {};
}

core::Result<Scope> recheck(const Session& s, Permission p) {
  if (s.local_operator) {
    TRY(authorize(s, p));
    return Scope{};
  }
  Session fresh = TRY(user_session(s.workspace(), s.principal.name, s.lang, s.now));
  TRY(authorize(fresh, p));
  return scope_of(fresh);
}

core::Result<Scope> recheck(const Session& s, Permission p, std::string_view campaign) {
  Scope scope = TRY(recheck(s, p));
  if (TRY(workflow::load_lifecycle(s.workspace(), campaign)).seal) {
    return core::make_error(core::ErrorCode::kStateForbids, s.tr("supervision.sealed", campaign));
  }
  return scope;
}

std::string next_id(std::string_view prefix, int width, const std::vector<std::string>& ids) {
  int64_t highest = 0;
  for (const auto& id : ids) {
    if (id.size() > prefix.size() && id.compare(0, prefix.size(), prefix) == 0) {
      highest = std::max<int64_t>(highest, std::atoll(id.c_str() + prefix.size()));
    }
  }
  return fmt::format("{}{:0{}}", prefix, highest + 1, width);
}

}  // namespace pitwall::app::supervision
