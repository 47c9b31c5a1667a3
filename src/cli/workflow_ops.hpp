#pragma once
// The close-out workflow's operations (closeout.md lifecycle, §7–§9b, §11, "Closing
// gracefully"), shared by the CLI and, later, the HTTP server. Each write names its person
// (a registered user), passes core::authorize (role and scope) and core::check_campaign_write
// (lifecycle), then writes its records and one hash-chained adjustment-log entry in one
// transaction. Each returns the JSON document the command prints with --json (docs/workflow.md).

#include <string>
#include <vector>

#include "cli/context.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::io {
class XlsxWriter;
}

namespace pitwall::cli {

struct DisputeRequest {
  std::string order_id;
  std::string claim;  // mine | not-valid
  std::string note;
};

// --- Confirmation and sign-off (closeout.md §8) ---
core::Result<io::Json> confirm_store(const Context& ctx, store::Workspace& ws,
                                     const std::string& campaign, const std::string& store,
                                     const std::string& as,
                                     const std::vector<DisputeRequest>& disputes);
// A store's orders to confirm, the fills that need it, its disputes and its confirmation.
core::Result<io::Json> store_orders(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& store);
core::Result<io::Json> sign_region(const Context& ctx, store::Workspace& ws,
                                   const std::string& campaign, const std::string& region,
                                   const std::string& as);
core::Result<io::Json> sign_finance(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& as);

// --- Arbitration (closeout.md §7) ---
core::Result<io::Json> arbitration_queue(const Context& ctx, store::Workspace& ws,
                                         const std::string& campaign, bool open_only);
struct DecideRequest {
  std::string campaign;
  std::string order_id;
  std::string decision;  // count | exclude | store:CODE
  std::string reason;
  std::string as;
  bool blacklist = false;                    // add the order's identifiers to the blacklist
  std::vector<std::string> blacklist_kinds;  // customer_id | phone | vin (empty: all three)
};
core::Result<io::Json> decide(const Context& ctx, store::Workspace& ws, const DecideRequest& r);

// --- Lifecycle, seal, carry-over (closeout.md lifecycle, §9, §9b) ---
core::Result<io::Json> campaign_status(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign);
core::Result<io::Json> freeze_campaign(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign, const std::string& as);
core::Result<io::Json> seal_campaign(const Context& ctx, store::Workspace& ws,
                                     const std::string& campaign, const std::string& as);
// The report has "ok": false when anything differs; the caller exits 1 then.
core::Result<io::Json> verify_campaign(const Context& ctx, store::Workspace& ws,
                                       const std::string& campaign);
core::Result<io::Json> carry_over(const Context& ctx, store::Workspace& ws,
                                  const std::string& campaign, const std::string& order_id,
                                  const std::string& amount, const std::string& reason,
                                  const std::string& as);

// --- Retrospective and closing communications (closeout.md §11, "Closing gracefully") ---
struct RetroRequest {
  std::string campaign;
  std::string as;
  std::vector<std::string> went_right;
  std::vector<std::string> went_wrong;
  std::vector<std::string> recommend;
};
core::Result<io::Json> retrospective(const Context& ctx, store::Workspace& ws,
                                     const RetroRequest& r);
core::Result<io::Json> write_template(const Context& ctx, store::Workspace& ws,
                                      const std::string& campaign, const std::string& out_dir);
core::Result<io::Json> closing_plan(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, const std::string& csv_dir);

// --- The close-out workbook ---
// Appends the Arbitration, Sign-offs and Retrospective sheets (headers in ctx.lang) to a
// workbook being written (the close-out export calls this after its own sheets).
core::Status append_workflow_sheets(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, io::XlsxWriter& writer);

}  // namespace pitwall::cli
