#include "app/closeout/readings.hpp"

#include <fmt/format.h>

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "app/permission.hpp"
#include "core/closeout/rules.hpp"

namespace pitwall::app::closeout {

namespace {

using io::Json;

// A request whose options do not go together (the faces answer "wrong usage").
core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::kUsage, std::move(message));
}

// Keeps the array items whose position is wanted.
Json filter_items(const Json& items, const std::vector<bool>& keep) {
  Json out = Json::array();
  for (size_t i = 0; i < items.size() && i < keep.size(); ++i) {
    if (keep[i]) out.push(items.items()[i]);
  }
  return out;
}

// The sum of the kept rows' integer fields.
Json sum_rows(const Json& rows, const std::vector<bool>& keep, const Json& like) {
  Json out = Json::object();
  for (const auto& [key, value] : like.members()) {
    if (value.type() != Json::Type::kInt) continue;
    int64_t total = 0;
    for (size_t i = 0; i < rows.size() && i < keep.size(); ++i) {
      if (keep[i]) total += rows.items()[i].get_int(key);
    }
    out.set(key, total);
  }
  return out;
}

// A copy of object `from` with the members in `replaced` given their new values, each in its
// place (one `from` lacks goes at the end); the other members are copied as they are. Cheaper
// than copying `from` whole and replacing, when the replaced members are the large ones.
Json replace_members(const Json& from, std::vector<std::pair<std::string_view, Json>> replaced) {
  Json out = Json::object();
  std::vector<bool> used(replaced.size());
  for (const auto& [key, value] : from.members()) {
    size_t i = 0;
    while (i < replaced.size() && replaced[i].first != key) ++i;
    if (i < replaced.size()) {
      out.set(key, std::move(replaced[i].second));
      used[i] = true;
    } else {
      out.set(key, value);
    }
  }
  for (size_t i = 0; i < replaced.size(); ++i) {
    if (!used[i]) out.set(replaced[i].first, std::move(replaced[i].second));
  }
  return out;
}

// Cuts the result document to a region or store: stores and their rows, regions, totals,
// the settlement; leaves out the network's evidence. Network readers are not cut. The run's
// shared document is left as it is: the cut is a new document.
void cut_to_scope(io::StoredRun& run, const Scope& scope) {
  if (scope.is_network()) return;
  const core::StoreDirectory& dir = run.stores;
  std::vector<bool> stores(dir.store_count()), regions(dir.region_count());
  for (uint32_t s = 0; s < dir.store_count(); ++s) {
    stores[s] = s != dir.unattributed_store() &&
                scope.covers_store(dir.codes[s], dir.regions[dir.region_of[s]]);
  }
  for (uint32_t r = 0; r < dir.region_count(); ++r) {
    regions[r] = r != dir.unattributed_region() && scope.covers_region(dir.regions[r]);
  }
  const Json& result = run.result();
  Json evaluations = Json::array();
  for (const Json& e : result.find("evaluations")->items()) {
    evaluations.push(
        replace_members(e, {{"total", sum_rows(*e.find("stores"), stores, *e.find("total"))},
                            {"stores", filter_items(*e.find("stores"), stores)},
                            {"regions", filter_items(*e.find("regions"), regions)}}));
  }
  Json gross_net = Json::array();
  for (const Json& g : result.find("gross_net")->items()) {
    Json cut = g;
    const Json& raw = evaluations.items()[static_cast<size_t>(g.get_int("raw"))];
    const Json& clean = evaluations.items()[static_cast<size_t>(g.get_int("cleaned"))];
    cut.set("raw_orders", raw.find("total")->get_int("orders"));
    cut.set("cleaned_orders", clean.find("total")->get_int("orders"));
    cut.set("raw_amount_fen", raw.find("total")->get_int("amount_fen"));
    cut.set("cleaned_amount_fen", clean.find("total")->get_int("amount_fen"));
    for (const char* key :
         {"order_difference_rate", "amount_difference_rate", "roi_raw", "roi_cleaned",
          "rebate_raw_fen", "rebate_cleaned_fen", "rebate_saved_fen"}) {
      cut.set(key, Json());
    }
    gross_net.push(std::move(cut));
  }
  const Json& settlement = *result.find("settlement");
  const Json& rows = *settlement.find("stores");
  std::vector<bool> rows_kept;
  for (const Json& row : rows.items()) {
    uint32_t s = dir.find_store(row.get_string("store"));
    rows_kept.push_back(s != UINT32_MAX && stores[s]);
  }
  Json staff = Json::array();
  for (const Json& x : settlement.find("staff")->items()) {
    uint32_t s = dir.find_store(x.get_string("store"));
    if (s != UINT32_MAX && stores[s]) staff.push(x);
  }
  Json cut_settlement = replace_members(
      settlement,
      {{"total", sum_rows(rows, rows_kept, *settlement.find("total"))},
       {"stores", filter_items(rows, rows_kept)},
       {"unattributed",
        Json::object().set("orders", 0).set("received_fen", 0).set("order_ids", Json::array())},
       {"staff", std::move(staff)}});
  Json cut = replace_members(result, {{"stores", filter_items(*result.find("stores"), stores)},
                                      {"evaluations", std::move(evaluations)},
                                      {"gross_net", std::move(gross_net)},
                                      {"settlement", std::move(cut_settlement)},
                                      {"rings", Json::array()},
                                      {"mass_cancels", Json::array()},
                                      {"gray_zone", Json::array()},
                                      {"problems", Json::array()}});
  run.doc = std::make_shared<const Json>(replace_members(*run.doc, {{"result", std::move(cut)}}));
}

