#pragma once
// Schema of a PostgreSQL workspace (docs/postgres.md), as numbered migrations applied in order by
// `pitwall init` and on open, each in one transaction under an advisory lock; the table
// pitwall.meta holds the last applied ("schema_version"). Never edit a released migration: add
// one. Everything lives in schema `pitwall`; the views finance reads live in `pitwall_report`.

#include <span>
#include <string_view>

namespace pitwall::store::postgres {

std::span<const std::string_view> migrations();

}  // namespace pitwall::store::postgres
