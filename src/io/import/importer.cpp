#include "io/import/importer.hpp"

#include <fmt/format.h>

#include "io/import/aliases.hpp"
#include "io/import/cell_parser.hpp"
#include "io/text/fields.hpp"

namespace pitwall::io {

core::Status TableCollector::append(const core::Table& chunk) {
  // Chunks already use this pool: copy the columns' values as they are.
  for (size_t c = 0; c < chunk.columns.size(); ++c) {
    const auto& src = chunk.columns[c];
    auto& dst = table_.columns[c];
    for (auto v : src.i64()) dst.push_i64(v);
    for (auto v : src.i32()) dst.push_i32(v);
    for (auto v : src.text()) dst.push_text(v);
    for (auto v : src.f64()) dst.push_f64(v);
  }
  table_.lines.insert(table_.lines.end(), chunk.lines.begin(), chunk.lines.end());
  table_.batches.insert(table_.batches.end(), chunk.lines.size(), 0);
  return {};
}

core::Result<ColumnMapping> map_header(const TableSource& source, const ImportSettings& settings,
                                       ImportStats& stats) {
  const auto& schema = core::table_schema(settings.kind);
  ColumnMapping m;
  m.source_of.assign(schema.columns.size(), -1);
  m.header_of.assign(schema.columns.size(), "");
  const auto& header = source.header();
  for (size_t i = 0; i < header.size(); ++i) {
    int c = match_header(settings.kind, header[i]);
    if (c < 0) {
      if (!header[i].empty()) stats.unknown_columns.push_back(header[i]);
      continue;
    }
    if (m.source_of[c] >= 0) continue;  // the first of two columns with one meaning wins
    m.source_of[c] = static_cast<int>(i);
    m.header_of[c] = header[i];
  }
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const auto& def = schema.columns[c];
    if (!def.required || m.source_of[c] >= 0) continue;
    auto aliases = column_aliases(settings.kind, def.name);
    std::string names = fmt::format("{}", fmt::join(aliases, ", "));
    auto e = core::keyed_error(
        core::ErrorCode::kInvalidInput, "io.column_missing", {{std::string(def.name)}, {names}},
        fmt::format("required column {} is missing (looked for a header named any of: {})",
                    def.name, names));
    e.at_file(settings.display_name).at_line(source.header_line());
    return e;
  }
  return m;
}

core::Status deliver_chunk(ChunkBuilder& builder, const ImportSettings& settings, TableSink& sink,
                           ImportStats& stats, double progress) {
  if (settings.on_row_error) {
    for (const auto& e : builder.errors()) settings.on_row_error(e.error, e.kind);
  }
  stats.rows_read += builder.rows_read();
  stats.rejected += builder.rejected();
  stats.loaded += static_cast<int64_t>(builder.rows());
  if (builder.rows() > 0) {
    TRY(sink.prepare());
    builder.intern_text(sink.pool());
    TRY(sink.append(builder.table()));
  }
  if (settings.on_progress) settings.on_progress(progress, stats.rows_read);
  builder.clear();
  return {};
}

core::Result<ImportStats> import_rows(TableSource& source, const ImportSettings& settings,
                                      TableSink& sink) {
  PW_CHECK(settings.zone != nullptr, "import needs a time zone");
  ImportStats stats;
  ColumnMapping mapping = TRY(map_header(source, settings, stats));
  ChunkBuilder builder(settings.kind, mapping, *settings.zone, settings.display_name);
  SourceRow row;
  while (true) {
    auto more = source.next(row);
    if (!more) {
      // A file that cannot be read on is refused whole (nothing of it is stored); an error
      // that is not the input's (kIo, ...) is never a row's.
      if (source.stopped() || more.error().code != core::ErrorCode::kInvalidInput) {
        return more.release_error();
      }
      builder.add_unreadable(more.release_error());
    } else if (!*more) {
      break;
    } else {
      builder.add_row(row);
    }
    if (builder.rows() >= settings.chunk_rows || builder.errors().size() >= settings.chunk_rows) {
      TRY(deliver_chunk(builder, settings, sink, stats, source.progress()));
    }
  }
  TRY(deliver_chunk(builder, settings, sink, stats, 1.0));
  return stats;
}

}  // namespace pitwall::io
