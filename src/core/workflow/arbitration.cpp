#include "core/workflow/arbitration.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/closeout/domain.hpp"
#include "core/workflow/signoff.hpp"

namespace pitwall::core::workflow {

namespace {

using closeout::GrayKind;
using closeout::GrayZoneItem;
using closeout::RunResult;

std::string field_name(int8_t field) {
  if (field < 0) return {};
  return std::string(table_schema(TableKind::kOrders).columns[field].name);
}

std::string ring_links(const closeout::Ring& ring) {
  std::string out = fmt::format("{}: {}", ring.id, fmt::join(ring.accounts, ","));
  for (const auto& link : ring.links) {
    out += fmt::format("; {}={} ({})", link.kind, link.value, fmt::join(link.accounts, ","));
  }
  return out;
}

// The ring links of the rings that flagged an order, each ring's text made once: a run of 10M
// orders has thousands of rings and tens of thousands of flagged orders, and looking every
// flagged order up in every ring took seconds.
class RingDetails {
 public:
  explicit RingDetails(const RunResult& run) : run_(run), text_(run.rings.size()) {
    for (size_t r = 0; r < run.rings.size(); ++r) {
      for (uint32_t k : run.rings[r].flagged) ring_of_[k] = r;  // the last ring wins
    }
  }
  // The links of the last ring that flagged `order`, or nullptr.
  const std::string* of(uint32_t order) {
    auto it = ring_of_.find(order);
    if (it == ring_of_.end()) return nullptr;
    std::string& text = text_[it->second];
    if (text.empty()) text = ring_links(run_.rings[it->second]);
    return &text;
  }

 private:
  const RunResult& run_;
  std::unordered_map<uint32_t, size_t> ring_of_;
  std::vector<std::string> text_;
};

Evidence gray_evidence(const RunResult& run, const GrayZoneItem& g, const TimeZone& zone,
                       RingDetails& rings) {
  if (g.kind == GrayKind::kNearCutoff) {
    return {
        "near_cutoff", "near_cutoff", field_name(g.field), format_local(g.cutoff, zone), "", ""};
  }
  const closeout::Finding& f = run.findings.items()[g.finding];
  Evidence e{"finding",
             std::string(closeout::rule_token(f.rule)),
             field_name(f.field),
             std::string(run.findings.text(f.before)),
             std::string(run.findings.text(f.after)),
             std::string(run.findings.text(f.detail))};
  if (f.rule == closeout::Rule::kRing) {
    if (const std::string* links = rings.of(g.order)) e.detail = *links;
  }
  return e;
}

std::string reason_of(const Evidence& e) {
  if (e.kind == "near_cutoff") return "near_cutoff";
  return e.rule;
}

// Items keyed by order index, in order.
struct QueueBuilder {
  const RunResult& run;
  std::vector<QueueItem> items;
  std::unordered_map<uint32_t, size_t> position;

  QueueItem& item(uint32_t order) {
    auto [it, added] = position.emplace(order, items.size());
    if (added) {
      const Evaluation& e = settlement_evaluation(run);
      QueueItem q;
      q.order = order;
      q.order_id = std::string(run.orders.order_id(order));
      q.store = run.stores.codes[e.store[order]];
      q.region = run.stores.regions[run.stores.region_of[e.store[order]]];
      q.customer_id = std::string(run.orders.customer_of(order));
      q.verdict = e.verdict[order];
      q.amount_fen = e.amount[order];
      items.push_back(std::move(q));
    }
    return items[it->second];
  }

