#pragma once
// Splicing stored batches into one table without copying the largest (issue 7): the
// core::ConcatStorage that concat_tables lays merged columns and pools into. Each stored column
// is its own file (batch_files.hpp) starting on a page, so a merged column can be one anonymous
// writable region with the base batch's column file mapped (private, copy-on-write) into its
// middle, on a page boundary; concat_tables writes the other batches' values before and after
// it. The base batch's pages come from the page cache as they are read; only the small batches'
// values take fresh memory. The string pool's offsets and bytes are spliced the same way.
//
// A piece that cannot be spliced (a missing or differently sized file, a failed mapping) gets a
// null buffer, and concat_tables copies it instead: the result is the same either way.
// Spliced columns mark only the mapped rows as reloadable, so store::release_pages never drops
// the written (anonymous or copied-on-write) pages.

#include <string>
#include <vector>

#include "core/model/table.hpp"

namespace pitwall::store {

// The parts of a concat_tables call read by read_batch_files from `dirs` (one per part, in the
// same order), of kind `kind`.
class BatchSplicer final : public core::ConcatStorage {
 public:
  BatchSplicer(core::TableKind kind, std::vector<std::string> dirs);
  Buffer place(core::ConcatPiece piece, size_t part, size_t at, size_t part_bytes,
               size_t total) override;

 private:
  core::TableKind kind_;
  std::vector<std::string> dirs_;
};

// The stored batches `ids` (sorted ascending; each in the folder of `dirs` at the same index) as
// one table in that order, merged without copying the largest (concat_tables with a
// BatchSplicer); one batch is simply mapped. Errors: as read_batch_files.
core::Result<core::Table> read_batches(core::TableKind kind, const std::vector<int64_t>& ids,
                                       std::vector<std::string> dirs);

// `total` writable bytes with the file at `path`, which must be exactly `file_bytes` long
// (> 0), mapped privately at byte `at` (at + file_bytes <= total); the region is unmapped when
// the last keep_alive goes. A null buffer when the file does not fit or a mapping fails.
core::ConcatStorage::Buffer splice_file(const std::string& path, size_t at, size_t file_bytes,
                                        size_t total);

}  // namespace pitwall::store
