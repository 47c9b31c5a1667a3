#include "core/winback/types.hpp"

#include <array>

#include "core/base/check.hpp"

namespace pitwall::core::winback {

namespace {
constexpr std::array<std::string_view, kTierCount> kTiers = {"star", "potential", "maintain",
                                                             "basic"};
constexpr std::array<std::string_view, kReasonCount> kReasons = {"service", "price", "convenience",
                                                                 "other"};
constexpr std::array<std::string_view, kInfluenceCount> kInfluences = {"koc", "club", "regular"};
constexpr std::array<std::string_view, kDecisionBandCount> kBands = {"high_priority", "standard",
                                                                     "low_cost", "do_not"};
constexpr std::array<std::string_view, kRoiBandCount> kRoiBands = {"strong", "recommend",
                                                                   "cautious", "do_not"};
constexpr std::array<std::string_view, kApproverCount> kApprovers = {"auto", "store_manager",
                                                                     "region_manager", "director"};

template <typename E, size_t N>
std::string_view token_of(const std::array<std::string_view, N>& tokens, E value) {
  auto i = static_cast<size_t>(value);
  PW_CHECK(i < N, "enum value out of range");
  return tokens[i];
}

template <typename E, size_t N>
std::optional<E> parse_of(const std::array<std::string_view, N>& tokens, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (tokens[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}
}  // namespace

std::string_view tier_token(Tier t) { return token_of(kTiers, t); }
std::string_view reason_token(Reason r) { return token_of(kReasons, r); }
std::string_view influence_token(Influence i) { return token_of(kInfluences, i); }
std::string_view decision_band_token(DecisionBand b) { return token_of(kBands, b); }
std::string_view roi_band_token(RoiBand b) { return token_of(kRoiBands, b); }
std::string_view approver_token(Approver a) { return token_of(kApprovers, a); }
std::string_view model_kind_token(ModelKind m) {
  return m == ModelKind::kCalibrated ? "calibrated" : "table";
}

std::optional<Tier> parse_tier(std::string_view token) { return parse_of<Tier>(kTiers, token); }
std::optional<Reason> parse_reason(std::string_view token) {
  return parse_of<Reason>(kReasons, token);
}
std::optional<Influence> parse_influence(std::string_view token) {
  return parse_of<Influence>(kInfluences, token);
}

}  // namespace pitwall::core::winback
