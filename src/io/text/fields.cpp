// Text normalisation and the numeric field parsers (amounts, integers, reals, rates, booleans),
// and parse_cell. Date-times are in fields_time.cpp, status and word lists in fields_words.cpp.
#include "io/text/fields.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "io/encoding/utf8.hpp"
#include "io/text/fields_detail.hpp"

namespace pitwall::io {

using fields_detail::cannot_read;
using fields_detail::FoldedText;
using fields_detail::WordKey;
using fields_detail::wrong_cell_kind;

namespace fields_detail {

size_t fold_width_into(std::string_view in, char* out) {
  size_t o = 0;
  const size_t n = in.size();
  for (size_t i = 0; i < n;) {
    auto b = static_cast<unsigned char>(in[i]);
    if ((b == 0xEF || b == 0xE3) && i + 2 < n) {
      auto b1 = static_cast<unsigned char>(in[i + 1]);
      auto b2 = static_cast<unsigned char>(in[i + 2]);
      if (b == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..FF3F
        out[o++] = static_cast<char>(b2 - 0x81 + 0x21);
        i += 3;
        continue;
      }
      if (b == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40..FF5E
        out[o++] = static_cast<char>(b2 - 0x80 + 0x60);
        i += 3;
        continue;
      }
      if (b == 0xEF && b1 == 0xBF && b2 == 0xA5) {  // ￥ -> ¥
        out[o++] = '\xC2';
        out[o++] = '\xA5';
        i += 3;
        continue;
      }
      if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000
        out[o++] = ' ';
        i += 3;
        continue;
      }
    }
    out[o++] = in[i++];
  }
  return o;
}

FoldedText::FoldedText(std::string_view text) {
  text = trim_text(text);
  if (is_ascii(text) || text.find_first_of("\xE3\xEF") == std::string_view::npos) {
    view_ = text;
    return;
  }
  char* out = buffer_;
  if (text.size() > sizeof buffer_) {
    heap_.resize(text.size());
    out = heap_.data();
  }
  view_ = trim_text(std::string_view(out, fold_width_into(text, out)));
}

WordKey::WordKey(std::string_view text) {
  text = trim_text(text);
  if (text.size() > sizeof buffer_) return;
  bool changes = false;  // a byte that folding, lower-casing or dropping would change
  for (char c : text) {
    changes |= c == ' ' || c == '_' || c == '-' || c == '\t' || (c >= 'A' && c <= 'Z') ||
               c == '\xE3' || c == '\xEF';
  }
  if (!changes) {
    view_ = text;
    return;
  }
  size_t folded = fold_width_into(text, buffer_);
  size_t size = 0;
  for (size_t i = 0; i < folded; ++i) {
    char c = buffer_[i];
    if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
    buffer_[size++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  view_ = std::string_view(buffer_, size);
}

namespace {

// The catalogue words of the English phrases the parsers use ("an amount" -> "io.what.amount"),
// so that the faces word a cell's error in the reader's language.
struct Phrase {
  std::string_view english;
  std::string_view key;
};
constexpr Phrase kPhrases[] = {
    {"an amount", "io.what.amount"},
    {"a whole number", "io.what.integer"},
    {"a number", "io.what.number"},
    {"a rate", "io.what.rate"},
    {"yes/no", "io.what.yes_no"},
    {"a date-time", "io.what.date_time"},
    {"a date", "io.what.date"},
    {"a blacklist kind", "io.what.blacklist_kind"},
    {"a complaint category", "io.what.complaint_category"},
    {"a checklist item", "io.what.checklist_item"},
    {"a spot-check channel", "io.what.spot_check_channel"},
    {"a survey level", "io.what.survey_level"},
    {"a churn reason", "io.what.churn_reason"},
    {"an influence level", "io.what.influence"},
    {"a language", "io.what.language"},
    {"yuan like 1234.50, 1,234.50 or ¥1234.50", "io.expected.amount"},
    {"a whole number like 42", "io.expected.integer"},
    {"a number like 3.5", "io.expected.number"},
    {"a decimal like 0.05 or a percentage like 5%", "io.expected.rate"},
    {"是 or 否, true or false, 1 or 0, Y or N, pass or fail", "io.expected.yes_no"},
    {"a date-time like 2023-03-31 23:59:59", "io.expected.date_time"},
    {"a date like 2023-03-31", "io.expected.date"},
    {"an Excel date serial from 1 (1900-01-01) on", "io.expected.excel_serial"},
    {"a spreadsheet error", "io.cell.error"},
    {"a TRUE/FALSE cell", "io.cell.bool"},
    {"a date cell", "io.cell.date"},
    {"a number cell", "io.cell.number"},
};

// `english` as a message argument: its catalogue key when it has one, else the text itself.
core::MessageArg phrase_arg(std::string_view english) {
  for (const Phrase& p : kPhrases) {
    if (p.english == english) return core::key_arg(std::string(p.key));
  }
  return core::MessageArg{std::string(english)};
}

}  // namespace

core::Error cannot_read(std::string_view text, std::string_view what, std::string_view expected) {
  std::string english = fmt::format("cannot read \"{}\" as {} (expected {})", text, what, expected);
  if (expected.starts_with("one of ")) {
    return core::keyed_error(
        core::ErrorCode::kInvalidInput, "io.cannot_read_one_of",
        {{std::string(text)}, phrase_arg(what), {std::string(expected.substr(7))}},
        std::move(english));
  }
  return core::keyed_error(core::ErrorCode::kInvalidInput, "io.cannot_read",
                           {{std::string(text)}, phrase_arg(what), phrase_arg(expected)},
                           std::move(english));
}

core::Error wrong_cell_kind(std::string_view text, CellKind kind, std::string_view what,
                            std::string_view expected) {
  std::string_view held = kind == CellKind::kError  ? "a spreadsheet error"
                          : kind == CellKind::kBool ? "a TRUE/FALSE cell"
                          : kind == CellKind::kDate ? "a date cell"
                                                    : "a number cell";
  return core::keyed_error(
      core::ErrorCode::kInvalidInput, "io.cannot_read_cell",
      {phrase_arg(held), {std::string(text)}, phrase_arg(what), phrase_arg(expected)},
      fmt::format("cannot read {} \"{}\" as {} (expected {})", held, text, what, expected));
}

bool read_double(std::string_view text, double& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

}  // namespace fields_detail

namespace {

constexpr std::string_view kAmountExpected = "yuan like 1234.50, 1,234.50 or ¥1234.50";
constexpr int64_t kMaxYuan = 1'000'000'000'000'000;  // 10^15 yuan keeps fen far from overflow

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view strip_sign(std::string_view s, bool& negative, bool& signed_) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    signed_ = true;
    s = trim_text(s.substr(1));
  }
  return s;
}

enum class NumberIssue { kNone, kForm, kDecimals, kRange };

// Digits with optional thousands grouping (1,234,567: groups of three after the first), then
// optionally '.' and decimals. `places` decimals are kept; further ones must be zeros.
NumberIssue read_decimal(std::string_view s, int places, int64_t& integer, int64_t& fraction) {
  integer = 0;
  fraction = 0;
  size_t i = 0;
  int group = 0;
  bool grouped = false;
  bool any_digit = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (is_digit(c)) {
      integer = integer * 10 + (c - '0');
      if (integer > kMaxYuan) return NumberIssue::kRange;
      ++group;
      any_digit = true;
    } else if (c == ',') {
      if (grouped ? group != 3 : (group < 1 || group > 3)) return NumberIssue::kForm;
      grouped = true;
      group = 0;
    } else {
      break;
    }
  }
  if (grouped && group != 3) return NumberIssue::kForm;
  bool extra_nonzero = false;
  if (i < s.size() && s[i] == '.') {
    int seen = 0;
    for (++i; i < s.size() && is_digit(s[i]); ++i, ++seen) {
      any_digit = true;
      if (seen < places) {
        fraction = fraction * 10 + (s[i] - '0');
      } else if (s[i] != '0') {
        extra_nonzero = true;
      }
    }
    for (; seen < places; ++seen) fraction *= 10;
  } else {
    for (int k = 0; k < places; ++k) fraction *= 10;
  }
  if (i != s.size() || !any_digit) return NumberIssue::kForm;
  return extra_nonzero ? NumberIssue::kDecimals : NumberIssue::kNone;
}

core::Error too_many_decimals(std::string_view text) {
  return core::keyed_error(
      core::ErrorCode::kInvalidInput, "io.amount_decimals", {{std::string(text)}},
      fmt::format("cannot read \"{}\" as an amount: it has more than two decimals (expected yuan "
                  "with at most two decimals, like 1234.50)",
                  text));
}

core::Result<int64_t> amount_from_number(std::string_view text) {
  double yuan = 0;
  if (!fields_detail::read_double(text, yuan))
    return cannot_read(text, "an amount", kAmountExpected);
  if (std::fabs(yuan) >= 1e13) {
    return core::keyed_error(core::ErrorCode::kInvalidInput, "io.amount_too_large",
                             {{std::string(text)}},
                             fmt::format("amount \"{}\" is too large", text));
  }
  double fen = std::nearbyint(yuan * 100.0);
  if (std::fabs(yuan - fen / 100.0) > 1e-6) {
    return too_many_decimals(text);
  }
  return static_cast<int64_t>(fen);
}

bool key_in(std::string_view key, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (key == w) return true;
  }
  return false;
}

}  // namespace

