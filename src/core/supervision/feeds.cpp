#include "core/supervision/feeds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

namespace pitwall::core::supervision {

int Check::passed() const {
  return static_cast<int>(
      std::count_if(items.begin(), items.end(), [](auto& i) { return i.pass; }));
}

int Feeds::find_store(std::string_view code) const {
  auto it = std::lower_bound(stores.begin(), stores.end(), code,
                             [](const Store& s, std::string_view c) { return s.code < c; });
  return it != stores.end() && it->code == code ? static_cast<int>(it - stores.begin()) : -1;
}

int Feeds::find_region(std::string_view name) const {
  auto it = std::lower_bound(regions.begin(), regions.end(), name);
  return it != regions.end() && *it == name ? static_cast<int>(it - regions.begin()) : -1;
}

const TopStaff* Feeds::top_staff_of(int store, int32_t day) const {
  auto it = std::lower_bound(top_staff.begin(), top_staff.end(), std::make_pair(store, day),
                             [](const TopStaff& t, std::pair<int, int32_t> k) {
                               return std::make_pair(t.store, t.day) < k;
                             });
  return it != top_staff.end() && it->store == store && it->day == day ? &*it : nullptr;
}

Status validate_rule(const SupervisionRule& rule) {
  auto bad = [](std::string key, std::string message) {
    Error e = invalid_input(std::move(message));
    e.at_column("[supervision] " + key);
    return e;
  };
  if (!(rule.target_participation > 0 && rule.target_participation <= 1)) {
    return bad("target_participation",
               fmt::format("expected a share in (0, 1], found {}", rule.target_participation));
  }
  for (double w : {rule.weight_participation, rule.weight_checklist, rule.weight_complaints,
                   rule.weight_problems}) {
    if (!(w >= 0) || !std::isfinite(w)) {
      return bad("weights", fmt::format("expected weights of 0 or more, found {}", w));
    }
  }
  if (rule.list_length < 0) {
    return bad("list_length", fmt::format("expected 0 or more, found {}", rule.list_length));
  }
  if (!(rule.complaint_rate_cap >= 0)) {
    return bad("complaint_rate_cap",
               fmt::format("expected 0 or more, found {}", rule.complaint_rate_cap));
  }
  if (rule.problem_due_hours <= 0) {
    return bad("problem_due_hours",
               fmt::format("expected hours above 0, found {}", rule.problem_due_hours));
  }
  for (const auto& item : rule.critical_items) {
    auto& list = words::kChecklistItems;
    if (std::find(std::begin(list), std::end(list), item) == std::end(list)) {
      return bad("critical_items",
                 fmt::format("expected checklist items (materials, rules_known, "
                             "redemption_system, gifts_in_stock, customers_informed), found \"{}\"",
                             item));
    }
  }
  return {};
}

namespace {

struct MasterStore {
  std::string code, name, region;
};

// Notes by (feed, kind), output in that order.
class NoteBook {
 public:
  void add(TableKind feed, NoteKind kind, int64_t line, std::string_view example) {
    FeedNote& n = notes_[{feed, kind}];
    if (n.rows++ == 0) {
      n.feed = feed;
      n.kind = kind;
      n.first_line = line;
      n.example = std::string(example);
    }
  }
  std::vector<FeedNote> release() {
    std::vector<FeedNote> out;
    for (auto& [key, note] : notes_) out.push_back(std::move(note));
    return out;
  }

 private:
  std::map<std::pair<TableKind, NoteKind>, FeedNote> notes_;
};

// Store code (current or old) -> index into the master list; current codes win.
class StoreResolver {
 public:
  explicit StoreResolver(const Table& stores) {
    for (size_t r = 0; r < stores.rows(); ++r) {
      std::string code(stores.text(stores::kStoreCode, r));
      if (code.empty()) continue;
      auto [it, added] = current_.try_emplace(code, static_cast<int>(master_.size()));
      MasterStore m{code, std::string(stores.text(stores::kStoreName, r)),
                    std::string(stores.text(stores::kRegion, r))};
      if (added) {
        master_.push_back(std::move(m));
      } else {
        master_[it->second] = std::move(m);  // a later batch corrects the earlier one
      }
      std::string_view old = stores.text(stores::kOldCodes, r);
      while (!old.empty()) {
        size_t cut = old.find(';');
        std::string_view one = old.substr(0, cut);
        while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
        while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
        if (!one.empty()) old_.emplace(std::string(one), it->second);
        old = cut == std::string_view::npos ? std::string_view{} : old.substr(cut + 1);
      }
    }
  }
  int resolve(std::string_view code) const {
    if (auto it = current_.find(std::string(code)); it != current_.end()) return it->second;
    if (auto it = old_.find(std::string(code)); it != old_.end()) return it->second;
    return -1;
  }
  const std::vector<MasterStore>& master() const { return master_; }

