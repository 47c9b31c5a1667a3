// fraud.ring (closeout.md §4): persons (identities after phone / VIN merging) linked by a shared
// device id, payment account or address. Union-find runs over identities and identifier
// values (each value joins its first holder), never over pairs of customers, so it stays
// near-linear. A ring is explained by its accounts and the values that link them.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
// Texts of some strings of a pool, read in pool order and kept. A pool mapped from its batch file
// and read at random maps 64 KB of file per read (the kernel's fault-around): ~100k account ids
// of rings read in ring order put up to 700 MB of the orders pool in memory at 10M orders, faster
// than the page releaser drops it.
class PoolTexts {
 public:
  PoolTexts(const StringPool& pool, std::vector<uint32_t> ids) : ids_(std::move(ids)) {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
    offsets_.reserve(ids_.size() + 1);
    offsets_.push_back(0);
    for (uint32_t id : ids_) {
      bytes_.append(pool.view(id));
      offsets_.push_back(bytes_.size());
    }
  }
  // The text of `id`, which must be among the ids given.
  std::string_view operator()(uint32_t id) const {
    auto i = static_cast<size_t>(std::lower_bound(ids_.begin(), ids_.end(), id) - ids_.begin());
    return std::string_view(bytes_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

 private:
  std::vector<uint32_t> ids_;
  std::vector<size_t> offsets_;
  std::string bytes_;
};

bool excluded_before_fraud(const Pipeline& p, uint32_t k) {
  return p.first_exclusion[k] < static_cast<uint8_t>(Rule::kBlacklist);
}

// Components of identities linked through shared identifier values.
UnionFind link_identities(Pipeline& p, const std::vector<IdentifierColumn*>& ids) {
  UnionFind sets(static_cast<uint32_t>(p.out.orders.customer_id.size()));
  std::vector<std::vector<uint32_t>> owner(ids.size());
  for (size_t j = 0; j < ids.size(); ++j) owner[j].assign(ids[j]->domain->size(), kNone);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t i = p.identity_of(k);
    if (i == kNone || excluded_before_fraud(p, k)) continue;
    for (size_t j = 0; j < ids.size(); ++j) {
      uint32_t v = ids[j]->of_order[k];
      if (v == kNone) continue;
      if (owner[j][v] == kNone) {
        owner[j][v] = i;
      } else {
        sets.unite(owner[j][v], i);
      }
    }
  }
  return sets;
}

void explain_links(Pipeline& p, const std::vector<IdentifierColumn*>& ids, UnionFind& sets,
                   const std::vector<uint32_t>& ring_of_root) {
  // (ring, identifier, value, identity, customer) of every order of a ring's person.
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t, uint32_t>> uses;
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t i = p.identity_of(k);
    if (i == kNone || excluded_before_fraud(p, k)) continue;
    uint32_t ring = ring_of_root[sets.find(i)];
    if (ring == kNone) continue;
    for (size_t j = 0; j < ids.size(); ++j) {
      uint32_t v = ids[j]->of_order[k];
      if (v != kNone) {
        uses.emplace_back(ring, static_cast<uint32_t>(j), v, i, p.out.orders.customer[k]);
      }
    }
  }
  std::sort(uses.begin(), uses.end());
  uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
  // The links: (begin, end) of each run of uses of one value by two persons or more.
  std::vector<std::pair<size_t, size_t>> links;
  for (size_t a = 0; a < uses.size();) {
    size_t b = a;
    uint32_t identities = 0;
    for (; b < uses.size() && std::get<0>(uses[b]) == std::get<0>(uses[a]) &&
           std::get<1>(uses[b]) == std::get<1>(uses[a]) &&
           std::get<2>(uses[b]) == std::get<2>(uses[a]);
         ++b) {
      if (b == a || std::get<3>(uses[b]) != std::get<3>(uses[b - 1])) ++identities;
    }
    if (identities >= 2) links.emplace_back(a, b);
    a = b;
  }
  // Their values and account ids, read from the pool in pool order.
  std::vector<uint32_t> wanted;
  for (auto [a, b] : links) {
    uint32_t value = ids[std::get<1>(uses[a])]->domain->pool_id(std::get<2>(uses[a]));
    if (value != kNone) wanted.push_back(value);
    for (size_t u = a; u < b; ++u) wanted.push_back(p.out.orders.customer_id[std::get<4>(uses[u])]);
  }
  PoolTexts texts(p.t.pool, std::move(wanted));
  for (auto [a, b] : links) {
    const IdentifierColumn& id = *ids[std::get<1>(uses[a])];
    uint32_t value = std::get<2>(uses[a]);
    uint32_t value_pool_id = id.domain->pool_id(value);
    RingLink link{
        id.kind,
        std::string(value_pool_id != kNone ? texts(value_pool_id) : id.domain->text(value)),
        {}};
    for (size_t u = a; u < b; ++u) {
      link.accounts.emplace_back(texts(p.out.orders.customer_id[std::get<4>(uses[u])]));
    }
    std::sort(link.accounts.begin(), link.accounts.end());
    link.accounts.erase(std::unique(link.accounts.begin(), link.accounts.end()),
                        link.accounts.end());
    p.out.rings[std::get<0>(uses[a])].links.push_back(std::move(link));
  }
}
}  // namespace

