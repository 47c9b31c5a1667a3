#include "app/supervision/practices.hpp"

#include <algorithm>

#include "app/permission.hpp"
#include "app/supervision/reader_view.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

// `code` when it is a campaign store within `scope`; else kNotFound at `field`, the same words
// for a store outside the scope as for one that does not exist.
core::Status check_store(const Session& s, const SupervisionData& d, const Scope& scope,
                         const std::string& code, std::string_view field) {
  if (d.feeds->find_store(code) >= 0 && covers(scope, *d.feeds, code)) return {};
  core::Error e = core::not_found(s.tr("supervision.unknown_store", code));
  e.at_column(std::string(field));
  return e;
}

// A practice as a scope sees it: where it was found only within the scope, the scope's adoptions,
// the comparison over the scope's stores.
PracticeEntry entry_of(const Reading& reading, const SupervisionData& d, sv::Practice p) {
  p = practice_in(reading.scope, *d.feeds, std::move(p));
  const int32_t up_to = std::min(d.today, d.feeds->last_day);
  sv::PracticeEffect effect = sv::compare_practice(reading.view->feeds, p, up_to);
  return {std::move(p), effect};
}

void adopt(sv::Practice& p, const std::vector<std::string>& stores, int32_t day,
           const std::string& by, int64_t now) {
  for (const std::string& code : stores) {
    auto& a = p.adoptions;
    auto it = std::find_if(a.begin(), a.end(), [&](auto& x) { return x.store_code == code; });
    sv::Adoption adoption{code, day, by, now};
    if (it == a.end()) {
      a.push_back(std::move(adoption));
    } else {
      *it = std::move(adoption);
    }
  }
}

}  // namespace

core::Result<PracticeResult> add_practice(const Session& s, const AddPracticeRequest& r) {
  TRY(authorize(s, Permission::kPracticeWrite));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  int32_t day = TRY(campaign_day(s, d, r.date, "--date"));
  if (r.title.empty()) return usage_error(s.tr("supervision.practice_title_required"), "--title");
  TRY(check_store(s, d, scope_of(s), r.store, "--store"));
  store::Workspace& ws = s.workspace();
  sv::Practice made;
  TRY(ws.transaction([&]() -> core::Status {
    Scope scope = TRY(recheck(s, Permission::kPracticeWrite, d.campaign.id));
    TRY(check_store(s, d, scope, r.store, "--store"));
    auto practices = TRY(load_practices(ws, d.campaign.id));
    std::vector<std::string> ids;
    for (const sv::Practice& p : practices) ids.push_back(p.id);
    made = sv::Practice{next_id("BP", 3, ids), r.store, r.title, r.text, day,
                        s.principal.name,      s.now,   {}};
    io::Json record = practice_record(made);
    TRY(ws.insert_record(kPractices, record_key(d.campaign.id, made.id), record.dump(), s.now));
    return append_supervision_log(ws, d.campaign.id, kPractices, made.id, record, s.now);
  }));
  Reading reading = read_as(scope_of(s), d, nullptr);
  return PracticeResult{campaign_info(s, d), entry_of(reading, d, std::move(made))};
}

core::Result<PracticeResult> adopt_practice(const Session& s, const AdoptPracticeRequest& r) {
  TRY(authorize(s, Permission::kPracticeWrite));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  int32_t day = TRY(campaign_day(s, d, r.date, "--date"));
  if (r.stores.empty()) return usage_error(s.tr("supervision.stores_required"), "--stores");
  for (const std::string& code : r.stores) {
    TRY(check_store(s, d, scope_of(s), code, "--stores"));
  }
  store::Workspace& ws = s.workspace();
  const std::string key = record_key(d.campaign.id, r.id);
  sv::Practice p;
  TRY(ws.transaction([&]() -> core::Status {
    Scope scope = TRY(recheck(s, Permission::kPracticeWrite, d.campaign.id));
    for (const std::string& code : r.stores) TRY(check_store(s, d, scope, code, "--stores"));
    auto stored = TRY(ws.get_record(kPractices, key));
    if (!stored) return core::not_found(s.tr("supervision.unknown_practice", r.id));
    p = TRY(practice_from_record(stored->json));
    adopt(p, r.stores, day, s.principal.name, s.now);
    io::Json record = practice_record(p);
    TRY(ws.put_record(kPractices, key, record.dump(), s.now));
    return append_supervision_log(ws, d.campaign.id, kPractices, p.id, record, s.now);
  }));
  Reading reading = read_as(scope_of(s), d, nullptr);
  return PracticeResult{campaign_info(s, d), entry_of(reading, d, std::move(p))};
}

core::Result<PracticeListResult> list_practices(const Session& s, const ListPracticesRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  auto practices = TRY(load_practices(s.workspace(), d.campaign.id));
  Reading reading = read_as(scope_of(s), d, nullptr);
  PracticeListResult out;
  out.campaign = campaign_info(s, d);
  for (sv::Practice& p : practices) out.practices.push_back(entry_of(reading, d, std::move(p)));
  return out;
}

}  // namespace pitwall::app::supervision
