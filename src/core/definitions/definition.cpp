#include "core/definitions/definition.hpp"

#include <fmt/format.h>

#include "core/base/sha256.hpp"

namespace pitwall::core {

std::string_view time_basis_token(TimeBasis b) {
  switch (b) {
    case TimeBasis::kCreatedAt:
      return "created_at";
    case TimeBasis::kPaidAt:
      return "paid_at";
    case TimeBasis::kRedeemedAt:
      return "redeemed_at";
    case TimeBasis::kRecordedAt:
      return "recorded_at";
  }
  return "paid_at";
}

std::string_view attribution_token(Attribution a) {
  return a == Attribution::kHomeStore ? "home_store" : "transacting_store";
}

std::string_view amount_basis_token(AmountBasis a) {
  return a == AmountBasis::kGmv ? "gmv" : "received";
}

std::string MetricDefinition::normalised_json() const {
  std::string statuses_json;
  for (int i = 0; i < kOrderStatusCount; ++i) {
    if (!statuses[i]) continue;
    if (!statuses_json.empty()) statuses_json += ',';
    statuses_json += fmt::format("\"{}\"", order_status_token(static_cast<OrderStatus>(i)));
  }
  return fmt::format(
      "{{\"amount\":\"{}\",\"attribution\":\"{}\",\"cleaned\":{},\"statuses\":[{}],"
      "\"tax_inclusive\":{},\"time_basis\":\"{}\"}}",
      amount_basis_token(amount), attribution_token(attribution), cleaned ? "true" : "false",
      statuses_json, tax_inclusive ? "true" : "false", time_basis_token(time_basis));
}

std::string MetricDefinition::version() const { return sha256_hex(normalised_json()).substr(0, 6); }

std::string MetricDefinition::tag() const { return fmt::format("{}@{}", name, version()); }

}  // namespace pitwall::core
