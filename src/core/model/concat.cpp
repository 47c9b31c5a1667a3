// concat_tables (table.hpp): the batches of a kind as one table, the largest pool kept with its
// ids, and optionally the merged columns and pool laid out around a part already in place in
// memory the caller provides (ConcatStorage).
#include <atomic>
#include <cstring>
#include <optional>
#include <thread>

#include "core/base/check.hpp"
#include "core/model/table.hpp"

namespace pitwall::core {

namespace {
// The merged pool laid out in `storage`: parts[base]'s offsets and bytes already in place, the
// `fresh` strings of `others` (in that order, ids base size + k) written after them. Nothing when
// the storage has no room for either.
std::optional<StringPool> splice_pool(const StringPool& base_pool, size_t base,
                                      const StringPool& others, std::span<const uint32_t> fresh,
                                      size_t fresh_bytes, ConcatStorage& storage) {
  using Kind = ConcatPiece::Kind;
  size_t entries = base_pool.offsets().size();
  size_t base_bytes = base_pool.bytes().size();
  auto offsets_buffer = storage.place({Kind::kPoolOffsets, 0}, base, 0, entries * sizeof(uint64_t),
                                      (entries + fresh.size()) * sizeof(uint64_t));
  if (offsets_buffer.data == nullptr) return std::nullopt;
  auto bytes_buffer =
      storage.place({Kind::kPoolBytes, 0}, base, 0, base_bytes, base_bytes + fresh_bytes);
  if (bytes_buffer.data == nullptr) return std::nullopt;
  auto* offsets = reinterpret_cast<uint64_t*>(offsets_buffer.data);
  uint64_t end = base_bytes;
  for (size_t k = 0; k < fresh.size(); ++k) {
    std::string_view s = others.view(fresh[k]);
    std::memcpy(bytes_buffer.data + end, s.data(), s.size());
    end += s.size();
    offsets[entries + k] = end;
  }
  struct Both {
    std::shared_ptr<const void> offsets, bytes;
  };
  auto keep = std::make_shared<Both>(
      Both{std::move(offsets_buffer.keep_alive), std::move(bytes_buffer.keep_alive)});
  return StringPool::view_of({offsets, entries + fresh.size()}, {bytes_buffer.data, end},
                             std::move(keep), base_pool.size());
}

// For each part, old text id -> id in `merged`, whose pool holds parts[base]'s strings with their
// ids (a copy, or in place in `storage`). The other parts' distinct strings are gathered in one
// small pool, matched against the base pool by one pass over it (StringPool::common_with, no
// index over it), and the rest appended as new.
std::vector<std::vector<uint32_t>> merge_pools(const std::vector<Table>& parts, size_t base,
                                               StringPool& merged, ConcatStorage* storage) {
  StringPool others;
  std::vector<std::vector<uint32_t>> remap(parts.size());
  for (size_t p = 0; p < parts.size(); ++p) {
    if (p == base) continue;
    const StringPool& pool = parts[p].pool;
    std::vector<std::string_view> strings(pool.size());
    for (uint32_t id = 0; id < pool.size(); ++id) strings[id] = pool.view(id);
    remap[p].resize(pool.size());
    others.intern_batch(strings, remap[p]);
  }
  const StringPool& base_pool = parts[base].pool;
  std::vector<uint32_t> to_merged(others.size(), StringPool::kMissing);
  to_merged[0] = 0;
  for (auto [id, o] : base_pool.common_with(others)) to_merged[o] = id;
  std::vector<uint32_t> fresh;  // strings of the others not in the base pool, by id there
  size_t fresh_bytes = 0;
  for (uint32_t o = 1; o < others.size(); ++o) {
    if (to_merged[o] != StringPool::kMissing) continue;
    to_merged[o] = static_cast<uint32_t>(base_pool.size() + fresh.size());
    fresh.push_back(o);
    fresh_bytes += others.view(o).size();
  }
  std::optional<StringPool> spliced;
  if (storage != nullptr) {
    spliced = splice_pool(base_pool, base, others, fresh, fresh_bytes, *storage);
  }
  if (spliced) {
    merged = std::move(*spliced);
  } else {
    // Room for every new string: one allocation, no doubling of a 10M-string pool.
    merged = StringPool::copy_of(base_pool, fresh.size(), fresh_bytes);
    for (uint32_t o : fresh) merged.append_new(others.view(o));
  }
  for (auto& ids : remap) {
    for (uint32_t& id : ids) id = to_merged[id];
  }
  return remap;
}

// Column `c` of the parts merged in memory from `storage` that holds parts[base]'s values in
// place: the other parts' values (text ids through `remap`) are written around them. False when
// the storage has no such memory.
bool splice_column(const std::vector<Table>& parts, size_t base, std::span<const size_t> first_row,
                   size_t rows, size_t c, const std::vector<std::vector<uint32_t>>& remap,
                   ConcatStorage& storage, Column& out) {
  ValueType type = out.type();
  size_t size = Column::element_size(type);
  size_t base_rows = parts[base].columns[c].size();
  if (base_rows == 0) return false;
  auto buffer = storage.place({ConcatPiece::Kind::kColumn, static_cast<int>(c)}, base,
                              first_row[base] * size, base_rows * size, rows * size);
  if (buffer.data == nullptr) return false;
  for (size_t p = 0; p < parts.size(); ++p) {
    if (p == base) continue;
    const Column& from = parts[p].columns[c];
    char* at = buffer.data + first_row[p] * size;
    if (type == ValueType::kText) {
      auto* ids = reinterpret_cast<uint32_t*>(at);
      std::span<const uint32_t> text = from.text();
      for (size_t i = 0; i < text.size(); ++i) ids[i] = remap[p][text[i]];
    } else {
      std::string_view raw = from.raw_bytes();
      if (!raw.empty()) std::memcpy(at, raw.data(), raw.size());  // an empty part may hold no data
    }
  }
  out = Column::view_of(type, buffer.data, rows, std::move(buffer.keep_alive),
                        Column::RowRange{first_row[base], base_rows});
  return true;
}
// When parts[base]'s lines and batches have room for all `rows`, moves them into `merged` and
// puts the other parts' around them (the ones before by one shift): no second copy of a large
// batch's lines. False, with nothing moved, when they have not.
bool lend_lines(std::vector<Table>& parts, size_t base, size_t rows, Table& merged) {
  Table& lender = parts[base];
  if (lender.lines.capacity() < rows || lender.batches.capacity() < rows) return false;
  merged.lines = std::move(lender.lines);
  merged.batches = std::move(lender.batches);
  std::vector<int64_t> lines_before;
  std::vector<uint32_t> batches_before;
  for (size_t p = 0; p < base; ++p) {
    lines_before.insert(lines_before.end(), parts[p].lines.begin(), parts[p].lines.end());
    batches_before.insert(batches_before.end(), parts[p].batches.begin(), parts[p].batches.end());
  }
  merged.lines.insert(merged.lines.begin(), lines_before.begin(), lines_before.end());
  merged.batches.insert(merged.batches.begin(), batches_before.begin(), batches_before.end());
  for (size_t p = base + 1; p < parts.size(); ++p) {
    merged.lines.insert(merged.lines.end(), parts[p].lines.begin(), parts[p].lines.end());
    merged.batches.insert(merged.batches.end(), parts[p].batches.begin(), parts[p].batches.end());
  }
  return true;
}
}  // namespace

Table concat_tables(std::vector<Table> parts, int threads, ConcatStorage* storage) {
  PW_CHECK(!parts.empty(), "concat of no tables");
  Table merged = Table::empty(parts[0].kind);
  size_t base = 0;
  size_t rows = 0;
  std::vector<size_t> first_row(parts.size());
  for (size_t p = 0; p < parts.size(); ++p) {
    PW_CHECK(parts[p].kind == merged.kind, "concat of different kinds");
    if (parts[p].pool.size() > parts[base].pool.size()) base = p;
    first_row[p] = rows;
    rows += parts[p].rows();
  }
  std::vector<std::vector<uint32_t>> remap;
  auto copy_column = [&](size_t c) {
    Column& dst = merged.columns[c];
    if (storage != nullptr &&
        splice_column(parts, base, first_row, rows, c, remap, *storage, dst)) {
      for (auto& part : parts) part.columns[c] = Column(dst.type());
      return;
    }
    dst.reserve(rows);
    for (size_t p = 0; p < parts.size(); ++p) {
      if (dst.type() == ValueType::kText && p != base) {
        dst.append_text(parts[p].columns[c], remap[p]);
      } else {
        dst.append(parts[p].columns[c]);
      }
      parts[p].columns[c] = Column(dst.type());  // releases a mapped column now
    }
  };
  // Columns other than text, then the lines and batches, need no remap: they are copied while
  // the pools are merged (by whichever thread is free), the text columns after.
  std::vector<size_t> plain;
  std::vector<size_t> text;
  for (size_t c = 0; c < merged.columns.size(); ++c) {
    (merged.columns[c].type() == ValueType::kText ? text : plain).push_back(c);
  }
  std::atomic<size_t> next_plain{0};
  auto copy_plain = [&] {
    for (size_t i; (i = next_plain++) < plain.size();) copy_column(plain[i]);
  };
  auto copy_rest = [&] {
    bool lent = lend_lines(parts, base, rows, merged);
    if (!lent) {
      merged.lines.reserve(rows);
      merged.batches.reserve(rows);
    }
    for (auto& part : parts) {
      if (!lent) {
        merged.lines.insert(merged.lines.end(), part.lines.begin(), part.lines.end());
        merged.batches.insert(merged.batches.end(), part.batches.begin(), part.batches.end());
      }
      std::vector<int64_t>().swap(part.lines);
      std::vector<uint32_t>().swap(part.batches);
    }
  };
  auto merge_then_text = [&] {
    remap = merge_pools(parts, base, merged.pool, storage);
    for (auto& part : parts) part.pool = StringPool();  // the cells keep ids only from here on
    for (size_t c : text) copy_column(c);
  };
  if (threads > 1) {
    std::thread second([&] {
      copy_plain();
      copy_rest();
    });
    merge_then_text();
    copy_plain();
    second.join();
  } else {
    merge_then_text();
    copy_plain();
    copy_rest();
  }
  return merged;
}

}  // namespace pitwall::core
