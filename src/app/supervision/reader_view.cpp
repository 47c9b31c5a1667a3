#include "app/supervision/reader_view.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/memo.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

// Index maps from the network's numbering to the view's (-1 = not in the view).
struct Renumber {
  std::vector<int> store;
  std::vector<int> region;
  std::vector<int> check;
};

// Keeps the rows of the view's stores, renumbered.
template <typename Row>
void keep_rows(const std::vector<Row>& rows, const std::vector<int>& store_map,
               std::vector<Row>& out) {
  for (const Row& r : rows) {
    if (store_map[r.store] < 0) continue;
    out.push_back(r);
    out.back().store = store_map[r.store];
  }
}

// The view's stores (with their store-day rows) and the regions that have one of them.
void number_stores(const sv::Feeds& f, std::span<const int> stores, View& v, Renumber& map) {
  sv::Feeds& out = v.feeds;
  map.store.assign(f.stores.size(), -1);
  map.region.assign(f.regions.size(), -1);
  for (int s : stores) map.region[f.stores[s].region_index] = 0;
  for (size_t r = 0; r < f.regions.size(); ++r) {
    if (map.region[r] < 0) continue;
    map.region[r] = static_cast<int>(out.regions.size());
    out.regions.push_back(f.regions[r]);
  }
  const auto days = static_cast<std::ptrdiff_t>(f.day_count());
  for (int s : stores) {
    map.store[s] = static_cast<int>(out.stores.size());
    out.stores.push_back(f.stores[s]);
    out.stores.back().region_index = map.region[f.stores[s].region_index];
    v.network_index.push_back(s);
    auto first = f.rows.begin() + s * days;
    out.rows.insert(out.rows.end(), first, first + days);
  }
}

void project_feeds(const sv::Feeds& f, std::span<const int> stores, bool network, View& v,
                   Renumber& map) {
  sv::Feeds& out = v.feeds;
  out.zone = f.zone;
  out.first_day = f.first_day;
  out.last_day = f.last_day;
  out.has_complaint_feed = f.has_complaint_feed;
  out.critical_items = f.critical_items;
  out.day_starts = f.day_starts;
  if (network) out.notes = f.notes;
  number_stores(f, stores, v, map);
  map.check.assign(f.checks.size(), -1);
  for (size_t c = 0; c < f.checks.size(); ++c) {
    if (map.store[f.checks[c].store] >= 0) map.check[c] = static_cast<int>(out.checks.size());
  }
  keep_rows(f.checks, map.store, out.checks);
  keep_rows(f.complaints, map.store, out.complaints);
  keep_rows(f.top_staff, map.store, out.top_staff);
}

void project_timeline(const sv::Timeline& t, std::span<const int> stores, bool network,
                      const Renumber& map, sv::Timeline& out) {
  out.first_day = t.first_day;
  out.last_day = t.last_day;
  out.now = t.now;
  out.stores = static_cast<int>(stores.size());
  for (int32_t day = t.first_day; day <= t.last_day; ++day) {
    auto measures = t.measures_of(day);
    for (int s : stores) {
      sv::StoreMeasure m = measures[s];
      if (m.check >= 0) m.check = map.check[m.check];
      out.measures.push_back(std::move(m));
    }
    std::vector<sv::Alert> alerts;
    for (const sv::Alert& a : t.alerts_of(day)) {
      if (a.store < 0 ? !network : map.store[a.store] < 0) continue;
      alerts.push_back(a);
      if (a.store >= 0) alerts.back().store = map.store[a.store];
    }
    out.alerts.push_back(std::move(alerts));
  }
}

// The view indices of the listed stores that are in `r.view` (lists are of `r.lists`).
std::vector<sv::ListedStore> listed_in_view(const Reading& r,
                                            const std::vector<sv::ListedStore>& list) {
  std::vector<sv::ListedStore> out;
  for (const sv::ListedStore& l : list) {
    int network = r.lists->network_index[l.store];
    const auto& ids = r.view->network_index;
    auto it = std::lower_bound(ids.begin(), ids.end(), network);
    if (it == ids.end() || *it != network) continue;
    out.push_back(l);
    out.back().store = static_cast<int>(it - ids.begin());
  }
  return out;
}

}  // namespace