void detect_rings(Pipeline& p, const std::vector<IdentifierColumn*>& ids, FindingList& out) {
  if (ids.empty()) return;
  UnionFind sets = link_identities(p, ids);
  const auto& identity = p.out.orders.identity;
  auto customers = static_cast<uint32_t>(identity.size());
  std::vector<uint32_t> members(customers, 0);
  for (uint32_t c = 0; c < customers; ++c) {
    if (identity[c] == c) ++members[sets.find(c)];
  }
  std::vector<uint32_t> ring_key(p.order_count, kNone);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t i = p.identity_of(k);
    if (i == kNone || excluded_before_fraud(p, k) || !p.paid_in_campaign(k)) continue;
    uint32_t root = sets.find(i);
    if (members[root] >= p.campaign.fraud.ring_min_accounts) ring_key[k] = root;
  }
  int64_t limit = p.campaign.limits.per_customer > 0 ? p.campaign.limits.per_customer : 1;
  // Qualifying rings (more paid orders than the limit), numbered by their first order.
  Groups groups = groups_larger_than(ring_key, customers, static_cast<uint64_t>(limit));
  std::vector<uint32_t> by_first(groups.key_count());
  for (uint32_t g = 0; g < groups.key_count(); ++g) by_first[g] = g;
  std::sort(by_first.begin(), by_first.end(),
            [&](uint32_t a, uint32_t b) { return groups.group(a)[0] < groups.group(b)[0]; });
  std::vector<uint32_t> ring_of_root(customers, kNone);
  for (uint32_t n = 0; n < by_first.size(); ++n) {
    uint32_t root = groups.keys[by_first[n]];
    ring_of_root[root] = n;
    Ring ring;
    ring.id = fmt::format("R{}", n + 1);
    ring.identities = members[root];
    auto group = groups.group(by_first[n]);
    ring.paid_orders = static_cast<int64_t>(group.size());
    std::vector<std::tuple<bool, int64_t, int64_t, uint32_t>> order;  // earliest paid first
    for (uint32_t k : group) {
      int64_t paid = p.time_of(k, Field::kPaidAt, true);
      order.emplace_back(paid == kNoTime, paid, p.time_of(k, Field::kCreatedAt, true), k);
    }
    std::sort(order.begin(), order.end());
    for (size_t i = 1; i < order.size(); ++i) ring.flagged.push_back(std::get<3>(order[i]));
    std::sort(ring.flagged.begin(), ring.flagged.end());
    p.out.rings.push_back(std::move(ring));
  }
  for (uint32_t c = 0; c < customers; ++c) {
    uint32_t ring = ring_of_root[sets.find(identity[c])];
    if (ring != kNone)
      p.out.rings[ring].accounts.emplace_back(p.t.pool.view(p.out.orders.customer_id[c]));
  }
  for (Ring& ring : p.out.rings) std::sort(ring.accounts.begin(), ring.accounts.end());
  explain_links(p, ids, sets, ring_of_root);
  const auto& excluded = p.campaign.fraud.exclude;
  Action action = std::find(excluded.begin(), excluded.end(), "fraud.ring") != excluded.end()
                      ? Action::kExclude
                      : Action::kFlag;
  for (const Ring& ring : p.out.rings) {
    for (uint32_t k : ring.flagged) out.add(k, Rule::kRing, action, kNoField, "", "", ring.id);
  }
}

}  // namespace pitwall::core::closeout::detail
