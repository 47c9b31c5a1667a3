// Stage 3, clean: customer-service exceptions, customer identity resolution, and the
// de-duplication rules (closeout.md §3 "De-duplicate"), in the spec's order: identity, double
// submit, cancel-reorder, per-vehicle limit, per-customer limit.
#include <fmt/format.h>

#include <algorithm>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
constexpr int32_t kCancelled = static_cast<int32_t>(OrderStatus::kCancelled);

bool is_paid_or_redeemed(int32_t s) {
  return s == static_cast<int32_t>(OrderStatus::kPaid) ||
         s == static_cast<int32_t>(OrderStatus::kRedeemed);
}

void apply_exceptions(Pipeline& p) {
  const Table* ex = p.in.exceptions;
  for (size_t r = 0; r < p.exception_order.size(); ++r) {
    uint32_t k = p.exception_order[r];
    if (k == kNone) continue;
    p.clean_findings.add(k, Rule::kCsException, Action::kExclude, kNoField,
                         ex->text(exceptions::kSource, r), "", ex->text(exceptions::kReason, r));
    p.exclude(k, Rule::kCsException);
  }
}

// Accounts sharing a normalised phone or a VIN (orders and customers file) are one person.
void resolve_identities(Pipeline& p) {
  auto customers = static_cast<uint32_t>(p.out.orders.customer_id.size());
  UnionFind sets(customers);
  std::vector<uint32_t> phone_owner(p.phone_count, kNone);
  std::vector<uint32_t> vin_owner(p.vin_count, kNone);
  auto link = [&](std::vector<uint32_t>& owner, uint32_t key, uint32_t c) {
    if (key == kNone) return;
    if (owner[key] == kNone) {
      owner[key] = c;
    } else {
      sets.unite(owner[key], c);
    }
  };
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t c = p.out.orders.customer[k];
    if (c == kNone) continue;
    link(phone_owner, p.phone_at(k), c);
    link(vin_owner, p.vin_at(k), c);
  }
  for (uint32_t c = 0; c < customers; ++c) {
    link(phone_owner, p.customer_master_phone[c], c);
    link(vin_owner, p.customer_master_vin[c], c);
  }
  auto& identity = p.out.orders.identity;
  identity.resize(customers);
  for (uint32_t c = 0; c < customers; ++c) identity[c] = sets.find(c);
}

// Runs fn(group, findings) over the groups of `groups`, split over the pipeline's threads;
// findings are appended to `out` in group order.
void for_each_group(Pipeline& p, const Groups& groups, FindingList& out,
                    const std::function<void(std::span<const uint32_t>, FindingList&)>& fn) {
  uint32_t n = groups.key_count();
  // Split at the key where half of the items have been seen.
  uint32_t mid = static_cast<uint32_t>(
      std::lower_bound(groups.offsets.begin(), groups.offsets.end(), groups.items.size() / 2) -
      groups.offsets.begin());
  mid = std::min(mid, n);
  std::vector<FindingList> parts(2);
  auto body = [&](int part, uint32_t begin, uint32_t end) {
    for (uint32_t g = begin; g < end; ++g) {
      auto group = groups.group(g);
      if (group.size() >= 2) fn(group, parts[part]);
    }
  };
  if (p.threads > 1 && groups.items.size() > (1u << 14)) {
    run_tasks(2, {[&] { body(0, 0, mid); }, [&] { body(1, mid, n); }});
  } else {
    body(0, 0, n);
  }
  out.append(parts);
}

struct Candidate {
  uint32_t store;
  uint32_t package;
  int64_t created;
  int64_t paid;
  uint32_t order;
};

// Better of two duplicates: the paid one, then the earliest paid, then the earliest created.
bool better(const Candidate& a, const Candidate& b) {
  bool pa = a.paid != kNoTime;
  bool pb = b.paid != kNoTime;
  if (pa != pb) return pa;
  if (pa && a.paid != b.paid) return a.paid < b.paid;
  if (a.created != b.created) return a.created < b.created;
  return a.order < b.order;
}

// The cleaned values the rules below compare, gathered per order in one sequential pass over
// both threads: the rules visit the orders of a person or a VIN in scattered order, and one
// cache line per order costs less than a miss per column (10M orders).
struct OrderFacts {
  int64_t created;
  int64_t paid;
  uint32_t package;
  uint32_t store;
  int32_t status;
};
using Facts = std::vector<OrderFacts>;

