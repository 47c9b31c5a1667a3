#pragma once
// Time zones from the operating system's tz database (/usr/share/zoneinfo, Debian's tzdata),
// through H. Hinnant's date/tz library. The one place Pitwall reads zone rules.

#include <memory>
#include <string_view>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"

namespace pitwall::io {

// The zone named `name` ("Asia/Shanghai", "UTC"). Zones are cached and live for the program.
// Errors: kInvalidInput when the name is not in the tz database.
core::Result<const core::TimeZone*> find_time_zone(std::string_view name);

}  // namespace pitwall::io
