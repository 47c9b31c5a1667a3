#include "core/workflow/authorization.hpp"

#include <fmt/format.h>

namespace pitwall::core {

namespace {

Error forbid(const Actor& a, std::string why) {
  std::string who = a.scope.empty() ? fmt::format("{} ({})", a.name, a.role)
                                    : fmt::format("{} ({} {})", a.name, a.role, a.scope);
  return make_error(ErrorCode::kForbidden, fmt::format("{} may not do this: {}", who, why));
}

bool is(const Actor& a, std::string_view role) { return a.role == role; }

}  // namespace

Status authorize(const Actor& a, Action action, const Target& t) {
  switch (action) {
    case Action::kConfirmStore:
      if (is(a, "store") && a.scope == t.store) return {};
      return forbid(a, fmt::format("only store {}'s own people confirm its orders", t.store));
    case Action::kDisputeValidity:
      if (is(a, "store") && a.scope == t.order_store) return {};
      return forbid(a, fmt::format("a store disputes only its own orders (this order is store "
                                   "{}'s)",
                                   t.order_store));
    case Action::kClaimOrder:
      if (!is(a, "store") || a.scope != t.store) {
        return forbid(a, fmt::format("only store {}'s own people claim orders for it", t.store));
      }
      if (t.order_store == t.store) {
        return forbid(a, fmt::format("the order is already store {}'s", t.store));
      }
      return {};
    case Action::kSignRegion:
      if (is(a, "region") && a.scope == t.region) return {};
      return forbid(a, fmt::format("only region {}'s manager signs its totals", t.region));
    case Action::kSignFinance:
      if (is(a, "finance")) return {};
      return forbid(a, "only finance signs the network's amounts and rebates");
    case Action::kArbitrate:
      if (!is(a, "arbiter")) return forbid(a, "only an arbiter decides the arbitration queue");
      if (!t.arbiter.empty() && t.arbiter != a.name) {
        return forbid(a, fmt::format("this campaign's arbiter is {}", t.arbiter));
      }
      return {};
    case Action::kFreeze:
    case Action::kSeal:
    case Action::kImport:
    case Action::kEditRules:
    case Action::kRetrospective:
      if (is(a, "hq")) return {};
      return forbid(a, "only HQ operations does this");
    case Action::kCarryOver:
      if (is(a, "hq") || is(a, "finance")) return {};
      return forbid(a, "only HQ or finance records a carry-over");
  }
  return forbid(a, "unknown action");
}

}  // namespace pitwall::core