Facts gather_facts(const Pipeline& p, int threads) {
  Facts facts(p.order_count);
  run_in_parts(threads, p.order_count, [&](int, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto k = static_cast<uint32_t>(i);
      facts[k] = {p.time_of(k, Field::kCreatedAt, true), p.time_of(k, Field::kPaidAt, true),
                  p.package_at(k, true), p.store_clean[k], p.status_of(k, true)};
    }
  });
  return facts;
}

void double_submit_group(Pipeline& p, const Facts& facts, std::span<const uint32_t> group,
                         FindingList& out, std::vector<Candidate>& c) {
  int64_t window = p.campaign.validation.double_submit_minutes * 60;
  c.clear();
  for (uint32_t k : group) {
    const OrderFacts& f = facts[k];
    if (p.is_excluded(k) || f.status == kCancelled || f.created == kNoTime) continue;
    c.push_back({f.store, f.package, f.created, f.paid, k});
  }
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    if (a.store != b.store) return a.store < b.store;
    if (a.package != b.package) return a.package < b.package;
    if (a.created != b.created) return a.created < b.created;
    return a.order < b.order;
  });
  for (size_t i = 0; i < c.size();) {
    size_t kept = i;
    size_t j = i + 1;
    for (; j < c.size() && c[j].store == c[i].store && c[j].package == c[i].package; ++j) {
      if (c[j].created - c[kept].created > window) {
        kept = j;
        continue;
      }
      size_t winner = better(c[j], c[kept]) ? j : kept;
      size_t loser = winner == j ? kept : j;
      out.add(c[loser].order, Rule::kDoubleSubmit, Action::kExclude, kNoField, "", "",
              p.out.orders.order_id(c[winner].order));
      p.exclude(c[loser].order, Rule::kDoubleSubmit);
      kept = winner;
    }
    i = j;
  }
}

void cancel_reorder_group(Pipeline& p, const Facts& facts, std::span<const uint32_t> group,
                          FindingList& out, std::vector<Candidate>& c) {
  constexpr int64_t kWindow = 7 * 86400;
  c.clear();
  for (uint32_t k : group) {
    const OrderFacts& f = facts[k];
    if (p.is_excluded(k) || f.created == kNoTime) continue;
    c.push_back({0, f.package, f.created, kNoTime, k});
  }
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    if (a.package != b.package) return a.package < b.package;
    if (a.created != b.created) return a.created < b.created;
    return a.order < b.order;
  });
  for (size_t i = 0; i < c.size(); ++i) {
    uint32_t k = c[i].order;
    if (facts[k].status != kCancelled) continue;
    int64_t cancelled_at = p.updated[p.row(k)];
    if (cancelled_at == kNoTime || cancelled_at < c[i].created) cancelled_at = c[i].created;
    for (size_t j = i + 1; j < c.size() && c[j].package == c[i].package; ++j) {
      if (c[j].created < cancelled_at || c[j].order == k) continue;
      if (c[j].created - cancelled_at > kWindow) break;
      out.add(k, Rule::kCancelReorder, Action::kTag, kNoField, "", "",
              p.out.orders.order_id(c[j].order));
      out.add(c[j].order, Rule::kCancelReorder, Action::kTag, kNoField, "", "",
              p.out.orders.order_id(k));
      break;
    }
  }
}

// A paid-or-redeemed order whose paid_at (else created_at) lies in the campaign, from its
// cleaned values (Pipeline::paid_in_campaign reads them itself).
bool paid_in_campaign(const Pipeline& p, int32_t status, int64_t paid, int64_t created) {
  return is_paid_or_redeemed(status) && p.in_window(paid != kNoTime ? paid : created);
}

