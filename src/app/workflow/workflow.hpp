#pragma once
// The close-out workflow's use cases (closeout.md lifecycle, §7–§9b, §11): confirmation and
// sign-off, disputes, the arbitration queue and decisions, status, freeze, seal, verify,
// carry-overs, retrospective and closing communications. Shared by every face; results are typed
// and rendered to JSON in workflow_json.cpp (docs/workflow.md).
//
// Numbers come from the stored close-out run (app/closeout/stored_run.hpp), never from running
// the pipeline: recording a confirmation, a dispute or a decision costs milliseconds at any size
// (server.md §5). Sign-offs, the freeze and the seal require the latest run to be current (its
// inputs fingerprint equals the inputs in force); a decision makes it stale until HQ or finance
// runs `closeout run` again. Verify, the seal's snapshot, the retrospective's funnel and the
// closing plan compute from the raw data on purpose (they check or count what the run does not
// keep).
//
// Every write: authorize, check scope, then one transaction that reads again the lifecycle, the
// current run and the records it rests on, writes, and appends one hash-chained log entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/campaign.hpp"
#include "app/closeout/stored_run.hpp"
#include "app/session.hpp"
#include "app/workflow/records.hpp"
#include "core/closeout/inputs.hpp"
#include "core/definitions/evaluation.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/lifecycle.hpp"
#include "core/workflow/signoff.hpp"
#include "io/json/json.hpp"

namespace pitwall::io {
class XlsxWriter;
}