namespace {

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Length of the wide blank (U+3000, U+00A0, U+FEFF) at the start of `s`, 0 when none.
size_t wide_blank_prefix(std::string_view s) {
  if (s.size() >= 3 && (s.starts_with("\xE3\x80\x80") || s.starts_with("\xEF\xBB\xBF"))) return 3;
  if (s.size() >= 2 && s.starts_with("\xC2\xA0")) return 2;
  return 0;
}

size_t wide_blank_suffix(std::string_view s) {
  if (s.size() >= 3 && (s.ends_with("\xE3\x80\x80") || s.ends_with("\xEF\xBB\xBF"))) return 3;
  if (s.size() >= 2 && s.ends_with("\xC2\xA0")) return 2;
  return 0;
}

}  // namespace

std::string_view trim_text(std::string_view s) {
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s.front());
    if (c < 0x80) {
      if (!is_ascii_space(static_cast<char>(c))) break;
      s.remove_prefix(1);
      continue;
    }
    size_t n = wide_blank_prefix(s);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s.back());
    if (c < 0x80) {
      if (!is_ascii_space(static_cast<char>(c))) break;
      s.remove_suffix(1);
      continue;
    }
    size_t n = wide_blank_suffix(s);
    if (n == 0) break;
    s.remove_suffix(n);
  }
  return s;
}

