#pragma once
// Who may do what (spec README "Who uses it"; closeout.md §7–§9): the one authorisation check
// every face calls — the CLI now, the HTTP server later. Roles: hq, region (scope = a region),
// store (scope = a store code), finance, arbiter, director, service.
//
// Scope rules: a store confirms only its own orders, disputes only its own orders ("not valid")
// and may claim another store's order ("mine") — nothing else about other stores; a region acts
// only for its own stores; finance signs network-wide; the arbiter decides the queue (the
// campaign's named arbiter when it names one).

#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace pitwall::core {

struct Actor {
  std::string name;
  std::string role;
  std::string scope;
};

enum class Action : uint8_t {
  kConfirmStore,     // target.store: the store confirming its orders
  kDisputeValidity,  // target.order_store: the store of the disputed order
  kClaimOrder,       // target.store: the claimant; target.order_store: the order's store now
  kSignRegion,       // target.region
  kSignFinance,
  kArbitrate,  // target.arbiter: the campaign's named arbiter ("" = any arbiter)
  kFreeze,
  kSeal,
  kCarryOver,
  kImport,
  kEditRules,
  kRetrospective,
};

struct Target {
  std::string store;        // a store code
  std::string region;       // a region name
  std::string order_store;  // the store an order is attributed to
  std::string arbiter;      // the campaign's named arbiter
};

// OK or kForbidden naming the person, their role and scope, and the rule that refuses.
Status authorize(const Actor& actor, Action action, const Target& target);

}  // namespace pitwall::core
