// Date-time and date fields (formats.md "Timestamps").
#include <cmath>

#include "io/text/fields.hpp"
#include "io/text/fields_detail.hpp"

namespace pitwall::io {

using fields_detail::cannot_read;
using fields_detail::FoldedText;
using fields_detail::wrong_cell_kind;

namespace {

constexpr std::string_view kDateTimeExpected = "a date-time like 2023-03-31 23:59:59";
constexpr std::string_view kDateExpected = "a date like 2023-03-31";
constexpr std::string_view kYear = "\xE5\xB9\xB4";   // 年
constexpr std::string_view kMonth = "\xE6\x9C\x88";  // 月
constexpr std::string_view kDay = "\xE6\x97\xA5";    // 日
constexpr int64_t kExcelSerialOf1970 = 25569;        // 1970-01-01 in the 1900 date system
constexpr double kExcelSerialEnd = 2958466;          // 10000-01-01

struct DateTimeText {
  core::CivilTime civil;
  bool has_offset = false;
  int64_t offset_seconds = 0;
};

// Reads 1..max_digits digits (exactly `max_digits` when `exact`).
bool read_number(std::string_view& s, int max_digits, bool exact, int32_t& out) {
  int n = 0;
  out = 0;
  while (n < max_digits && n < static_cast<int>(s.size()) && s[n] >= '0' && s[n] <= '9') {
    out = out * 10 + (s[n] - '0');
    ++n;
  }
  if (n == 0 || (exact && n != max_digits)) return false;
  s.remove_prefix(n);
  return true;
}

bool eat(std::string_view& s, std::string_view token) {
  if (!s.starts_with(token)) return false;
  s.remove_prefix(token.size());
  return true;
}

bool read_date(std::string_view& s, core::CivilTime& t) {
  if (!read_number(s, 4, true, t.year)) return false;
  if (eat(s, kYear)) {
    return read_number(s, 2, false, t.month) && eat(s, kMonth) && read_number(s, 2, false, t.day) &&
           (eat(s, kDay) || true);
  }
  if (s.empty() || (s[0] != '-' && s[0] != '/' && s[0] != '.')) return false;
  char separator = s[0];
  s.remove_prefix(1);
  if (!read_number(s, 2, false, t.month)) return false;
  if (s.empty() || s[0] != separator) return false;
  s.remove_prefix(1);
  return read_number(s, 2, false, t.day);
}

bool read_offset(std::string_view& s, int64_t& offset) {
  if (eat(s, "Z") || eat(s, "z")) {
    offset = 0;
    return true;
  }
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int32_t hours = 0;
  int32_t minutes = 0;
  if (!read_number(s, 2, true, hours)) return false;
  eat(s, ":");
  if (!s.empty() && !read_number(s, 2, true, minutes)) return false;
  if (hours > 18 || minutes > 59) return false;
  offset = sign * (hours * 3600 + minutes * 60);
  return true;
}

// The common "2023-03-31 23:59:59" at fixed positions, without the general grammar's steps.
bool read_canonical(std::string_view s, core::CivilTime& t) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' ||
      s[16] != ':') {
    return false;
  }
  static constexpr int kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  int d[14];
  for (int i = 0; i < 14; ++i) {
    d[i] = s[kDigits[i]] - '0';
    if (d[i] < 0 || d[i] > 9) return false;
  }
  t.year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
  t.month = d[4] * 10 + d[5];
  t.day = d[6] * 10 + d[7];
  t.hour = d[8] * 10 + d[9];
  t.minute = d[10] * 10 + d[11];
  t.second = d[12] * 10 + d[13];
  return true;
}

