// Settlement (closeout.md §10): per store the counted orders and received amount under the
// settlement definition evaluated cleaned, the rebate, the rebate on raw data, the overpayment
// avoided, clawbacks of fraud.stack_return benefits; unattributed orders listed; per staff the
// collaboration split of the received amounts.
#include <algorithm>

#include "core/closeout/pipeline.hpp"
#include "core/closeout/split.hpp"

namespace pitwall::core::closeout::detail {

namespace {
void settle_stores(Pipeline& p, const Evaluation& cleaned, const Evaluation& raw) {
  Settlement& s = p.out.settlement;
  uint32_t unattributed = p.out.stores.unattributed_store();
  s.stores.resize(unattributed);
  for (uint32_t st = 0; st < unattributed; ++st) {
    StoreSettlement& row = s.stores[st];
    row.store = st;
    row.orders = cleaned.by_store[st].orders;
    row.received_fen = cleaned.by_store[st].received_fen;
    row.rebate_fen = store_rebate(p.campaign, cleaned.by_store[st]);
    row.raw_orders = raw.by_store[st].orders;
    row.raw_received_fen = raw.by_store[st].received_fen;
    row.raw_rebate_fen = store_rebate(p.campaign, raw.by_store[st]);
    row.overpayment_avoided_fen = row.raw_rebate_fen - row.rebate_fen;
  }
  for (const auto& [k, benefit] : p.stack_returns) {
    bool cleared =
        !p.decision.empty() && p.decision[k] == 1 + static_cast<int>(DecisionKind::kCount);
    uint32_t st = cleaned.store[k];
    if (cleared || st == unattributed) continue;
    ++s.stores[st].clawback_orders;
    s.stores[st].clawback_fen += benefit;
  }
  s.total.store = unattributed;
  for (StoreSettlement& row : s.stores) {
    row.payable_fen = row.rebate_fen - row.clawback_fen;
    s.total.orders += row.orders;
    s.total.received_fen += row.received_fen;
    s.total.rebate_fen += row.rebate_fen;
    s.total.raw_orders += row.raw_orders;
    s.total.raw_received_fen += row.raw_received_fen;
    s.total.raw_rebate_fen += row.raw_rebate_fen;
    s.total.overpayment_avoided_fen += row.overpayment_avoided_fen;
    s.total.clawback_orders += row.clawback_orders;
    s.total.clawback_fen += row.clawback_fen;
    s.total.payable_fen += row.payable_fen;
  }
  s.unattributed = cleaned.by_store[unattributed];
  for (uint32_t k = 0; k < p.order_count; ++k) {
    if (cleaned.verdict[k] == verdict::kCounted && cleaned.store[k] == unattributed) {
      s.unattributed_orders.push_back(k);
    }
  }
}

// Split totals of the counted orders k in [begin, end).
struct StaffTotals {
  std::vector<int64_t> share, orders;
  int64_t unassigned_fen = 0;
};

void split_range(const Pipeline& p, const Evaluation& cleaned, size_t begin, size_t end,
                 StaffTotals& t) {
  for (auto k = static_cast<uint32_t>(begin); k < end; ++k) {
    if (cleaned.verdict[k] != verdict::kCounted) continue;
    int64_t amount = p.money_of(k, Field::kPaidAmount, true);
    if (amount == kNoFen) amount = 0;
    std::array<uint32_t, kRoleCount> who{};
    std::array<bool, kRoleCount> named{};
    for (int r = 0; r < kRoleCount; ++r) {
      who[r] = p.staff_at(r, k);
      named[r] = who[r] != kNone;
    }
    std::array<int64_t, 3> shares = split_amount(amount, p.campaign.split, named);
    if (!named[0] && !named[1] && !named[2]) {
      t.unassigned_fen += amount;
      continue;
    }
    for (int r = 0; r < kRoleCount; ++r) {
      if (!named[r]) continue;
      t.share[who[r]] += shares[r];
      bool first_role = true;  // count the order once per person
      for (int q = 0; q < r; ++q) first_role = first_role && who[q] != who[r];
      if (first_role) ++t.orders[who[r]];
    }
  }
}

void settle_staff(Pipeline& p, const Evaluation& cleaned) {
  Settlement& s = p.out.settlement;
  auto staff_count = static_cast<uint32_t>(p.staff_ids.size());
  std::vector<StaffTotals> parts(static_cast<size_t>(std::max(p.threads, 1)));
  for (StaffTotals& t : parts) {
    t.share.assign(staff_count, 0);
    t.orders.assign(staff_count, 0);
  }
  run_in_parts(p.threads, p.order_count, [&](int part, size_t begin, size_t end) {
    split_range(p, cleaned, begin, end, parts[static_cast<size_t>(part)]);
  });
  std::vector<int64_t>& share = parts[0].share;
  std::vector<int64_t>& orders = parts[0].orders;
  s.unassigned_split_fen += parts[0].unassigned_fen;
  for (size_t i = 1; i < parts.size(); ++i) {
    for (uint32_t st = 0; st < staff_count; ++st) {
      share[st] += parts[i].share[st];
      orders[st] += parts[i].orders[st];
    }
    s.unassigned_split_fen += parts[i].unassigned_fen;
  }
  s.staff_ids = p.staff_ids;
  s.staff_names = p.staff_names;
  std::vector<uint32_t> by_id(staff_count);
  for (uint32_t i = 0; i < staff_count; ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t a, uint32_t b) { return p.staff_ids[a] < p.staff_ids[b]; });
  for (uint32_t i : by_id) {
    if (orders[i] == 0) continue;
    uint32_t store =
        p.staff_store[i] == kNone ? p.out.stores.unattributed_store() : p.staff_store[i];
    s.staff.push_back({i, store, orders[i], share[i]});
  }
}
}  // namespace

void settle(Pipeline& p) {
  size_t d = p.in.definitions.size();
  uint32_t i = p.out.settlement_definition;
  bool declared_cleaned = p.in.definitions[i].cleaned;
  p.out.settlement.cleaned = static_cast<uint32_t>(declared_cleaned ? i : d + i);
  p.out.settlement.raw = static_cast<uint32_t>(declared_cleaned ? d + i : i);
  const Evaluation& cleaned = p.out.evaluations[p.out.settlement.cleaned];
  const Evaluation& raw = p.out.evaluations[p.out.settlement.raw];
  settle_stores(p, cleaned, raw);
  settle_staff(p, cleaned);
}

}  // namespace pitwall::core::closeout::detail
