#include "cli/supervise_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "io/text/iso_time.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {

core::Error usage(std::string message, std::string_view option) {
  auto e = core::make_error(core::ErrorCode::kUsage, std::move(message));
  e.at_column(std::string(option));
  return e;
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

std::string record_key(std::string_view campaign, std::string_view id) {
  return fmt::format("{}/{}", campaign, id);
}

core::Status save(store::Workspace& ws, std::string_view collection, std::string_view campaign,
                  std::string_view id, const io::Json& doc, int64_t now) {
  std::string text = doc.dump();
  return ws.transaction([&]() -> core::Status {
    TRY(ws.put_record(collection, record_key(campaign, id), text, now));
    io::Json entry = io::Json::object();
    entry.set("collection", collection).set("key", id).set("at", instant_json(now));
    entry.set("record", doc);
    TRY(ws.append_log(fmt::format("supervision/{}", campaign), entry.dump()));
    return {};
  });
}

}  // namespace

io::Json instant_json(int64_t t) {
  return t == core::kNoTime ? io::Json() : io::Json(core::format_utc_iso(t));
}

core::Result<SupervisionData> load_supervision(const Context& ctx, store::Workspace& ws,
                                               std::string_view id, WithOrders orders) {
  SupervisionData d;
  d.campaign = TRY(ctx.load_campaign(ws, id));
  d.zone = TRY(io::find_time_zone(d.campaign.timezone));
  using core::TableKind;
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
  d.feeds = TRY(sv::build_feeds(d.campaign, *d.zone, tables));
  d.problems = TRY(load_problems(ws, id));
  d.today = static_cast<int32_t>(d.zone->local_day(ctx.now()));
  return d;
}

core::Result<int32_t> campaign_day(const Context& ctx, const SupervisionData& data,
                                   std::string_view text, std::string_view option) {
  const auto& f = data.feeds;
  if (text.empty()) return std::clamp(data.today, f.first_day, f.last_day);
  core::CivilTime t;
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (shaped) {
    t.year = std::atoi(std::string(text.substr(0, 4)).c_str());
    t.month = std::atoi(std::string(text.substr(5, 2)).c_str());
    t.day = std::atoi(std::string(text.substr(8, 2)).c_str());
  }
  if (!shaped || !core::is_valid_civil(t)) {
    return usage(tr(ctx.lang, "supervision.bad_date", text), option);
  }
  auto day = static_cast<int32_t>(core::days_from_civil(t.year, t.month, t.day));
  if (!f.has_day(day)) {
    return usage(tr(ctx.lang, "supervision.date_outside", text, data.campaign.id,
                    core::format_date(core::civil_from_days(f.first_day)),
                    core::format_date(core::civil_from_days(f.last_day))),
                 option);
  }
  return day;
}

core::Result<int> region_of(const Context& ctx, const sv::Feeds& feeds, std::string_view region) {
  if (region.empty()) return -1;
  int r = feeds.find_region(region);
  if (r >= 0) return r;
  std::string known;
  for (const auto& name : feeds.regions) known += (known.empty() ? "" : ", ") + name;
  return usage(tr(ctx.lang, "supervision.unknown_region", region,
                  known.empty() ? tr(ctx.lang, "core.none") : known),
               "--region");
}

io::Json problem_to_json(const sv::Problem& p) {
  io::Json j = io::Json::object();
  j.set("id", p.id).set("store_code", p.store_code).set("title", p.title);
  j.set("alert_key", p.alert_key).set("owner", p.owner);
  j.set("status", sv::problem_status_token(p.status));
  j.set("opened_at", instant_json(p.opened_at)).set("due_at", instant_json(p.due_at));
  j.set("first_response_at", instant_json(p.first_response_at));
  j.set("closed_at", instant_json(p.closed_at)).set("verified_at", instant_json(p.verified_at));
  j.set("reopened", p.reopened);
  io::Json events = io::Json::array();
  for (const auto& e : p.events) {
    events.push(io::Json::object()
                    .set("at", instant_json(e.at))
                    .set("by", e.by)
                    .set("kind", sv::problem_event_token(e.kind))
                    .set("text", e.text));
  }
  j.set("events", std::move(events));
  return j;
}

