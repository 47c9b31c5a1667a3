#include "core/model/principal.hpp"

#include <array>

namespace pitwall::core {

namespace {
constexpr std::array<std::string_view, 7> kTokens = {"hq",      "region",   "store",  "finance",
                                                     "arbiter", "director", "service"};
}  // namespace

std::string_view role_token(Role role) { return kTokens[static_cast<size_t>(role)]; }

std::optional<Role> parse_role(std::string_view token) {
  for (size_t i = 0; i < kTokens.size(); ++i) {
    if (kTokens[i] == token) return static_cast<Role>(i);
  }
  return std::nullopt;
}

bool role_scope_is_region(Role role) { return role == Role::kRegion || role == Role::kService; }
bool role_scope_is_store(Role role) { return role == Role::kStore; }

}  // namespace pitwall::core
