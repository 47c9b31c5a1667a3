// Metric definitions over the orders in one pass (closeout.md §6 "How a definition counts an
// order"): each definition as declared, and each the other way (raw <-> cleaned) for gross vs
// net and settlement. Per order: verdict, amount and store; totals per store, region, network.
#include <algorithm>

#include "core/base/rate.hpp"
#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
// What a definition reads of one order, raw or cleaned.
struct Facts {
  int32_t status;
  std::array<int64_t, 4> time;  // by TimeBasis
  int64_t received;             // fen (0 when empty)
  int64_t gmv;
  int32_t tax;  // basis, for tax_inclusive = false
};

struct Spec {
  Evaluation* eval;
  bool cleaned;
  const uint32_t* store;  // per order: the store the definition attributes it to
};

// The stores orders are attributed to: store or home store, raw or cleaned (with arbitration's
// store decisions). Made once each, before the orders are evaluated, and shared with every
// evaluation that attributes alike.
struct StoreArrays {
  OrderStores store[2];  // by cleaned
  OrderStores home[2];
  const OrderStores& of(Attribution a, bool cleaned) const {
    return a == Attribution::kHomeStore ? home[cleaned] : store[cleaned];
  }
};

StoreArrays make_store_arrays(Pipeline& p, bool raw_home, bool cleaned_home) {
  StoreArrays a;
  p.out.orders.store_raw = OrderStores(std::move(p.store_raw));
  p.out.orders.store_cleaned = OrderStores(std::move(p.store_clean));
  a.store[0] = p.out.orders.store_raw;
  a.store[1] = p.out.orders.store_cleaned;
  bool decided = false;
  for (size_t i = 0; i < p.in.decisions.size(); ++i) {
    decided |= p.decision_order[i] != kNone && p.in.decisions[i].kind == DecisionKind::kStore;
  }
  std::vector<std::function<void()>> tasks;
  if (decided) {
    tasks.emplace_back([&] {
      std::vector<uint32_t> v(p.order_count);
      for (uint32_t k = 0; k < p.order_count; ++k) {
        bool moved = p.decision[k] == 1 + static_cast<int>(DecisionKind::kStore);
        v[k] = moved ? p.decision_store[k] : p.out.orders.store_cleaned[k];
      }
      a.store[1] = OrderStores(std::move(v));
    });
  }
  if (raw_home) {
    tasks.emplace_back([&] {
      uint32_t unattributed = p.out.stores.unattributed_store();
      std::vector<uint32_t> v(p.order_count);
      for (uint32_t k = 0; k < p.order_count; ++k) {
        v[k] = p.home_seen[k] == kNone ? unattributed : p.seen_raw_store[p.home_seen[k]];
      }
      a.home[0] = OrderStores(std::move(v));
    });
  }
  if (cleaned_home) a.home[1] = OrderStores(std::move(p.home_clean));
  run_tasks(p.threads, tasks);
  return a;
}

Facts facts_of(const Pipeline& p, uint32_t k, bool cleaned) {
  Facts f;
  f.status = p.status_of(k, cleaned);
  f.time[0] = p.time_of(k, Field::kCreatedAt, cleaned);
  f.time[1] = p.time_of(k, Field::kPaidAt, cleaned);
  f.time[2] = p.time_of(k, Field::kRedeemedAt, cleaned);
  f.time[3] = p.time_of(k, Field::kRecordedAt, cleaned);
  int64_t received = p.money_of(k, Field::kPaidAmount, cleaned);
  f.received = received == kNoFen ? 0 : received;
  uint32_t g = p.package_at(k, cleaned);
  int64_t price = g == kNone ? kNoFen : p.package_price[g];
  int64_t gross = p.money_of(k, Field::kGrossAmount, cleaned);
  f.gmv = gross != kNoFen ? gross : price != kNoFen ? price : f.received;
  f.tax = p.tax_rate[p.row(k)];
  if (f.tax == kNoSmall && g != kNone) f.tax = p.package_tax[g];
  if (f.tax == kNoSmall) f.tax = static_cast<int32_t>(p.campaign.default_tax_rate.basis());
  return f;
}

bool has_overrides(const Pipeline& p, uint32_t k) {
  return !p.override_mask.empty() && p.override_mask[k] != 0;
}

