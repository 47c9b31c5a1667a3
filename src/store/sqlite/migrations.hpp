#pragma once
// Schema of the workspace database, as numbered migrations applied in order on open
// (PRAGMA user_version holds the last applied). Never edit a released migration: add one.

#include <span>
#include <string_view>

namespace pitwall::store::sqlite {

std::span<const std::string_view> migrations();

}  // namespace pitwall::store::sqlite