// The store index of each order under the cleaned settlement evaluation (loads that part).
core::Result<const core::Evaluation*> settlement_part(const Session& s, OpenedRun& open) {
  int e = open.stored.settlement_cleaned();
  io::RunParts parts;
  parts.evaluations = {static_cast<size_t>(e)};
  TRY(load_parts(s, open, parts));
  return &open.stored.evaluations[static_cast<size_t>(e)];
}

}  // namespace

core::Result<OpenedRun> open_reading(const Session& s, const ReadRequest& r) {
  TRY(authorize(s, Permission::kCloseoutRead));
  OpenedRun open = TRY(open_run(s, r.campaign, r.run));
  cut_to_scope(open.stored, scope_of(s));
  return open;
}

core::Result<OpenedRun> summary(const Session& s, const ReadRequest& r,
                                const std::vector<std::string>& names) {
  OpenedRun open = TRY(open_reading(s, r));
  for (const auto& n : names) {
    if (open.stored.declared(n) < 0) {
      auto e = core::not_found(s.tr("closeout.unknown_definition", n));
      e.at_column("--definition");
      return e;
    }
  }
  return open;
}

core::Result<int> evaluation_of(const Session& s, const io::StoredRun& run, std::string_view spec) {
  std::string known;
  for (size_t i = 0; i < run.evaluations.size(); ++i) {
    const core::Evaluation& e = run.evaluations[i];
    std::string tag = e.tag();
    size_t slash = tag.find('/');
    std::string suffix = slash == std::string::npos ? std::string() : tag.substr(slash);
    std::string plain = e.definition.name + suffix;
    if (!run.kept(i)) continue;
    if (spec == tag || spec == plain) return static_cast<int>(i);
    known += (known.empty() ? "" : ", ") + plain;
  }
  return core::not_found(s.tr("closeout.unknown_evaluation", spec, known));
}

core::Result<BridgeResult> bridge(const Session& s, const ReadRequest& r, const BridgeRequest& b) {
  if (!b.region.empty() && !b.store.empty()) return usage(s.tr("closeout.region_or_store"));
  BridgeResult out{TRY(open_reading(s, r)), {}};
  io::StoredRun& run = out.open.stored;
  int from = TRY(evaluation_of(s, run, b.from));
  int to = TRY(evaluation_of(s, run, b.to));
  io::RunParts parts;
  parts.order_ids = true;
  parts.evaluations = {static_cast<size_t>(from), static_cast<size_t>(to)};
  TRY(load_parts(s, out.open, parts));
  Scope scope = scope_of(s);
  core::BridgeScope bs;
  std::string region = b.region, store = b.store;
  if (region.empty() && store.empty() && !scope.is_network()) {
    (scope.kind == Scope::Kind::kStore ? store : region) = scope.name;
  }
  if (!region.empty()) {
    uint32_t i = run.stores.find_region(region);
    if (i == UINT32_MAX || !scope.covers_region(region)) {
      auto e = core::not_found(s.tr("closeout.unknown_region", region));
      e.at_column("--region");
      return e;
    }
    bs = {core::BridgeScope::Kind::kRegion, i};
  } else if (!store.empty()) {
    uint32_t i = run.stores.find_store(store);
    if (i == UINT32_MAX ||
        !scope.covers_store(store, run.stores.regions[run.stores.region_of[i]])) {
      auto e = core::not_found(s.tr("closeout.unknown_store", store));
      e.at_column("--store");
      return e;
    }
    bs = {core::BridgeScope::Kind::kStore, i};
  }
  out.bridge =
      core::compute_bridge(run.evaluations[from], run.evaluations[to], run.stores, bs, run.ids());
  return out;
}

core::Result<OpenedRun> findings(const Session& s, const ReadRequest& r, const std::string& rule) {
  if (!rule.empty() && !core::closeout::parse_rule(rule)) {
    auto e = usage(s.tr("closeout.unknown_rule", rule));
    e.at_column("--rule");
    return e;
  }
  OpenedRun open = TRY(open_reading(s, r));
  io::RunParts parts;
  parts.findings = true;
  parts.findings_rule = rule;
  TRY(load_parts(s, open, parts));
  Scope scope = scope_of(s);
  if (!scope.is_network()) {
    const core::Evaluation* e = TRY(settlement_part(s, open));
    const core::StoreDirectory& dir = open.stored.stores;
    std::erase_if(open.stored.findings, [&](const io::StoredFinding& f) {
      uint32_t store = e->store[f.order];
      return store == dir.unattributed_store() ||
             !scope.covers_store(dir.codes[store], dir.regions[dir.region_of[store]]);
    });
  }
  return open;
}

core::Result<OpenedRun> workbook_run(const Session& s, const ReadRequest& r) {
  TRY(authorize(s, Permission::kCloseoutExport));
  OpenedRun open = TRY(open_run(s, r.campaign, r.run, Document::kFull));
  TRY(load_parts(s, open, io::RunParts::all(open.stored)));
  return open;
}

}  // namespace pitwall::app::closeout
