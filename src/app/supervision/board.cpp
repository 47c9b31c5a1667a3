#include "app/supervision/board.hpp"

#include "app/permission.hpp"
#include "app/supervision/reader_view.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

// A campaign analysed over the network up to a day, and the reader's part of it.
struct Prepared {
  SupervisionData data;
  int32_t day = 0;
  Reading reading;
  const View& view() const { return *reading.view; }
};

core::Result<Prepared> prepare(const Session& s, const std::string& campaign,
                               const std::string& date, std::string_view field, WithOrders orders) {
  Prepared p;
  p.data = TRY(load_supervision(s, campaign, orders));
  p.day = TRY(campaign_day(s, p.data, date, field));
  p.reading = TRY(analyse_as(s, p.data, p.day)).reading;
  return p;
}

bool in_region(const sv::Feeds& feeds, int store, int region) {
  return region < 0 || (store >= 0 && feeds.stores[store].region_index == region);
}

}  // namespace

core::Result<BoardResult> read_board(const Session& s, const BoardRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  Prepared p = TRY(prepare(s, r.campaign, r.date, "--date", WithOrders::kYes));
  int region = TRY(region_in(s, p.view(), r.region));
  core::SupervisionRule rule = p.data.campaign.supervision;
  if (r.length != -1 && (r.length < 1 || r.length > kMostListed)) {
    return usage_error(s.tr("supervision.bad_length", r.length, kMostListed), "--length");
  }
  if (r.length != -1) rule.list_length = r.length;
  BoardResult out;
  out.campaign = campaign_info(s, p.data);
  out.board = reader_board(p.reading, rule, p.day, region);
  const sv::Feeds& view = p.view().feeds;
  for (const sv::Problem* q : sv::overdue_problems(p.data.problems, s.now)) {
    if (!covers(p.reading.scope, *p.data.feeds, q->store_code)) continue;
    if (!in_region(view, view.find_store(q->store_code), region)) continue;
    out.overdue.push_back(*q);
  }
  out.feeds = view_feeds(p.reading);
  return out;
}

core::Result<MeasuresResult> read_measures(const Session& s, const MeasuresRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  Prepared p = TRY(prepare(s, r.campaign, r.date, "--date", WithOrders::kNo));
  int region = TRY(region_in(s, p.view(), r.region));
  MeasuresResult out;
  out.campaign = campaign_info(s, p.data);
  out.day = p.day;
  out.region = region;
  auto measures = p.view().timeline.measures_of(p.day);
  for (int st = 0; st < static_cast<int>(measures.size()); ++st) {
    if (in_region(p.view().feeds, st, region)) out.stores.push_back({st, measures[st]});
  }
  out.feeds = view_feeds(p.reading);
  return out;
}

core::Result<AlertsResult> list_alerts(const Session& s, const AlertsRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  Prepared p = TRY(prepare(s, r.campaign, r.date, "--date", WithOrders::kNo));
  int region = TRY(region_in(s, p.view(), r.region));
  const View& view = p.view();
  AlertsResult out;
  out.campaign = campaign_info(s, p.data);
  out.day = p.day;
  out.region = region;
  out.day_ended = view.timeline.day_ended(view.feeds, p.day);
  for (const sv::Alert& a : view.timeline.alerts_of(p.day)) {
    if (a.store < 0 || in_region(view.feeds, a.store, region)) out.alerts.push_back(a);
  }
  out.feeds = view_feeds(p.reading);
  return out;
}

core::Result<TrendResult> read_trend(const Session& s, const TrendRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  Prepared p = TRY(prepare(s, r.campaign, r.to, "--to", WithOrders::kNo));
  int region = TRY(region_in(s, p.view(), r.region));
  TrendResult out;
  out.campaign = campaign_info(s, p.data);
  out.region = region;
  out.days = reader_trend(p.reading, p.data.campaign.supervision, region);
  out.feeds = view_feeds(p.reading);
  return out;
}

core::Result<SampleResult> plan_sample(const Session& s, const SampleRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  Prepared p = TRY(prepare(s, r.campaign, r.date, "--date", WithOrders::kNo));
  if (r.n < 1 || r.n > kMostListed) {
    return usage_error(s.tr("supervision.bad_n", r.n, kMostListed), "--n");
  }
  const auto& rule = p.data.campaign.supervision;
  const View& view = p.view();
  sv::Board board = reader_board(p.reading, rule, p.day, -1);
  auto problems = problems_in(p.reading.scope, *p.data.feeds, p.data.problems);
  SampleResult out;
  out.campaign = campaign_info(s, p.data);
  out.plan = sv::plan_spot_checks(view.feeds, p.day, board.black, view.timeline.alerts_of(p.day),
                                  problems, r.n, r.seed);
  out.feeds = view_feeds(p.reading);
  return out;
}

}  // namespace pitwall::app::supervision
