#include "app/supervision/supervision_json.hpp"

#include "io/report/closeout_json.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;
using io::Json;

namespace {

constexpr std::string_view kNoteTokens[] = {"unknown_store", "outside_campaign", "duplicate_day",
                                            "negative_figure"};
constexpr std::string_view kPartTokens[sv::kPartCount] = {"participation", "checklist",
                                                          "complaints", "problems"};

Json share_json(std::optional<double> v) { return v ? Json::rounded(*v, 4) : Json(); }
Json number_json(std::optional<double> v) { return v ? Json::rounded(*v, 2) : Json(); }
Json count_json(std::optional<int64_t> v) { return v ? Json(*v) : Json(); }
Json text_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

Json date_json(int32_t day) { return Json(core::format_date(core::civil_from_days(day))); }

Json instant(const CampaignInfo& c, int64_t utc) { return io::instant_json(utc, *c.zone); }

// The reader's scope: every list and aggregate of a result covers it.
Json scope_json(const Scope& scope) {
  static constexpr std::string_view kKinds[] = {"network", "region", "store"};
  return Json::object()
      .set("kind", kKinds[static_cast<int>(scope.kind)])
      .set("name", scope.is_network() ? Json() : Json(scope.name));
}

Json region_json(const sv::Feeds& feeds, int region) {
  return region < 0 ? Json() : Json(feeds.regions[region]);
}

Json figures_json(const sv::Feeds& feeds, const sv::Figures& f) {
  Json j = Json::object();
  j.set("region", region_json(feeds, f.region));
  j.set("stores", f.stores).set("reporting", f.reporting).set("silent", f.silent);
  j.set("executing", f.executing).set("eligible", f.eligible).set("participants", f.participants);
  j.set("participation", share_json(f.participation));
  j.set("cum_eligible", f.cum_eligible).set("cum_participants", f.cum_participants);
  j.set("cum_participation", share_json(f.cum_participation));
  j.set("complaints", count_json(f.complaints));
  j.set("complaint_rate_per_100", number_json(f.complaint_rate));
  j.set("cum_complaints", count_json(f.cum_complaints));
  j.set("cum_complaint_rate_per_100", number_json(f.cum_complaint_rate));
  j.set("mean_score", number_json(f.mean_score)).set("alerts", f.alerts);
  return j;
}

// A reason as its code and the numbers its words are made of.
Json reason_json(const sv::Reason& r) {
  using C = sv::ReasonCode;
  Json j = Json::object().set("code", sv::reason_code_token(r.code));
  switch (r.code) {
    case C::kLowParticipation:
    case C::kAboveTarget:
      j.set("participation", Json::rounded(r.value, 4))
          .set("target", Json::rounded(r.reference, 4));
      break;
    case C::kLagging:
      j.set("participation", Json::rounded(r.value, 4));
      j.set("region_median", Json::rounded(r.reference, 4)).set("z", Json::rounded(r.extra, 2));
      break;
    case C::kCriticalItemFailed:
      j.set("item", core::words::kChecklistItems[r.word]);
      break;
    case C::kComplaintBurst:
      j.set("category", core::words::kComplaintCategories[r.word]).set("complaints", r.count);
      break;
    case C::kTopParticipation:
      j.set("participation", Json::rounded(r.value, 4));
      break;
    case C::kBestImprovement:
    case C::kImproved:
      j.set("points", Json::rounded(r.value, 2));
      break;
    case C::kChecklistPassed:
      j.set("passed", r.count).set("checked", r.of);
      break;
    case C::kNoComplaints:
      j.set("participants", r.count);
      break;
    case C::kTopStaff:
      j.set("staff", r.name).set("orders", r.count);
      break;
    case C::kProblemsOnTime:
      j.set("on_time", r.count).set("due", r.of);
      break;
    default:
      break;
  }
  return j;
}

Json listed_json(const sv::Feeds& feeds, const sv::ListedStore& l) {
  const sv::Store& s = feeds.stores[l.store];
  Json j = Json::object();
  j.set("store_code", s.code).set("store_name", s.name).set("region", s.region);
  j.set("score", number_json(l.score)).set("cum_score", number_json(l.cum_score));
  Json reasons = Json::array(), codes = Json::array();
  for (const auto& r : l.reasons) {
    reasons.push(reason_json(r));
    codes.push(sv::reason_code_token(r.code));
  }
  j.set("reasons", std::move(reasons)).set("reason_codes", std::move(codes));
  return j;
}

Json alert_json(const CampaignInfo& c, const sv::Feeds& feeds, const sv::Alert& a) {
  Json j = Json::object();
  j.set("kind", sv::alert_kind_token(a.kind));
  if (a.store >= 0) {
    j.set("store_code", feeds.stores[a.store].code);
    j.set("store_name", feeds.stores[a.store].name);
    j.set("region", feeds.stores[a.store].region);
  }
  j.set("key", a.key(feeds)).set("date", date_json(a.day));
  switch (a.kind) {
    case sv::AlertKind::kSystemIncident:
      j.set("stores_affected", a.count).set("stores", a.of);
      break;
    case sv::AlertKind::kNetworkBurst:
      j.set("category", core::words::kComplaintCategories[a.category])
          .set("stores_affected", a.count);
      j.set("at", instant(c, a.time));
      break;
    case sv::AlertKind::kComplaintBurst:
      j.set("category", core::words::kComplaintCategories[a.category]).set("complaints", a.count);
      j.set("at", instant(c, a.time));
      break;
    case sv::AlertKind::kChecklistFailure:
      j.set("item", core::words::kChecklistItems[a.item]);
      break;
    case sv::AlertKind::kLagging:
      j.set("participation", Json::rounded(a.value, 4));
      j.set("region_median", Json::rounded(a.median, 4)).set("z", Json::rounded(a.z, 2));
      break;
    case sv::AlertKind::kSilent:
      j.set("reported", a.reported);
      break;
  }
  return j;
}

Json alerts_json(const CampaignInfo& c, const sv::Feeds& feeds,
                 const std::vector<sv::Alert>& alerts) {
  Json out = Json::array();
  for (const auto& a : alerts) out.push(alert_json(c, feeds, a));
  return out;
}

Json notes_json(const sv::Feeds& feeds) {
  Json arr = Json::array();
  for (const auto& n : feeds.notes) {
    arr.push(Json::object()
                 .set("feed", core::table_schema(n.feed).name)
                 .set("kind", kNoteTokens[static_cast<int>(n.kind)])
                 .set("rows", n.rows)
                 .set("first_line", n.first_line)
                 .set("example", n.example));
  }
  return arr;
}

Json hours_json(const sv::HoursSummary& h) {
  Json j = Json::object();
  j.set("count", h.count);
  bool any = h.count > 0;
  j.set("mean_hours", any ? Json::rounded(h.mean, 2) : Json());
  j.set("median_hours", any ? Json::rounded(h.median, 2) : Json());
  j.set("max_hours", any ? Json::rounded(h.max, 2) : Json());
  return j;
}

Json problem_stats_json(const sv::ProblemStats& s) {
  Json j = Json::object();
  j.set("total", s.total).set("open", s.open).set("in_progress", s.in_progress);
  j.set("resolved", s.resolved).set("verified", s.verified).set("overdue", s.overdue);
  j.set("reopened", s.reopened).set("closed_on_time", s.closed_on_time);
  j.set("first_response", hours_json(s.first_response));
  j.set("time_to_close", hours_json(s.time_to_close));
  return j;
}

Json problem_json(const CampaignInfo& c, const sv::Problem& p) {
  Json j = Json::object();
  j.set("id", p.id).set("store_code", text_or_null(p.store_code)).set("title", p.title);
  j.set("alert_key", text_or_null(p.alert_key)).set("owner", p.owner);
  j.set("status", sv::problem_status_token(p.status));
  j.set("opened_at", instant(c, p.opened_at)).set("due_at", instant(c, p.due_at));
  j.set("first_response_at", instant(c, p.first_response_at));
  j.set("closed_at", instant(c, p.closed_at)).set("verified_at", instant(c, p.verified_at));
  j.set("reopened", p.reopened);
  Json events = Json::array();
  for (const auto& e : p.events) {
    events.push(Json::object()
                    .set("at", instant(c, e.at))
                    .set("by", e.by)
                    .set("kind", sv::problem_event_token(e.kind))
                    .set("text", e.text));
  }
  j.set("events", std::move(events));
  return j;
}

Json effect_json(const sv::PracticeEffect& e) {
  return Json::object()
      .set("adopters", e.adopters)
      .set("campaign_stores", e.campaign_stores)
      .set("compared", e.compared)
      .set("non_adopters", e.non_adopters)
      .set("adopters_before", share_json(e.adopters_before))
      .set("adopters_after", share_json(e.adopters_after))
      .set("others_before", share_json(e.others_before))
      .set("others_after", share_json(e.others_after))
      .set("lift_points", number_json(e.lift_points));
}

Json practice_json(const CampaignInfo& c, const PracticeEntry& entry) {
  const sv::Practice& p = entry.practice;
  Json j = Json::object();
  j.set("id", p.id).set("store_code", text_or_null(p.store_code)).set("title", p.title);
  j.set("text", p.text).set("found_on", date_json(p.found_day));
  j.set("found_by", p.found_by).set("recorded_at", instant(c, p.recorded_at));
  Json adoptions = Json::array();
  for (const auto& a : p.adoptions) {
    adoptions.push(Json::object()
                       .set("store_code", a.store_code)
                       .set("from", date_json(a.day))
                       .set("by", a.by)
                       .set("recorded_at", instant(c, a.recorded_at)));
  }
  j.set("adoptions", std::move(adoptions)).set("effect", effect_json(entry.effect));
  return j;
}

Json parts_json(const sv::Components& parts) {
  Json j = Json::object();
  for (int i = 0; i < sv::kPartCount; ++i) j.set(kPartTokens[i], share_json(parts[i]));
  return j;
}

Json measure_json(const sv::Feeds& feeds, const StoreMeasures& sm) {
  const sv::Store& st = feeds.stores[sm.store];
  const sv::StoreMeasure& m = sm.measure;
  Json j = Json::object();
  j.set("store_code", st.code).set("store_name", st.name).set("region", st.region);
  j.set("reported", m.reported).set("eligible", m.eligible).set("participants", m.participants);
  j.set("participation", share_json(m.participation));
  j.set("cum_participation", share_json(m.cum_participation));
  j.set("complaints", count_json(m.complaints));
  j.set("complaint_rate_per_100", number_json(m.complaint_rate));
  j.set("cum_complaints", count_json(m.cum_complaints));
  j.set("cum_complaint_rate_per_100", number_json(m.cum_complaint_rate));
  j.set("checklist", share_json(m.checklist));
  j.set("problems_due", m.problems_due).set("problems_on_time", m.problems_on_time);
  j.set("score", number_json(m.score)).set("cum_score", number_json(m.cum_score));
  j.set("parts", parts_json(m.parts)).set("cum_parts", parts_json(m.cum_parts));
  return j;
}

// Why a store is on the call list, as tokens: black_list, alerts, open_problems, or random.
Json why_json(const sv::SamplePick& p) {
  Json why = Json::array();
  if (p.black_list) why.push("black_list");
  if (!p.alerts.empty()) why.push("alerts");
  if (p.open_problems > 0) why.push("open_problems");
  if (why.size() == 0) why.push("random");
  return why;
}

Json call_json(const sv::Feeds& f, const sv::SamplePick& p) {
  Json kinds = Json::array();
  for (auto k : p.alerts) kinds.push(sv::alert_kind_token(k));
  return Json::object()
      .set("draw", p.draw)
      .set("store_code", f.stores[p.store].code)
      .set("store_name", f.stores[p.store].name)
      .set("region", f.stores[p.store].region)
      .set("weight", p.weight)
      .set("black_list", p.black_list)
      .set("score", number_json(p.score))
      .set("alerts", std::move(kinds))
      .set("open_problems", p.open_problems)
      .set("why", why_json(p));
}

Json store_codes(const sv::Feeds& f, const std::vector<int>& stores) {
  Json out = Json::array();
  for (int s : stores) out.push(f.stores[s].code);
  return out;
}

Json review_days_json(const ReviewResult& r) {
  const sv::Feeds& f = *r.feeds;
  Json days = Json::array();
  for (const auto& day : r.review.days) {
    days.push(Json::object()
                  .set("date", date_json(day.day))
                  .set("participation", share_json(day.network.participation))
                  .set("complaint_rate_per_100", number_json(day.network.complaint_rate))
                  .set("alerts", day.alerts)
                  .set("red", store_codes(f, day.red))
                  .set("black", store_codes(f, day.black))
                  .set("network_alerts", alerts_json(r.campaign, f, day.network_alerts)));
  }
  return days;
}

Json review_stores_json(const ReviewResult& r) {
  Json stores = Json::array();
  for (const auto& h : r.review.stores) {
    stores.push(Json::object()
                    .set("store_code", r.feeds->stores[h.store].code)
                    .set("red_days", h.red_days)
                    .set("black_days", h.black_days)
                    .set("silent_days", h.silent_days)
                    .set("executed_days", h.executed_days)
                    .set("cum_participation", share_json(h.cum_participation))
                    .set("cum_score", number_json(h.cum_score)));
  }
  return stores;
}

}  // namespace