// Of a group's orders over `limit` (VIN or person; all candidates: not excluded, paid in the
// campaign), those after the first `limit` by `better` are excluded: dup.per_vehicle_limit.
void limit_group(Pipeline& p, const Facts& facts, std::string_view what, int field, int64_t limit,
                 std::span<const uint32_t> group, FindingList& out) {
  std::vector<Candidate> c;
  c.reserve(group.size());
  for (uint32_t k : group) c.push_back({0, 0, facts[k].created, facts[k].paid, k});
  std::sort(c.begin(), c.end(), better);
  std::string kept;
  for (int64_t i = 0; i < limit; ++i) {
    if (!kept.empty()) kept += ';';
    kept += p.out.orders.order_id(c[i].order);
  }
  std::string detail = fmt::format("{} {}: {}", what, limit, kept);
  for (size_t i = static_cast<size_t>(limit); i < c.size(); ++i) {
    out.add(c[i].order, Rule::kPerVehicleLimit, Action::kExclude, field, "", "", detail);
    p.exclude(c[i].order, Rule::kPerVehicleLimit);
  }
}

bool is_limit_candidate(const Pipeline& p, const Facts& facts, uint32_t k) {
  const OrderFacts& f = facts[k];
  return !p.is_excluded(k) && paid_in_campaign(p, f.status, f.paid, f.created);
}

// Per VIN: the candidates grouped by their VIN key, only groups over the limit materialised.
void apply_vin_limit(Pipeline& p, const Facts& facts) {
  int64_t limit = p.campaign.limits.per_vin;
  if (limit <= 0) return;
  std::vector<uint32_t> keys(p.order_count);
  run_in_parts(p.threads, p.order_count, [&](int, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto k = static_cast<uint32_t>(i);
      keys[k] = is_limit_candidate(p, facts, k) ? p.vin_at(k) : kNone;
    }
  });
  Groups groups = groups_larger_than(keys, p.vin_count, static_cast<uint64_t>(limit));
  for_each_group(p, groups, p.clean_findings,
                 [&](std::span<const uint32_t> group, FindingList& out) {
                   limit_group(p, facts, "per_vin", orders::kVin, limit, group, out);
                 });
}

// Per person: the persons' groups exist already (by_identity, orders in index order); the
// candidates of each are picked out of it, in the same order a grouping of them would give.
void apply_customer_limit(Pipeline& p, const Facts& facts) {
  int64_t limit = p.campaign.limits.per_customer;
  if (limit <= 0) return;
  for_each_group(
      p, p.by_identity, p.clean_findings, [&](std::span<const uint32_t> group, FindingList& out) {
        if (static_cast<int64_t>(group.size()) <= limit) return;
        thread_local std::vector<uint32_t> candidates;
        candidates.clear();
        for (uint32_t k : group) {
          if (is_limit_candidate(p, facts, k)) candidates.push_back(k);
        }
        if (static_cast<int64_t>(candidates.size()) <= limit) return;
        limit_group(p, facts, "per_customer", orders::kCustomerId, limit, candidates, out);
      });
}
}  // namespace

bool Pipeline::paid_in_campaign(uint32_t k) const {
  int32_t status = status_of(k, true);
  return is_paid_or_redeemed(status) &&
         detail::paid_in_campaign(*this, status, time_of(k, Field::kPaidAt, true),
                                  time_of(k, Field::kCreatedAt, true));
}

void deduplicate(Pipeline& p) {
  if (p.ids_copied.valid()) p.ids_copied.get();  // the findings below name other orders
  apply_exceptions(p);
  // The union-find runs on one thread; the facts (a pass that is mostly fresh pages) beside it.
  Facts facts;
  run_tasks(p.threads, {[&] { resolve_identities(p); }, [&] { facts = gather_facts(p, 1); }});
  std::vector<uint32_t> keys(p.order_count);
  run_in_parts(p.threads, p.order_count, [&](int, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) keys[k] = p.identity_of(static_cast<uint32_t>(k));
  });
  p.by_identity =
      group_by_key(keys, static_cast<uint32_t>(p.out.orders.customer_id.size()), p.threads);
  free_memory(keys);
  // Double submits, then cancel-reorders, person by person: a person's cancel-reorder check
  // reads only the exclusions of that person's double submits (and of the stages before), so
  // one pass over the persons gives what two passes would.
  for_each_group(p, p.by_identity, p.clean_findings,
                 [&](std::span<const uint32_t> group, FindingList& out) {
                   thread_local std::vector<Candidate> scratch;
                   double_submit_group(p, facts, group, out, scratch);
                   cancel_reorder_group(p, facts, group, out, scratch);
                 });
  apply_vin_limit(p, facts);
  apply_customer_limit(p, facts);
}

}  // namespace pitwall::core::closeout::detail
