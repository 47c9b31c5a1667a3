#pragma once
// Metric definition (统计口径): which orders count, by which time, for which store, with which
// amount (closeout.md §6, formats.md "Metric definition file").
//
// The version is the first 6 hex digits of the SHA-256 of the normalised content: a JSON object
// of every key but name and title, defaults filled, statuses de-duplicated in canonical order,
// keys sorted, no whitespace (vectors D1, D2).

#include <array>
#include <string>

#include "core/model/table.hpp"

namespace pitwall::core {

enum class TimeBasis : uint8_t { kCreatedAt, kPaidAt, kRedeemedAt, kRecordedAt };
enum class Attribution : uint8_t { kTransactingStore, kHomeStore };
enum class AmountBasis : uint8_t { kGmv, kReceived };

std::string_view time_basis_token(TimeBasis b);
std::string_view attribution_token(Attribution a);
std::string_view amount_basis_token(AmountBasis a);

struct MetricDefinition {
  std::string name;
  std::string title;  // default: the name
  TimeBasis time_basis = TimeBasis::kPaidAt;
  std::array<bool, kOrderStatusCount> statuses{};  // indexed by OrderStatus
  bool cleaned = false;
  Attribution attribution = Attribution::kTransactingStore;
  AmountBasis amount = AmountBasis::kReceived;
  bool tax_inclusive = true;

  bool counts_status(OrderStatus s) const { return statuses[static_cast<int>(s)]; }
  // {"amount":"received","attribution":...} — see the header comment.
  std::string normalised_json() const;
  // First 6 hex digits of SHA-256(normalised_json()).
  std::string version() const;
  // "finance@4ef54d"
  std::string tag() const;
};

}  // namespace pitwall::core
