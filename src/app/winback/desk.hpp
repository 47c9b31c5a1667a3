#pragma once
// The win-back desk's reading of the workspace, shared by its use cases (app/winback/*.hpp): the
// active programme, the imported tables it evaluates, the blacklist, and the rows a person
// reaches. Nothing here writes; the use cases' transactions do (records.hpp).
//
// Scope (server.md §2): the churned customers and history rows a session reaches are those of
// the stores within app::scope_of(session) — a store manager's store, a region manager's (or a
// scoped customer-service agent's) region by the stores table, everything for the rest. The
// tables of a Desk hold only those rows, so every count and ranking made from them covers the
// scope; a customer outside it answers the same kNotFound as one that is not in the list.
//
// Workspace records read: "winback.programmes" (key "id@version": {id, name, version, file, toml,
// added_at, added_by}), "winback.settings" (key "active": {programme: "id@version"}),
// "blacklist" (key "kind:value": {kind, value, reason, source}).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "app/permission.hpp"
#include "app/session.hpp"
#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/table.hpp"
#include "core/winback/blacklist.hpp"
#include "core/winback/calibration.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::store {
class Workspace;
}

namespace pitwall::app::winback {

namespace wb = core::winback;

// "auto": the calibrated models where the history allows; "table": the programme's tables.
enum class ModelChoice : uint8_t { kAuto, kTable };

struct ProgrammeInfo {
  wb::Programme programme;
  std::string file;  // "" for the built-in default
};

// The active programme of the workspace, or the defaults. Errors: kCorrupt when the active
// record names a programme that is not stored or does not parse.
core::Result<ProgrammeInfo> active_programme(store::Workspace& ws);
// The programme's time zone from the tz database. Errors: kInvalidInput for an unknown zone.
core::Result<const core::TimeZone*> zone_of(const wb::Programme& programme);

// The calibration to report for a model choice: the fitted one, or both marked "chosen" tables.
wb::Calibration reported_models(const wb::Calibration& fitted, ModelChoice choice);

// What the desk reads to evaluate customers, within one session's scope.
struct Desk {
  ProgrammeInfo info;
  const core::TimeZone* zone = nullptr;
  core::Table churned;    // the churned rows within the scope
  core::Table stores;     // every store (regions for the scope and for offers)
  core::Table customers;  // customer master data (phones and VINs for blacklist hits)
  wb::Blacklist blacklist;
  wb::Calibration calibration;  // fitted on the whole network's history
  ModelChoice model = ModelChoice::kAuto;

  const wb::Programme& programme() const { return info.programme; }
  // Calibration to evaluate with (null for the tables).
  const wb::Calibration* models() const {
    return model == ModelChoice::kAuto ? &calibration : nullptr;
  }
};

// Loads the programme, the churned rows within the session's scope, stores, customers,
// blacklist and calibration. Errors: the workspace's.
core::Result<Desk> load_desk(const Session& s, ModelChoice model);

// The imported blacklist plus the records close-out arbitration added.
core::Result<wb::Blacklist> load_blacklist(store::Workspace& ws);

// Region of a store from the stores table, the latest row winning ("" when unknown).
std::string region_of(const core::Table& stores, std::string_view store_code);

// The rows of a churned or win-back history table whose store is within `scope` (every row for
// the network, without copying).
core::Table scoped_rows(core::Table table, const core::Table& stores, const Scope& scope);

// The latest churned row of a customer within the table; kNotFound (the same words whether the
// customer is elsewhere or nowhere) otherwise.
core::Result<size_t> find_customer(const Session& s, const core::Table& churned,
                                   std::string_view customer_id);

}  // namespace pitwall::app::winback
