#pragma once
// Header aliases: the names users' files give each canonical column (formats.md), Chinese and
// English. Matching is case- and width-insensitive and ignores spaces, '_' and '-', so
// "Order ID", "order_id", "ORDER-ID" and "ｏｒｄｅｒ＿ｉｄ" are one name.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/table.hpp"

namespace pitwall::io {

// The aliases of one canonical column of a kind (the canonical name first).
std::vector<std::string_view> column_aliases(core::TableKind kind, std::string_view canonical);

// The header users most often write in Chinese for a canonical column ("paid_at" -> "支付时间"),
// for words shown to a Chinese reader; `canonical` itself when it has no Chinese alias.
std::string_view chinese_header(core::TableKind kind, std::string_view canonical);

// The key a header cell is matched by (width folded, lower case, no spaces/'_'/'-').
std::string header_match_key(std::string_view header);

// Index of the schema column a header cell names, or -1.
int match_header(core::TableKind kind, std::string_view header);

}  // namespace pitwall::io
