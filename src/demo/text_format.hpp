#pragma once
// Formatting for the demo's hot paths (millions of rows): integers, zero-padded digits, hex,
// local times and amounts in the forms of formats.md, appended to a TextBuffer the caller
// reuses — no allocation, fmt or iostreams per cell (style.md "Hot paths").
//
// Gb18030Encoder writes UTF-8 text as GB18030 (what Chinese Excel saves): ASCII runs are copied,
// and each other character is looked up in a per-code-point table filled on its first use, so a
// Chinese word costs one conversion per encoder, not one per row. An encoder is not shared
// between threads; each writer owns one.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/text_buffer.hpp"

namespace pitwall::demo {

// How a CSV writes amounts: 1280.5 -> "1280.50" | "1,280.50" | "¥1,280.50" | "1280.50元" |
// "１２８０.５０" (full-width digits).
enum class MoneyForm : uint8_t { kPlain, kGrouped, kYen, kYuanSuffix, kFullWidth };
// How a CSV writes times (local): "2023-03-06 09:30:15" | "2023/3/6 9:30:15" | "2023/3/6 9:30"
// | "2023-03-06T09:30:15+08:00" | "2023-03-06" | "2023/3/6".
enum class TimeForm : uint8_t { kIso, kSlash, kSlashMinute, kIsoOffset, kDate, kDateSlash };

// Decimal digits of `value`.
inline void append_uint(TextBuffer& out, uint64_t value) {
  char digits[20];
  char* first = digits + sizeof digits;
  do {
    *--first = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out += std::string_view(first, static_cast<size_t>(digits + sizeof digits - first));
}
void append_int(TextBuffer& out, int64_t value);
// Decimal digits of `value`, left-padded with zeros to `width` (more digits are all written),
// as fmt's "{:0Nd}".
inline void append_padded(TextBuffer& out, uint64_t value, int width) {
  int digits = 1;
  for (uint64_t v = value; v >= 10; v /= 10) ++digits;
  size_t n = static_cast<size_t>(digits > width ? digits : width);
  char* first = out.claim(n);
  char* q = first + n;
  do {
    *--q = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (q > first) *--q = '0';
  out.commit(first + n);
}
// Two digits, 00-99.
inline void append_two(TextBuffer& out, int value) {
  char* p = out.claim(2);
  p[0] = static_cast<char>('0' + value / 10);
  p[1] = static_cast<char>('0' + value % 10);
  out.commit(p + 2);
}
// Upper-case hex digits of the low 4 × `width` bits of `value`, zero-padded ("{:0NX}").
void append_hex(TextBuffer& out, uint64_t value, int width);

void append_money(TextBuffer& out, int64_t fen, MoneyForm form);
void append_time(TextBuffer& out, int64_t local_seconds, TimeForm form);
std::string format_time(int64_t local_seconds, TimeForm form = TimeForm::kIso);
// Local seconds of a local civil time (the demo works in Asia/Shanghai wall-clock seconds).
int64_t local_seconds(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

// append_time with the date part cached per day (direct-mapped, 128 days): the rows of an export
// carry few distinct dates, and the civil date is the costly part.
class TimeFormatter {
 public:
  void append(TextBuffer& out, int64_t local_seconds, TimeForm form);

 private:
  struct Date {
    int64_t day = INT64_MIN;
    TimeForm form = TimeForm::kIso;
    uint8_t length = 0;
    char text[16] = {};  // the date and, for forms with a time, the separator after it
  };
  std::array<Date, 128> dates_;
};

class Gb18030Encoder {
 public:
  // Appends the GB18030 form of UTF-8 `utf8`. The demo's text is valid UTF-8 of the Basic
  // Multilingual Plane; anything else is a bug (PW_CHECK).
  void append(TextBuffer& out, std::string_view utf8);

 private:
  // Per code point: bits 0-7 the byte count (0 = not converted yet), bits 8-39 the bytes.
  std::vector<uint64_t> table_;
  uint64_t lookup(uint32_t code_point, std::string_view utf8_char);
};

}  // namespace pitwall::demo
