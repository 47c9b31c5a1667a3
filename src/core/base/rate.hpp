#pragma once
// Rate: an exact decimal with at most 4 places (closeout.md §6: "every rate and weight ... is read
// as an exact decimal of at most 4 places and applied in integer arithmetic on fen").
// Stored as an integer number of ten-thousandths: 0.05 = 500, 6% = 600, 1 = 10000.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/money.hpp"
#include "core/base/result.hpp"

namespace pitwall::core {

class Rate {
 public:
  static constexpr int64_t kScale = 10000;
  constexpr Rate() = default;
  static constexpr Rate from_basis(int64_t ten_thousandths) { return Rate(ten_thousandths); }

  // Parses "0.05", "5%", "0.0600", "1". Errors: more than 4 decimal places (after the % shift),
  // anything that is not a decimal number.
  static Result<Rate> parse(std::string_view text);

  constexpr int64_t basis() const { return value_; }
  double to_double() const { return static_cast<double>(value_) / kScale; }
  // Shortest exact decimal: "0.05", "1", "0.3333".
  std::string to_string() const;

  // amount × rate, rounded half up (away from zero for negatives) to the fen, once.
  Money apply(Money amount) const;
  // amount ÷ (1 + rate), rounded half up to the fen: the tax-exclusive amount (closeout.md §6).
  Money divide_one_plus(Money amount) const;

  constexpr auto operator<=>(const Rate&) const = default;

 private:
  constexpr explicit Rate(int64_t v) : value_(v) {}
  int64_t value_ = 0;
};

// Integer division rounded half away from zero; divisor must be positive.
int64_t divide_round_half_up(__int128 numerator, int64_t divisor);

}  // namespace pitwall::core
