// Reading a stored close-out run back (closeout_json.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

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

// The stored document as a Json tree, except its per-order parts, which go straight into
// columns (a run of 10M orders would be hundreds of millions of tree nodes): the evaluations'
// "orders" and the ledger's "order_id" as read, the findings as StoredFinding; the other ledger
// columns are skipped (nothing reads them back). The tree keeps everything else, superseded
// rows included.
struct PerOrder {
  std::vector<uint8_t> verdict;
  std::vector<int64_t> amount;
  std::vector<uint32_t> store;
  bool present = false;
  bool bad_verdict = false;
};

class RunSax {
 public:
  Json root;
  std::vector<std::string> order_ids;
  std::vector<PerOrder> per_order;  // by evaluation
  std::vector<StoredFinding> findings;
  std::string error;

  bool null() { return value(Json()); }
  bool boolean(bool b) { return value(Json(b)); }
  bool number_integer(int64_t v) { return value(Json(v)); }
  bool number_unsigned(uint64_t v) { return value(Json(static_cast<int64_t>(v))); }
  bool number_float(double v, const std::string&) { return value(Json(v)); }
  bool string(std::string& s) {
    if (route_ == Route::kOrderIds) {
      order_ids.push_back(std::move(s));
      return true;
    }
    if (route_ == Route::kFinding) {
      finding_field(std::move(s));
      return true;
    }
    return value(Json(std::move(s)));
  }
  bool binary(nlohmann::json::binary_t&) { return value(Json()); }

