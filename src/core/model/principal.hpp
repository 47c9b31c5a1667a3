#pragma once
// Principal: the person a use case acts for (spec README "Who uses it"; server.md §2), and the
// one role model of Pitwall. A role is a fixed set of what the person may do (app/permission.hpp
// holds that table); a scope narrows the rows they reach: a region manager's region, a store
// manager's store code, optionally a customer-service agent's region. Network-wide roles have an
// empty scope.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pitwall::core {

enum class Role : uint8_t {
  kHq,        // 运营: HQ operations, everything
  kRegion,    // 战区负责人: one region
  kStore,     // 店长: one store
  kFinance,   // 财务: reads all, signs the money
  kArbiter,   // 仲裁: decides the arbitration queue
  kDirector,  // 总监: reads all, approves the largest incentives
  kService,   // 客服: the win-back queue (of a region when scoped)
};
inline constexpr Role kAllRoles[] = {Role::kHq,      Role::kRegion,   Role::kStore,  Role::kFinance,
                                     Role::kArbiter, Role::kDirector, Role::kService};

// "hq", "region", "store", "finance", "arbiter", "director", "service".
std::string_view role_token(Role role);
std::optional<Role> parse_role(std::string_view token);
// Whether the role's scope names a region (region, and service when scoped), a store (store),
// or nothing (every other role).
bool role_scope_is_region(Role role);
bool role_scope_is_store(Role role);

struct Principal {
  std::string name;  // the registered user
  Role role = Role::kService;
  std::string scope;  // region name or store code; "" for network-wide roles
};

}  // namespace pitwall::core
