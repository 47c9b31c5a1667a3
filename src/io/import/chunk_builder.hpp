#pragma once
// ChunkBuilder: turns source rows into one chunk of a table (the importer's inner loop), with no
// shared state, so that chunks can be built on several threads and merged in file order.
//
// Every cell is parsed by its column's type; a row with a bad cell is dropped and each bad cell
// becomes a RowError (in column order). Text cells wait in the builder's arena, hashed on the
// building thread, and get their pool ids at `intern_text` — the only step that touches the
// shared pool, done in file order so that ids do not depend on how the work was split.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/model/table.hpp"
#include "io/import/cell_parser.hpp"
#include "io/table/table_source.hpp"
#include "io/text/fields.hpp"

namespace pitwall::io {

struct RowError {
  core::Error error;  // file, line and column set
  std::string kind;   // for the per-kind count, e.g. "paid_at: date-time"
};

// Which source cell feeds each schema column.
struct ColumnMapping {
  std::vector<int> source_of;          // per schema column: index of the source cell, or -1
  std::vector<std::string> header_of;  // per schema column: the header as the file writes it
};

class ChunkBuilder {
 public:
  // `zone` and `mapping` must outlive the builder; `display_name` is used in errors.
  ChunkBuilder(core::TableKind kind, const ColumnMapping& mapping, const core::TimeZone& zone,
               std::string display_name);

  // Empties the chunk and its errors, keeping their memory for the next chunk.
  void clear();
  // Parses one row: appends it, or records its errors and drops it.
  void add_row(const SourceRow& row);
  // A row the source could not read (its error already has the line).
  void add_unreadable(core::Error error);
  // Computes the text cells' hashes (thread-safe; intern_text does it when not done).
  void hash_text();
  // Interns the text cells into `pool`, column by column in row order, and sets their ids.
  void intern_text(core::StringPool& pool);
  // Adds `delta` to the line of every row and error (for chunks read with relative lines).
  void shift_lines(int64_t delta);

  core::Table& table() { return chunk_; }
  std::vector<RowError>& errors() { return errors_; }
  size_t rows() const { return chunk_.rows(); }
  int64_t rows_read() const { return rows_read_; }
  int64_t rejected() const { return rejected_; }
  size_t text_bytes() const { return arena_.size(); }

 private:
  bool must_have_value(size_t column) const;
  void report(int64_t line, size_t column, core::Error error, std::string_view kind);

  core::TableKind kind_;
  const core::TableSchema& schema_;
  const ColumnMapping& mapping_;
  CachedZone zone_;  // one tz-database search per local day, not per cell
  std::string name_;
  core::Table chunk_;
  std::vector<RowError> errors_;
  int64_t rows_read_ = 0;
  int64_t rejected_ = 0;
  // Text cells: bytes in the arena, (offset, length) per row per text column, then hashes.
  std::string arena_;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> spans_;
  std::vector<std::vector<uint64_t>> hashes_;
  bool hashed_ = false;
  std::vector<std::string_view> views_;
  std::vector<uint32_t> ids_;
  CellFailure failure_;
};

}  // namespace pitwall::io
