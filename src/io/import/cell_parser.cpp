#include "io/import/cell_parser.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/base/rate.hpp"

namespace pitwall::io {

// FIXME: interim parsers; the full value forms of formats.md come with io/text/fields.hpp.
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parse_fen(std::string_view s, int64_t& out) {
  bool neg = !s.empty() && s.front() == '-';
  if (neg) s.remove_prefix(1);
  int64_t whole = 0, frac = 0;
  int places = 0;
  bool dot = false, digit = false;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.') {
      if (dot) return false;
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    digit = true;
    if (dot) {
      if (++places > 2) return false;
      frac = frac * 10 + (c - '0');
    } else {
      whole = whole * 10 + (c - '0');
    }
  }
  if (places == 1) frac *= 10;
  out = (whole * 100 + frac) * (neg ? -1 : 1);
  return digit;
}

bool parse_time(std::string_view s, const core::TimeZone& zone, int64_t& out) {
  core::CivilTime t;
  int n = std::sscanf(std::string(s).c_str(), "%d-%d-%d %d:%d:%d", &t.year, &t.month, &t.day,
                      &t.hour, &t.minute, &t.second);
  if (n < 3) return false;
  if (!core::is_valid_civil(t)) return false;
  out = zone.to_utc(t);
  return true;
}

bool fail(CellFailure& f, std::string kind, std::string message) {
  f.kind = std::move(kind);
  f.message = std::move(message);
  return false;
}

int find_word(std::span<const std::string_view> words, std::string_view text) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == text) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

bool parse_cell_into(const core::ColumnDef& def, std::string_view raw, CellKind,
                     const core::TimeZone& zone, core::StringPool& pool, core::Column& column,
                     CellFailure& failure) {
  std::string_view text = trim(raw);
  if (text.empty()) {
    column.push_null();
    return true;
  }
  using V = core::ValueType;
  switch (def.type) {
    case V::kText:
      column.push_text(pool.intern(text));
      return true;
    case V::kMoney: {
      int64_t fen = 0;
      if (!parse_fen(text, fen)) {
        column.push_null();
        return fail(
            failure, "amount",
            fmt::format("cannot read \"{}\" as an amount (expected an amount like 1234.50)", text));
      }
      column.push_i64(fen);
      return true;
    }
    case V::kTime: {
      int64_t t = 0;
      if (!parse_time(text, zone, t)) {
        column.push_null();
        return fail(
            failure, "date-time",
            fmt::format(
                "cannot read \"{}\" as a date-time (expected a date-time like 2023-03-31 23:59:59)",
                text));
      }
      column.push_i64(t);
      return true;
    }
    case V::kDate: {
      int64_t t = 0;
      if (!parse_time(text, zone, t)) {
        column.push_null();
        return fail(
            failure, "date",
            fmt::format("cannot read \"{}\" as a date (expected a date like 2023-03-31)", text));
      }
      column.push_i32(static_cast<int32_t>(zone.local_day(t)));
      return true;
    }
    case V::kInt: {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || p != text.data() + text.size()) {
        column.push_null();
        return fail(failure, "integer", fmt::format("cannot read \"{}\" as a whole number", text));
      }
      column.push_i64(v);
      return true;
    }
    case V::kReal: {
      double v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || p != text.data() + text.size()) {
        column.push_null();
        return fail(failure, "number", fmt::format("cannot read \"{}\" as a number", text));
      }
      column.push_f64(v);
      return true;
    }
    case V::kRate: {
      auto r = core::Rate::parse(text);
      if (!r) {
        column.push_null();
        return fail(failure, "rate", r.error().message);
      }
      column.push_i32(static_cast<int32_t>(r->basis()));
      return true;
    }
    case V::kBool: {
      if (text == "1" || text == "true" || text == "是" || text == "Y") {
        column.push_i32(1);
      } else if (text == "0" || text == "false" || text == "否" || text == "N") {
        column.push_i32(0);
      } else {
        column.push_null();
        return fail(
            failure, "boolean",
            fmt::format("cannot read \"{}\" as yes/no (expected 是|否, true|false, 1|0, Y|N)",
                        text));
      }
      return true;
    }
    case V::kStatus: {
      static constexpr std::string_view kWords[] = {"created",   "paid",      "redeemed",
                                                    "cancelled", "refunding", "refunded"};
      int w = find_word(kWords, text);
      if (w < 0) {
        column.push_null();
        return fail(failure, "status", fmt::format("unknown status \"{}\"", text));
      }
      column.push_i32(w);
      return true;
    }
    case V::kWord: {
      int w = find_word(def.words, text);
      if (w < 0) {
        column.push_null();
        return fail(failure, "word", fmt::format("unknown value \"{}\"", text));
      }
      column.push_i32(w);
      return true;
    }
  }
  column.push_null();
  return true;
}

}  // namespace pitwall::io