// The whole of `s` as a date with an optional time and offset.
bool read_date_time(std::string_view s, DateTimeText& out) {
  core::CivilTime& t = out.civil;
  if (read_canonical(s, t)) return core::is_valid_civil(t);
  if (!read_date(s, t)) return false;
  if (!s.empty()) {
    if (s[0] == 'T' || s[0] == 't') {
      s.remove_prefix(1);
    } else if (s[0] == ' ') {
      while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    } else {
      return false;
    }
    if (!read_number(s, 2, false, t.hour) || !eat(s, ":") || !read_number(s, 2, true, t.minute)) {
      return false;
    }
    if (eat(s, ":") && !read_number(s, 2, true, t.second)) return false;
    if (eat(s, ".") || eat(s, ",")) {  // fractions of a second are dropped
      int32_t ignored = 0;
      if (!read_number(s, 9, false, ignored)) return false;
    }
    if (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    if (!s.empty()) {
      if (!read_offset(s, out.offset_seconds)) return false;
      out.has_offset = true;
    }
  }
  return s.empty() && core::is_valid_civil(t);
}

// Local seconds (since 1970 as if UTC) of an Excel serial day number, rounded to the second.
bool excel_serial_seconds(std::string_view text, int64_t& local_seconds) {
  double serial = 0;
  if (!fields_detail::read_double(text, serial)) return false;
  if (!(serial >= 1) || serial >= kExcelSerialEnd) return false;
  double whole = std::floor(serial);
  auto day = static_cast<int64_t>(whole);
  int64_t seconds = std::llround((serial - whole) * 86400.0);
  // The 1900 system counts a 29 February 1900 that never was: serials before it are a day early.
  if (day == 60) return false;
  if (day < 60) day += 1;
  local_seconds = (day - kExcelSerialOf1970) * 86400 + seconds;
  return true;
}

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

int64_t CachedZone::to_utc(const core::CivilTime& local) const {
  int64_t seconds = core::seconds_from_civil(local);
  int64_t day = floor_div(seconds, 86400);
  Day& d = days_[static_cast<uint64_t>(day) % 1024];
  if (d.day != day) {
    int64_t first = day * 86400;
    int64_t last = first + 86399;
    int64_t offset_first = first - zone_.to_utc(core::civil_from_seconds(first));
    int64_t offset_last = last - zone_.to_utc(core::civil_from_seconds(last));
    d = Day{day, offset_first, offset_first == offset_last};
  }
  return d.uniform ? seconds - d.offset : zone_.to_utc(local);
}

core::Result<int64_t> parse_date_time(std::string_view text, const core::TimeZone& zone,
                                      CellKind kind) {
  if (kind == CellKind::kNumber || kind == CellKind::kDate) {
    int64_t local = 0;
    if (!excel_serial_seconds(trim_text(text), local)) {
      return wrong_cell_kind(trim_text(text), kind, "a date-time",
                             "an Excel date serial from 1 (1900-01-01) on");
    }
    return zone.to_utc(core::civil_from_seconds(local));
  }
  if (kind != CellKind::kText) return wrong_cell_kind(text, kind, "a date-time", kDateTimeExpected);
  FoldedText folded(text);
  DateTimeText parsed;
  if (!read_date_time(folded.view(), parsed)) {
    return cannot_read(trim_text(text), "a date-time", kDateTimeExpected);
  }
  if (parsed.has_offset) return core::seconds_from_civil(parsed.civil) - parsed.offset_seconds;
  return zone.to_utc(parsed.civil);
}

core::Result<int32_t> parse_local_date(std::string_view text, CellKind kind) {
  if (kind == CellKind::kNumber || kind == CellKind::kDate) {
    int64_t local = 0;
    if (!excel_serial_seconds(trim_text(text), local)) {
      return wrong_cell_kind(trim_text(text), kind, "a date",
                             "an Excel date serial from 1 (1900-01-01) on");
    }
    return static_cast<int32_t>(floor_div(local, 86400));
  }
  if (kind != CellKind::kText) return wrong_cell_kind(text, kind, "a date", kDateExpected);
  FoldedText folded(text);
  DateTimeText parsed;
  if (!read_date_time(folded.view(), parsed)) {
    return cannot_read(trim_text(text), "a date", kDateExpected);
  }
  const core::CivilTime& t = parsed.civil;
  return static_cast<int32_t>(core::days_from_civil(t.year, t.month, t.day));
}

}  // namespace pitwall::io
