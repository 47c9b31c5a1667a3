#pragma once
// Formatting for the demo's hot paths (millions of rows): integers, zero-padded digits, hex,
// local times and amounts in the forms of formats.md, appended to a std::string whose capacity
// the caller reuses — no allocation, fmt or iostreams per cell (style.md "Hot paths").
//
// Gb18030Encoder writes UTF-8 text as GB18030 (what Chinese Excel saves): ASCII runs are copied,
// and each other character is looked up in a per-code-point table filled on its first use, so a
// Chinese word costs one conversion per encoder, not one per row. An encoder is not shared
// between threads; each writer owns one.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::demo {

// How a CSV writes amounts: 1280.5 -> "1280.50" | "1,280.50" | "¥1,280.50" | "1280.50元" |
// "１２８０.５０" (full-width digits).
enum class MoneyForm : uint8_t { kPlain, kGrouped, kYen, kYuanSuffix, kFullWidth };
// How a CSV writes times (local): "2023-03-06 09:30:15" | "2023/3/6 9:30:15" | "2023/3/6 9:30"
// | "2023-03-06T09:30:15+08:00" | "2023-03-06" | "2023/3/6".
enum class TimeForm : uint8_t { kIso, kSlash, kSlashMinute, kIsoOffset, kDate, kDateSlash };

// Decimal digits of `value`.
void append_uint(std::string& out, uint64_t value);
void append_int(std::string& out, int64_t value);
// Decimal digits of `value`, left-padded with zeros to `width` (more digits are all written),
// as fmt's "{:0Nd}".
void append_padded(std::string& out, uint64_t value, int width);
// Upper-case hex digits of the low 4 × `width` bits of `value`, zero-padded ("{:0NX}").
void append_hex(std::string& out, uint64_t value, int width);

void append_money(std::string& out, int64_t fen, MoneyForm form);
void append_time(std::string& out, int64_t local_seconds, TimeForm form);
std::string format_time(int64_t local_seconds, TimeForm form = TimeForm::kIso);
// Local seconds of a local civil time (the demo works in Asia/Shanghai wall-clock seconds).
int64_t local_seconds(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

class Gb18030Encoder {
 public:
  // Appends the GB18030 form of UTF-8 `utf8`. The demo's text is valid UTF-8 of the Basic
  // Multilingual Plane; anything else is a bug (PW_CHECK).
  void append(std::string& out, std::string_view utf8);

 private:
  // Per code point: bits 0-7 the byte count (0 = not converted yet), bits 8-39 the bytes.
  std::vector<uint64_t> table_;
  uint64_t lookup(uint32_t code_point, std::string_view utf8_char);
};

}  // namespace pitwall::demo