std::string fold_width(std::string_view text) {
  std::string out(text.size(), '\0');
  out.resize(fields_detail::fold_width_into(text, out.data()));
  return out;
}

std::string normalize_header_key(std::string_view text) {
  std::string folded = fold_width(trim_text(text));
  std::string key;
  key.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return key;
}

core::Result<int64_t> parse_amount_fen(std::string_view text, CellKind kind) {
  if (kind == CellKind::kNumber) return amount_from_number(trim_text(text));
  if (kind != CellKind::kText) return wrong_cell_kind(text, kind, "an amount", kAmountExpected);
  FoldedText folded(text);
  std::string_view s = folded.view();
  bool negative = false;
  bool signed_ = false;
  s = strip_sign(s, negative, signed_);
  if (s.starts_with("\xC2\xA5")) {  // ¥ (and ￥, folded)
    s = trim_text(s.substr(2));
    if (!signed_) s = strip_sign(s, negative, signed_);
  }
  if (s.ends_with("\xE5\x85\x83")) s = trim_text(s.substr(0, s.size() - 3));  // 元
  int64_t integer = 0;
  int64_t fraction = 0;
  switch (read_decimal(s, 2, integer, fraction)) {
    case NumberIssue::kNone:
      break;
    case NumberIssue::kForm:
      return cannot_read(trim_text(text), "an amount", kAmountExpected);
    case NumberIssue::kDecimals:
      return too_many_decimals(trim_text(text));
    case NumberIssue::kRange:
      return core::keyed_error(
          core::ErrorCode::kInvalidInput, "io.amount_too_many_digits",
          {{std::string(trim_text(text))}},
          fmt::format("amount \"{}\" is too large (expected at most 15 digits before the point)",
                      trim_text(text)));
  }
  int64_t fen = integer * 100 + fraction;
  return negative ? -fen : fen;
}