  void add(uint32_t order, Evidence evidence) {
    QueueItem& q = item(order);
    std::string reason = reason_of(evidence);
    if (std::find(q.reasons.begin(), q.reasons.end(), reason) == q.reasons.end()) {
      q.reasons.push_back(reason);
    }
    q.evidence.push_back(std::move(evidence));
  }
};

}  // namespace

std::string_view claim_token(ClaimKind claim) {
  return claim == ClaimKind::kMine ? "mine" : "not_valid";
}

std::optional<ClaimKind> parse_claim(std::string_view text) {
  if (text == "mine") return ClaimKind::kMine;
  if (text == "not-valid" || text == "not_valid") return ClaimKind::kNotValid;
  return std::nullopt;
}

std::string_view decision_token(closeout::DecisionKind kind) {
  switch (kind) {
    case closeout::DecisionKind::kCount:
      return "count";
    case closeout::DecisionKind::kExclude:
      return "exclude";
    case closeout::DecisionKind::kStore:
      return "store";
  }
  return "count";
}

Result<closeout::ArbitrationDecision> parse_decision(std::string_view text) {
  closeout::ArbitrationDecision d;
  if (text == "count") {
    d.kind = closeout::DecisionKind::kCount;
  } else if (text == "exclude") {
    d.kind = closeout::DecisionKind::kExclude;
  } else if (text.starts_with("store:") && text.size() > 6) {
    d.kind = closeout::DecisionKind::kStore;
    d.store_code = std::string(text.substr(6));
  } else {
    auto e = invalid_input(
        fmt::format("unknown decision \"{}\" (expected count, exclude or store:CODE)", text));
    e.at_column("--decision");
    return e;
  }
  return d;
}

OrderLookup::OrderLookup(const closeout::OrderLedger& ledger) {
  index_.reserve(ledger.size());
  for (uint32_t k = 0; k < ledger.size(); ++k) index_.emplace(ledger.order_id(k), k);
}

std::optional<uint32_t> OrderLookup::find(std::string_view order_id) const {
  auto it = index_.find(order_id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<QueueItem> gray_zone_queue(const closeout::RunResult& run, const TimeZone& zone) {
  QueueBuilder b{run, {}, {}};
  RingDetails rings(run);
  for (const GrayZoneItem& g : run.gray_zone) b.add(g.order, gray_evidence(run, g, zone, rings));
  std::sort(b.items.begin(), b.items.end(),
            [](const QueueItem& x, const QueueItem& y) { return x.order < y.order; });
  return std::move(b.items);
}

std::vector<QueueItem> build_queue(const closeout::RunResult& run, const OrderLookup& lookup,
                                   std::span<const Dispute> disputes,
                                   std::span<const closeout::ArbitrationDecision> decisions,
                                   const TimeZone& zone) {
  QueueBuilder b{run, {}, {}};
  RingDetails rings(run);
  for (const GrayZoneItem& g : run.gray_zone) b.add(g.order, gray_evidence(run, g, zone, rings));
  for (const Dispute& d : disputes) {
    auto order = lookup.find(d.order_id);
    if (!order) continue;
    std::string rule = fmt::format("dispute.{}", claim_token(d.claim));
    b.add(*order, {"dispute", rule, "", d.order_store, d.store, d.note});
    if (d.claim == ClaimKind::kMine) b.item(*order).claimants.push_back(d.store);
  }
  for (size_t i = 0; i < decisions.size(); ++i) {
    auto order = lookup.find(decisions[i].order_id);
    if (order) b.item(*order).decision = static_cast<int>(i);
  }
  for (QueueItem& q : b.items) {
    std::sort(q.claimants.begin(), q.claimants.end());
    q.claimants.erase(std::unique(q.claimants.begin(), q.claimants.end()), q.claimants.end());
  }
  std::sort(b.items.begin(), b.items.end(),
            [](const QueueItem& x, const QueueItem& y) { return x.order < y.order; });
  return std::move(b.items);
}

Result<std::vector<closeout::BlacklistEntry>> blacklist_entries_for(
    const closeout::RunResult& run, const Table& orders, uint32_t order,
    std::span<const std::string> kinds, std::string_view reason, std::string_view source) {
  std::vector<closeout::BlacklistEntry> out;
  uint32_t row = run.orders.row[order];
  for (const std::string& kind : kinds) {
    std::string value;
    if (kind == "customer_id") {
      value = std::string(run.orders.customer_of(order));
    } else if (kind == "phone") {
      uint64_t phone = closeout::normalise_phone(orders.text(orders::kPhone, row));
      if (phone != 0) value = fmt::format("{}", phone);
    } else if (kind == "vin") {
      value = closeout::normalise_vin(orders.text(orders::kVin, row));
    } else {
      auto e = invalid_input(
          fmt::format("unknown blacklist kind \"{}\" (expected customer_id, phone or vin)", kind));
      e.at_column("--blacklist");
      return e;
    }
    if (value.empty()) continue;
    out.push_back({kind, value, std::string(reason), std::string(source)});
  }
  return out;
}

}  // namespace pitwall::core::workflow
