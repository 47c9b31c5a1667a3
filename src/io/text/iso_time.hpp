#pragma once
// ISO 8601 instants with an explicit offset: "2024-06-11T10:00:00+08:00", "...Z".
// Used for --now / PITWALL_NOW and for instants Pitwall writes itself.

#include <string_view>

#include "core/base/result.hpp"

namespace pitwall::io {

// UTC seconds of an ISO 8601 date-time with offset (seconds optional, 'T' or ' ' between date
// and time, offset Z, +HH:MM, +HHMM or +HH). Errors: kInvalidInput saying what was expected.
core::Result<int64_t> parse_iso_instant(std::string_view text);

}  // namespace pitwall::io