 private:
  std::vector<MasterStore> master_;
  std::unordered_map<std::string, int> current_;
  std::unordered_map<std::string, int> old_;
};

bool has_rows(const Table* t) { return t != nullptr && t->rows() > 0; }

// Picks the campaign's stores and fills stores, regions; returns master index -> store index.
std::vector<int> choose_stores(const StoreResolver& resolver, const Table& store_day,
                               Feeds& feeds) {
  const auto& master = resolver.master();
  std::vector<char> used(master.size(), store_day.rows() == 0 ? 1 : 0);
  for (size_t r = 0; r < store_day.rows(); ++r) {
    int m = resolver.resolve(store_day.text(store_day::kStoreCode, r));
    if (m >= 0) used[m] = 1;
  }
  std::vector<int> chosen;
  for (size_t m = 0; m < master.size(); ++m) {
    if (used[m]) chosen.push_back(static_cast<int>(m));
  }
  std::sort(chosen.begin(), chosen.end(),
            [&](int a, int b) { return master[a].code < master[b].code; });
  std::vector<int> to_store(master.size(), -1);
  for (int m : chosen) {
    to_store[m] = static_cast<int>(feeds.stores.size());
    feeds.stores.push_back({master[m].code, master[m].name, master[m].region, 0});
    feeds.regions.push_back(master[m].region);
  }
  std::sort(feeds.regions.begin(), feeds.regions.end());
  feeds.regions.erase(std::unique(feeds.regions.begin(), feeds.regions.end()), feeds.regions.end());
  for (auto& s : feeds.stores) s.region_index = feeds.find_region(s.region);
  return to_store;
}

class Placer {
 public:
  Placer(const StoreResolver& r, const std::vector<int>& to_store, Feeds& f, NoteBook& n)
      : resolver_(r), to_store_(to_store), feeds_(f), notes_(n) {}
  // Store index of a row's code, or -1 after noting it.
  int store(TableKind feed, std::string_view code, int64_t line) {
    int m = resolver_.resolve(code);
    int s = m < 0 ? -1 : to_store_[m];
    if (s < 0) notes_.add(feed, NoteKind::kUnknownStore, line, code);
    return s;
  }
  bool day(TableKind feed, int64_t day, int64_t line) {
    if (day != kNoSmall && feeds_.has_day(static_cast<int32_t>(day))) return true;
    notes_.add(feed, NoteKind::kOutsideCampaign, line,
               day == kNoSmall ? std::string() : format_date(civil_from_days(day)));
    return false;
  }
  NoteBook& notes() { return notes_; }