View project(const sv::Feeds& feeds, const sv::Timeline* timeline, std::span<const int> stores,
             bool network) {
  View v;
  Renumber map;
  project_feeds(feeds, stores, network, v, map);
  if (timeline != nullptr) project_timeline(*timeline, stores, network, map, v.timeline);
  return v;
}

bool covers(const Scope& scope, const sv::Feeds& feeds, std::string_view store_code) {
  if (scope.is_network()) return true;
  int s = store_code.empty() ? -1 : feeds.find_store(store_code);
  return s >= 0 && scope.covers_store(store_code, feeds.stores[s].region);
}

std::vector<sv::Problem> problems_in(const Scope& scope, const sv::Feeds& feeds,
                                     std::span<const sv::Problem> problems) {
  std::vector<sv::Problem> out;
  for (const sv::Problem& p : problems) {
    if (covers(scope, feeds, p.store_code)) out.push_back(p);
  }
  return out;
}

sv::Practice practice_in(const Scope& scope, const sv::Feeds& feeds, sv::Practice p) {
  if (!covers(scope, feeds, p.store_code)) p.store_code.clear();
  std::erase_if(p.adoptions,
                [&](const sv::Adoption& a) { return !covers(scope, feeds, a.store_code); });
  return p;
}

core::Table survey_in(const Scope& scope, const sv::Feeds& feeds, const core::Table& survey) {
  namespace col = core::survey;
  core::Table out = core::Table::empty(core::TableKind::kSurvey);
  for (size_t row = 0; row < survey.rows(); ++row) {
    std::string_view store = survey.text(col::kStoreCode, row);
    if (!scope.is_network() && !covers(scope, feeds, store)) continue;
    out.columns[col::kLevel].push_i32(survey.i32(col::kLevel, row));
    out.columns[col::kRespondent].push_text(out.pool.intern(survey.text(col::kRespondent, row)));
    out.columns[col::kStoreCode].push_text(out.pool.intern(store));
    out.columns[col::kQuizScore].push_f64(survey.f64(col::kQuizScore, row));
    out.columns[col::kWillingness].push_f64(survey.f64(col::kWillingness, row));
    out.lines.push_back(survey.lines[row]);
  }
  return out;
}

namespace {

// The network indices of the stores `scope` sees, and of the stores of its region's board (a
// store manager's), with their memo names.
struct Stores {
  std::vector<int> view, lists;
  std::string view_name, lists_name;
};

Stores stores_of(const Scope& scope, const sv::Feeds& f) {
  Stores out;
  int own_region = -1;
  for (int s = 0; s < static_cast<int>(f.stores.size()); ++s) {
    if (!scope.covers_store(f.stores[s].code, f.stores[s].region)) continue;
    out.view.push_back(s);
    own_region = f.stores[s].region_index;
  }
  switch (scope.kind) {
    case Scope::Kind::kNetwork:
      out.view_name = "network";
      break;
    case Scope::Kind::kRegion:
      out.view_name = "region " + scope.name;
      break;
    case Scope::Kind::kStore:
      out.view_name = "store " + scope.name;
      break;
  }
  if (scope.kind == Scope::Kind::kStore) {
    for (int s = 0; s < static_cast<int>(f.stores.size()); ++s) {
      if (own_region >= 0 && f.stores[s].region_index == own_region) out.lists.push_back(s);
    }
    out.lists_name = own_region >= 0 ? "region " + f.regions[own_region] : "no region";
  }
  return out;
}

// The last campaign day that has ended at `now` (first_day - 1 when none has).
int32_t ended_through(const sv::Feeds& f, int64_t now) {
  int32_t day = f.first_day - 1;
  while (day < f.last_day && now > f.day_end(day + 1)) ++day;
  return day;
}

size_t timeline_bytes(const sv::Timeline& t) {
  size_t bytes = sizeof(sv::Timeline) + t.measures.size() * sizeof(sv::StoreMeasure);
  for (const auto& day : t.alerts) bytes += sizeof(day) + day.size() * (sizeof(sv::Alert) + 32);
  return bytes;
}

size_t view_bytes(const View& v) {
  return sizeof(View) + bytes_of(v.feeds) + timeline_bytes(v.timeline) +
         v.network_index.size() * sizeof(int);
}

}  // namespace

