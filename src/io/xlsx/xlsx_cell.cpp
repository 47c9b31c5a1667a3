// XlsxCell's named constructors and display_width (io/xlsx/xlsx_writer.hpp).

#include <algorithm>
#include <cmath>

#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {

XlsxCell XlsxCell::text(std::string_view value) {
  XlsxCell cell;
  cell.kind_ = Kind::kText;
  cell.text_ = std::string(value);
  return cell;
}

XlsxCell XlsxCell::integer(int64_t value) {
  XlsxCell cell;
  cell.kind_ = Kind::kInteger;
  cell.integer_ = value;
  return cell;
}

XlsxCell XlsxCell::money(core::Money amount) { return money_fen(amount.fen()); }

XlsxCell XlsxCell::money_fen(int64_t fen) {
  XlsxCell cell;
  if (fen == core::kNoFen) return cell;
  cell.kind_ = Kind::kMoney;
  cell.integer_ = fen;
  return cell;
}

XlsxCell XlsxCell::percent(double fraction) {
  XlsxCell cell;
  if (!std::isfinite(fraction)) return cell;
  cell.kind_ = Kind::kPercent;
  cell.double_ = fraction;
  return cell;
}

XlsxCell XlsxCell::decimal(double value, int places) {
  XlsxCell cell;
  if (!std::isfinite(value)) return cell;
  cell.kind_ = Kind::kDecimal;
  cell.double_ = value;
  cell.places_ = static_cast<int8_t>(std::clamp(places, 0, 10));
  return cell;
}

XlsxCell XlsxCell::date_time(int64_t utc_seconds, const core::TimeZone& zone) {
  XlsxCell cell;
  if (utc_seconds == core::kNoTime) return cell;
  cell.kind_ = Kind::kDateTime;
  cell.integer_ = utc_seconds + zone.offset_at(utc_seconds);
  return cell;
}

XlsxCell XlsxCell::date(int64_t utc_seconds, const core::TimeZone& zone) {
  XlsxCell cell;
  if (utc_seconds == core::kNoTime) return cell;
  cell.kind_ = Kind::kDate;
  cell.integer_ = zone.local_day(utc_seconds);
  return cell;
}

XlsxCell XlsxCell::boolean(bool value) {
  XlsxCell cell;
  cell.kind_ = Kind::kBool;
  cell.integer_ = value ? 1 : 0;
  return cell;
}

namespace {

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), and the common emoji blocks.
bool is_wide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

int display_width(std::string_view text) {
  int longest = 0;
  int line = 0;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      longest = std::max(longest, line);
      line = 0;
      ++i;
      continue;
    }
    size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    line += is_wide(cp) ? 2 : 1;
    i += length;
  }
  return std::max(longest, line);
}

}  // namespace pitwall::io
