#include "demo/text_format.hpp"

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "io/encoding/gb18030.hpp"

namespace pitwall::demo {

namespace {

// Digits of `value` right-aligned in `buffer` (20 bytes); returns the first digit's position.
char* digits_end_at(char* end, uint64_t value) {
  do {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return end;
}

void append_two(std::string& out, int value) {
  char two[2] = {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
  out.append(two, 2);
}

// "1,234,567" (commas every three digits from the right).
void append_grouped(std::string& out, uint64_t value) {
  char buffer[20];
  char* end = buffer + sizeof buffer;
  char* begin = digits_end_at(end, value);
  size_t n = static_cast<size_t>(end - begin);
  size_t lead = n % 3 == 0 ? 3 : n % 3;
  out.append(begin, lead);
  for (size_t i = lead; i < n; i += 3) {
    out += ',';
    out.append(begin + i, 3);
  }
}

void append_full_width(std::string& out, std::string_view ascii) {
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      // U+FF10.. FULLWIDTH DIGIT: EF BC 90 + d
      char wide[3] = {'\xEF', '\xBC', static_cast<char>(0x90 + (c - '0'))};
      out.append(wide, 3);
    } else {
      out += c;
    }
  }
}

}  // namespace

void append_uint(std::string& out, uint64_t value) {
  char buffer[20];
  char* end = buffer + sizeof buffer;
  char* begin = digits_end_at(end, value);
  out.append(begin, static_cast<size_t>(end - begin));
}

void append_int(std::string& out, int64_t value) {
  if (value < 0) {
    out += '-';
    append_uint(out, static_cast<uint64_t>(0) - static_cast<uint64_t>(value));
  } else {
    append_uint(out, static_cast<uint64_t>(value));
  }
}

void append_padded(std::string& out, uint64_t value, int width) {
  char buffer[20];
  char* end = buffer + sizeof buffer;
  char* begin = digits_end_at(end, value);
  for (int n = static_cast<int>(end - begin); n < width; ++n) out += '0';
  out.append(begin, static_cast<size_t>(end - begin));
}

void append_hex(std::string& out, uint64_t value, int width) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = width - 1; i >= 0; --i) out += kHex[(value >> (4 * i)) & 0xF];
}

int64_t local_seconds(int year, int month, int day, int hour, int minute, int second) {
  return core::days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void append_money(std::string& out, int64_t fen, MoneyForm form) {
  uint64_t abs =
      fen < 0 ? static_cast<uint64_t>(0) - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char body[40];
  std::string text;  // only for the rare full-width form
  std::string& target = form == MoneyForm::kFullWidth ? text : out;
  if (form == MoneyForm::kYen) target += "¥";
  if (fen < 0) target += '-';
  if (form == MoneyForm::kGrouped || form == MoneyForm::kYen) {
    append_grouped(target, abs / 100);
  } else {
    append_uint(target, abs / 100);
  }
  int cents = static_cast<int>(abs % 100);
  body[0] = '.';
  body[1] = static_cast<char>('0' + cents / 10);
  body[2] = static_cast<char>('0' + cents % 10);
  target.append(body, 3);
  if (form == MoneyForm::kYuanSuffix) target += "元";
  if (form == MoneyForm::kFullWidth) append_full_width(out, text);
}

void append_time(std::string& out, int64_t local, TimeForm form) {
  core::CivilTime t = core::civil_from_seconds(local);
  bool iso = form == TimeForm::kIso || form == TimeForm::kIsoOffset || form == TimeForm::kDate;
  append_uint(out, static_cast<uint64_t>(t.year));
  out += iso ? '-' : '/';
  if (iso) {
    append_two(out, t.month);
    out += '-';
    append_two(out, t.day);
  } else {
    append_uint(out, static_cast<uint64_t>(t.month));
    out += '/';
    append_uint(out, static_cast<uint64_t>(t.day));
  }
  if (form == TimeForm::kDate || form == TimeForm::kDateSlash) return;
  out += form == TimeForm::kIsoOffset ? 'T' : ' ';
  if (iso) {
    append_two(out, t.hour);
  } else {
    append_uint(out, static_cast<uint64_t>(t.hour));
  }
  out += ':';
  append_two(out, t.minute);
  if (form == TimeForm::kSlashMinute) return;
  out += ':';
  append_two(out, t.second);
  if (form == TimeForm::kIsoOffset) out += "+08:00";
}

std::string format_time(int64_t local, TimeForm form) {
  std::string out;
  append_time(out, local, form);
  return out;
}

void Gb18030Encoder::append(std::string& out, std::string_view utf8) {
  size_t i = 0;
  while (i < utf8.size()) {
    size_t run = i;
    while (run < utf8.size() && static_cast<unsigned char>(utf8[run]) < 0x80) ++run;
    out.append(utf8.data() + i, run - i);
    if (run == utf8.size()) return;
    auto lead = static_cast<unsigned char>(utf8[run]);
    size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    PW_CHECK(lead >= 0xC2 && run + length <= utf8.size(), "demo text is not UTF-8");
    uint32_t cp = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < length; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[run + k]) & 0x3F);
    }
    uint64_t code = lookup(cp, utf8.substr(run, length));
    for (uint64_t n = code & 0xFF, b = 0; b < n; ++b) {
      out += static_cast<char>((code >> (8 + 8 * b)) & 0xFF);
    }
    i = run + length;
  }
}

uint64_t Gb18030Encoder::lookup(uint32_t code_point, std::string_view utf8_char) {
  PW_CHECK(code_point < 0x10000, "demo text outside the Basic Multilingual Plane");
  if (table_.empty()) table_.assign(0x10000, 0);
  uint64_t& entry = table_[code_point];
  if (entry != 0) return entry;
  auto converted = io::utf8_to_gb18030(utf8_char);
  PW_CHECK(converted.has_value() && !converted->empty() && converted->size() <= 4,
           "demo text not representable in GB18030");
  entry = converted->size();
  for (size_t b = 0; b < converted->size(); ++b) {
    entry |= static_cast<uint64_t>(static_cast<unsigned char>((*converted)[b])) << (8 + 8 * b);
  }
  return entry;
}

}  // namespace pitwall::demo
