// Stage 4, anti-fraud (closeout.md §4): blacklist, mass cancel, rings, stack-and-return.
// Flags go to arbitration; a rule excludes outright only when listed in `[fraud] exclude`
// (the blacklist always excludes). Mass cancel, rings and stack-and-return look at the orders
// left after stages 2-3, so they do not depend on each other.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
constexpr int32_t kCancelled = static_cast<int32_t>(OrderStatus::kCancelled);
constexpr int kBlacklistDevice = 3;
constexpr int kBlacklistPayment = 4;

bool excluded_before_fraud(const Pipeline& p, uint32_t k) {
  return p.first_exclusion[k] < static_cast<uint8_t>(Rule::kBlacklist);
}

Action fraud_action(const Pipeline& p, Rule rule) {
  const auto& list = p.campaign.fraud.exclude;
  bool excluded = std::find(list.begin(), list.end(), rule_token(rule)) != list.end();
  return excluded ? Action::kExclude : Action::kFlag;
}

// Adds a fraud finding; its exclusion, if any, is applied once every check has run
// (apply_exclusions), since the checks read only what the stages before fraud decided.
void add_fraud(const Pipeline& p, uint32_t k, Rule rule, int field, std::string_view before,
               std::string_view detail, FindingList& out) {
  out.add(k, rule, fraud_action(p, rule), field, before, "", detail);
}

void apply_exclusions(Pipeline& p, const FindingList& list) {
  for (const Finding& f : list.items()) {
    if (f.action == Action::kExclude) p.exclude(f.order, f.rule);
  }
}

IdentifierColumn build_identifier(Pipeline& p, std::string kind, int column,
                                  std::span<const uint32_t> values, int blacklist_kind,
                                  std::vector<uint32_t>& memo) {
  IdentifierColumn id{std::move(kind), column, std::make_unique<Domain>(p.t.pool, memo), {}, {}};
  id.domain->reserve(p.order_count);
  id.of_order.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    id.of_order[k] = id.domain->add_pool_id(values[p.row(k)]);
  }
  id.domain->finish(true);
  id.blacklisted.assign(id.domain->size(), kNone);
  std::vector<std::string_view> texts;
  std::vector<uint32_t> items;
  for (uint32_t i = 0; i < p.blacklist.size(); ++i) {
    if (p.blacklist[i].kind != blacklist_kind) continue;
    texts.push_back(p.blacklist[i].value);
    items.push_back(i);
  }
  std::vector<uint32_t> found = id.domain->resolve(texts, Domain::Missing::kNone, p.threads);
  for (size_t i = 0; i < found.size(); ++i) {
    if (found[i] != kNone && id.blacklisted[found[i]] == kNone) id.blacklisted[found[i]] = items[i];
  }
  return id;
}

void check_blacklist(const Pipeline& p, const IdentifierColumn& device,
                     const IdentifierColumn& payment, FindingList& out) {
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t r = p.row(k);
    uint32_t c = p.out.orders.customer[k];
    uint32_t item = kNone;
    int column = kNoField;
    auto probe = [&](uint32_t found, int col) {
      if (item == kNone && found != kNone) {
        item = found;
        column = col;
      }
    };
    if (c != kNone) probe(p.customer_blacklist[c], orders::kCustomerId);
    if (uint32_t ph = p.phone_at(k); ph != kNone) probe(p.phone_blacklist[ph], orders::kPhone);
    if (uint32_t v = p.vin_at(k); v != kNone) probe(p.vin_blacklist[v], orders::kVin);
    if (uint32_t d = device.of_order[k]; d != kNone)
      probe(device.blacklisted[d], orders::kDeviceId);
    if (uint32_t a = payment.of_order[k]; a != kNone) {
      probe(payment.blacklisted[a], orders::kPaymentAccount);
    }
    if (item == kNone) continue;
    out.add(k, Rule::kBlacklist, Action::kExclude, column, p.t.text(column, r), "",
            p.blacklist[item].reason);
  }
}

