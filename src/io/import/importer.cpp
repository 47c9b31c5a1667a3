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

namespace {

struct Mapping {
  std::vector<int> source_of;          // per schema column: index of the source cell, or -1
  std::vector<std::string> header_of;  // per schema column: the header as the file writes it
};

core::Result<Mapping> map_header(const TableSource& source, const ImportSettings& settings,
                                 ImportStats& stats) {
  const auto& schema = core::table_schema(settings.kind);
  Mapping m;
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
    auto e = core::invalid_input(
        fmt::format("required column {} is missing (looked for a header named any of: {})",
                    def.name, fmt::join(aliases, ", ")));
    e.at_file(settings.display_name).at_line(source.header_line());
    return e;
  }
  return m;
}

// Columns whose cells must not be empty in a row (required columns, but the orders export may
// leave store_code empty: closeout.md fills it).
bool must_have_value(core::TableKind kind, int column, const core::ColumnDef& def) {
  if (!def.required) return false;
  return !(kind == core::TableKind::kOrders && column == core::orders::kStoreCode);
}

}  // namespace

core::Result<ImportStats> import_rows(TableSource& source, const ImportSettings& settings,
                                      TableSink& sink) {
  PW_CHECK(settings.zone != nullptr, "import needs a time zone");
  ImportStats stats;
  Mapping mapping = TRY(map_header(source, settings, stats));
  const auto& schema = core::table_schema(settings.kind);
  const size_t ncols = schema.columns.size();
  core::StringPool& pool = sink.pool();
  CachedZone zone(*settings.zone);  // one tz-database search per local day, not per cell

  core::Table chunk = core::Table::empty(settings.kind);
  // Text cells of a chunk wait in an arena and are interned column by column at the flush:
  // batches of lookups into the (large) pool index overlap their cache misses.
  std::string arena;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> spans(ncols);
  std::vector<std::string_view> views;
  std::vector<uint32_t> ids;
  auto intern_text = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      if (schema.columns[c].type != core::ValueType::kText) continue;
      views.clear();
      for (auto [offset, length] : spans[c]) views.emplace_back(arena.data() + offset, length);
      ids.resize(views.size());
      pool.intern_batch(views, ids);
      for (size_t r = 0; r < ids.size(); ++r) chunk.columns[c].set_text(r, ids[r]);
      spans[c].clear();
    }
    arena.clear();
  };
  auto flush = [&]() -> core::Status {
    if (chunk.rows() == 0) return {};
    intern_text();
    TRY(sink.append(chunk));
    chunk = core::Table::empty(settings.kind);
    if (settings.on_progress) settings.on_progress(source.progress(), stats.rows_read);
    return {};
  };
  auto report = [&](core::Error e, const std::string& kind) {
    if (settings.on_row_error) settings.on_row_error(e, kind);
  };

  SourceRow row;
  CellFailure failure;
  while (true) {
    auto more = source.next(row);
    if (!more) {
      ++stats.rows_read;
      ++stats.rejected;
      auto e = more.release_error();
      if (e.where.file.empty()) e.at_file(settings.display_name);
      report(std::move(e), "unreadable row");
      continue;
    }
    if (!*more) break;
    ++stats.rows_read;
    size_t rows_before = chunk.rows();
    bool ok = true;
    for (size_t c = 0; c < ncols; ++c) {
      const auto& def = schema.columns[c];
      int src = mapping.source_of[c];
      std::string_view text;
      CellKind kind = CellKind::kText;
      if (src >= 0 && static_cast<size_t>(src) < row.cells.size()) {
        text = row.cells[src];
        kind = row.kinds.empty() ? CellKind::kText : row.kinds[src];
      }
      auto& column = chunk.columns[c];
      if (text.empty() && must_have_value(settings.kind, static_cast<int>(c), def)) {
        column.push_null();
        auto e =
            core::invalid_input("the cell is empty (expected a value: the column is required)");
        e.at_file(settings.display_name).at_line(row.line);
        e.at_column(mapping.header_of[c], std::string(def.name));
        report(std::move(e), fmt::format("{}: missing", def.name));
        ok = false;
        continue;
      }
      if (def.type == core::ValueType::kText && kind != CellKind::kError) {
        std::string_view trimmed = trim_text(text);
        spans[c].emplace_back(static_cast<uint32_t>(arena.size()),
                              static_cast<uint32_t>(trimmed.size()));
        arena.append(trimmed);
        column.push_text(0);  // the id is set when the chunk is interned
        continue;
      }
      if (!parse_cell_into(def, text, kind, zone, pool, column, failure)) {
        auto e = core::invalid_input(failure.message);
        e.at_file(settings.display_name).at_line(row.line);
        e.at_column(mapping.header_of[c], std::string(def.name));
        report(std::move(e), fmt::format("{}: {}", def.name, failure.kind));
        ok = false;
      }
    }
    if (!ok) {
      ++stats.rejected;
      for (auto& column : chunk.columns) column.truncate(rows_before);
      for (auto& column_spans : spans) {
        if (column_spans.size() > rows_before) column_spans.resize(rows_before);
      }
      continue;
    }
    chunk.lines.push_back(row.line);
    ++stats.loaded;
    if (chunk.rows() >= settings.chunk_rows) TRY(flush());
  }
  TRY(flush());
  if (settings.on_progress) settings.on_progress(1.0, stats.rows_read);
  return stats;
}

}  // namespace pitwall::io