Json to_json(const BoardResult& r) {
  const sv::Feeds& f = *r.feeds;
  const sv::Board& b = r.board;
  Json j = Json::object();
  j.set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("date", date_json(b.day));
  j.set("day_number", b.day - r.campaign.first_day + 1).set("day_ended", b.day_ended);
  j.set("region", region_json(f, b.region));
  j.set("target_participation", Json::rounded(r.campaign.target_participation, 4));
  j.set("network", figures_json(f, b.network));
  Json regions = Json::array(), red = Json::array(), black = Json::array();
  for (const auto& g : b.regions) regions.push(figures_json(f, g));
  for (const auto& l : b.red) red.push(listed_json(f, l));
  for (const auto& l : b.black) black.push(listed_json(f, l));
  j.set("regions", std::move(regions)).set("red", std::move(red)).set("black", std::move(black));
  j.set("alerts", alerts_json(r.campaign, f, b.alerts));
  Json late = Json::array();
  for (const auto& p : r.overdue) {
    late.push(Json::object()
                  .set("id", p.id)
                  .set("store_code", text_or_null(p.store_code))
                  .set("title", p.title)
                  .set("owner", p.owner)
                  .set("status", sv::problem_status_token(p.status))
                  .set("due_at", instant(r.campaign, p.due_at)));
  }
  j.set("overdue_problems", std::move(late)).set("notes", notes_json(f));
  return j;
}

