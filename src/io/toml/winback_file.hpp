#pragma once
// Reading a win-back programme file (`winback.toml`, winback.md "Programme file"). Every key but
// `id` has the default of core::winback::Programme; `name` defaults to the id. The keys are the
// dotted paths of core::winback::programme_fields() written as TOML tables, e.g.
//
//   id = "2023-h2"
//   name = "下半年挽回计划"
//   lifetime_years = 5
//   [tiers]
//   cap_share = { star = 0.4, potential = 0.3, maintain = 0.2, basic = 0.15 }
//   [budget]
//   monthly_yuan = 41667
//
// Types: amounts (`*_yuan`) are numbers with at most 2 decimals; exact rates (cap and release
// shares, service/cash share, budget rates, hours) numbers or strings ("35%") with at most 4
// decimals; other numbers integers or floats; counts integers. An unknown key, a wrong type, a
// value out of range or a relation between keys that does not hold is an error naming the file,
// the line and the key.

#include <string_view>

#include "core/base/result.hpp"
#include "core/winback/programme.hpp"

namespace pitwall::io {

core::Result<core::winback::Programme> parse_programme_file(std::string_view text,
                                                            std::string_view file);

}  // namespace pitwall::io
