#include "io/text/iso_time.hpp"

#include <fmt/format.h>

#include "core/base/instant.hpp"

namespace pitwall::io {

namespace {
bool read_digits(std::string_view& s, int count, int32_t& out) {
  if (s.size() < static_cast<size_t>(count)) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  s.remove_prefix(count);
  return true;
}
bool eat(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}
}  // namespace

core::Result<int64_t> parse_iso_instant(std::string_view text) {
  auto bad = [&] {
    return core::keyed_error(
        core::ErrorCode::kInvalidInput, "io.cannot_read_instant", {{std::string(text)}},
        fmt::format("cannot read \"{}\" as an instant (expected ISO 8601 with an offset, like "
                    "2024-06-11T10:00:00+08:00)",
                    text));
  };
  std::string_view s = text;
  core::CivilTime t;
  if (!read_digits(s, 4, t.year) || !eat(s, '-') || !read_digits(s, 2, t.month) || !eat(s, '-') ||
      !read_digits(s, 2, t.day)) {
    return bad();
  }
  if (!eat(s, 'T') && !eat(s, ' ')) return bad();
  if (!read_digits(s, 2, t.hour) || !eat(s, ':') || !read_digits(s, 2, t.minute)) return bad();
  if (eat(s, ':') && !read_digits(s, 2, t.second)) return bad();
  if (!core::is_valid_civil(t)) return bad();
  int64_t offset = 0;
  if (eat(s, 'Z') || eat(s, 'z')) {
    offset = 0;
  } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int32_t hh = 0, mm = 0;
    if (!read_digits(s, 2, hh)) return bad();
    eat(s, ':');
    if (!s.empty() && !read_digits(s, 2, mm)) return bad();
    if (hh > 18 || mm > 59) return bad();
    offset = sign * (hh * 3600 + mm * 60);
  } else {
    return bad();
  }
  if (!s.empty()) return bad();
  return core::seconds_from_civil(t) - offset;
}

}  // namespace pitwall::io
