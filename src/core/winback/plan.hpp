#pragma once
// 激励方案: the plan proposed for a customer (winback.md "Incentive plan"): a total within the
// caps, split about 70% service value / 30% cash value (golden rule 3), each part shared among the
// tier's components (mental accounts), and released in stages 40/30/30 (golden rule 2).
//
// Splits use the largest remainder with ties to the earlier part, so the parts sum exactly to
// the total. A plan proposal is in whole yuan and splits to the yuan; an offer's amount may carry
// fen, and then splits to the fen (split_amount).

#include <span>
#include <string>
#include <vector>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/types.hpp"

namespace pitwall::core::winback {

// Splits `units` by `shares` (which sum to 1) by the largest remainder; ties go to the earlier
// share. Result has one entry per share and sums to `units`.
std::vector<int64_t> split_largest_remainder(int64_t units, std::span<const Rate> shares);

// Splits an amount by shares: to the yuan when the amount is whole yuan, else to the fen.
std::vector<Money> split_amount(Money amount, std::span<const Rate> shares);

struct ComponentAmount {
  std::string name;
  std::string account;  // mental account
  std::string kind;     // service | cash
  Money amount;
};

struct Plan {
  Money total;
  Money service;  // service value (70%)
  Money cash;     // cash value (30%)
  std::vector<ComponentAmount> components;
  std::vector<Money> stages;  // return, second visit, loyal
};

// The plan of `total` for a customer of `tier`: service/cash split, components (each part
// shared equally among its components by the largest remainder), release stages.
Plan make_plan(const Programme& programme, Tier tier, Money total);

// Release stage names, by index: "return", "second_visit", "loyal".
std::string_view stage_token(size_t stage);

}  // namespace pitwall::core::winback
