#include "core/base/money.hpp"

#include <fmt/format.h>

namespace pitwall::core {

namespace {
uint64_t magnitude(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : uint64_t(v); }
}  // namespace

std::string Money::to_yuan_string() const {
  uint64_t m = magnitude(fen_);
  return fmt::format("{}{}.{:02}", fen_ < 0 ? "-" : "", m / 100, m % 100);
}

std::string Money::to_display_string() const {
  uint64_t m = magnitude(fen_);
  std::string digits = fmt::format("{}", m / 100);
  std::string grouped;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) grouped.insert(grouped.begin(), ',');
    grouped.insert(grouped.begin(), *it);
    ++count;
  }
  return fmt::format("{}{}.{:02}", fen_ < 0 ? "-" : "", grouped, m % 100);
}

}  // namespace pitwall::core