void check_mass_cancel(Pipeline& p, FindingList& out) {
  const Groups& groups = p.by_identity;
  const FraudRule& rule = p.campaign.fraud;
  for (uint32_t g = 0; g < groups.key_count(); ++g) {
    auto group = groups.group(g);
    auto n = static_cast<int64_t>(group.size());
    if (n < rule.mass_cancel_min_orders || n == 0) continue;
    int64_t cancelled = 0;
    for (uint32_t k : group) cancelled += p.status_of(k, true) == kCancelled;
    if (cancelled * Rate::kScale < rule.mass_cancel_ratio.basis() * n) continue;
    p.out.mass_cancels.push_back({g, n, cancelled});
    std::string detail = fmt::format("{}/{}", cancelled, n);
    for (uint32_t k : group) {
      if (p.status_of(k, true) == kCancelled || excluded_before_fraud(p, k)) continue;
      add_fraud(p, k, Rule::kMassCancel, orders::kCustomerId, p.out.orders.customer_of(k), detail,
                out);
    }
  }
}

void check_stack_return(const Pipeline& p, FindingList& out,
                        std::vector<std::pair<uint32_t, int64_t>>& returns) {
  int64_t window = p.campaign.fraud.stack_return_days * 86400;
  for (uint32_t k = 0; k < p.order_count; ++k) {
    if (excluded_before_fraud(p, k)) continue;
    int64_t refunded = p.time_of(k, Field::kRefundedAt, true);
    int64_t paid = p.time_of(k, Field::kPaidAt, true);
    int64_t benefit = p.money_of(k, Field::kDiscountAmount, true);
    if (refunded == kNoTime || paid == kNoTime || benefit == kNoFen || benefit <= 0) continue;
    if (refunded < paid || refunded - paid > window) continue;
    add_fraud(p, k, Rule::kStackReturn, orders::kRefundedAt, time_text(p, refunded),
              yuan_text(benefit), out);
    returns.emplace_back(k, benefit);
  }
}

// The identifiers read only the orders table, the pool and the blacklist (built with the
// domains), and use the memo, which no stage after domains uses: it is freed here (176 MB at
// 10M orders, while dedup runs) rather than after fraud.
Identifiers build_identifiers(Pipeline& p) {
  Identifiers ids;
  ids.device =
      build_identifier(p, "device_id", orders::kDeviceId, p.device, kBlacklistDevice, p.memo);
  ids.payment = build_identifier(p, "payment_account", orders::kPaymentAccount, p.payment,
                                 kBlacklistPayment, p.memo);
  ids.address = build_identifier(p, "address", orders::kAddress, p.address, -1, p.memo);
  free_memory(p.memo);
  return ids;
}
}  // namespace

void start_identifiers(Pipeline& p) {
  // cleaned, validate and dedup leave one core idle for part of their time (union-find, merges
  // of findings): the identifiers fill it.
  if (p.threads > 1) p.identifiers = std::async(std::launch::async, build_identifiers, std::ref(p));
}

void detect_fraud(Pipeline& p) {
  Identifiers ids = p.identifiers.valid() ? p.identifiers.get() : build_identifiers(p);
  IdentifierColumn& device = ids.device;
  IdentifierColumn& payment = ids.payment;
  IdentifierColumn& address = ids.address;
  std::vector<IdentifierColumn*> ring_ids;
  for (const std::string& name : p.campaign.fraud.ring_identifiers) {
    for (IdentifierColumn* c : {&device, &payment, &address}) {
      if (c->kind == name) ring_ids.push_back(c);
    }
  }
  // Rings on one thread; blacklist, mass cancel and stack-and-return on the other. They read
  // only what the stages before fraud decided, so their exclusions wait until all are done and
  // are then applied, and their findings listed, in the spec's rule order.
  FindingList blacklisted, mass_cancelled, rings, stack_returned;
  run_tasks(p.threads, {[&] { detect_rings(p, ring_ids, rings); },
                        [&] {
                          check_blacklist(p, device, payment, blacklisted);
                          check_mass_cancel(p, mass_cancelled);
                          check_stack_return(p, stack_returned, p.stack_returns);
                        }});
  FindingList* lists[] = {&blacklisted, &mass_cancelled, &rings, &stack_returned};
  for (FindingList* list : lists) apply_exclusions(p, *list);
  p.fraud_findings.append(lists);
}

}  // namespace pitwall::core::closeout::detail