core::Result<int64_t> parse_integer(std::string_view text, CellKind kind) {
  constexpr std::string_view kExpected = "a whole number like 42";
  if (kind == CellKind::kNumber) {
    double v = 0;
    std::string_view t = trim_text(text);
    if (!fields_detail::read_double(t, v) || v != std::floor(v) || std::fabs(v) > 9e15) {
      return cannot_read(t, "a whole number", kExpected);
    }
    return static_cast<int64_t>(v);
  }
  if (kind != CellKind::kText) return wrong_cell_kind(text, kind, "a whole number", kExpected);
  FoldedText folded(text);
  bool negative = false;
  bool signed_ = false;
  std::string_view s = strip_sign(folded.view(), negative, signed_);
  int64_t integer = 0;
  int64_t fraction = 0;
  NumberIssue issue = read_decimal(s, 0, integer, fraction);
  if (issue == NumberIssue::kRange) {
    return core::keyed_error(core::ErrorCode::kInvalidInput, "io.number_too_large",
                             {{std::string(trim_text(text))}},
                             fmt::format("number \"{}\" is too large", trim_text(text)));
  }
  if (issue != NumberIssue::kNone) return cannot_read(trim_text(text), "a whole number", kExpected);
  return negative ? -integer : integer;
}

core::Result<double> parse_real(std::string_view text, CellKind kind) {
  constexpr std::string_view kExpected = "a number like 3.5";
  if (kind != CellKind::kText && kind != CellKind::kNumber) {
    return wrong_cell_kind(text, kind, "a number", kExpected);
  }
  FoldedText folded(text);
  double value = 0;
  if (!fields_detail::read_double(folded.view(), value)) {
    return cannot_read(trim_text(text), "a number", kExpected);
  }
  return value;
}

core::Result<core::Rate> parse_rate(std::string_view text, CellKind kind) {
  constexpr std::string_view kExpected = "a decimal like 0.05 or a percentage like 5%";
  if (kind == CellKind::kNumber) {
    double v = 0;
    std::string_view t = trim_text(text);
    if (!fields_detail::read_double(t, v) || std::fabs(v) > 1e9) {
      return cannot_read(t, "a rate", kExpected);
    }
    double basis = std::nearbyint(v * core::Rate::kScale);
    if (std::fabs(v * core::Rate::kScale - basis) <= 1e-6 * core::Rate::kScale) {
      return core::Rate::from_basis(static_cast<int64_t>(basis));
    }
    return core::Rate::parse(t);  // says "more than 4 decimal places"
  }
  if (kind != CellKind::kText) return wrong_cell_kind(text, kind, "a rate", kExpected);
  FoldedText folded(text);
  return core::Rate::parse(folded.view());
}