Reading read_as(const Scope& scope, const SupervisionData& data, const sv::Timeline* timeline) {
  const sv::Feeds& f = *data.feeds;
  Stores stores = stores_of(scope, f);
  Reading r;
  r.scope = scope;
  r.view = std::make_shared<const View>(project(f, timeline, stores.view, scope.is_network()));
  if (scope.kind == Scope::Kind::kStore) {
    r.lists = std::make_shared<const View>(project(f, timeline, stores.lists, false));
  }
  return r;
}

core::Result<Analysed> analyse_as(const Session& s, const SupervisionData& data, int32_t day) {
  const sv::Feeds& f = *data.feeds;
  const Scope scope = scope_of(s);
  auto analyse = [&] {
    return sv::analyse(f, data.problems, data.campaign.supervision, day, s.now);
  };
  Analysed out;
  if (s.memo == nullptr || data.content_key.empty()) {
    out.timeline = std::make_shared<const sv::Timeline>(analyse());
    out.reading = read_as(scope, data, out.timeline.get());
    return out;
  }
  const std::string key = fmt::format("supervision-timeline\n{}\n{} {}", data.content_key, day,
                                      ended_through(f, s.now));
  out.timeline =
      TRY(s.memo->get<sv::Timeline>(key, [&]() -> core::Result<Memo::Made<sv::Timeline>> {
        auto t = std::make_shared<const sv::Timeline>(analyse());
        return Memo::Made<sv::Timeline>{t, timeline_bytes(*t)};
      }));
  Stores stores = stores_of(scope, f);
  auto view = [&](const std::vector<int>& which, const std::string& name,
                  bool network) -> core::Result<std::shared_ptr<const View>> {
    return s.memo->get<View>(
        fmt::format("supervision-view\n{}\n{}", key, name),
        [&]() -> core::Result<Memo::Made<View>> {
          auto v = std::make_shared<const View>(project(f, out.timeline.get(), which, network));
          return Memo::Made<View>{v, view_bytes(*v)};
        });
  };
  out.reading.scope = scope;
  out.reading.view = TRY(view(stores.view, stores.view_name, scope.is_network()));
  if (scope.kind == Scope::Kind::kStore) {
    out.reading.lists = TRY(view(stores.lists, stores.lists_name, false));
  }
  return out;
}

ViewFeeds view_feeds(const Reading& r) { return ViewFeeds(r.view, &r.view->feeds); }

sv::Board reader_board(const Reading& r, const core::SupervisionRule& rule, int32_t day,
                       int region) {
  sv::Board b = sv::board_of(r.view->feeds, r.view->timeline, rule, day, region);
  if (r.lists) {
    sv::Board published = sv::board_of(r.lists->feeds, r.lists->timeline, rule, day, -1);
    b.red = listed_in_view(r, published.red);
    b.black = listed_in_view(r, published.black);
  }
  return b;
}

std::vector<sv::TrendPoint> reader_trend(const Reading& r, const core::SupervisionRule& rule,
                                         int region) {
  auto trend = sv::trend_of(r.view->feeds, r.view->timeline, rule, region);
  if (!r.lists) return trend;
  for (sv::TrendPoint& p : trend) {
    sv::Board b = reader_board(r, rule, p.day, region);
    p.red = static_cast<int64_t>(b.red.size());
    p.black = static_cast<int64_t>(b.black.size());
  }
  return trend;
}

void apply_reader_lists(const Reading& r, const core::SupervisionRule& rule, sv::Review& review) {
  if (!r.lists) return;
  for (sv::StoreHistory& h : review.stores) h.red_days = h.black_days = 0;
  for (sv::ReviewDay& d : review.days) {
    sv::Board b = reader_board(r, rule, d.day, -1);
    d.red.clear();
    d.black.clear();
    for (const auto& l : b.red) {
      d.red.push_back(l.store);
      ++review.stores[l.store].red_days;
    }
    for (const auto& l : b.black) {
      d.black.push_back(l.store);
      ++review.stores[l.store].black_days;
    }
  }
}

core::Result<int> region_in(const Session& s, const View& view, std::string_view region) {
  if (region.empty()) return -1;
  int r = view.feeds.find_region(region);
  if (r >= 0) return r;
  std::string known;
  for (const auto& name : view.feeds.regions) known += (known.empty() ? "" : ", ") + name;
  return usage_error(
      s.tr("supervision.unknown_region", region, known.empty() ? s.tr("core.none") : known),
      "--region");
}

}  // namespace pitwall::app::supervision