uint8_t verdict_of(const Pipeline& p, uint32_t k, const MetricDefinition& d, bool cleaned,
                   const Facts& f) {
  if (f.status == kNoSmall || !d.counts_status(static_cast<OrderStatus>(f.status))) {
    return verdict::kStatus;
  }
  int64_t t = f.time[static_cast<int>(d.time_basis)];
  if (t == kNoTime) return verdict::kBasisTimeMissing;
  if (!p.in_window(t)) return verdict::kOutsideWindow;
  if (!cleaned) return verdict::kCounted;
  uint8_t decision = p.decision.empty() ? 0 : p.decision[k];
  bool count_decided = decision == 1 + static_cast<int>(DecisionKind::kCount);
  if (p.first_exclusion[k] != kNoExclusion && !count_decided) {
    return static_cast<uint8_t>(verdict::kExclusionBase + p.first_exclusion[k]);
  }
  if (decision == 1 + static_cast<int>(DecisionKind::kExclude)) return verdict::kArbitration;
  return verdict::kCounted;
}

int64_t amount_of(const MetricDefinition& d, const Facts& f) {
  int64_t amount = d.amount == AmountBasis::kReceived ? f.received : f.gmv;
  if (!d.tax_inclusive)
    amount = Rate::from_basis(f.tax).divide_one_plus(Money::from_fen(amount)).fen();
  return amount;
}

// An amount beyond 32 bits (OrderAmounts), set once both threads are done.
struct WideAmount {
  size_t spec;
  uint32_t order;
  int64_t fen;
};

void evaluate_range(const Pipeline& p, const std::vector<Spec>& specs, size_t begin, size_t end,
                    std::vector<std::vector<Totals>>& by_store, std::vector<WideAmount>& wide) {
  bool need[2] = {false, false};
  for (const Spec& s : specs) need[s.cleaned] = true;
  Facts facts[2];
  for (size_t i = begin; i < end; ++i) {
    auto k = static_cast<uint32_t>(i);
    if (need[0]) facts[0] = facts_of(p, k, false);
    if (need[1]) {
      // Most orders have no cleaned value (stores aside, read from their arrays): their raw
      // facts serve.
      if (need[0] && !has_overrides(p, k)) {
        facts[1] = facts[0];
      } else {
        facts[1] = facts_of(p, k, true);
      }
    }
    for (size_t s = 0; s < specs.size(); ++s) {
      const Spec& spec = specs[s];
      const MetricDefinition& d = spec.eval->definition;
      const Facts& f = facts[spec.cleaned];
      uint8_t v = verdict_of(p, k, d, spec.cleaned, f);
      uint32_t store = spec.store[k];
      int64_t amount = v == verdict::kCounted ? amount_of(d, f) : 0;
      if (spec.eval->has_orders()) {
        spec.eval->verdict[k] = v;
        if (!spec.eval->amount.set_narrow(k, amount)) wide.push_back({s, k, amount});
      }
      if (v == verdict::kCounted) {
        Totals& t = by_store[s][store];
        ++t.orders;
        t.amount_fen += amount;
        t.received_fen += f.received;
      }
    }
  }
}

void resolve_decisions(Pipeline& p) {
  if (p.in.decisions.empty()) return;
  p.decision.assign(p.order_count, 0);
  p.decision_store.assign(p.order_count, kNone);
  for (size_t i = 0; i < p.in.decisions.size(); ++i) {
    uint32_t k = p.decision_order[i];
    if (k == kNone) continue;
    const ArbitrationDecision& d = p.in.decisions[i];
    p.decision[k] = static_cast<uint8_t>(1 + static_cast<int>(d.kind));
    if (d.kind == DecisionKind::kStore) p.decision_store[k] = p.store_by_code(d.store_code, true);
  }
}

std::optional<double> rate_of_change(int64_t from, int64_t to) {
  if (from == 0) return std::nullopt;
  return static_cast<double>(to - from) / static_cast<double>(from);
}
}  // namespace

int64_t store_rebate(const Campaign& c, const Totals& t) {
  return c.rebate.rate.apply(Money::from_fen(t.received_fen)).fen() +
         c.rebate.per_order.fen() * t.orders;
}

int64_t network_rebate(const Campaign& campaign, const Evaluation& e, uint32_t unattributed) {
  int64_t sum = 0;
  for (uint32_t s = 0; s < e.by_store.size(); ++s) {
    if (s != unattributed) sum += store_rebate(campaign, e.by_store[s]);
  }
  return sum;
}

