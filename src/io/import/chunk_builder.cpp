#include "io/import/chunk_builder.hpp"

#include <fmt/format.h>

namespace pitwall::io {

ChunkBuilder::ChunkBuilder(core::TableKind kind, const ColumnMapping& mapping,
                           const core::TimeZone& zone, std::string display_name)
    : kind_(kind),
      schema_(core::table_schema(kind)),
      mapping_(mapping),
      zone_(zone),
      name_(std::move(display_name)),
      chunk_(core::Table::empty(kind)),
      spans_(schema_.columns.size()),
      hashes_(schema_.columns.size()) {}

void ChunkBuilder::clear() {
  for (auto& column : chunk_.columns) column.truncate(0);
  chunk_.lines.clear();
  errors_.clear();
  rows_read_ = 0;
  rejected_ = 0;
  arena_.clear();
  for (auto& s : spans_) s.clear();
  for (auto& h : hashes_) h.clear();
  hashed_ = false;
}

// Columns whose cells must not be empty in a row (required columns, but the orders export may
// leave store_code empty: closeout.md fills it).
bool ChunkBuilder::must_have_value(size_t column) const {
  if (!schema_.columns[column].required) return false;
  return !(kind_ == core::TableKind::kOrders && column == core::orders::kStoreCode);
}

void ChunkBuilder::report(int64_t line, size_t column, core::Error e, std::string_view kind) {
  e.at_file(name_).at_line(line);
  e.at_column(mapping_.header_of[column], std::string(schema_.columns[column].name));
  errors_.push_back({std::move(e), fmt::format("{}: {}", schema_.columns[column].name, kind)});
}

void ChunkBuilder::add_unreadable(core::Error error) {
  ++rows_read_;
  ++rejected_;
  if (error.where.file.empty()) error.at_file(name_);
  errors_.push_back({std::move(error), "unreadable row"});
}

void ChunkBuilder::add_row(const SourceRow& row) {
  ++rows_read_;
  const size_t ncols = schema_.columns.size();
  size_t rows_before = chunk_.rows();
  bool ok = true;
  for (size_t c = 0; c < ncols; ++c) {
    const auto& def = schema_.columns[c];
    int src = mapping_.source_of[c];
    std::string_view text;
    CellKind kind = CellKind::kText;
    if (src >= 0 && static_cast<size_t>(src) < row.cells.size()) {
      text = row.cells[src];
      kind = row.kinds.empty() ? CellKind::kText : row.kinds[src];
    }
    auto& column = chunk_.columns[c];
    if (text.empty() && must_have_value(c)) {
      column.push_null();
      report(row.line, c,
             core::keyed_error(core::ErrorCode::kInvalidInput, "io.cell_empty", {},
                               "the cell is empty (expected a value: the column is required)"),
             "missing");
      ok = false;
      continue;
    }
    if (def.type == core::ValueType::kText) {
      // Any cell kind reads as its trimmed text (an XLSX error cell as its error word).
      std::string_view trimmed = trim_text(text);
      spans_[c].emplace_back(static_cast<uint32_t>(arena_.size()),
                             static_cast<uint32_t>(trimmed.size()));
      arena_.append(trimmed);
      column.push_text(0);  // the id is set when the chunk is interned
      continue;
    }
    if (!parse_cell_into(def, text, kind, zone_, column, failure_)) {
      report(row.line, c, std::move(failure_.error), failure_.kind);
      ok = false;
    }
  }
  if (!ok) {
    ++rejected_;
    for (auto& column : chunk_.columns) column.truncate(rows_before);
    for (auto& column_spans : spans_) {
      if (column_spans.size() > rows_before) column_spans.resize(rows_before);
    }
    return;
  }
  chunk_.lines.push_back(row.line);
}

void ChunkBuilder::hash_text() {
  for (size_t c = 0; c < spans_.size(); ++c) {
    auto& hashes = hashes_[c];
    hashes.resize(spans_[c].size());
    for (size_t r = 0; r < hashes.size(); ++r) {
      auto [offset, length] = spans_[c][r];
      hashes[r] = core::StringPool::hash(std::string_view(arena_.data() + offset, length));
    }
  }
  hashed_ = true;
}

void ChunkBuilder::intern_text(core::StringPool& pool) {
  if (!hashed_) hash_text();
  for (size_t c = 0; c < spans_.size(); ++c) {
    if (schema_.columns[c].type != core::ValueType::kText) continue;
    views_.clear();
    for (auto [offset, length] : spans_[c]) views_.emplace_back(arena_.data() + offset, length);
    ids_.resize(views_.size());
    pool.intern_batch(views_, hashes_[c], ids_);
    for (size_t r = 0; r < ids_.size(); ++r) chunk_.columns[c].set_text(r, ids_[r]);
  }
}

void ChunkBuilder::shift_lines(int64_t delta) {
  if (delta == 0) return;
  for (auto& line : chunk_.lines) line += delta;
  for (auto& e : errors_) {
    if (e.error.where.line > 0) e.error.where.line += delta;
  }
}

}  // namespace pitwall::io
