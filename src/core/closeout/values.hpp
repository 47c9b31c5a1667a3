#pragma once
// Reading the text values of store correction sheets (formats.md "Reading tables"): a
// correction names a field and gives its new value as the store typed it. The importer has
// already parsed every typed column; a correction's value column is free text, so the
// close-out reads it here with the same conventions.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/instant.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::closeout {

// "1234.5", "1,234.50", "¥1234.50", "1234.50元", full-width digits -> fen. At most two
// decimals; nullopt otherwise.
std::optional<int64_t> parse_yuan(std::string_view text);
// "2023-03-31 23:59:59", "2023/3/31 23:59", "2023-03-31" (00:00:00), "2023-03-31T23:59:59+08:00"
// or "...Z"; without an offset the time is local in `zone`. UTC seconds, or nullopt.
std::optional<int64_t> parse_time(std::string_view text, const TimeZone& zone);
// Status words of formats.md (已支付, paid, ...).
std::optional<OrderStatus> parse_status(std::string_view text);

}  // namespace pitwall::core::closeout
