#pragma once
// Authorisation: the one check every use case makes, for every read and every write (server.md
// §2). A role is a row of permissions (kRoleTable in permission.cpp, the table of server.md §2);
// a use case first checks its permission with authorize(), then keeps its reads and writes
// within the principal's Scope: a store manager reaches one store's rows, a region manager one
// region's, everyone else the network. An object outside the scope does not exist for the
// person: the use case answers kNotFound with the same words as for a name that exists nowhere
// (never kForbidden, never a count that reveals it), and aggregates cover the scope only.
//
// Writes check again inside their transaction what the transaction reads (lifecycle, current
// run, existing records), so that a check and its write cannot be split by another person's.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "app/session.hpp"
#include "core/base/result.hpp"
#include "core/model/principal.hpp"

namespace pitwall::app {

// One per kind of use case; the token is "module:resource:action" (style.md, Gitea's reqToken).
enum class Permission : uint8_t {
  // Workspace: campaigns, definitions, imports, users.
  kWorkspaceRead,    // workspace:catalogue:read — campaigns and definitions
  kImportRead,       // workspace:imports:read — the import batches and their row errors
  kImport,           // workspace:imports:create
  kCampaignWrite,    // workspace:campaigns:write
  kDefinitionWrite,  // workspace:definitions:write
  kUserRead,         // workspace:users:read
  kUserWrite,        // workspace:users:write — add users, change roles, reset passwords
  // Close-out: runs and every reading of them.
  kCloseoutRun,     // closeout:runs:create
  kCloseoutRead,    // closeout:results:read — summary, bridge, findings, settlement (scoped)
  kCloseoutExport,  // closeout:workbook:export — the whole network's workbook
  // The close-out workflow (closeout.md lifecycle, §7–§9b, §11).
  kStatusRead,        // workflow:status:read — lifecycle, sign-offs, queue counts (scoped)
  kConfirmationRead,  // workflow:confirmations:read — a store's orders to confirm (scoped)
  kConfirmStore,      // workflow:confirmations:confirm
  kDispute,           // workflow:disputes:create — "not valid" and "mine"
  kSignRegion,        // workflow:signoffs:region
  kSignFinance,       // workflow:signoffs:finance
  kArbitrationRead,   // workflow:arbitration:read — the queue with its evidence
  kArbitrate,         // workflow:arbitration:decide
  kFreeze,            // workflow:lifecycle:freeze
  kSeal,              // workflow:lifecycle:seal
  kVerify,            // workflow:seal:verify
  kCarryOver,         // workflow:carryovers:create
  kRetrospective,     // workflow:retrospective:write
  kClosingRead,       // workflow:closing:read — closing plan, notice templates
  // Win-back (winback.md).
  kWinbackRead,       // winback:customers:read — the queue, scores, calculations (scoped)
  kWinbackProgramme,  // winback:programme:write
  kOfferCreate,       // winback:offers:create
  kOfferApprove,      // winback:offers:approve — within the levels of core::winback
  kOfferHandle,       // winback:offers:handle — release stages, record outcomes
  kWinbackReports,    // winback:reports:read — budget, audit, experiments
  kBudgetOverride,    // winback:budget:override — lift a month's overrun pause
  // Supervision (supervision.md).
  kSupervisionRead,  // supervision:board:read — board, alerts, trend, sampling, review (scoped)
  kProblemWrite,     // supervision:problems:write (scoped to the problem's store)
  kPracticeWrite,    // supervision:practices:write
  kPhaseWrite,       // supervision:phase:write
  // Pushing to group robots (server.md §7, docs/push.md): HQ's.
  kPushRead,   // push:deliveries:read — targets (never their secrets) and the delivery log
  kPushWrite,  // push:targets:write — add, remove and test targets; send what is due
  // The server's audit trail of every write (who, from where, when, what, outcome).
  kAuditRead,  // workspace:audit:read
};
inline constexpr int kPermissionCount = static_cast<int>(Permission::kAuditRead) + 1;

// "closeout:runs:create", ...
std::string_view permission_token(Permission p);
// Whether the permission changes stored state (the local operator may not).
bool is_write(Permission p);
// Whether `role` holds `p` (the table of server.md §2).
bool role_has(core::Role role, Permission p);

// OK, or kForbidden naming the person, their role and what they may not do (in the session's
// language). The local operator (a CLI session without a name) holds every read and no write:
// a write answers kForbidden asking for a named user.
core::Status authorize(const Session& session, Permission p);

// The rows a principal reaches.
struct Scope {
  enum class Kind : uint8_t { kNetwork, kRegion, kStore };
  Kind kind = Kind::kNetwork;
  std::string name;  // the region name or store code; "" for the network

  bool is_network() const { return kind == Kind::kNetwork; }
  // Whether a store (its code and its region) is within the scope.
  bool covers_store(std::string_view store_code, std::string_view store_region) const;
  // Whether a whole region is within the scope (a store scope covers none).
  bool covers_region(std::string_view region) const;
};
Scope scope_of(const core::Principal& principal);
inline Scope scope_of(const Session& session) { return scope_of(session.principal); }

}  // namespace pitwall::app
