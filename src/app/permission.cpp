#include "app/permission.hpp"

#include <array>
#include <initializer_list>

#include "core/base/check.hpp"

namespace pitwall::app {

namespace {

using P = Permission;
using core::Role;

struct PermissionInfo {
  Permission permission;
  std::string_view token;
  bool write;
};

// Every permission once, in enum order.
constexpr PermissionInfo kPermissions[] = {
    {P::kWorkspaceRead, "workspace:catalogue:read", false},
    {P::kImportRead, "workspace:imports:read", false},
    {P::kImport, "workspace:imports:create", true},
    {P::kCampaignWrite, "workspace:campaigns:write", true},
    {P::kDefinitionWrite, "workspace:definitions:write", true},
    {P::kUserRead, "workspace:users:read", false},
    {P::kUserWrite, "workspace:users:write", true},
    {P::kCloseoutRun, "closeout:runs:create", true},
    {P::kCloseoutRead, "closeout:results:read", false},
    {P::kCloseoutExport, "closeout:workbook:export", false},
    {P::kStatusRead, "workflow:status:read", false},
    {P::kConfirmationRead, "workflow:confirmations:read", false},
    {P::kConfirmStore, "workflow:confirmations:confirm", true},
    {P::kDispute, "workflow:disputes:create", true},
    {P::kSignRegion, "workflow:signoffs:region", true},
    {P::kSignFinance, "workflow:signoffs:finance", true},
    {P::kArbitrationRead, "workflow:arbitration:read", false},
    {P::kArbitrate, "workflow:arbitration:decide", true},
    {P::kFreeze, "workflow:lifecycle:freeze", true},
    {P::kSeal, "workflow:lifecycle:seal", true},
    {P::kVerify, "workflow:seal:verify", false},
    {P::kCarryOver, "workflow:carryovers:create", true},
    {P::kRetrospective, "workflow:retrospective:write", true},
    {P::kClosingRead, "workflow:closing:read", false},
    {P::kWinbackRead, "winback:customers:read", false},
    {P::kWinbackProgramme, "winback:programme:write", true},
    {P::kOfferCreate, "winback:offers:create", true},
    {P::kOfferApprove, "winback:offers:approve", true},
    {P::kOfferHandle, "winback:offers:handle", true},
    {P::kWinbackReports, "winback:reports:read", false},
    {P::kBudgetOverride, "winback:budget:override", true},
    {P::kSupervisionRead, "supervision:board:read", false},
    {P::kProblemWrite, "supervision:problems:write", true},
    {P::kPracticeWrite, "supervision:practices:write", true},
    {P::kPhaseWrite, "supervision:phase:write", true},
    {P::kPushRead, "push:deliveries:read", false},
    {P::kPushWrite, "push:targets:write", true},
    {P::kAuditRead, "workspace:audit:read", false},
};
static_assert(std::size(kPermissions) == kPermissionCount);

// What every network-wide reader reads (hq, finance, director).
constexpr std::initializer_list<P> kReadAll = {
    P::kWorkspaceRead,   P::kImportRead,  P::kUserRead,         P::kCloseoutRead,
    P::kCloseoutExport,  P::kStatusRead,  P::kConfirmationRead, P::kArbitrationRead,
    P::kVerify,          P::kClosingRead, P::kWinbackRead,      P::kWinbackReports,
    P::kSupervisionRead, P::kAuditRead,
};

// server.md §2, one row per role: what it reads (within its scope) and what it writes.
struct RoleRow {
  Role role;
  std::initializer_list<P> reads;
  std::initializer_list<P> writes;
};
const RoleRow kRoleTable[] = {
    // Win-back: HQ writes the programme (its budget), no offers (server.md §2).
    // Push targets and their delivery log are HQ's alone (server.md §7).
    {Role::kHq,
     {P::kWorkspaceRead, P::kImportRead, P::kUserRead, P::kCloseoutRead, P::kCloseoutExport,
      P::kStatusRead, P::kConfirmationRead, P::kArbitrationRead, P::kVerify, P::kClosingRead,
      P::kWinbackRead, P::kWinbackReports, P::kSupervisionRead, P::kAuditRead, P::kPushRead},
     {P::kImport, P::kCampaignWrite, P::kDefinitionWrite, P::kUserWrite, P::kCloseoutRun,
      P::kFreeze, P::kSeal, P::kCarryOver, P::kRetrospective, P::kWinbackProgramme,
      P::kProblemWrite, P::kPracticeWrite, P::kPhaseWrite, P::kPushWrite}},
    // Win-back: a region manager approves (and rejects) offers of its stores; creating, releasing
    // and recording outcomes are the store's and customer service's (server.md §2).
    {Role::kRegion,
     {P::kWorkspaceRead, P::kCloseoutRead, P::kStatusRead, P::kConfirmationRead,
      P::kArbitrationRead, P::kWinbackRead, P::kSupervisionRead},
     {P::kSignRegion, P::kOfferApprove, P::kProblemWrite}},
    {Role::kStore,
     {P::kWorkspaceRead, P::kCloseoutRead, P::kStatusRead, P::kConfirmationRead,
      P::kArbitrationRead, P::kWinbackRead, P::kSupervisionRead},
     {P::kConfirmStore, P::kDispute, P::kOfferCreate, P::kOfferApprove, P::kOfferHandle,
      P::kProblemWrite}},
    {Role::kFinance, kReadAll, {P::kCloseoutRun, P::kSignFinance, P::kCarryOver}},
    {Role::kArbiter, {P::kWorkspaceRead, P::kStatusRead, P::kArbitrationRead}, {P::kArbitrate}},
    {Role::kDirector, kReadAll, {P::kOfferApprove, P::kBudgetOverride}},
    {Role::kService, {P::kWorkspaceRead, P::kWinbackRead}, {P::kOfferCreate, P::kOfferHandle}},
};

using Matrix = std::array<std::array<bool, kPermissionCount>, std::size(core::kAllRoles)>;

const Matrix& matrix() {
  static const Matrix built = [] {
    Matrix m{};
    for (const RoleRow& row : kRoleTable) {
      for (P p : row.reads) {
        PW_CHECK(!is_write(p), "a write listed among a role's reads");
        m[static_cast<size_t>(row.role)][static_cast<size_t>(p)] = true;
      }
      for (P p : row.writes) {
        PW_CHECK(is_write(p), "a read listed among a role's writes");
        m[static_cast<size_t>(row.role)][static_cast<size_t>(p)] = true;
      }
    }
    return m;
  }();
  return built;
}

std::string role_label(const Session& s, Role role) {
  return s.tr(std::string("role.") + std::string(core::role_token(role)));
}

}  // namespace

std::string_view permission_token(Permission p) {
  return kPermissions[static_cast<size_t>(p)].token;
}

bool is_write(Permission p) { return kPermissions[static_cast<size_t>(p)].write; }

bool role_has(Role role, Permission p) {
  return matrix()[static_cast<size_t>(role)][static_cast<size_t>(p)];
}

core::Status authorize(const Session& s, Permission p) {
  if (s.local_operator) {
    if (!is_write(p)) return {};
    return core::make_error(core::ErrorCode::kForbidden, s.tr("app.needs_user"));
  }
  if (role_has(s.principal.role, p)) return {};
  const core::Principal& who = s.principal;
  std::string person =
      who.scope.empty() ? s.tr("app.person", who.name, role_label(s, who.role))
                        : s.tr("app.person_scoped", who.name, role_label(s, who.role), who.scope);
  std::string action = s.tr(std::string("permission.") + std::string(permission_token(p)));
  return core::make_error(core::ErrorCode::kForbidden, s.tr("app.forbidden", person, action));
}

bool Scope::covers_store(std::string_view store_code, std::string_view store_region) const {
  switch (kind) {
    case Kind::kNetwork:
      return true;
    case Kind::kRegion:
      return !store_region.empty() && store_region == name;
    case Kind::kStore:
      return !store_code.empty() && store_code == name;
  }
  return false;
}

bool Scope::covers_region(std::string_view region) const {
  return kind == Kind::kNetwork || (kind == Kind::kRegion && region == name);
}

Scope scope_of(const core::Principal& p) {
  if (p.scope.empty()) return {};
  if (core::role_scope_is_store(p.role)) return {Scope::Kind::kStore, p.scope};
  if (core::role_scope_is_region(p.role)) return {Scope::Kind::kRegion, p.scope};
  return {};
}

}  // namespace pitwall::app