Json to_json(const MeasuresResult& r) {
  Json stores = Json::array();
  for (const auto& sm : r.stores) stores.push(measure_json(*r.feeds, sm));
  Json j = Json::object().set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("date", date_json(r.day)).set("region", region_json(*r.feeds, r.region));
  return j.set("stores", std::move(stores));
}

Json to_json(const AlertsResult& r) {
  Json j = Json::object().set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("date", date_json(r.day))
      .set("day_ended", r.day_ended)
      .set("region", region_json(*r.feeds, r.region));
  return j.set("alerts", alerts_json(r.campaign, *r.feeds, r.alerts));
}

Json to_json(const TrendResult& r) {
  Json j = Json::object();
  j.set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("region", region_json(*r.feeds, r.region));
  j.set("target_participation", Json::rounded(r.campaign.target_participation, 4));
  Json days = Json::array();
  for (const auto& p : r.days) {
    Json row = Json::object().set("date", date_json(p.day));
    Json figures = figures_json(*r.feeds, p.figures);
    for (const auto& [k, v] : figures.members()) row.set(k, v);
    row.set("red", p.red).set("black", p.black);
    days.push(std::move(row));
  }
  return j.set("days", std::move(days));
}

Json to_json(const SampleResult& r) {
  const sv::Feeds& f = *r.feeds;
  const sv::SamplePlan& plan = r.plan;
  Json j = Json::object();
  j.set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("date", date_json(plan.day)).set("seed", plan.seed);
  j.set("requested", plan.requested).set("drawn", plan.drawn);
  j.set("weights", Json::object()
                       .set("base", sv::kBaseWeight)
                       .set("black_list", sv::kBlackListWeight)
                       .set("alert_or_open_problem", sv::kAlertWeight));
  Json strata = Json::array(), calls = Json::array();
  for (const auto& s : plan.strata) {
    strata.push(Json::object()
                    .set("region", f.regions[s.region])
                    .set("stores", s.stores)
                    .set("quota", s.quota)
                    .set("exact_share", Json::rounded(s.exact, 4))
                    .set("risky", s.risky));
  }
  for (const auto& p : plan.picks) calls.push(call_json(f, p));
  return j.set("strata", std::move(strata)).set("calls", std::move(calls));
}

