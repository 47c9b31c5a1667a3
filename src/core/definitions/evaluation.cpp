#include "core/definitions/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/check.hpp"
#include "core/closeout/rules.hpp"

namespace pitwall::core {

std::string_view verdict_token(uint8_t code) {
  switch (code) {
    case verdict::kCounted:
      return "";
    case verdict::kStatus:
      return "status";
    case verdict::kBasisTimeMissing:
      return "basis_time_missing";
    case verdict::kOutsideWindow:
      return "outside_window";
    case verdict::kArbitration:
      return "arbitration";
    default:
      break;
  }
  PW_CHECK(code >= verdict::kExclusionBase && code < verdict::kExclusionBase + closeout::kRuleCount,
           "verdict code out of range");
  return closeout::rule_token(static_cast<closeout::Rule>(code - verdict::kExclusionBase));
}

bool parse_verdict_token(std::string_view token, uint8_t& code) {
  for (uint8_t c : {verdict::kCounted, verdict::kStatus, verdict::kBasisTimeMissing,
                    verdict::kOutsideWindow, verdict::kArbitration}) {
    if (verdict_token(c) == token) {
      code = c;
      return true;
    }
  }
  if (auto rule = closeout::parse_rule(token)) {
    code = static_cast<uint8_t>(verdict::kExclusionBase + static_cast<int>(*rule));
    return true;
  }
  return false;
}

namespace {
uint32_t find_sorted(const std::vector<std::string>& v, std::string_view key) {
  // The last entry is "(unattributed)" and not part of the sorted range.
  if (v.empty()) return UINT32_MAX;
  if (key == v.back()) return static_cast<uint32_t>(v.size() - 1);
  auto end = v.end() - 1;
  auto it = std::lower_bound(v.begin(), end, key,
                             [](const std::string& a, std::string_view b) { return a < b; });
  if (it != end && *it == key) return static_cast<uint32_t>(it - v.begin());
  return UINT32_MAX;
}
}  // namespace

uint32_t StoreDirectory::find_store(std::string_view code) const {
  return find_sorted(codes, code);
}
uint32_t StoreDirectory::find_region(std::string_view name) const {
  return find_sorted(regions, name);
}

std::string Evaluation::tag() const {
  std::string tag = definition.tag();
  if (mode == EvaluationMode::kCleaned && !definition.cleaned) tag += "/cleaned";
  if (mode == EvaluationMode::kRaw && definition.cleaned) tag += "/raw";
  return tag;
}

void roll_up_totals(Evaluation& evaluation, const StoreDirectory& stores) {
  evaluation.by_region.assign(stores.region_count(), Totals{});
  evaluation.total = Totals{};
  for (uint32_t s = 0; s < evaluation.by_store.size(); ++s) {
    evaluation.by_region[stores.region_of[s]] += evaluation.by_store[s];
    evaluation.total += evaluation.by_store[s];
  }
}

OrderAmounts::OrderAmounts(std::span<const int64_t> values) {
  resize(values.size());
  for (size_t k = 0; k < values.size(); ++k) set(k, values[k]);
}

void OrderAmounts::resize(size_t n) {
  narrow_.assign(n, 0);
  wide_.clear();
}

void OrderAmounts::set_wide(size_t k, int64_t fen) {
  narrow_[k] = kWide;
  auto it =
      std::lower_bound(wide_.begin(), wide_.end(), std::pair<uint64_t, int64_t>(k, INT64_MIN));
  if (it != wide_.end() && it->first == k) {
    it->second = fen;
  } else {
    wide_.insert(it, {k, fen});
  }
}

int64_t OrderAmounts::wide_at(size_t k) const {
  auto it =
      std::lower_bound(wide_.begin(), wide_.end(), std::pair<uint64_t, int64_t>(k, INT64_MIN));
  PW_CHECK(it != wide_.end() && it->first == k, "wide amount without its entry");
  return it->second;
}

bool OrderAmounts::operator==(const OrderAmounts& other) const {
  if (size() != other.size()) return false;
  for (size_t k = 0; k < size(); ++k) {
    if ((*this)[k] != other[k]) return false;
  }
  return true;
}

}  // namespace pitwall::core
