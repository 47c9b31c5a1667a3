// Reading a stored close-out run back, format_version 2 (closeout_json.hpp): the document, then
// the per-order parts a command asks for.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/base/sha256.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/column_part.hpp"

namespace pitwall::io {

namespace {
namespace cc = core::closeout;

core::Error corrupt(std::string_view what) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("stored close-out run: {} is missing or malformed", what));
}

core::Error bad_part(std::string_view part, std::string_view what) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("stored close-out run: part {}: {}", part, what));
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

// An evaluation's totals; `part` gets the name of its per-order part ("" when not kept).
core::Status read_evaluation(const Json& j, const std::vector<core::MetricDefinition>& defs,
                             core::Evaluation& e, std::string& part) {
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
  if (orders == nullptr) return corrupt("evaluations[].orders");
  if (!orders->is_null()) part = TRY(member(j, "orders", Json::Type::kString))->as_string();
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

core::Status read_parts(const Json& result, std::vector<RunPart>& parts) {
  for (const Json& p : TRY(member(result, "parts", Json::Type::kArray))->items()) {
    RunPart part{p.get_string("name"), p.get_int("rows"), p.get_int("bytes"),
                 p.get_string("sha256")};
    if (part.name.empty() || part.sha256.size() != 64 || part.rows < 0 || part.bytes <= 0) {
      return corrupt("parts[]");
    }
    parts.push_back(std::move(part));
  }
  return {};
}
}  // namespace

int stored_run_format_version(std::string_view head) {
  constexpr std::string_view kKey = "\"format_version\":";
  size_t at = head.substr(0, 200).find(kKey);
  if (at == std::string_view::npos) return 0;
  const char* p = head.data() + at + kKey.size();
  int version = 0;
  auto [end, ec] = std::from_chars(p, head.data() + head.size(), version);
  return ec == std::errc() ? version : 0;
}

core::Result<StoredRun> read_stored_run(std::string_view text) {
  StoredRun run;
  auto parsed = Json::parse(text);
  if (!parsed) {
    return core::make_error(
        core::ErrorCode::kCorrupt,
        fmt::format("stored close-out run: not valid JSON ({})", parsed.error().message));
  }
  auto doc = std::make_shared<const Json>(std::move(*parsed));
  run.doc = doc;
  if (doc->get_string("format") != kCloseoutRunFormat ||
      doc->get_int("format_version") != kCloseoutRunFormatVersion) {
    return corrupt("format");
  }
  TRY(read_meta(*doc, run.meta));
  run.result_digest = doc->get_string("result_digest");
  const Json& result = *TRY(member(*doc, "result", Json::Type::kObject));
  TRY(read_stores(result, run.stores));
  TRY(read_parts(result, run.parts));
  run.order_count = TRY(member(result, "order_count", Json::Type::kInt))->as_int();
  std::vector<core::MetricDefinition> defs;
  for (const Json& d : TRY(member(result, "definitions", Json::Type::kArray))->items()) {
    defs.push_back(TRY(definition_from(d)));
  }
  for (const Json& j : TRY(member(result, "evaluations", Json::Type::kArray))->items()) {
    core::Evaluation e;
    std::string part;
    TRY(read_evaluation(j, defs, e, part));
    run.evaluations.push_back(std::move(e));
    run.evaluation_parts.push_back(std::move(part));
  }
  return run;
}

RunParts RunParts::all(const StoredRun& run) {
  RunParts p;
  p.order_ids = p.findings = true;
  for (size_t i = 0; i < run.evaluations.size(); ++i) {
    if (run.kept(i)) p.evaluations.push_back(i);
  }
  return p;
}