void evaluate(Pipeline& p) {
  resolve_decisions(p);
  const auto& defs = p.in.definitions;
  size_t d = defs.size();
  auto& evals = p.out.evaluations;
  evals.resize(2 * d);
  for (size_t i = 0; i < d; ++i) {
    evals[i].definition = defs[i];
    evals[d + i].definition = defs[i];
    evals[d + i].mode = defs[i].cleaned ? EvaluationMode::kRaw : EvaluationMode::kCleaned;
    if (defs[i].name == p.campaign.settlement_definition) p.out.settlement_definition = uint32_t(i);
  }
  bool home[2] = {false, false};  // by cleaned: some evaluation attributes to the home store
  for (const Evaluation& e : evals)
    home[e.cleaned()] |= e.definition.attribution == Attribution::kHomeStore;
  StoreArrays arrays = make_store_arrays(p, home[0], home[1]);
  std::vector<Spec> specs;
  // The per-order arrays are sized on both threads: zeroing a few hundred MB of fresh pages is
  // most of their cost (10M orders, six evaluations).
  std::vector<std::function<void()>> sizing;
  for (size_t e = 0; e < 2 * d; ++e) {
    Evaluation& ev = evals[e];
    const OrderStores& attributed = arrays.of(ev.definition.attribution, ev.cleaned());
    bool keep = e < d || p.in.keep_orders == CloseoutInputs::KeepOrders::kAll ||
                (e == d + p.out.settlement_definition && !defs[e - d].cleaned);
    if (keep) {
      ev.store = attributed;
      sizing.emplace_back([&ev, n = p.order_count] { ev.verdict.resize(n); });
      sizing.emplace_back([&ev, n = p.order_count] { ev.amount.resize(n); });
    }
    specs.push_back({&ev, ev.cleaned(), attributed.data()});
  }
  run_tasks(p.threads, sizing);
  uint32_t stores = p.out.stores.store_count();
  std::vector<std::vector<std::vector<Totals>>> parts(
      p.threads, std::vector<std::vector<Totals>>(specs.size(), std::vector<Totals>(stores)));
  std::vector<std::vector<WideAmount>> wide(parts.size());
  run_in_parts(p.threads, p.order_count, [&](int part, size_t begin, size_t end) {
    evaluate_range(p, specs, begin, end, parts[part], wide[part]);
  });
  for (const auto& list : wide) {
    for (const WideAmount& w : list) specs[w.spec].eval->amount.set_wide(w.order, w.fen);
  }
  for (size_t s = 0; s < specs.size(); ++s) {
    Evaluation& e = *specs[s].eval;
    e.by_store.assign(stores, Totals{});
    for (const auto& part : parts) {
      for (uint32_t st = 0; st < stores; ++st) e.by_store[st] += part[s][st];
    }
    roll_up_totals(e, p.out.stores);
  }
  uint32_t unattributed = p.out.stores.unattributed_store();
  for (size_t i = 0; i < d; ++i) {
    GrossNet g;
    g.raw = static_cast<uint32_t>(defs[i].cleaned ? d + i : i);
    g.cleaned = static_cast<uint32_t>(defs[i].cleaned ? i : d + i);
    const Evaluation& raw = evals[g.raw];
    const Evaluation& cleaned = evals[g.cleaned];
    g.order_difference_rate = rate_of_change(raw.total.orders, cleaned.total.orders);
    g.amount_difference_rate = rate_of_change(raw.total.amount_fen, cleaned.total.amount_fen);
    g.rebate_raw_fen = network_rebate(p.campaign, raw, unattributed);
    g.rebate_cleaned_fen = network_rebate(p.campaign, cleaned, unattributed);
    int64_t cost = p.campaign.cost.fen();
    auto roi = [&](const Evaluation& e, int64_t rebate) -> std::optional<double> {
      if (cost + rebate == 0) return std::nullopt;
      return static_cast<double>(e.total.received_fen - cost - rebate) /
             static_cast<double>(cost + rebate);
    };
    g.roi_raw = roi(raw, g.rebate_raw_fen);
    g.roi_cleaned = roi(cleaned, g.rebate_cleaned_fen);
    p.out.gross_net.push_back(g);
  }
}

}  // namespace pitwall::core::closeout::detail
