#include "core/base/rate.hpp"

#include <fmt/format.h>

namespace pitwall::core {

int64_t divide_round_half_up(__int128 numerator, int64_t divisor) {
  PW_CHECK(divisor > 0, "divisor must be positive");
  bool negative = numerator < 0;
  __int128 n = negative ? -numerator : numerator;
  // 64-bit division when the sum fits (every amount of an order): a 128-bit one is a call.
  if (n <= static_cast<__int128>(INT64_MAX - divisor / 2)) {
    auto q = (static_cast<uint64_t>(n) + static_cast<uint64_t>(divisor / 2)) /
             static_cast<uint64_t>(divisor);
    return negative ? -static_cast<int64_t>(q) : static_cast<int64_t>(q);
  }
  __int128 q = (n + divisor / 2) / divisor;
  return static_cast<int64_t>(negative ? -q : q);
}

Result<Rate> Rate::parse(std::string_view text) {
  auto bad = [&] {
    return keyed_error(
        ErrorCode::kInvalidInput, "io.cannot_read",
        {{std::string(text)}, key_arg("io.what.rate"), key_arg("io.expected.rate")},
        fmt::format(
            "cannot read \"{}\" as a rate (expected a decimal like 0.05 or a percentage like 5%)",
            text));
  };
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
  } else if (text.size() >= 3 && text.substr(text.size() - 3) == "\xEF\xBC\x85") {  // ％
    percent = true;
    text.remove_suffix(3);
  }
  if (text.empty()) return bad();
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int64_t integer = 0;
  int64_t fraction = 0;
  int places = 0;
  bool seen_dot = false;
  bool any_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_dot) return bad();
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return bad();
    any_digit = true;
    if (seen_dot) {
      fraction = fraction * 10 + (c - '0');
      ++places;
      if (places > 8) return bad();
    } else {
      integer = integer * 10 + (c - '0');
      if (integer > 1'000'000'000) return bad();
    }
  }
  if (!any_digit) return bad();
  // value = integer.fraction in ten-thousandths; N% = N/100, so a percentage keeps 2 places.
  int scale_places = percent ? 2 : 4;
  if (places > scale_places) {
    // Only zeros may follow the allowed places.
    int extra = places - scale_places;
    int64_t p = 1;
    for (int i = 0; i < extra; ++i) p *= 10;
    if (fraction % p != 0) {
      std::string shown = fmt::format("{}{}", text, percent ? "%" : "");
      return keyed_error(
          ErrorCode::kInvalidInput, "io.rate_places", {{shown}},
          fmt::format("\"{}\" has more than 4 decimal places (expected an exact rate like 0.0525)",
                      shown));
    }
    fraction /= p;
    places = scale_places;
  }
  for (int i = places; i < scale_places; ++i) fraction *= 10;
  int64_t whole = 1;
  for (int i = 0; i < scale_places; ++i) whole *= 10;
  int64_t value = integer * whole + fraction;
  return Rate(negative ? -value : value);
}

std::string Rate::to_string() const {
  int64_t v = value_ < 0 ? -value_ : value_;
  std::string out = fmt::format("{}{}", value_ < 0 ? "-" : "", v / kScale);
  int64_t frac = v % kScale;
  if (frac != 0) {
    std::string digits = fmt::format("{:04}", frac);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

Money Rate::apply(Money amount) const {
  __int128 product = static_cast<__int128>(amount.fen()) * value_;
  return Money::from_fen(divide_round_half_up(product, kScale));
}

Money Rate::divide_one_plus(Money amount) const {
  int64_t denominator = kScale + value_;
  PW_CHECK(denominator > 0, "tax rate must be above -100%");
  __int128 numerator = static_cast<__int128>(amount.fen()) * kScale;
  return Money::from_fen(divide_round_half_up(numerator, denominator));
}

}  // namespace pitwall::core
