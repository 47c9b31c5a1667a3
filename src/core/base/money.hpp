#pragma once
// Money: an exact amount in fen (分, 1/100 yuan), int64 inside (spec README principle 3).
//
// No conversion from double exists. Text is parsed digit by digit (io/text/fields.hpp);
// yuan with two decimals appear only at the edges (to_yuan_string). Rates are applied through
// Rate (rate.hpp) in integer arithmetic with one half-up rounding per amount.

#include <compare>
#include <cstdint>
#include <string>

namespace pitwall::core {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(int64_t fen) { return Money(fen); }
  static constexpr Money from_yuan(int64_t yuan) { return Money(yuan * 100); }

  constexpr int64_t fen() const { return fen_; }

  constexpr Money operator+(Money o) const { return Money(fen_ + o.fen_); }
  constexpr Money operator-(Money o) const { return Money(fen_ - o.fen_); }
  constexpr Money operator-() const { return Money(-fen_); }
  constexpr Money operator*(int64_t k) const { return Money(fen_ * k); }
  constexpr Money& operator+=(Money o) {
    fen_ += o.fen_;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    fen_ -= o.fen_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

  // "1234.50", "-0.05": yuan with exactly two decimals, no grouping.
  std::string to_yuan_string() const;
  // "1,234.50": with thousands separators, for terminals and reports.
  std::string to_display_string() const;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

// Sentinel for "no amount" in columnar tables (an empty cell).
inline constexpr int64_t kNoFen = INT64_MIN;

}  // namespace pitwall::core