Json to_json(const ProblemResult& r) { return problem_json(r.campaign, r.problem); }

Json to_json(const ProblemListResult& r) {
  Json list = Json::array();
  for (const auto& p : r.problems) list.push(problem_json(r.campaign, p));
  return Json::object()
      .set("campaign", r.campaign.id)
      .set("scope", scope_json(r.campaign.scope))
      .set("problems", std::move(list))
      .set("stats", problem_stats_json(r.stats));
}

Json to_json(const PracticeResult& r) { return practice_json(r.campaign, r.entry); }

Json to_json(const PracticeListResult& r) {
  Json list = Json::array();
  for (const auto& e : r.practices) list.push(practice_json(r.campaign, e));
  return Json::object()
      .set("campaign", r.campaign.id)
      .set("scope", scope_json(r.campaign.scope))
      .set("practices", std::move(list));
}

Json to_json(const PhasePlanResult& r) {
  Json phases = Json::array();
  for (const PhaseEntry& e : r.phases) {
    Json tasks = Json::array();
    for (const TaskState& t : e.tasks) {
      tasks.push(Json::object()
                     .set("task", t.task)
                     .set("done", t.done)
                     .set("by", t.done ? Json(t.by) : Json())
                     .set("at", t.done ? instant(r.campaign, t.at) : Json()));
    }
    phases.push(Json::object()
                    .set("phase", sv::phase_token(e.step.phase))
                    .set("label", e.step.label)
                    .set("from", date_json(e.step.first_day))
                    .set("to", date_json(e.step.last_day))
                    .set("current", e.current)
                    .set("tasks", std::move(tasks)));
  }
  return Json::object().set("campaign", r.campaign.id).set("phases", std::move(phases));
}

