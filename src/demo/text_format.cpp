#include "demo/text_format.hpp"

#include <cstring>

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "io/encoding/gb18030.hpp"

namespace pitwall::demo {

namespace {

void append_full_width(TextBuffer& out, std::string_view ascii) {
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      // U+FF10.. FULLWIDTH DIGIT: EF BC 90 + d
      char wide[3] = {'\xEF', '\xBC', static_cast<char>(0x90 + (c - '0'))};
      out += std::string_view(wide, 3);
    } else {
      out += c;
    }
  }
}

}  // namespace

void append_int(TextBuffer& out, int64_t value) {
  if (value < 0) {
    out += '-';
    append_uint(out, static_cast<uint64_t>(0) - static_cast<uint64_t>(value));
  } else {
    append_uint(out, static_cast<uint64_t>(value));
  }
}

void append_hex(TextBuffer& out, uint64_t value, int width) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char* first = out.claim(static_cast<size_t>(width));
  for (int i = 0; i < width; ++i) first[i] = kHex[(value >> (4 * (width - 1 - i))) & 0xF];
  out.commit(first + width);
}

int64_t local_seconds(int year, int month, int day, int hour, int minute, int second) {
  return core::days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void append_money(TextBuffer& out, int64_t fen, MoneyForm form) {
  if (form == MoneyForm::kFullWidth) {
    TextBuffer plain;
    append_money(plain, fen, MoneyForm::kPlain);
    append_full_width(out, plain.view());
    return;
  }
  // Right to left into a small array: cents, point, yuan digits with commas every three.
  uint64_t abs =
      fen < 0 ? static_cast<uint64_t>(0) - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  bool grouped = form == MoneyForm::kGrouped || form == MoneyForm::kYen;
  char text[40];
  char* end = text + sizeof text;
  char* p = end;
  *--p = static_cast<char>('0' + abs % 10);
  *--p = static_cast<char>('0' + abs / 10 % 10);
  *--p = '.';
  uint64_t yuan = abs / 100;
  for (int digits = 0;; ++digits) {
    if (grouped && digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + yuan % 10);
    yuan /= 10;
    if (yuan == 0) break;
  }
  if (fen < 0) *--p = '-';
  if (form == MoneyForm::kYen) out += "¥";
  out += std::string_view(p, static_cast<size_t>(end - p));
  if (form == MoneyForm::kYuanSuffix) out += "元";
}

void append_time(TextBuffer& out, int64_t local, TimeForm form) {
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
  TextBuffer out;
  append_time(out, local, form);
  return out.str();
}

void TimeFormatter::append(TextBuffer& out, int64_t local, TimeForm form) {
  int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  Date& date = dates_[static_cast<uint64_t>(day) % dates_.size()];
  if (date.day != day || date.form != form) {
    TextBuffer text;
    append_time(text, day * 86400, form);
    size_t length = text.size();
    if (form != TimeForm::kDate && form != TimeForm::kDateSlash) {
      length = text.view().find(form == TimeForm::kIsoOffset ? 'T' : ' ') + 1;
    }
    PW_CHECK(length <= sizeof date.text, "date text too long");
    std::memcpy(date.text, text.data(), length);
    date.length = static_cast<uint8_t>(length);
    date.day = day;
    date.form = form;
  }
  // One claim for the whole cell: date (copied as its 16-byte array), time, offset.
  char* p = out.claim(sizeof date.text + 16);
  std::memcpy(p, date.text, sizeof date.text);
  p += date.length;
  if (form != TimeForm::kDate && form != TimeForm::kDateSlash) {
    int second_of_day = static_cast<int>(local - day * 86400);
    int hour = second_of_day / 3600, minute = second_of_day / 60 % 60, second = second_of_day % 60;
    if (form == TimeForm::kIso || form == TimeForm::kIsoOffset || hour >= 10) {
      *p++ = static_cast<char>('0' + hour / 10);
    }
    *p++ = static_cast<char>('0' + hour % 10);
    *p++ = ':';
    *p++ = static_cast<char>('0' + minute / 10);
    *p++ = static_cast<char>('0' + minute % 10);
    if (form != TimeForm::kSlashMinute) {
      *p++ = ':';
      *p++ = static_cast<char>('0' + second / 10);
      *p++ = static_cast<char>('0' + second % 10);
    }
    if (form == TimeForm::kIsoOffset) {
      std::memcpy(p, "+08:00", 6);
      p += 6;
    }
  }
  out.commit(p);
}

void Gb18030Encoder::append(TextBuffer& out, std::string_view utf8) {
  size_t i = 0;
  while (i < utf8.size()) {
    size_t run = i;
    for (uint64_t word; run + 8 <= utf8.size(); run += 8) {  // eight ASCII bytes at a time
      std::memcpy(&word, utf8.data() + run, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
    }
    while (run < utf8.size() && static_cast<unsigned char>(utf8[run]) < 0x80) ++run;
    out += utf8.substr(i, run - i);
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