namespace {
// A part's bytes, checked against the size and digest the document records.
core::Result<std::string> part_bytes(const StoredRun& run, std::string_view name,
                                     const PartSource& source) {
  auto it = std::find_if(run.parts.begin(), run.parts.end(),
                         [&](const RunPart& p) { return p.name == name; });
  if (it == run.parts.end()) return bad_part(name, "not listed in the document");
  std::optional<std::string> bytes = TRY(source(name));
  if (!bytes) return bad_part(name, "its blob is missing");
  if (static_cast<int64_t>(bytes->size()) != it->bytes) {
    return bad_part(name, fmt::format("{} bytes where {} were written (truncated or replaced)",
                                      bytes->size(), it->bytes));
  }
  if (core::sha256_hex(*bytes) != it->sha256) return bad_part(name, "SHA-256 does not match");
  return std::move(*bytes);
}

core::Status load_evaluation(StoredRun& run, size_t i, const ColumnPart& part) {
  core::Evaluation& e = run.evaluations[i];
  int64_t n = run.order_count;
  std::vector<std::string> tokens;
  std::vector<uint8_t> index;
  TRY(part.codes("verdict", n, tokens, index));
  uint8_t code_of[256];
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (!core::parse_verdict_token(tokens[t], code_of[t])) {
      return bad_part(run.evaluation_parts[i], fmt::format("unknown verdict \"{}\"", tokens[t]));
    }
  }
  e.verdict.resize(index.size());
  for (size_t k = 0; k < index.size(); ++k) e.verdict[k] = code_of[index[k]];
  std::vector<int64_t> amounts;
  TRY(part.ints("amount_fen", n, amounts));
  e.amount = core::OrderAmounts(amounts);
  int64_t stores = static_cast<int64_t>(run.stores.store_count());
  std::vector<uint32_t> store;
  TRY(part.ints("store", n, store, stores - 1));
  e.store = core::OrderStores(std::move(store));
  return {};
}

// The findings, or those of one rule: the rule column is read first, and only the rows kept
// are turned into strings (a 10M-order run has millions of findings).
core::Status load_findings(StoredRun& run, const ColumnPart& part, std::string_view only_rule) {
  int64_t n = part.rows("order");
  if (n < 0) return bad_part("findings", "column order missing");
  std::vector<std::string> stage, rule, action, field;
  std::vector<uint8_t> stage_at, rule_at, action_at, field_at;
  TRY(part.codes("rule", n, rule, rule_at));
  std::vector<size_t> rows;
  for (size_t i = 0; i < rule_at.size(); ++i) {
    if (only_rule.empty() || rule[rule_at[i]] == only_rule) rows.push_back(i);
  }
  std::vector<uint32_t> order;
  TRY(part.ints("order", n, order, run.order_count - 1));
  TRY(part.codes("stage", n, stage, stage_at));
  TRY(part.codes("action", n, action, action_at));
  TRY(part.codes("field", n, field, field_at));
  run.findings.resize(rows.size());
  for (size_t j = 0; j < rows.size(); ++j) {
    size_t i = rows[j];
    StoredFinding& f = run.findings[j];
    f.order = order[i];
    f.stage = stage[stage_at[i]];
    f.rule = rule[rule_at[i]];
    f.action = action[action_at[i]];
    f.field = field[field_at[i]];
  }
  std::string StoredFinding::*texts[] = {&StoredFinding::order_id, &StoredFinding::customer_id,
                                         &StoredFinding::before, &StoredFinding::after,
                                         &StoredFinding::detail};
  const char* names[] = {"order_id", "customer_id", "before", "after", "detail"};
  for (size_t t = 0; t < std::size(texts); ++t) {
    TRY(part.texts(names[t], n, rows,
                   [&](size_t j, std::string_view v) { run.findings[j].*texts[t] = v; }));
  }
  return {};
}
}  // namespace

core::Status load_run_parts(StoredRun& run, const RunParts& which, const PartSource& source) {
  if (which.order_ids && run.order_ids.empty() && run.order_count > 0) {
    std::string bytes = TRY(part_bytes(run, "order_ids", source));
    ColumnPart part = TRY(ColumnPart::parse(bytes, "order_ids"));
    TRY(part.texts("order_id", run.order_count, run.order_ids));
  }
  for (size_t i : which.evaluations) {
    if (i >= run.evaluations.size() || !run.kept(i) || run.evaluations[i].has_orders()) continue;
    const std::string& name = run.evaluation_parts[i];
    std::string bytes = TRY(part_bytes(run, name, source));
    TRY(load_evaluation(run, i, TRY(ColumnPart::parse(bytes, name))));
  }
  if (which.findings && run.findings.empty()) {
    std::string bytes = TRY(part_bytes(run, "findings", source));
    TRY(load_findings(run, TRY(ColumnPart::parse(bytes, "findings")), which.findings_rule));
  }
  return {};
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