  bool start_object(size_t) {
    if (route_ == Route::kFindings) {
      route_ = Route::kFinding;
      findings.emplace_back();
      return true;
    }
    if (route_ == Route::kEvaluationOrders) {  // {verdict, amount_fen, store}
      per_order[evaluation_].present = true;
      route_ = Route::kEvaluationColumns;
      return true;
    }
    if (skip_ > 0 || route_ != Route::kTree) {
      ++skip_;
      return true;
    }
    return open(Json::object());
  }
  bool end_object() {
    if (route_ == Route::kFinding) {
      route_ = Route::kFindings;
      return true;
    }
    if (route_ == Route::kEvaluationColumns) {
      route_ = Route::kTree;
      // The evaluation keeps "orders": null; its columns are in per_order.
      return value(Json());
    }
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    return close();
  }
  bool start_array(size_t) {
    if (skip_ > 0 || route_ == Route::kColumn || route_ == Route::kFinding) {
      ++skip_;
      return true;
    }
    if (route_ == Route::kEvaluationColumns || route_ == Route::kOrderIds) {
      if (route_ == Route::kEvaluationColumns) route_ = Route::kColumn;
      return true;
    }
    if (route_ == Route::kFindings) return true;
    return open(Json::array());
  }
  bool end_array() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (route_ == Route::kColumn) {
      route_ = Route::kEvaluationColumns;
      return true;
    }
    if (route_ == Route::kOrderIds) {
      route_ = Route::kTree;
      return value(Json::array());
    }
    if (route_ == Route::kFindings) {
      route_ = Route::kTree;
      return value(Json::array());
    }
    return close();
  }
  bool key(std::string& k) {
    if (route_ == Route::kFinding) {
      finding_key_ = k;
      return true;
    }
    if (route_ == Route::kEvaluationColumns) {
      column_ = k;
      return true;
    }
    if (skip_ > 0) return true;
    key_ = std::move(k);
    // Where a per-order part starts: the open containers are [document, result, ...].
    size_t depth = stack_.size();
    if (depth == 4 && key_ == "orders" && in("evaluations", 3) && in("result", 2)) {
      evaluation_ = stack_[2].json->size() - 1;
      if (per_order.size() <= evaluation_) per_order.resize(evaluation_ + 1);
      route_ = Route::kEvaluationOrders;
    } else if (depth == 2 && key_ == "findings" && in("result", 2)) {
      route_ = Route::kFindings;
    } else if (depth == 3 && in("orders", 3) && in("result", 2)) {
      if (key_ == "order_id") {
        route_ = Route::kOrderIds;
      } else if (key_ != "superseded") {
        skip_value_ = true;
      }
    }
    return true;
  }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception& e) {
    error = e.what();
    return false;
  }

 private:
  enum class Route : uint8_t {
    kTree,
    kOrderIds,
    kFindings,
    kFinding,
    kEvaluationOrders,
    kEvaluationColumns,
    kColumn
  };
  struct Frame {
    Json* json;
    std::string name;  // the member this container is, in its parent object
  };

  bool in(std::string_view name, size_t depth) const {
    return stack_.size() >= depth && stack_[depth - 1].name == name;
  }
  // Adds a scalar (or an empty container) where the parser is.
  bool value(Json j) {
    if (skip_ > 0) return true;
    if (route_ == Route::kColumn) return column_value(j);
    if (route_ == Route::kEvaluationOrders) route_ = Route::kTree;  // "orders": null
    if (skip_value_) {
      skip_value_ = false;
      return true;
    }
    place(std::move(j));
    return true;
  }
  Json* place(Json j) {
    if (stack_.empty()) {
      root = std::move(j);
      return &root;
    }
    Json& parent = *stack_.back().json;
    if (parent.is_array()) {
      parent.push(std::move(j));
      return const_cast<Json*>(&parent.items().back());
    }
    parent.set(key_, std::move(j));
    return const_cast<Json*>(parent.find(key_));
  }
  bool open(Json container) {
    if (skip_value_) {
      skip_value_ = false;
      ++skip_;
      return true;
    }
    std::string name = stack_.empty() || stack_.back().json->is_array() ? "" : key_;
    Json* j = place(std::move(container));
    stack_.push_back({j, std::move(name)});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  bool column_value(const Json& j) {
    PerOrder& o = per_order[evaluation_];
    if (column_ == "verdict") {
      uint8_t code = 0;
      if (!core::parse_verdict_token(j.as_string(), code)) o.bad_verdict = true;
      o.verdict.push_back(code);
    } else if (column_ == "amount_fen") {
      o.amount.push_back(j.as_int());
    } else if (column_ == "store") {
      o.store.push_back(static_cast<uint32_t>(j.as_int()));
    }
    return true;
  }
  void finding_field(std::string s) {
    StoredFinding& f = findings.back();
    const std::string& k = finding_key_;
    std::string* slot = k == "order_id"      ? &f.order_id
                        : k == "customer_id" ? &f.customer_id
                        : k == "stage"       ? &f.stage
                        : k == "rule"        ? &f.rule
                        : k == "action"      ? &f.action
                        : k == "field"       ? &f.field
                        : k == "before"      ? &f.before
                        : k == "after"       ? &f.after
                        : k == "detail"      ? &f.detail
                                             : nullptr;
    if (slot) *slot = std::move(s);
  }

  std::vector<Frame> stack_;
  std::string key_, finding_key_, column_;
  Route route_ = Route::kTree;
  int skip_ = 0;
  bool skip_value_ = false;
  size_t evaluation_ = 0;
};

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
  RunSax sax;
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &sax)) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("stored close-out run: not valid JSON ({})", sax.error));
  }
  run.doc = std::move(sax.root);
  if (run.doc.get_string("format") != kCloseoutRunFormat ||
      run.doc.get_int("format_version") != kCloseoutRunFormatVersion) {
    return corrupt("format");
  }
  TRY(read_meta(run.doc, run.meta));
  run.result_digest = run.doc.get_string("result_digest");
  const Json& result = *TRY(member(run.doc, "result", Json::Type::kObject));
  TRY(read_stores(result, run.stores));
  TRY(member(result, "orders", Json::Type::kObject));
  run.order_ids = std::move(sax.order_ids);
  size_t n = run.order_ids.size();
  std::vector<core::MetricDefinition> defs;
  for (const Json& d : TRY(member(result, "definitions", Json::Type::kArray))->items()) {
    defs.push_back(TRY(definition_from(d)));
  }
  const auto& evaluations = TRY(member(result, "evaluations", Json::Type::kArray))->items();
  for (size_t i = 0; i < evaluations.size(); ++i) {
    core::Evaluation ev;
    TRY(read_evaluation(evaluations[i], defs, n, ev));
    if (i < sax.per_order.size() && sax.per_order[i].present) {
      PerOrder& o = sax.per_order[i];
      if (o.verdict.size() != n || o.amount.size() != n || o.store.size() != n) {
        return corrupt("evaluations[].orders");
      }
      if (o.bad_verdict) return corrupt("evaluations[].orders.verdict");
      ev.verdict = std::move(o.verdict);
      ev.amount = std::move(o.amount);
      ev.store = std::move(o.store);
    }
    run.evaluations.push_back(std::move(ev));
  }
  TRY(member(result, "findings", Json::Type::kArray));
  // Finding order id -> order index, through a sorted lookup.
  std::vector<std::pair<std::string_view, uint32_t>> by_id;
  by_id.reserve(n);
  for (uint32_t k = 0; k < n; ++k) by_id.emplace_back(run.order_ids[k], k);
  std::sort(by_id.begin(), by_id.end());
  run.findings = std::move(sax.findings);
  for (StoredFinding& s : run.findings) {
    auto it = std::lower_bound(by_id.begin(), by_id.end(),
                               std::pair<std::string_view, uint32_t>(s.order_id, 0));
    if (it == by_id.end() || it->first != s.order_id) return corrupt("findings[].order_id");
    s.order = it->second;
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