core::Result<sv::Problem> problem_from_json(const io::Json& j) {
  sv::Problem p;
  p.id = j.get_string("id");
  p.store_code = j.get_string("store_code");
  p.title = j.get_string("title");
  p.alert_key = j.get_string("alert_key");
  p.owner = j.get_string("owner");
  if (!sv::parse_problem_status(j.get_string("status"), &p.status)) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("problem {}: unknown status", p.id));
  }
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
        return core::make_error(core::ErrorCode::kCorrupt,
                                fmt::format("problem {}: unknown event", p.id));
      }
      p.events.push_back(std::move(ev));
    }
  }
  return p;
}

core::Result<std::vector<sv::Problem>> load_problems(store::Workspace& ws,
                                                     std::string_view campaign) {
  auto records = TRY(ws.list_records(kProblems, fmt::format("{}/", campaign)));
  std::vector<sv::Problem> out;
  for (const auto& r : records) {
    io::Json j = TRY(io::Json::parse(r.json));
    out.push_back(TRY(problem_from_json(j)));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

core::Status save_problem(store::Workspace& ws, std::string_view campaign, const sv::Problem& p,
                          int64_t now) {
  return save(ws, kProblems, campaign, p.id, problem_to_json(p), now);
}

io::Json practice_to_json(const sv::Practice& p) {
  io::Json j = io::Json::object();
  j.set("id", p.id).set("store_code", p.store_code).set("title", p.title).set("text", p.text);
  j.set("found_on", core::format_date(core::civil_from_days(p.found_day)));
  j.set("found_by", p.found_by).set("recorded_at", instant_json(p.recorded_at));
  io::Json adoptions = io::Json::array();
  for (const auto& a : p.adoptions) {
    adoptions.push(io::Json::object()
                       .set("store_code", a.store_code)
                       .set("from", core::format_date(core::civil_from_days(a.day)))
                       .set("by", a.by)
                       .set("recorded_at", instant_json(a.recorded_at)));
  }
  j.set("adoptions", std::move(adoptions));
  return j;
}

namespace {
int32_t day_from_text(const std::string& text) {
  if (text.size() != 10) return 0;
  return static_cast<int32_t>(core::days_from_civil(std::atoi(text.substr(0, 4).c_str()),
                                                    std::atoi(text.substr(5, 2).c_str()),
                                                    std::atoi(text.substr(8, 2).c_str())));
}
}  // namespace

core::Result<sv::Practice> practice_from_json(const io::Json& j) {
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
  for (const auto& r : records) {
    io::Json j = TRY(io::Json::parse(r.json));
    out.push_back(TRY(practice_from_json(j)));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

core::Status save_practice(store::Workspace& ws, std::string_view campaign, const sv::Practice& p,
                           int64_t now) {
  return save(ws, kPractices, campaign, p.id, practice_to_json(p), now);
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

core::Status check_scope(const Context& ctx, const store::User& user, const sv::Feeds& feeds,
                         std::string_view store_code) {
  if (user.role == "hq" || user.role == "director") return {};
  int s = store_code.empty() ? -1 : feeds.find_store(store_code);
  bool allowed = false;
  if (user.role == "region") allowed = s >= 0 && feeds.stores[s].region == user.scope;
  if (user.role == "store") allowed = s >= 0 && feeds.stores[s].code == user.scope;
  if (allowed) return {};
  return core::make_error(
      core::ErrorCode::kForbidden,
      tr(ctx.lang, "supervision.out_of_scope", user.name, user.role,
         user.scope.empty() ? "-" : user.scope,
         store_code.empty() ? tr(ctx.lang, "supervision.network") : std::string(store_code)));
}

}  // namespace pitwall::cli