core::Result<bool> parse_bool(std::string_view text, CellKind kind) {
  constexpr std::string_view kExpected = "是 or 否, true or false, 1 or 0, Y or N, pass or fail";
  if (kind == CellKind::kError || kind == CellKind::kDate) {
    return wrong_cell_kind(text, kind, "yes/no", kExpected);
  }
  WordKey key(text);
  std::string_view k = key.view();
  if (key_in(k, {"是", "true", "1", "y", "yes", "通过", "pass", "t", "√", "✓"})) return true;
  if (key_in(k, {"否", "false", "0", "n", "no", "未通过", "不通过", "fail", "f", "×", "✗"})) {
    return false;
  }
  return cannot_read(trim_text(text), "yes/no", kExpected);
}

namespace {
// A number outside its column's stated range (ColumnDef::least..most) is refused.
core::Result<CellValue> check_range(const core::ColumnDef& column, const CellValue& v,
                                    std::string_view text) {
  double value = 0;
  switch (column.type) {
    case core::ValueType::kInt:
      value = static_cast<double>(v.i64);
      break;
    case core::ValueType::kReal:
      value = v.f64;
      break;
    case core::ValueType::kRate:
      value = static_cast<double>(v.i32) / core::Rate::kScale;
      break;
    default:
      return v;
  }
  if (value >= column.least && value <= column.most) return v;
  return core::keyed_error(
      core::ErrorCode::kInvalidInput, "io.out_of_range",
      {{std::string(text)}, {fmt::format("{}", column.least)}, {fmt::format("{}", column.most)}},
      fmt::format("\"{}\" is outside the range of {} ({} to {})", text, column.name, column.least,
                  column.most));
}
}  // namespace

core::Result<CellValue> parse_cell(const core::ColumnDef& column, std::string_view text,
                                   CellKind kind, const core::TimeZone& zone) {
  using core::ValueType;
  CellValue v;
  std::string_view trimmed = trim_text(text);
  if (column.type == ValueType::kText) {
    v.text = trimmed;
    v.is_null = trimmed.empty();
    return v;
  }
  if (trimmed.empty()) {
    v.is_null = true;
    v.i64 = column.type == ValueType::kTime    ? core::kNoTime
            : column.type == ValueType::kMoney ? core::kNoFen
                                               : core::kNoInt;
    v.i32 = core::kNoSmall;
    v.f64 = std::numeric_limits<double>::quiet_NaN();
    return v;
  }
  switch (column.type) {
    case ValueType::kTime:
      v.i64 = TRY(parse_date_time(trimmed, zone, kind));
      break;
    case ValueType::kMoney:
      v.i64 = TRY(parse_amount_fen(trimmed, kind));
      break;
    case ValueType::kInt:
      v.i64 = TRY(parse_integer(trimmed, kind));
      break;
    case ValueType::kDate:
      v.i32 = TRY(parse_local_date(trimmed, kind));
      break;
    case ValueType::kRate: {
      int64_t basis = TRY(parse_rate(trimmed, kind)).basis();
      if (basis > INT32_MAX || basis < -INT32_MAX) {
        return core::keyed_error(core::ErrorCode::kInvalidInput, "io.rate_too_large",
                                 {{std::string(trimmed)}},
                                 fmt::format("rate \"{}\" is too large", trimmed));
      }
      v.i32 = static_cast<int32_t>(basis);
      break;
    }
    case ValueType::kBool:
      v.i32 = TRY(parse_bool(trimmed, kind)) ? 1 : 0;
      break;
    case ValueType::kStatus:
      v.i32 = static_cast<int32_t>(TRY(parse_order_status(trimmed)));
      break;
    case ValueType::kWord:
      v.i32 = TRY(parse_word(trimmed, column.words));
      break;
    case ValueType::kReal:
      v.f64 = TRY(parse_real(trimmed, kind));
      break;
    case ValueType::kText:
      break;
  }
  return check_range(column, v, trimmed);
}

}  // namespace pitwall::io
