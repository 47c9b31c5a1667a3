#pragma once
// The vocabulary of the win-back desk (winback.md): value tiers, churn reasons, influence classes,
// decision and ROI bands, approval levels, the model that produced a probability. Each enum has a
// stable token (written in JSON, accepted on the command line); indices of Reason and Influence
// equal the word indices of the churned table (core::words::kChurnReasons / kInfluence).

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace pitwall::core::winback {

// "Unknown" or "undefined" for model values (a constant: std::nan("") parses a string per call).
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// 分层激励矩阵: star 明星 > 8000, potential 潜力 4000–8000, maintain 维持 2000–4000, basic 基础.
enum class Tier : uint8_t { kStar, kPotential, kMaintain, kBasic };
inline constexpr int kTierCount = 4;

// 流失原因, in the order of words::kChurnReasons.
enum class Reason : uint8_t { kService, kPrice, kConvenience, kOther };
inline constexpr int kReasonCount = 4;

// 影响力, in the order of words::kInfluence.
enum class Influence : uint8_t { kKoc, kClub, kRegular };
inline constexpr int kInfluenceCount = 3;

// 挽回决策得分 bands: > 0.7 high priority, 0.5–0.7 standard, 0.3–0.5 low cost, < 0.3 do not.
enum class DecisionBand : uint8_t { kHighPriority, kStandard, kLowCost, kDoNot };
inline constexpr int kDecisionBandCount = 4;

// 挽回ROI bands: > 200% strongly recommend, 100–200% recommend, 50–100% cautious, < 50% do not.
enum class RoiBand : uint8_t { kStrong, kRecommend, kCautious, kDoNot };
inline constexpr int kRoiBandCount = 4;

// 分级审批: who approves an amount.
enum class Approver : uint8_t { kAuto, kStoreManager, kRegionManager, kDirector };
inline constexpr int kApproverCount = 4;

// Which model produced a success or retention probability.
enum class ModelKind : uint8_t { kTable, kCalibrated };

std::string_view tier_token(Tier t);                   // "star", "potential", ...
std::string_view reason_token(Reason r);               // "service", ...
std::string_view influence_token(Influence i);         // "koc", "club", "regular"
std::string_view decision_band_token(DecisionBand b);  // "high_priority", "standard", ...
std::string_view roi_band_token(RoiBand b);            // "strong", "recommend", ...
std::string_view approver_token(Approver a);           // "auto", "store_manager", ...
std::string_view model_kind_token(ModelKind m);        // "table", "calibrated"

std::optional<Tier> parse_tier(std::string_view token);
std::optional<Reason> parse_reason(std::string_view token);
std::optional<Influence> parse_influence(std::string_view token);

}  // namespace pitwall::core::winback
