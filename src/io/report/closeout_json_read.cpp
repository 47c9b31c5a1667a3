// Reading a stored close-out run back (closeout_json.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "io/report/closeout_json.hpp"

namespace pitwall::io {

namespace {
core::Error corrupt(std::string_view what) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("stored close-out run: {} is missing or malformed", what));
}

core::Result<const Json*> member(const Json& j, std::string_view key, Json::Type type) {
  const Json* m = j.find(key);
  if (m == nullptr || m->type() != type) return corrupt(key);
  return m;
}

core::Result<core::MetricDefinition> definition_from(const Json& j) {
  core::MetricDefinition d;
  d.name = j.get_string("name");
  d.title = j.get_string("title");
  std::string basis = j.get_string("time_basis");
  bool found = false;
  for (auto b : {core::TimeBasis::kCreatedAt, core::TimeBasis::kPaidAt,
                 core::TimeBasis::kRedeemedAt, core::TimeBasis::kRecordedAt}) {
    if (core::time_basis_token(b) == basis) {
      d.time_basis = b;
      found = true;
    }
  }
  if (!found) return corrupt("definitions[].time_basis");
  const Json* statuses = TRY(member(j, "statuses", Json::Type::kArray));
  for (const Json& s : statuses->items()) {
    for (int i = 0; i < core::kOrderStatusCount; ++i) {
      if (core::order_status_token(static_cast<core::OrderStatus>(i)) == s.as_string()) {
        d.statuses[i] = true;
      }
    }
  }
  d.cleaned = j.get_bool("cleaned");
  d.attribution = j.get_string("attribution") == "home_store"
                      ? core::Attribution::kHomeStore
                      : core::Attribution::kTransactingStore;
  d.amount =
      j.get_string("amount") == "gmv" ? core::AmountBasis::kGmv : core::AmountBasis::kReceived;
  d.tax_inclusive = j.get_bool("tax_inclusive", true);
  if (d.version() != j.get_string("version")) return corrupt("definitions[].version");
  return d;
}

core::Result<core::Totals> totals_from(const Json& j) {
  core::Totals t;
  t.orders = j.get_int("orders");
  t.amount_fen = j.get_int("amount_fen");
  t.received_fen = j.get_int("received_fen");
  return t;
}

core::Status read_evaluation(const Json& j, const std::vector<core::MetricDefinition>& defs,
                             size_t order_count, core::Evaluation& e) {
  std::string name = j.get_string("definition");
  bool found = false;
  for (const auto& d : defs) {
    if (d.name == name) {
      e.definition = d;
      found = true;
    }
  }
  if (!found) return corrupt("evaluations[].definition");
  std::string mode = j.get_string("mode");
  e.mode = mode == "cleaned" ? core::EvaluationMode::kCleaned
           : mode == "raw"   ? core::EvaluationMode::kRaw
                             : core::EvaluationMode::kDeclared;
  e.total = TRY(totals_from(*TRY(member(j, "total", Json::Type::kObject))));
  for (const Json& r : TRY(member(j, "regions", Json::Type::kArray))->items()) {
    e.by_region.push_back(TRY(totals_from(r)));
  }
  for (const Json& s : TRY(member(j, "stores", Json::Type::kArray))->items()) {
    e.by_store.push_back(TRY(totals_from(s)));
  }
  const Json* orders = j.find("orders");
  if (orders == nullptr || orders->is_null()) return {};
  const Json* verdict = TRY(member(*orders, "verdict", Json::Type::kArray));
  const Json* amount = TRY(member(*orders, "amount_fen", Json::Type::kArray));
  const Json* store = TRY(member(*orders, "store", Json::Type::kArray));
  if (verdict->size() != order_count || amount->size() != order_count ||
      store->size() != order_count) {
    return corrupt("evaluations[].orders");
  }
  e.verdict.resize(order_count);
  e.amount.resize(order_count);
  e.store.resize(order_count);
  for (size_t k = 0; k < order_count; ++k) {
    if (!core::parse_verdict_token(verdict->items()[k].as_string(), e.verdict[k])) {
      return corrupt("evaluations[].orders.verdict");
    }
    e.amount[k] = amount->items()[k].as_int();
    e.store[k] = static_cast<uint32_t>(store->items()[k].as_int());
  }
  return {};
}

