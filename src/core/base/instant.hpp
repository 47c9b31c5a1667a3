#pragma once
// Time in Pitwall (spec README principle 4): instants are int64 seconds since the Unix epoch in
// UTC. Civil (calendar) arithmetic lives here; time zones are an interface (TimeZone) whose real
// implementation is in io/ (the tz database), so core never touches the OS.

#include <compare>
#include <cstdint>
#include <string>

#include "core/base/result.hpp"

namespace pitwall::core {

// Sentinel for "no time" in columnar tables (an empty cell).
inline constexpr int64_t kNoTime = INT64_MIN;

struct Instant {
  int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  constexpr auto operator<=>(const Instant&) const = default;
};

// A calendar date and wall-clock time with no zone attached.
struct CivilTime {
  int32_t year = 1970;
  int32_t month = 1;  // 1..12
  int32_t day = 1;    // 1..31
  int32_t hour = 0;
  int32_t minute = 0;
  int32_t second = 0;
  constexpr auto operator<=>(const CivilTime&) const = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int32_t year, int32_t month, int32_t day);
// Inverse of days_from_civil; hour/minute/second are 0.
CivilTime civil_from_days(int64_t days);
// Seconds since the epoch of a civil time read as UTC.
int64_t seconds_from_civil(const CivilTime& t);
CivilTime civil_from_seconds(int64_t seconds);
bool is_valid_civil(const CivilTime& t);
int days_in_month(int32_t year, int32_t month);

// "2023-03-31 23:59:59" of a civil time; "2023-03-31" of a date.
std::string format_civil(const CivilTime& t);
std::string format_date(const CivilTime& t);

// A time zone: maps instants to local civil time and back. Implemented in io/ over the tz
// database (io/tz/tz_database.hpp) and by FixedOffsetZone for tests.
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  virtual const std::string& name() const = 0;
  // Offset from UTC in seconds at the given instant (east positive; Asia/Shanghai +28800).
  virtual int64_t offset_at(int64_t utc_seconds) const = 0;
  // The instant of a local civil time. A time in a gap (spring forward) or an overlap resolves
  // to the earlier instant, as a person reading a wall clock would mean the first one.
  virtual int64_t to_utc(const CivilTime& local) const = 0;

  CivilTime to_local(int64_t utc_seconds) const {
    return civil_from_seconds(utc_seconds + offset_at(utc_seconds));
  }
  // Local calendar day (days since epoch) of an instant.
  int64_t local_day(int64_t utc_seconds) const {
    int64_t local = utc_seconds + offset_at(utc_seconds);
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  }
};

class FixedOffsetZone final : public TimeZone {
 public:
  FixedOffsetZone(std::string name, int64_t offset_seconds)
      : name_(std::move(name)), offset_(offset_seconds) {}
  const std::string& name() const override { return name_; }
  int64_t offset_at(int64_t) const override { return offset_; }
  int64_t to_utc(const CivilTime& local) const override {
    return seconds_from_civil(local) - offset_;
  }

 private:
  std::string name_;
  int64_t offset_;
};

// "2023-03-01T00:00:00Z"
std::string format_utc_iso(int64_t utc_seconds);
// "2023-03-01T08:00:00+08:00" in the given zone.
std::string format_local_iso(int64_t utc_seconds, const TimeZone& zone);
// "2023-03-01 08:00:00" in the given zone.
std::string format_local(int64_t utc_seconds, const TimeZone& zone);

}  // namespace pitwall::core
