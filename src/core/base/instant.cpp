#include "core/base/instant.hpp"

#include <fmt/format.h>

namespace pitwall::core {

int64_t days_from_civil(int32_t y, int32_t m, int32_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilTime civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  CivilTime t;
  t.year = static_cast<int32_t>(y + (m <= 2));
  t.month = static_cast<int32_t>(m);
  t.day = static_cast<int32_t>(d);
  return t;
}

int64_t seconds_from_civil(const CivilTime& t) {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

CivilTime civil_from_seconds(int64_t s) {
  int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  int64_t rem = s - days * 86400;
  CivilTime t = civil_from_days(days);
  t.hour = static_cast<int32_t>(rem / 3600);
  t.minute = static_cast<int32_t>(rem % 3600 / 60);
  t.second = static_cast<int32_t>(rem % 60);
  return t;
}

int days_in_month(int32_t year, int32_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool is_valid_civil(const CivilTime& t) {
  return t.year >= 1900 && t.year <= 2200 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= days_in_month(t.year, t.month) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
         t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

std::string format_civil(const CivilTime& t) {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

std::string format_date(const CivilTime& t) {
  return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
}

std::string format_utc_iso(int64_t s) {
  CivilTime t = civil_from_seconds(s);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

std::string format_local_iso(int64_t s, const TimeZone& zone) {
  int64_t offset = zone.offset_at(s);
  CivilTime t = civil_from_seconds(s + offset);
  int64_t a = offset < 0 ? -offset : offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", t.year, t.month, t.day,
                     t.hour, t.minute, t.second, offset < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
}

std::string format_local(int64_t s, const TimeZone& zone) { return format_civil(zone.to_local(s)); }

}  // namespace pitwall::core
