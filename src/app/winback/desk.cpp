#include "app/winback/desk.hpp"

#include <fmt/format.h>

#include <map>
#include <vector>

#include "app/winback/records.hpp"
#include "io/json/json.hpp"
#include "io/toml/winback_file.hpp"
#include "io/tz/tz_database.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

namespace {

core::Result<io::Json> record_json(store::Workspace& ws, std::string_view collection,
                                   std::string_view key) {
  auto record = TRY(ws.get_record(collection, key));
  if (!record) return io::Json();
  auto json = io::Json::parse(record->json);
  if (!json) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("stored record {}/{} is not valid JSON", collection, key));
  }
  return *json;
}

// The rows `rows` of `table` as a table of their own (text interned afresh, so the copy holds
// only the strings of those rows).
core::Table select_rows(const core::Table& table, std::span<const uint32_t> rows) {
  core::Table out = core::Table::empty(table.kind);
  for (size_t c = 0; c < table.columns.size() && c < out.columns.size(); ++c) {
    const core::Column& from = table.columns[c];
    core::Column& to = out.columns[c];
    to.reserve(rows.size());
    for (uint32_t r : rows) {
      switch (from.type()) {
        case core::ValueType::kText:
          to.push_text(out.pool.intern(table.pool.view(from.text()[r])));
          break;
        case core::ValueType::kTime:
        case core::ValueType::kMoney:
        case core::ValueType::kInt:
          to.push_i64(from.i64()[r]);
          break;
        case core::ValueType::kReal:
          to.push_f64(from.f64()[r]);
          break;
        default:
          to.push_i32(from.i32()[r]);
          break;
      }
    }
  }
  for (uint32_t r : rows) {
    out.lines.push_back(table.lines[r]);
    if (r < table.batches.size()) out.batches.push_back(table.batches[r]);
  }
  return out;
}
}  // namespace

core::Result<const core::TimeZone*> zone_of(const wb::Programme& programme) {
  return io::find_time_zone(programme.timezone);
}

core::Result<ProgrammeInfo> active_programme(store::Workspace& ws) {
  io::Json active = TRY(record_json(ws, kSettings, "active"));
  std::string key = active.get_string("programme");
  if (key.empty()) return ProgrammeInfo{};
  io::Json record = TRY(record_json(ws, kProgrammes, key));
  if (record.is_null()) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("the active programme {} is not stored", key));
  }
  std::string file = record.get_string("file");
  wb::Programme p = TRY(io::parse_programme_file(record.get_string("toml"), file));
  return ProgrammeInfo{std::move(p), file};
}

wb::Calibration reported_models(const wb::Calibration& fitted, ModelChoice choice) {
  if (choice == ModelChoice::kAuto) return fitted;
  wb::Calibration c;
  c.success.table_reason = "chosen";
  c.retention.table_reason = "chosen";
  return c;
}

core::Result<wb::Blacklist> load_blacklist(store::Workspace& ws) {
  wb::Blacklist list;
  list.add_table(TRY(ws.load_table(core::TableKind::kBlacklist, "")));
  for (const auto& r : TRY(ws.list_records("blacklist"))) {
    auto json = io::Json::parse(r.json);
    if (!json) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              fmt::format("stored blacklist entry {} is not valid JSON", r.key));
    }
    list.add({json->get_string("kind"), json->get_string("value"), json->get_string("reason"),
              json->get_string("source")});
  }
  list.finish();
  return list;
}

core::Result<Desk> load_desk(const Session& s, ModelChoice model) {
  store::Workspace& ws = s.workspace();
  Desk d;
  d.info = TRY(active_programme(ws));
  d.zone = TRY(zone_of(d.info.programme));
  d.stores = TRY(ws.load_table(core::TableKind::kStores, ""));
  d.churned = scoped_rows(TRY(ws.load_table(core::TableKind::kChurned, "")), d.stores, scope_of(s));
  d.customers = TRY(ws.load_table(core::TableKind::kCustomers, ""));
  d.blacklist = TRY(load_blacklist(ws));
  d.model = model;
  // The models are fitted on the whole network's history: coefficients, not rows.
  core::Table history = TRY(ws.load_table(core::TableKind::kWinbackHistory, ""));
  d.calibration = wb::calibrate(d.info.programme, history);
  return d;
}

std::string region_of(const core::Table& stores, std::string_view store_code) {
  std::string region;
  for (size_t row = 0; row < stores.rows(); ++row) {  // the latest row wins
    if (stores.text(core::stores::kStoreCode, row) == store_code) {
      region = std::string(stores.text(core::stores::kRegion, row));
    }
  }
  return region;
}

core::Table scoped_rows(core::Table table, const core::Table& stores, const Scope& scope) {
  if (scope.is_network()) return table;
  std::map<std::string, std::string, std::less<>> regions;  // the latest row wins
  for (size_t row = 0; row < stores.rows(); ++row) {
    regions[std::string(stores.text(core::stores::kStoreCode, row))] =
        std::string(stores.text(core::stores::kRegion, row));
  }
  std::vector<uint32_t> rows;
  for (size_t row = 0; row < table.rows(); ++row) {
    std::string_view code = table.text(core::churned::kStoreCode, row);
    auto it = regions.find(code);
    std::string_view region = it == regions.end() ? std::string_view() : it->second;
    if (scope.covers_store(code, region)) rows.push_back(uint32_t(row));
  }
  return select_rows(table, rows);
}

core::Result<size_t> find_customer(const Session& s, const core::Table& churned,
                                   std::string_view customer_id) {
  std::optional<size_t> found;
  for (size_t row = 0; row < churned.rows(); ++row) {
    if (churned.text(core::churned::kCustomerId, row) == customer_id) found = row;
  }
  if (!found) return core::not_found(s.tr("winback.unknown_customer", customer_id));
  return *found;
}

}  // namespace pitwall::app::winback
