#include "core/winback/plan.hpp"

#include <algorithm>
#include <numeric>

#include "core/base/check.hpp"

namespace pitwall::core::winback {

std::vector<int64_t> split_largest_remainder(int64_t units, std::span<const Rate> shares) {
  std::vector<int64_t> parts(shares.size());
  std::vector<int64_t> remainder(shares.size());
  int64_t given = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    __int128 exact = __int128(units) * shares[i].basis();
    parts[i] = static_cast<int64_t>(exact / Rate::kScale);
    remainder[i] = static_cast<int64_t>(exact % Rate::kScale);
    given += parts[i];
  }
  std::vector<size_t> order(shares.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  int64_t left = units - given;
  PW_CHECK(left >= 0 && left <= int64_t(shares.size()), "shares must sum to 1");
  for (int64_t k = 0; k < left; ++k) ++parts[order[size_t(k)]];
  return parts;
}

std::vector<Money> split_amount(Money amount, std::span<const Rate> shares) {
  int64_t unit = amount.fen() % 100 == 0 ? 100 : 1;
  std::vector<Money> out;
  for (int64_t units : split_largest_remainder(amount.fen() / unit, shares)) {
    out.push_back(Money::from_fen(units * unit));
  }
  return out;
}

namespace {
// Shares `amount` equally among `count` parts by the largest remainder (to the yuan when whole).
std::vector<Money> split_equal(Money amount, size_t count) {
  int64_t unit = amount.fen() % 100 == 0 ? 100 : 1;
  int64_t units = amount.fen() / unit;
  std::vector<Money> out;
  for (size_t i = 0; i < count; ++i) {
    int64_t n = units / int64_t(count) + (int64_t(i) < units % int64_t(count) ? 1 : 0);
    out.push_back(Money::from_fen(n * unit));
  }
  return out;
}
}  // namespace

Plan make_plan(const Programme& programme, Tier tier, Money total) {
  Plan plan;
  plan.total = total;
  const Rate parts[] = {programme.plan.service_share, programme.plan.cash_share};
  auto split = split_amount(total, parts);
  plan.service = split[0];
  plan.cash = split[1];
  const auto& components = programme.plan.components[static_cast<int>(tier)];
  for (const char* kind : {"service", "cash"}) {
    std::vector<const PlanComponent*> of_kind;
    for (const auto& c : components) {
      if (c.kind == kind) of_kind.push_back(&c);
    }
    if (of_kind.empty()) continue;
    auto amounts =
        split_equal(std::string_view(kind) == "service" ? plan.service : plan.cash, of_kind.size());
    for (size_t i = 0; i < of_kind.size(); ++i) {
      plan.components.push_back(
          {of_kind[i]->name, of_kind[i]->account, of_kind[i]->kind, amounts[i]});
    }
  }
  plan.stages = split_amount(total, programme.plan.release_shares);
  return plan;
}

std::string_view stage_token(size_t stage) {
  static constexpr std::string_view kStages[] = {"return", "second_visit", "loyal"};
  PW_CHECK(stage < std::size(kStages), "stage out of range");
  return kStages[stage];
}

}  // namespace pitwall::core::winback
