#pragma once
// Parsing one cell by its column's type into a column of a chunk (importer.cpp's inner loop).

#include <string>
#include <string_view>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/table.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

struct CellFailure {
  core::Error error;  // what was found and what was expected (no location)
  std::string kind;   // short kind for counting: "amount", "date-time", "status", ...
};

// Appends the value of `text` to `column` (null for an empty cell). On failure appends null and
// returns false with `failure` filled. Not for text columns: their cells are interned by the
// caller, a chunk at a time (chunk_builder.hpp).
bool parse_cell_into(const core::ColumnDef& def, std::string_view text, CellKind kind,
                     const core::TimeZone& zone, core::Column& column, CellFailure& failure);

}  // namespace pitwall::io
