#include "core/definitions/bridge.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "core/base/check.hpp"
#include "core/closeout/kernels.hpp"

namespace pitwall::core {

namespace {
// Step slots: verdict codes keep their rank; two extra reasons come after every verdict.
constexpr int kAmountBasis = 254;
constexpr int kAttributedElsewhere = 255;
constexpr int kSlots = 256 * 2;  // (reason rank, direction): removing at 2r, adding at 2r + 1

struct Accumulator {
  int64_t orders = 0;
  int64_t amount = 0;
  std::vector<uint32_t> members;
  bool used = false;
};

struct Part {
  std::array<Accumulator, kSlots> slots;
  Totals from_total;
  Totals to_total;
};

bool in_scope(const StoreDirectory& stores, BridgeScope scope, uint32_t store) {
  switch (scope.kind) {
    case BridgeScope::Kind::kNetwork:
      return true;
    case BridgeScope::Kind::kRegion:
      return stores.region_of[store] == scope.index;
    case BridgeScope::Kind::kStore:
      return store == scope.index;
  }
  return false;
}

void add(Part& part, int slot, uint32_t order, int64_t orders, int64_t amount) {
  Accumulator& a = part.slots[slot];
  a.used = true;
  a.orders += orders;
  a.amount += amount;
  a.members.push_back(order);
}

void classify(const Evaluation& from, const Evaluation& to, const StoreDirectory& stores,
              BridgeScope scope, size_t begin, size_t end, Part& part) {
  for (size_t i = begin; i < end; ++i) {
    auto k = static_cast<uint32_t>(i);
    uint8_t va = from.verdict[k];
    uint8_t vb = to.verdict[k];
    bool in_a = va == verdict::kCounted && in_scope(stores, scope, from.store[k]);
    bool in_b = vb == verdict::kCounted && in_scope(stores, scope, to.store[k]);
    int64_t amount_a = from.amount[k];
    int64_t amount_b = to.amount[k];
    if (in_a) {
      ++part.from_total.orders;
      part.from_total.amount_fen += amount_a;
    }
    if (in_b) {
      ++part.to_total.orders;
      part.to_total.amount_fen += amount_b;
    }
    if (va == verdict::kCounted && vb == verdict::kCounted) {
      if (in_a && in_b) {
        if (amount_a != amount_b) add(part, 2 * kAmountBasis, k, 0, amount_b - amount_a);
      } else if (in_a) {
        add(part, 2 * kAttributedElsewhere, k, -1, -amount_a);
      } else if (in_b) {
        add(part, 2 * kAttributedElsewhere + 1, k, 1, amount_b);
      }
    } else if (in_a) {
      add(part, 2 * vb, k, -1, -amount_a);
    } else if (in_b) {
      add(part, 2 * va + 1, k, 1, amount_b);
    }
  }
}

// An order's place in the sort: 16 bytes of its id after the prefix all ids of the step share,
// big-endian (so comparing the integers compares those bytes; past its end an id reads as 0).
struct SortKey {
  uint64_t high = 0;
  uint64_t low = 0;
  uint32_t order = 0;
};

SortKey sort_key(std::string_view id, size_t skip, uint32_t order) {
  SortKey key;
  key.order = order;
  for (size_t i = 0; i < 16; ++i) {
    uint64_t byte = skip + i < id.size() ? static_cast<unsigned char>(id[skip + i]) : 0;
    (i < 8 ? key.high : key.low) |= byte << (8 * (7 - i % 8));
  }
  return key;
}

// Sorts `members` by order id, equal ids by order index. Ids of one export share a long
// prefix ("SO20230301…") and sit all over memory: the 16 bytes after the shared prefix, as
// integers, decide nearly every comparison; only equal keys compare whole ids. Large steps
// sort in two halves on both cores and are then merged.
void sort_by_order_id(std::vector<uint32_t>& members, const OrderIdView& ids, int threads) {
  if (members.size() < 2) return;
  std::string_view first = ids(members[0]);
  size_t shared = first.size();
  for (uint32_t k : members) {
    std::string_view id = ids(k);
    size_t n = std::min(shared, id.size());
    shared = static_cast<size_t>(std::mismatch(first.begin(), first.begin() + n, id.begin()).first -
                                 first.begin());
  }
  std::vector<SortKey> keyed(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    keyed[i] = sort_key(ids(members[i]), shared, members[i]);
  }
  auto less = [&ids](const SortKey& a, const SortKey& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    if (a.order == b.order) return false;
    int c = ids(a.order).compare(ids(b.order));
    return c != 0 ? c < 0 : a.order < b.order;
  };
  auto middle = keyed.begin() + static_cast<std::ptrdiff_t>(keyed.size() / 2);
  if (threads > 1 && keyed.size() >= (size_t{1} << 16)) {
    closeout::run_tasks(2, {[&] { std::sort(keyed.begin(), middle, less); },
                            [&] { std::sort(middle, keyed.end(), less); }});
    std::inplace_merge(keyed.begin(), middle, keyed.end(), less);
  } else {
    std::sort(keyed.begin(), keyed.end(), less);
  }
  for (size_t i = 0; i < keyed.size(); ++i) members[i] = keyed[i].order;
}

std::string reason_of_slot(int slot) {
  int rank = slot / 2;
  if (rank == kAmountBasis) return "amount_basis";
  if (rank == kAttributedElsewhere) return "attributed_elsewhere";
  return std::string(verdict_token(static_cast<uint8_t>(rank)));
}
}  // namespace

Bridge compute_bridge(const Evaluation& from, const Evaluation& to, const StoreDirectory& stores,
                      BridgeScope scope, const OrderIdView& order_ids, int threads) {
  PW_CHECK(from.has_orders() && to.has_orders(), "bridge needs per-order evaluations");
  PW_CHECK(from.verdict.size() == to.verdict.size(), "bridge over different order sets");
  int parts = threads > 1 ? 2 : 1;
  std::vector<Part> part(parts);
  closeout::run_in_parts(parts, from.verdict.size(), [&](int p, size_t begin, size_t end) {
    classify(from, to, stores, scope, begin, end, part[p]);
  });
  Bridge bridge;
  bridge.from_tag = from.tag();
  bridge.to_tag = to.tag();
  bridge.scope = scope;
  for (const Part& p : part) {
    bridge.from_total += p.from_total;
    bridge.to_total += p.to_total;
  }
  for (int slot = 0; slot < kSlots; ++slot) {
    BridgeStep step;
    bool used = false;
    for (Part& p : part) {
      Accumulator& a = p.slots[slot];
      if (!a.used) continue;
      used = true;
      step.orders += a.orders;
      step.amount_fen += a.amount;
      step.order_indices.insert(step.order_indices.end(), a.members.begin(), a.members.end());
    }
    if (!used) continue;
    step.reason = reason_of_slot(slot);
    step.direction = slot / 2 == kAmountBasis ? 0 : (slot % 2 == 0 ? -1 : 1);
    bridge.steps.push_back(std::move(step));
  }
  // Large steps one after the other, each on both cores; the small ones side by side.
  std::vector<std::function<void()>> small;
  for (BridgeStep& step : bridge.steps) {
    if (step.order_indices.size() >= (size_t{1} << 16)) {
      sort_by_order_id(step.order_indices, order_ids, threads);
    } else {
      small.emplace_back(
          [&step, &order_ids] { sort_by_order_id(step.order_indices, order_ids, 1); });
    }
  }
  closeout::run_tasks(threads, small);
  return bridge;
}

}  // namespace pitwall::core
