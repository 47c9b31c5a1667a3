#pragma once
// The close-out workflow's state of a campaign as the workspace keeps it (closeout.md lifecycle,
// §7–§9b): JSON records and hash-chained logs, read and written here only.
//
// Records (collection / key):
//   workflow.lifecycle   <campaign>/lifecycle          freeze (who, when, pins) and seal
//   workflow.dispute     <campaign>/<order>/<store>    a store's dispute of an order
//   closeout.decisions   <campaign>/<order>            the arbitration decision on an order (the
//                        collection `closeout run` reads: {order_id, decision, reason, who, when})
//   workflow.signoff     <campaign>/store/<code>, <campaign>/region/<name>, <campaign>/finance
//   workflow.carryover   <campaign>/<seq>              carry-overs after the seal (§9b)
//   workflow.retro       <campaign>#<kind>/<n>  lessons (went_right, went_wrong), 3 recommendations
//   blacklist            <kind>:<value>                the workspace's shared blacklist
// Logs: <campaign>/adjustments (every workflow write, hash-chained) and <campaign>/carryover.
//
// Keys "<campaign>/..." are what the SQLite backend refuses to change once the campaign is
// sealed (seal_in_database); carry-overs (collection and log named "carryover") stay writable.
// Retrospective notes are people's lessons, not numbers: their keys ("<campaign>#...") stay
// writable after the seal, as the lifecycle allows (check_campaign_write, kRetrospective).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.hpp"
#include "core/closeout/inputs.hpp"
#include "core/model/principal.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/lifecycle.hpp"
#include "core/workflow/seal.hpp"
#include "core/workflow/signoff.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::workflow {

struct FreezeRecord {
  int64_t at = 0;
  std::string by;
  std::vector<core::workflow::PinnedBatches> pins;  // master data in force at the freeze
  std::string definition;                           // settlement definition, name@version
  std::vector<std::string> blacklist_keys;          // workspace blacklist entries in force
};

struct SealRecord {
  int64_t at = 0;
  std::string by;
  int64_t run = 0;            // the stored close-out run sealed: every later reading reads it
  std::string result_digest;  // that run's result digest
  std::string snapshot_sha256;
  std::vector<core::workflow::SnapshotSection> sections;
  std::string chain_head;
  int64_t chain_length = 0;
};

struct Lifecycle {
  std::optional<FreezeRecord> freeze;
  std::optional<SealRecord> seal;
  core::LifecycleFacts facts() const;
};

core::Result<Lifecycle> load_lifecycle(store::Workspace& ws, std::string_view campaign);
core::Status save_lifecycle(store::Workspace& ws, std::string_view campaign, const Lifecycle& l,
                            int64_t now);

// The lifecycle check for a write to `campaign` at the session's `now` (closeout.md lifecycle
// table), reading the lifecycle as the workspace has it now (call it inside the write's
// transaction). OK for a campaign not yet stored (there is nothing to protect). Used by import,
// campaign add and every workflow write.
core::Status check_lifecycle(const Session& s, std::string_view campaign,
                             core::CampaignWrite write);

core::Result<std::vector<core::workflow::Dispute>> load_disputes(store::Workspace& ws,
                                                                 std::string_view campaign);
core::Status put_dispute(store::Workspace& ws, std::string_view campaign,
                         const core::workflow::Dispute& d);

// Decisions, one per order (the latest), by order id.
core::Result<std::vector<core::closeout::ArbitrationDecision>> load_decisions(
    store::Workspace& ws, std::string_view campaign);
core::Status put_decision(store::Workspace& ws, std::string_view campaign,
                          const core::closeout::ArbitrationDecision& d,
                          const std::vector<core::closeout::BlacklistEntry>& blacklist);

core::Result<std::vector<core::workflow::Signoff>> load_signoffs(store::Workspace& ws,
                                                                 std::string_view campaign);
core::Status put_signoff(store::Workspace& ws, std::string_view campaign,
                         const core::workflow::Signoff& s);
// The sign-off of `kind` and `scope` among `all`, or nullptr.
const core::workflow::Signoff* find_signoff(const std::vector<core::workflow::Signoff>& all,
                                            core::workflow::SignoffKind kind,
                                            std::string_view scope);

// The workspace blacklist (collection "blacklist"): every entry, by key.
core::Result<std::vector<core::closeout::BlacklistEntry>> load_blacklist(store::Workspace& ws);
// Adds entries whose key is new; an existing entry keeps its first source. Returns the added.
core::Result<std::vector<core::closeout::BlacklistEntry>> add_to_blacklist(
    store::Workspace& ws, const std::vector<core::closeout::BlacklistEntry>& entries, int64_t now);
std::string blacklist_key(const core::closeout::BlacklistEntry& e);
// "arbitration:<campaign>/<order>": the source of entries an arbitration decision adds.
std::string arbitration_source(std::string_view campaign, std::string_view order_id);

// Hash-chained logs. `entry` is any JSON object without doubles (its compact text is hashed).
std::string adjustments_log(std::string_view campaign);
std::string carryover_log(std::string_view campaign);
// Appends `entry` to the chain (reads only its head; inside the caller's transaction).
core::Result<int64_t> append_chained(store::Workspace& ws, std::string_view log,
                                     const io::Json& entry);
core::Result<std::vector<core::workflow::ChainLink>> read_chain(store::Workspace& ws,
                                                                std::string_view log);
// An adjustment-log entry: {type, campaign, at, who, role, scope} then the caller's fields.
io::Json log_entry(std::string_view type, std::string_view campaign, int64_t at,
                   const core::Principal& who);

// Carry-overs (closeout.md §9b).
struct CarryOver {
  int64_t seq = 0;
  std::string order_id;
  int64_t amount_fen = 0;
  std::string reason;
  std::string who;
  std::string role;
  int64_t at = 0;
};
core::Result<std::vector<CarryOver>> load_carry_overs(store::Workspace& ws,
                                                      std::string_view campaign);
// Records a new carry-over: its number is the next after those stored (call inside the write's
// transaction); sets c.seq. Never overwrites.
core::Status insert_carry_over(store::Workspace& ws, std::string_view campaign, CarryOver& c);

// Retrospective notes: lessons ("went_right" | "went_wrong") and up to three recommendations,
// numbered per kind from 1.
struct RetroNote {
  std::string kind;  // went_right | went_wrong | recommendation
  int64_t number = 0;
  std::string text;
  std::string who;
  int64_t at = 0;
};
core::Result<std::vector<RetroNote>> load_retro(store::Workspace& ws, std::string_view campaign);
// Records a new note numbered after the stored notes of its kind (call inside the write's
// transaction); sets note.number. Never overwrites.
core::Status insert_retro(store::Workspace& ws, std::string_view campaign, RetroNote& note);

}  // namespace pitwall::app::workflow
