#include "core/closeout/values.hpp"

#include <string>

namespace pitwall::core::closeout {

namespace {
// ASCII copy of `text` with full-width forms made half-width and surrounding spaces trimmed.
std::string half_width_ascii(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    // U+FF01..U+FF5E are EF BC 81..BF and EF BD 80..9E.
    if (b == 0xEF && i + 2 < text.size()) {
      auto b1 = static_cast<unsigned char>(text[i + 1]);
      auto b2 = static_cast<unsigned char>(text[i + 2]);
      uint32_t cp = ((b & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(b));
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  size_t start = out.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : out.substr(start);
}

bool read_int(std::string_view& s, int max_digits, int& value) {
  int n = 0;
  value = 0;
  while (!s.empty() && s.front() >= '0' && s.front() <= '9' && n < max_digits) {
    value = value * 10 + (s.front() - '0');
    s.remove_prefix(1);
    ++n;
  }
  return n > 0;
}

bool eat(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}
}  // namespace

std::optional<int64_t> parse_yuan(std::string_view text) {
  std::string s = half_width_ascii(text);
  std::string digits;
  for (std::string_view part : {std::string_view("\xC2\xA5"), std::string_view("\xE5\x85\x83")}) {
    for (size_t pos; (pos = s.find(part)) != std::string::npos;) s.erase(pos, part.size());
  }
  bool negative = false;
  int decimals = -1;
  int64_t fen = 0;
  for (char c : s) {
    if (c == ',' || c == ' ') continue;
    if (c == '-' && fen == 0 && decimals < 0 && !negative) {
      negative = true;
    } else if (c == '.' && decimals < 0) {
      decimals = 0;
    } else if (c >= '0' && c <= '9') {
      if (decimals >= 2 || fen > INT64_MAX / 100) return std::nullopt;
      fen = fen * 10 + (c - '0');
      if (decimals >= 0) ++decimals;
      digits.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) return std::nullopt;
  for (int d = decimals < 0 ? 0 : decimals; d < 2; ++d) fen *= 10;
  return negative ? -fen : fen;
}

std::optional<int64_t> parse_time(std::string_view text, const TimeZone& zone) {
  std::string owned = half_width_ascii(text);
  std::string_view s = owned;
  CivilTime t;
  if (!read_int(s, 4, t.year)) return std::nullopt;
  char sep = s.empty() ? 0 : s.front();
  if (sep != '-' && sep != '/') return std::nullopt;
  s.remove_prefix(1);
  if (!read_int(s, 2, t.month) || !eat(s, sep) || !read_int(s, 2, t.day)) return std::nullopt;
  if (eat(s, ' ') || eat(s, 'T')) {
    while (eat(s, ' ')) {
    }
    if (!read_int(s, 2, t.hour) || !eat(s, ':') || !read_int(s, 2, t.minute)) return std::nullopt;
    if (eat(s, ':') && !read_int(s, 2, t.second)) return std::nullopt;
  }
  if (!is_valid_civil(t)) return std::nullopt;
  if (s.empty()) return zone.to_utc(t);
  if (s == "Z") return seconds_from_civil(t);
  int sign = s.front() == '+' ? 1 : s.front() == '-' ? -1 : 0;
  if (sign == 0) return std::nullopt;
  s.remove_prefix(1);
  int hours = 0;
  int minutes = 0;
  if (!read_int(s, 2, hours)) return std::nullopt;
  eat(s, ':');
  if (!s.empty() && !read_int(s, 2, minutes)) return std::nullopt;
  if (!s.empty()) return std::nullopt;
  return seconds_from_civil(t) - sign * (hours * 3600 + minutes * 60);
}

std::optional<OrderStatus> parse_status(std::string_view text) {
  std::string s = half_width_ascii(text);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  struct Word {
    std::string_view word;
    OrderStatus status;
  };
  static constexpr Word kWords[] = {
      {"\xE5\xB7\xB2\xE4\xB8\x8B\xE5\x8D\x95", OrderStatus::kCreated},  // 已下单
      {"\xE5\xBE\x85\xE6\x94\xAF\xE4\xBB\x98", OrderStatus::kCreated},  // 待支付
      {"created", OrderStatus::kCreated},
      {"\xE5\xB7\xB2\xE6\x94\xAF\xE4\xBB\x98", OrderStatus::kPaid},  // 已支付
      {"paid", OrderStatus::kPaid},
      {"\xE5\xB7\xB2\xE6\xA0\xB8\xE9\x94\x80", OrderStatus::kRedeemed},  // 已核销
      {"\xE5\xB7\xB2\xE5\xAE\x8C\xE6\x88\x90", OrderStatus::kRedeemed},  // 已完成
      {"redeemed", OrderStatus::kRedeemed},
      {"\xE5\xB7\xB2\xE5\x8F\x96\xE6\xB6\x88", OrderStatus::kCancelled},  // 已取消
      {"cancelled", OrderStatus::kCancelled},
      {"\xE9\x80\x80\xE6\xAC\xBE\xE4\xB8\xAD", OrderStatus::kRefunding},  // 退款中
      {"refunding", OrderStatus::kRefunding},
      {"\xE5\xB7\xB2\xE9\x80\x80\xE6\xAC\xBE", OrderStatus::kRefunded},  // 已退款
      {"refunded", OrderStatus::kRefunded},
  };
  for (const Word& w : kWords) {
    if (w.word == s) return w.status;
  }
  return std::nullopt;
}

}  // namespace pitwall::core::closeout
