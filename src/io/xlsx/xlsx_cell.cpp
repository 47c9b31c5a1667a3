// XlsxCell's named constructors (io/xlsx/xlsx_writer.hpp).

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

}  // namespace pitwall::io