 private:
  const StoreResolver& resolver_;
  const std::vector<int>& to_store_;
  Feeds& feeds_;
  NoteBook& notes_;
};

void place_store_day(const Table& t, Placer& placer, Feeds& feeds) {
  feeds.rows.assign(feeds.stores.size() * feeds.day_count(), DayRow{});
  for (size_t r = 0; r < t.rows(); ++r) {
    int64_t line = t.lines[r];
    int s = placer.store(TableKind::kStoreDay, t.text(store_day::kStoreCode, r), line);
    int32_t day = t.i32(store_day::kDate, r);
    if (s < 0 || !placer.day(TableKind::kStoreDay, day, line)) continue;
    DayRow row;
    row.present = true;
    row.eligible = t.i64(store_day::kEligible, r);
    row.participants = t.i64(store_day::kParticipants, r);
    row.orders = t.i64(store_day::kOrders, r);
    row.redemptions = t.i64(store_day::kRedemptions, r);
    row.complaints = t.i64(store_day::kComplaints, r);
    bool negative = false;
    for (int64_t* v :
         {&row.eligible, &row.participants, &row.orders, &row.redemptions, &row.complaints}) {
      if (*v != kNoInt && *v < 0) {
        *v = kNoInt;
        negative = true;
      }
    }
    if (negative) placer.notes().add(TableKind::kStoreDay, NoteKind::kNegativeFigure, line, "");
    DayRow& slot = feeds.rows[static_cast<size_t>(s) * feeds.day_count() + (day - feeds.first_day)];
    if (slot.present) {
      placer.notes().add(TableKind::kStoreDay, NoteKind::kDuplicateDay, line, feeds.stores[s].code);
    }
    slot = row;  // a later row (a later import) replaces an earlier one of the same day
  }
}

bool valid_item(int32_t item, int32_t pass) {
  return item >= 0 && item < static_cast<int32_t>(std::size(words::kChecklistItems)) &&
         (pass == 0 || pass == 1);
}

void place_inspections(const Table& t, Placer& placer, Feeds& feeds) {
  std::map<std::pair<int, int32_t>, Check> by_key;
  for (size_t r = 0; r < t.rows(); ++r) {
    int64_t line = t.lines[r];
    int s = placer.store(TableKind::kInspections, t.text(inspections::kStoreCode, r), line);
    int32_t day = t.i32(inspections::kDate, r);
    if (s < 0 || !placer.day(TableKind::kInspections, day, line)) continue;
    int32_t item = t.i32(inspections::kItem, r), pass = t.i32(inspections::kPass, r);
    if (!valid_item(item, pass)) continue;
    Check& c = by_key[{s, day}];
    c.source = CheckSource::kInspection;
    c.store = s;
    c.day = day;
    if (c.who.empty()) c.who = std::string(t.text(inspections::kInspector, r));
    c.items.push_back({item, pass == 1, std::string(t.text(inspections::kNote, r))});
  }
  for (auto& [key, c] : by_key) feeds.checks.push_back(std::move(c));
}

void place_spot_checks(const Table& t, const TimeZone& zone, Placer& placer, Feeds& feeds) {
  std::map<std::pair<int, int64_t>, Check> by_key;
  for (size_t r = 0; r < t.rows(); ++r) {
    int64_t line = t.lines[r];
    int s = placer.store(TableKind::kSpotChecks, t.text(spot_checks::kStoreCode, r), line);
    int64_t time = t.i64(spot_checks::kTime, r);
    if (s < 0 || time == kNoTime) continue;
    int64_t day = zone.local_day(time);
    if (!placer.day(TableKind::kSpotChecks, day, line)) continue;
    int32_t item = t.i32(spot_checks::kItem, r), pass = t.i32(spot_checks::kPass, r);
    if (!valid_item(item, pass)) continue;
    Check& c = by_key[{s, time}];
    c.source = CheckSource::kSpotCheck;
    c.store = s;
    c.day = static_cast<int32_t>(day);
    c.time = time;
    if (c.who.empty()) c.who = std::string(t.text(spot_checks::kChecker, r));
    int32_t channel = t.i32(spot_checks::kChannel, r);
    if (channel >= 0 && channel < 2) c.channel = std::string(words::kSpotCheckChannels[channel]);
    c.items.push_back({item, pass == 1, std::string(t.text(spot_checks::kNote, r))});
  }
  for (auto& [key, c] : by_key) feeds.checks.push_back(std::move(c));
}

void place_complaints(const Table& t, const TimeZone& zone, Placer& placer, Feeds& feeds) {
  for (size_t r = 0; r < t.rows(); ++r) {
    int64_t line = t.lines[r];
    int s = placer.store(TableKind::kComplaints, t.text(complaints::kStoreCode, r), line);
    int64_t time = t.i64(complaints::kTime, r);
    int32_t category = t.i32(complaints::kCategory, r);
    if (s < 0 || time == kNoTime || category < 0 ||
        category >= static_cast<int32_t>(std::size(words::kComplaintCategories))) {
      continue;
    }
    int64_t day = zone.local_day(time);
    if (!placer.day(TableKind::kComplaints, day, line)) continue;
    feeds.complaints.push_back({time, static_cast<int32_t>(day), s, category});
  }
  std::sort(feeds.complaints.begin(), feeds.complaints.end(), [](auto& a, auto& b) {
    return std::tie(a.time, a.store, a.category) < std::tie(b.time, b.store, b.category);
  });
}

// Closed (paid or redeemed) orders by closer per store and day; the best of each store-day
// (equal counts: the lower staff id). Orders may be millions of rows: codes are resolved once
// per distinct text id and rows become small tuples, sorted and counted in runs.
void place_top_staff(const Table& orders, const Table* staff, const TimeZone& zone,
                     const StoreResolver& resolver, const std::vector<int>& to_store,
                     Feeds& feeds) {
  constexpr int kUnresolved = -2;
  std::vector<int> store_of(orders.pool.size(), kUnresolved);
  struct Hit {
    int store;
    int32_t day;
    uint32_t closer;  // text id in the orders' pool
    bool operator<(const Hit& o) const {
      return std::tie(store, day, closer) < std::tie(o.store, o.day, o.closer);
    }
    bool same(const Hit& o) const { return store == o.store && day == o.day && closer == o.closer; }
  };
  std::vector<Hit> hits;
  auto status = orders.columns[orders::kStatus].i32();
  auto closer = orders.columns[orders::kCloser].text();
  auto code = orders.columns[orders::kStoreCode].text();
  auto paid_at = orders.columns[orders::kPaidAt].i64();
  auto created_at = orders.columns[orders::kCreatedAt].i64();
  for (size_t r = 0; r < orders.rows(); ++r) {
    auto st = static_cast<OrderStatus>(status[r]);
    if ((st != OrderStatus::kPaid && st != OrderStatus::kRedeemed) || closer[r] == 0) continue;
    int& s = store_of[code[r]];
    if (s == kUnresolved) {
      int m = resolver.resolve(orders.pool.view(code[r]));
      s = m < 0 ? -1 : to_store[m];
    }
    int64_t at = paid_at[r] != kNoTime ? paid_at[r] : created_at[r];
    if (s < 0 || at == kNoTime) continue;
    auto day = static_cast<int32_t>(zone.local_day(at));
    if (feeds.has_day(day)) hits.push_back({s, day, closer[r]});
  }
  std::sort(hits.begin(), hits.end());
  std::unordered_map<std::string_view, std::string_view> names;
  if (staff != nullptr) {
    for (size_t r = 0; r < staff->rows(); ++r) {
      std::string_view name = staff->text(staff::kName, r);
      if (!name.empty()) names[staff->text(staff::kStaffId, r)] = name;
    }
  }
  std::string_view best_id;
  for (size_t i = 0, j = 0; i < hits.size(); i = j) {
    while (j < hits.size() && hits[j].same(hits[i])) ++j;
    const auto n = static_cast<int64_t>(j - i);
    std::string_view id = orders.pool.view(hits[i].closer);
    auto it = names.find(id);
    std::string name(it == names.end() ? id : it->second);
    auto& top = feeds.top_staff;
    if (top.empty() || top.back().store != hits[i].store || top.back().day != hits[i].day) {
      top.push_back({hits[i].store, hits[i].day, std::move(name), n});
      best_id = id;
    } else if (n > top.back().orders || (n == top.back().orders && id < best_id)) {
      top.back() = {hits[i].store, hits[i].day, std::move(name), n};
      best_id = id;
    }
  }
}

}  // namespace

Result<Feeds> build_feeds(const Campaign& campaign, const TimeZone& zone,
                          const FeedTables& tables) {
  PW_CHECK(tables.stores != nullptr && tables.store_day != nullptr, "stores and store-day");
  TRY(validate_rule(campaign.supervision));
  Feeds feeds;
  feeds.zone = &zone;
  feeds.first_day = static_cast<int32_t>(zone.local_day(campaign.start));
  feeds.last_day = static_cast<int32_t>(zone.local_day(campaign.end));
  if (feeds.last_day < feeds.first_day) {
    return invalid_input(fmt::format("campaign {} ends before it starts", campaign.id));
  }
  for (int32_t day = feeds.first_day; day <= feeds.last_day + 1; ++day) {
    CivilTime midnight = civil_from_days(day);
    feeds.day_starts.push_back(zone.to_utc(midnight));
  }
  for (const auto& item : campaign.supervision.critical_items) {
    auto& list = words::kChecklistItems;
    feeds.critical_items.push_back(
        static_cast<int>(std::find(std::begin(list), std::end(list), item) - std::begin(list)));
  }
  std::sort(feeds.critical_items.begin(), feeds.critical_items.end());
  feeds.critical_items.erase(std::unique(feeds.critical_items.begin(), feeds.critical_items.end()),
                             feeds.critical_items.end());

  StoreResolver resolver(*tables.stores);
  std::vector<int> to_store = choose_stores(resolver, *tables.store_day, feeds);
  NoteBook notes;
  Placer placer(resolver, to_store, feeds, notes);
  place_store_day(*tables.store_day, placer, feeds);
  if (tables.inspections) place_inspections(*tables.inspections, placer, feeds);
  if (tables.spot_checks) place_spot_checks(*tables.spot_checks, zone, placer, feeds);
  std::sort(feeds.checks.begin(), feeds.checks.end(), [](const Check& a, const Check& b) {
    return std::tie(a.store, a.day, a.source, a.time) < std::tie(b.store, b.day, b.source, b.time);
  });
  feeds.has_complaint_feed = has_rows(tables.complaints);
  if (feeds.has_complaint_feed) place_complaints(*tables.complaints, zone, placer, feeds);
  if (has_rows(tables.orders)) {
    place_top_staff(*tables.orders, tables.staff, zone, resolver, to_store, feeds);
  }
  feeds.notes = notes.release();
  return feeds;
}

}  // namespace pitwall::core::supervision
