#include "core/workflow/retrospective.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/workflow/signoff.hpp"

namespace pitwall::core::workflow {

namespace {

bool has_rows(const Table* t) { return t != nullptr && t->rows() > 0; }

int64_t distinct_texts(const Table& t, int column) {
  std::unordered_set<std::string_view> seen;
  for (size_t r = 0; r < t.rows(); ++r) {
    std::string_view v = t.text(column, r);
    if (!v.empty()) seen.insert(v);
  }
  return static_cast<int64_t>(seen.size());
}

// Per customer index: 1 ordered, 2 paid, 4 redeemed.
std::vector<uint8_t> customer_marks(const RetrospectiveInputs& in) {
  const auto& run = *in.run;
  const Evaluation& e = settlement_evaluation(run);
  std::vector<uint8_t> marks(run.orders.customer_id.size(), 0);
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    uint32_t c = run.orders.customer[k];
    if (c == UINT32_MAX || e.verdict[k] >= verdict::kExclusionBase) continue;
    marks[c] |= 1;
    if (e.verdict[k] != verdict::kCounted) continue;
    marks[c] |= 2;
    if (in.orders->i64(orders::kRedeemedAt, run.orders.row[k]) != kNoTime) marks[c] |= 4;
  }
  return marks;
}

}  // namespace

std::string_view value_tier(int64_t fen) {
  if (fen > 800000) return "star";
  if (fen >= 400000) return "potential";
  if (fen >= 200000) return "maintain";
  return "basic";
}

Funnel compute_funnel(const RetrospectiveInputs& in) {
  Funnel f;
  if (has_rows(in.audience)) {
    f.reached = distinct_texts(*in.audience, audience::kCustomerId);
    f.reached_from_audience = true;
  } else if (has_rows(in.customers)) {
    f.reached = distinct_texts(*in.customers, customers::kCustomerId);
  }
  if (has_rows(in.store_day)) {
    for (size_t r = 0; r < in.store_day->rows(); ++r) {
      int64_t n = in.store_day->i64(store_day::kParticipants, r);
      if (n != kNoInt) f.visited += n;
    }
  }
  for (uint8_t m : customer_marks(in)) {
    f.ordered += (m & 1) != 0;
    f.paid += (m & 2) != 0;
    f.redeemed += (m & 4) != 0;
  }
  return f;
}

std::vector<TierCount> tiers_reached(const RetrospectiveInputs& in) {
  std::vector<TierCount> tiers = {
      {"star", 0, 0}, {"potential", 0, 0}, {"maintain", 0, 0}, {"basic", 0, 0}, {"unknown", 0, 0}};
  std::unordered_map<std::string_view, int64_t> annual;  // customer id -> fen
  if (has_rows(in.customers)) {
    for (size_t r = 0; r < in.customers->rows(); ++r) {
      int64_t v = in.customers->i64(customers::kAnnualValue, r);
      if (v != kNoFen) annual[in.customers->text(customers::kCustomerId, r)] = v;
    }
  }
  const auto& run = *in.run;
  const Evaluation& e = settlement_evaluation(run);
  std::vector<int64_t> received(run.orders.customer_id.size(), -1);
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    uint32_t c = run.orders.customer[k];
    if (c == UINT32_MAX || e.verdict[k] != verdict::kCounted) continue;
    received[c] = std::max<int64_t>(received[c], 0) + e.amount[k];
  }
  for (uint32_t c = 0; c < received.size(); ++c) {
    if (received[c] < 0) continue;
    auto it = annual.find(run.orders.pool->view(run.orders.customer_id[c]));
    size_t tier = 4;
    if (it != annual.end()) {
      std::string_view name = value_tier(it->second);
      for (size_t t = 0; t < 4; ++t) {
        if (tiers[t].tier == name) tier = t;
      }
    }
    tiers[tier].customers += 1;
    tiers[tier].amount_fen += received[c];
  }
  return tiers;
}

}  // namespace pitwall::core::workflow