core::Status read_stores(const Json& result, core::StoreDirectory& dir) {
  for (const Json& r : TRY(member(result, "regions", Json::Type::kArray))->items()) {
    dir.regions.push_back(r.as_string());
  }
  for (const Json& s : TRY(member(result, "stores", Json::Type::kArray))->items()) {
    dir.codes.push_back(s.get_string("code"));
    dir.names.push_back(s.get_string("name"));
    uint32_t region = dir.find_region(s.get_string("region"));
    if (region == UINT32_MAX) return corrupt("stores[].region");
    dir.region_of.push_back(region);
  }
  if (dir.codes.empty() || dir.regions.empty()) return corrupt("stores");
  return {};
}

core::Status read_meta(const Json& doc, RunMeta& meta) {
  const Json* m = TRY(member(doc, "meta", Json::Type::kObject));
  meta.campaign = m->get_string("campaign");
  meta.run = m->get_int("run");
  meta.by = m->get_string("by");
  meta.decisions = m->get_int("decisions");
  meta.blacklist_extra = m->get_int("blacklist_extra");
  for (const Json& b : TRY(member(*m, "batches", Json::Type::kArray))->items()) {
    meta.batches.push_back({b.get_int("id"), b.get_string("kind"), b.get_string("file"),
                            b.get_string("sha256"), b.get_int("rows")});
  }
  return {};
}
}  // namespace

core::Result<StoredRun> read_stored_run(std::string_view text) {
  StoredRun run;
  run.doc = TRY(Json::parse(text));
  if (run.doc.get_string("format") != kCloseoutRunFormat ||
      run.doc.get_int("format_version") != kCloseoutRunFormatVersion) {
    return corrupt("format");
  }
  TRY(read_meta(run.doc, run.meta));
  run.result_digest = run.doc.get_string("result_digest");
  const Json& result = *TRY(member(run.doc, "result", Json::Type::kObject));
  TRY(read_stores(result, run.stores));
  const Json* orders = TRY(member(result, "orders", Json::Type::kObject));
  for (const Json& id : TRY(member(*orders, "order_id", Json::Type::kArray))->items()) {
    run.order_ids.push_back(id.as_string());
  }
  std::vector<core::MetricDefinition> defs;
  for (const Json& d : TRY(member(result, "definitions", Json::Type::kArray))->items()) {
    defs.push_back(TRY(definition_from(d)));
  }
  for (const Json& e : TRY(member(result, "evaluations", Json::Type::kArray))->items()) {
    core::Evaluation ev;
    TRY(read_evaluation(e, defs, run.order_ids.size(), ev));
    run.evaluations.push_back(std::move(ev));
  }
  // Finding order id -> order index, through a sorted lookup.
  std::vector<std::pair<std::string_view, uint32_t>> by_id;
  by_id.reserve(run.order_ids.size());
  for (uint32_t k = 0; k < run.order_ids.size(); ++k) by_id.emplace_back(run.order_ids[k], k);
  std::sort(by_id.begin(), by_id.end());
  for (const Json& f : TRY(member(result, "findings", Json::Type::kArray))->items()) {
    StoredFinding s{0,
                    f.get_string("order_id"),
                    f.get_string("customer_id"),
                    f.get_string("stage"),
                    f.get_string("rule"),
                    f.get_string("action"),
                    f.get_string("field"),
                    f.get_string("before"),
                    f.get_string("after"),
                    f.get_string("detail")};
    auto it = std::lower_bound(by_id.begin(), by_id.end(),
                               std::pair<std::string_view, uint32_t>(s.order_id, 0));
    if (it == by_id.end() || it->first != s.order_id) return corrupt("findings[].order_id");
    s.order = it->second;
    run.findings.push_back(std::move(s));
  }
  return run;
}

int StoredRun::declared(std::string_view name) const {
  for (size_t i = 0; i < evaluations.size(); ++i) {
    if (evaluations[i].mode == core::EvaluationMode::kDeclared &&
        evaluations[i].definition.name == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int StoredRun::settlement_cleaned() const {
  return static_cast<int>(result().find("settlement")->get_int("cleaned"));
}
int StoredRun::settlement_raw() const {
  return static_cast<int>(result().find("settlement")->get_int("raw"));
}

}  // namespace pitwall::io
