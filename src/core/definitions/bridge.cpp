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

void sort_by_order_id(std::vector<uint32_t>& members, const OrderIdView& ids) {
  std::vector<std::pair<std::string_view, uint32_t>> keyed;
  keyed.reserve(members.size());
  for (uint32_t k : members) keyed.emplace_back(ids(k), k);
  std::sort(keyed.begin(), keyed.end());
  for (size_t i = 0; i < keyed.size(); ++i) members[i] = keyed[i].second;
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
  std::vector<std::function<void()>> sorts;
  for (BridgeStep& step : bridge.steps) {
    sorts.emplace_back([&step, &order_ids] { sort_by_order_id(step.order_indices, order_ids); });
  }
  closeout::run_tasks(threads, sorts);
  return bridge;
}

}  // namespace pitwall::core