Json to_json(const DecayResult& r) {
  auto index = [](std::optional<double> v) { return v ? Json::rounded(*v, 2) : Json(); };
  const sv::DecayReport& d = r.report;
  Json levels = Json::array();
  for (const auto& l : d.levels) {
    levels.push(Json::object()
                    .set("level", core::words::kSurveyLevels[l.level])
                    .set("respondents", l.respondents)
                    .set("completeness", index(l.completeness))
                    .set("willingness", index(l.willingness))
                    .set("completeness_index", index(l.completeness_index))
                    .set("willingness_index", index(l.willingness_index)));
  }
  Json j = Json::object().set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("levels", std::move(levels));
  j.set("weakest_level",
        d.weakest_step < 0 ? Json() : Json(core::words::kSurveyLevels[d.weakest_step]));
  return j.set("weakest_drop_points", Json::rounded(d.weakest_drop, 2));
}

Json to_json(const ReviewResult& r) {
  const sv::Feeds& f = *r.feeds;
  const sv::Review& rv = r.review;
  Json j = Json::object();
  j.set("campaign", r.campaign.id).set("scope", scope_json(r.campaign.scope));
  j.set("from", date_json(rv.first_day));
  j.set("to", date_json(rv.last_day)).set("target_participation", Json::rounded(rv.target, 4));
  j.set("network", figures_json(f, rv.network));
  Json regions = Json::array();
  for (const auto& g : rv.regions) regions.push(figures_json(f, g));
  j.set("regions", std::move(regions)).set("stores_executing", rv.stores_executing);
  j.set("never_executed", store_codes(f, rv.never_executed));
  j.set("days", review_days_json(r)).set("stores", review_stores_json(r));
  j.set("problems", problem_stats_json(rv.problem_stats));
  Json practices = Json::array();
  for (const auto& p : rv.practices) {
    const auto& e = p.effect;
    practices.push(Json::object()
                       .set("id", p.practice->id)
                       .set("title", p.practice->title)
                       .set("adopters", e.adopters)
                       .set("campaign_stores", e.campaign_stores)
                       .set("adopters_before", share_json(e.adopters_before))
                       .set("adopters_after", share_json(e.adopters_after))
                       .set("others_before", share_json(e.others_before))
                       .set("others_after", share_json(e.others_after))
                       .set("lift_points", number_json(e.lift_points)));
  }
  return j.set("practices", std::move(practices));
}

}  // namespace pitwall::app::supervision
