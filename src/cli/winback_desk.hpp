#pragma once
// The win-back desk's glue between the workspace and core::winback (used by winback_cmd.cpp):
// the active programme, the imported tables it reads, the offers, blacklist, overrides and the
// decision log. Every workflow action loads what it needs, calls one core transition and stores
// the result and its log entry in one transaction; a refusal is logged too ("refuse").
//
// Workspace records: "winback.programmes" (key "id@version": {id, name, version, file, toml,
// added_at, added_by}), "winback.settings" (key "active": {programme: "id@version"}),
// "winback.offers" (key = offer id), "winback.overrides" (key = month "2023-06": {by, at,
// reason}), "blacklist" (key "kind:value": {kind, value, reason, source}); log
// "winback.decisions".

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/winback/blacklist.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/calibration.hpp"
#include "core/winback/offer.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/scoring.hpp"
#include "io/report/winback_records.hpp"
#include "store/workspace.hpp"

namespace pitwall::cli::winback {

namespace wb = core::winback;

// "auto": the calibrated models where the history allows; "table": the programme's tables.
enum class ModelChoice : uint8_t { kAuto, kTable };

struct ProgrammeInfo {
  wb::Programme programme;
  std::string file;  // "" for the built-in default
};

// The active programme of the workspace, or the defaults.
core::Result<ProgrammeInfo> active_programme(store::Workspace& ws);
// Reads, checks and stores a programme file and makes it the active one.
core::Result<ProgrammeInfo> add_programme(const Context& ctx, store::Workspace& ws,
                                          const std::string& path);
// The programme's time zone from the tz database.
core::Result<const core::TimeZone*> zone_of(const wb::Programme& programme);

// What the desk reads to evaluate customers.
struct DeskData {
  std::unique_ptr<store::Workspace> ws;
  ProgrammeInfo info;
  const core::TimeZone* zone = nullptr;
  core::Table churned;
  core::Table stores;
  core::Table customers;
  core::Table history;
  wb::Blacklist blacklist;
  wb::Calibration calibration;
  ModelChoice model = ModelChoice::kAuto;

  const wb::Programme& programme() const { return info.programme; }
  // Calibration to evaluate with (null for the tables).
  const wb::Calibration* models() const {
    return model == ModelChoice::kAuto ? &calibration : nullptr;
  }
};

// The calibration to report for a model choice: the fitted one, or both marked "chosen" tables.
wb::Calibration reported_models(const wb::Calibration& fitted, ModelChoice choice);

// Opens the workspace and loads the programme, tables, blacklist and calibration.
core::Result<DeskData> load_desk(const Context& ctx, ModelChoice model);

// Region of a store from the stores table ("" when unknown).
std::string region_of(const core::Table& stores, std::string_view store_code);
// The latest churned row of a customer, or kNotFound.
core::Result<size_t> find_customer(const Context& ctx, const core::Table& churned,
                                   std::string_view customer_id);

core::Result<std::vector<wb::Offer>> load_offers(store::Workspace& ws);
core::Result<wb::Offer> load_offer(const Context& ctx, store::Workspace& ws, std::string_view id);
core::Result<bool> month_overridden(store::Workspace& ws, wb::YearMonth month);
// The registered person `name` with a known role.
core::Result<wb::Person> person_of(const Context& ctx, store::Workspace& ws, std::string_view name);
// The visits of one customer from the imported win-back visits.
core::Result<std::vector<wb::Visit>> visits_of(store::Workspace& ws, std::string_view customer);

// The refusal as an error in the context's language.
core::Error refusal_error(const Context& ctx, const wb::Refusal& refusal);

// --- Workflow actions (each logs its decision) ---

struct CreateOptions {
  std::string customer_id;
  std::optional<core::Money> amount;
  std::string arm;
  std::string as;
};
core::Result<wb::Offer> create_offer(const Context& ctx, const CreateOptions& options);

enum class Action : uint8_t { kApprove, kReject, kRelease, kOutcome };
struct OfferAction {
  Action action = Action::kApprove;
  std::string offer_id;
  std::string as;
  bool in_person = false;        // approve
  std::string reason;            // reject
  size_t stage = 0;              // release (0-based)
  std::optional<bool> won_back;  // outcome
  std::optional<bool> retained;  // outcome
};
core::Result<wb::Offer> act_on_offer(const Context& ctx, const OfferAction& action);

// A director's override of the overrun pause for `month`.
core::Status override_month(const Context& ctx, wb::YearMonth month, const std::string& as,
                            const std::string& reason);

}  // namespace pitwall::cli::winback