namespace pitwall::app::workflow {

namespace wf = core::workflow;

// A sign-off as shown: what is recorded (if anything) against the current digest.
struct SignoffView {
  wf::SignoffKind kind = wf::SignoffKind::kStore;
  std::string scope;
  std::optional<wf::Signoff> signoff;
  std::string current_digest;
  wf::SignoffStatus status = wf::SignoffStatus::kPending;
};

// --- Confirmation and sign-off (closeout.md §8) ---
struct DisputeRequest {
  std::string order_id;
  std::string claim;  // mine | not-valid
  std::string note;
};
struct ConfirmRequest {
  std::string campaign;
  std::string store;
  std::vector<DisputeRequest> disputes;
};
struct ConfirmResult {
  std::string campaign;
  SignoffView confirmation;
  core::Totals totals;
  std::vector<wf::Dispute> disputes;
  closeout::RunStatus run;
  const core::TimeZone* zone = nullptr;
};
core::Result<ConfirmResult> confirm_store(const Session& s, const ConfirmRequest& r);

struct StoreOrdersRequest {
  std::string campaign;
  std::string store;
};
struct StoreOrder {
  std::string order_id, customer_id;
  std::string status;   // order status token ("" when none)
  int64_t paid_at = 0;  // core::kNoTime when none
  uint8_t verdict = 0;
  int64_t amount_fen = 0;
  std::optional<int64_t> paid_fen;
};
struct NeedsStore {
  std::string order_id, rule, field, after;
};
struct StoreOrdersResult {
  std::string campaign, store, name, region, definition;
  SignoffView confirmation;
  core::Totals totals;
  std::vector<StoreOrder> orders;
  std::vector<NeedsStore> needs_store;
  std::vector<wf::Dispute> disputes_filed, claims_on_its_orders;
  closeout::RunStatus run;
  const core::TimeZone* zone = nullptr;
};
core::Result<StoreOrdersResult> store_orders(const Session& s, const StoreOrdersRequest& r);

struct SignResult {
  std::string campaign;
  SignoffView signoff;
  core::Totals totals;
  std::optional<int64_t> rebate_fen, clawback_fen, payable_fen;  // finance
  closeout::RunStatus run;
  const core::TimeZone* zone = nullptr;
};
core::Result<SignResult> sign_region(const Session& s, const std::string& campaign,
                                     const std::string& region);
core::Result<SignResult> sign_finance(const Session& s, const std::string& campaign);

// --- Arbitration (closeout.md §7) ---
struct QueueEntry {
  wf::QueueItem item;
  std::optional<core::closeout::ArbitrationDecision> decision;
};
struct QueueResult {
  std::string campaign, arbiter;
  std::vector<QueueEntry> entries;
  closeout::RunStatus run;
  const core::TimeZone* zone = nullptr;
};
core::Result<QueueResult> arbitration_queue(const Session& s, const std::string& campaign,
                                            bool open_only);

struct DecideRequest {
  std::string campaign;
  std::string order_id;
  std::string decision;  // count | exclude | store:CODE
  std::string reason;
  bool blacklist = false;                    // add the order's identifiers to the blacklist
  std::vector<std::string> blacklist_kinds;  // customer_id | phone | vin (empty: all three)
};
struct DecideResult {
  std::string campaign, order_id;
  core::closeout::ArbitrationDecision decision;
  std::optional<core::closeout::ArbitrationDecision> previous;
  std::vector<core::closeout::BlacklistEntry> blacklist_added;
  closeout::RunStatus run;  // the run the queue came from; no longer current after a decision
  const core::TimeZone* zone = nullptr;
};
core::Result<DecideResult> decide(const Session& s, const DecideRequest& r);

// --- Lifecycle, seal, carry-over (closeout.md lifecycle, §9, §9b) ---
struct StoreStatus {
  std::string store;
  wf::SignoffStatus status = wf::SignoffStatus::kPending;
  bool settled = false;
  std::optional<wf::Signoff> signoff;
  std::string current_digest;  // of the store's numbers in the run read
};
struct StatusResult {
  CampaignInfo info;
  int64_t now = 0;
  std::vector<CarryOver> carry_overs;
  std::optional<closeout::RunStatus> run;  // none before the first run
  std::string numbers_error;               // why there are no numbers (no run, damaged run)
  std::string definition;
  std::vector<StoreStatus> stores;  // within the reader's scope
  std::vector<SignoffView> signoffs;
  int64_t queue_items = 0, queue_open = 0;
};
core::Result<StatusResult> campaign_status(const Session& s, const std::string& campaign);

struct FreezeResult {
  CampaignInfo info;
  FreezeRecord freeze;
  std::vector<std::string> deemed_stores;
  closeout::RunStatus run;
};
core::Result<FreezeResult> freeze_campaign(const Session& s, const std::string& campaign);

struct SealResult {
  CampaignInfo info;
  SealRecord seal;
  std::string definition;
  int64_t snapshot_bytes = 0;
};
core::Result<SealResult> seal_campaign(const Session& s, const std::string& campaign);

// The report has "ok": false when anything differs; the CLI exits 1 then.
core::Result<io::Json> verify_campaign(const Session& s, const std::string& campaign);

struct CarryOverRequest {
  std::string campaign, order_id, amount, reason;
};
struct CarryOverResult {
  std::string campaign;
  CarryOver carry_over;
  const core::TimeZone* zone = nullptr;
};
core::Result<CarryOverResult> carry_over(const Session& s, const CarryOverRequest& r);

// --- Retrospective and closing communications (closeout.md §11, "Closing gracefully") ---
struct RetroRequest {
  std::string campaign;
  std::vector<std::string> went_right;
  std::vector<std::string> went_wrong;
  std::vector<std::string> recommend;
};
core::Result<io::Json> retrospective(const Session& s, const RetroRequest& r);
core::Result<io::Json> write_template(const Session& s, const std::string& campaign,
                                      const std::string& out_dir);
core::Result<io::Json> closing_plan(const Session& s, const std::string& campaign,
                                    const std::string& csv_dir);

// --- The close-out workbook's evidence ---
// Appends the Arbitration, Sign-offs and Retrospective sheets (headers in the session's
// language) to a workbook being written; the close-out export calls it after its own sheets.
core::Status append_workflow_sheets(const Session& s, const std::string& campaign,
                                    io::XlsxWriter& writer);

// --- JSON (docs/workflow.md): language-neutral, instants in the campaign's zone ---
io::Json to_json(const ConfirmResult& r);
io::Json to_json(const StoreOrdersResult& r);
io::Json to_json(const SignResult& r);
io::Json to_json(const QueueResult& r);
io::Json to_json(const DecideResult& r);
io::Json to_json(const StatusResult& r);
io::Json to_json(const FreezeResult& r);
io::Json to_json(const SealResult& r);
io::Json to_json(const CarryOverResult& r);

}  // namespace pitwall::app::workflow
