#include "cli/supervise_json.hpp"

#include <fmt/format.h>

#include "cli/supervise_words.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;

namespace {
constexpr std::string_view kNoteTokens[] = {"unknown_store", "outside_campaign", "duplicate_day",
                                            "negative_figure"};
}

io::Json share_json(std::optional<double> v) { return v ? io::Json::rounded(*v, 4) : io::Json(); }
io::Json number_json(std::optional<double> v) { return v ? io::Json::rounded(*v, 2) : io::Json(); }
io::Json count_json(std::optional<int64_t> v) { return v ? io::Json(*v) : io::Json(); }

io::Json figures_json(const sv::Feeds& feeds, const sv::Figures& f) {
  io::Json j = io::Json::object();
  j.set("region", f.region < 0 ? io::Json() : io::Json(feeds.regions[f.region]));
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

io::Json listed_json(Lang lang, const sv::Feeds& feeds, const sv::ListedStore& l) {
  const sv::Store& s = feeds.stores[l.store];
  io::Json j = io::Json::object();
  j.set("store_code", s.code).set("store_name", s.name).set("region", s.region);
  j.set("score", number_json(l.score)).set("cum_score", number_json(l.cum_score));
  io::Json reasons = io::Json::array(), codes = io::Json::array();
  for (const auto& r : l.reasons) {
    reasons.push(reason_text(lang, r));
    codes.push(sv::reason_code_token(r.code));
  }
  j.set("reasons", std::move(reasons)).set("reason_codes", std::move(codes));
  return j;
}

io::Json alert_json(Lang lang, const sv::Feeds& feeds, const sv::Alert& a) {
  io::Json j = io::Json::object();
  j.set("kind", sv::alert_kind_token(a.kind));
  if (a.store >= 0) {
    j.set("store_code", feeds.stores[a.store].code);
    j.set("store_name", feeds.stores[a.store].name);
    j.set("region", feeds.stores[a.store].region);
  }
  j.set("key", a.key(feeds)).set("date", day_text(a.day)).set("detail", alert_text(lang, feeds, a));
  switch (a.kind) {
    case sv::AlertKind::kSystemIncident:
      j.set("stores_affected", a.count).set("stores", a.of);
      break;
    case sv::AlertKind::kNetworkBurst:
      j.set("category", core::words::kComplaintCategories[a.category])
          .set("stores_affected", a.count);
      j.set("at", core::format_utc_iso(a.time));
      break;
    case sv::AlertKind::kComplaintBurst:
      j.set("category", core::words::kComplaintCategories[a.category]).set("complaints", a.count);
      j.set("at", core::format_utc_iso(a.time));
      break;
    case sv::AlertKind::kChecklistFailure:
      j.set("item", core::words::kChecklistItems[a.item]);
      break;
    case sv::AlertKind::kLagging:
      j.set("participation", io::Json::rounded(a.value, 4));
      j.set("region_median", io::Json::rounded(a.median, 4)).set("z", io::Json::rounded(a.z, 2));
      break;
    case sv::AlertKind::kSilent:
      j.set("reported", a.reported);
      break;
  }
  return j;
}

io::Json notes_json(const sv::Feeds& feeds) {
  io::Json arr = io::Json::array();
  for (const auto& n : feeds.notes) {
    arr.push(io::Json::object()
                 .set("feed", core::table_schema(n.feed).name)
                 .set("kind", kNoteTokens[static_cast<int>(n.kind)])
                 .set("rows", n.rows)
                 .set("first_line", n.first_line)
                 .set("example", n.example));
  }
  return arr;
}

std::vector<std::string> note_lines(Lang lang, const sv::Feeds& feeds) {
  std::vector<std::string> out;
  for (const auto& n : feeds.notes) {
    out.push_back(tr(lang,
                     fmt::format("supervision.note.{}", kNoteTokens[static_cast<int>(n.kind)]),
                     core::table_schema(n.feed).name, n.rows, n.first_line, n.example));
  }
  return out;
}

io::Json hours_json(const sv::HoursSummary& h) {
  io::Json j = io::Json::object();
  j.set("count", h.count);
  bool any = h.count > 0;
  j.set("mean_hours", any ? io::Json::rounded(h.mean, 2) : io::Json());
  j.set("median_hours", any ? io::Json::rounded(h.median, 2) : io::Json());
  j.set("max_hours", any ? io::Json::rounded(h.max, 2) : io::Json());
  return j;
}

io::Json problem_stats_json(const sv::ProblemStats& s) {
  io::Json j = io::Json::object();
  j.set("total", s.total).set("open", s.open).set("in_progress", s.in_progress);
  j.set("resolved", s.resolved).set("verified", s.verified).set("overdue", s.overdue);
  j.set("reopened", s.reopened).set("closed_on_time", s.closed_on_time);
  j.set("first_response", hours_json(s.first_response));
  j.set("time_to_close", hours_json(s.time_to_close));
  return j;
}

}  // namespace pitwall::cli
