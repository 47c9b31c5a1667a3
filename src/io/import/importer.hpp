#pragma once
// The importer: reads a TableSource (CSV or XLSX) of one kind into columnar chunks, matching the
// header to canonical columns through aliases and parsing every cell by its column's type
// (formats.md). Bad rows are reported and skipped; the good rows go to the sink. The importer
// does not know where rows are kept: the sink is the store's batch writer (or a test's table).
//
// Errors of the file as a whole (a required column missing, an unreadable header) end the
// import with an Error; row errors go to `on_row_error` and the import continues.

#include <functional>
#include <string>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/table.hpp"
#include "io/csv/csv_reader.hpp"
#include "io/import/chunk_builder.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

class TableSink {
 public:
  virtual ~TableSink() = default;
  // Called before each chunk's text is interned: a sink that opens its storage lazily does it
  // here. An error ends the import.
  virtual core::Status prepare() { return {}; }
  // The pool the chunks' text ids refer to.
  virtual core::StringPool& pool() = 0;
  virtual core::Status append(const core::Table& chunk) = 0;
};

// A sink that collects everything into one table (tests, small files).
class TableCollector final : public TableSink {
 public:
  explicit TableCollector(core::TableKind kind) : table_(core::Table::empty(kind)) {}
  core::StringPool& pool() override { return table_.pool; }
  core::Status append(const core::Table& chunk) override;
  core::Table& table() { return table_; }

 private:
  core::Table table_;
};

struct ImportSettings {
  core::TableKind kind = core::TableKind::kOrders;
  std::string display_name;              // file name used in messages
  const core::TimeZone* zone = nullptr;  // for times without an offset
  size_t chunk_rows = 1 << 16;
  // Called with each row error: the error (file, line, column set) and its kind for the
  // per-kind count, e.g. "paid_at: date-time".
  std::function<void(const core::Error&, const std::string& kind)> on_row_error;
  // Called after each chunk with the fraction of the input read and rows so far.
  std::function<void(double fraction, int64_t rows)> on_progress;
  // CSV files (import_csv_file): threads that parse, and the bytes of file each chunk covers.
  // The stored result does not depend on either.
  int threads = 2;
  size_t chunk_bytes = size_t{8} << 20;
};

struct ImportStats {
  int64_t rows_read = 0;
  int64_t loaded = 0;
  int64_t rejected = 0;
  std::vector<std::string> unknown_columns;  // kept in the original file, not loaded
};

// Imports the rows of `source` in order, on the calling thread. Callbacks are called in row
// order; the sink gets chunks of up to settings.chunk_rows rows.
core::Result<ImportStats> import_rows(TableSource& source, const ImportSettings& settings,
                                      TableSink& sink);

// Imports a CSV file with settings.threads threads: the file is cut into chunks of
// settings.chunk_bytes bytes at row starts, each parsed on its own, and the chunks are handed
// to the sink in file order. Rows, errors, their order and the sink's pool are the same for any
// thread count and any chunk size but the pool's id order, which depends on the chunk size only.
// `encoding_name` is set to the encoding read ("utf-8", "gb18030").
// Errors: those of open_csv_file, a required column missing, kIo while reading, the sink's.
core::Result<ImportStats> import_csv_file(const std::string& path, const CsvOptions& options,
                                          const ImportSettings& settings, TableSink& sink);

// Steps shared by the importers (importer.cpp, parallel_import.cpp).
core::Result<ColumnMapping> map_header(const TableSource& source, const ImportSettings& settings,
                                       ImportStats& stats);
// Reports the chunk's errors, interns its text into the sink's pool, appends its rows to the
// sink, reports progress, and clears the builder.
core::Status deliver_chunk(ChunkBuilder& builder, const ImportSettings& settings, TableSink& sink,
                           ImportStats& stats, double progress);

}  // namespace pitwall::io
