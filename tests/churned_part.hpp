#pragma once
// A churned table for the tests of merging batches (core/model concat, store splicing): per row a
// customer id, store code, annual value (fen) and months churned (or null); the other columns
// empty; lines counting from 2; every row's batch `batch` (none when 0, as a stored batch read back
// has them set by the reader).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/table.hpp"

namespace pitwall::test_support {

struct ChurnedRow {
  std::string customer;
  std::string store;
  int64_t fen = 0;
  std::optional<double> months;  // empty: a null cell
};

inline core::Table churned_part(const std::vector<ChurnedRow>& rows, uint32_t batch = 0) {
  namespace churned = core::churned;
  core::Table t = core::Table::empty(core::TableKind::kChurned);
  int64_t line = 2;
  for (const ChurnedRow& r : rows) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (c == churned::kCustomerId) {
        t.columns[c].push_text(t.pool.intern(r.customer));
      } else if (c == churned::kStoreCode) {
        t.columns[c].push_text(t.pool.intern(r.store));
      } else if (c == churned::kAnnualValue) {
        t.columns[c].push_i64(r.fen);
      } else if (c == churned::kMonthsChurned && r.months) {
        t.columns[c].push_f64(*r.months);
      } else {
        t.columns[c].push_null();
      }
    }
    t.lines.push_back(line++);
    if (batch != 0) t.batches.push_back(batch);
  }
  return t;
}

}  // namespace pitwall::test_support
