#pragma once
// The columnar files of one import batch: a folder with one file per column (the raw bytes of
// the column's values, see core/model/table.hpp for encodings), the row lines, the string pool
// (offsets and bytes) and a small text manifest. Written streaming, chunk by chunk; read back by
// mapping the files, so loading a batch copies nothing.
//
// Manifest ("manifest.txt"): lines "format 1", "kind orders", "rows N". A column file that is
// missing (a column added to the schema after the batch was written) reads as all empty.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/result.hpp"
#include "core/model/table.hpp"
#include "store/files/file_util.hpp"
#include "store/files/write_behind.hpp"

namespace pitwall::store {

class BatchFilesWriter {
 public:
  // Creates `dir` (must not exist) and the column files for `kind`.
  static core::Result<std::unique_ptr<BatchFilesWriter>> create(const std::string& dir,
                                                                core::TableKind kind);
  core::Status append(const core::Table& chunk);
  // Writes the strings `pool` gained since the last call (the pool only grows), so that its
  // files are written along the way rather than all at the end.
  core::Status append_pool(const core::StringPool& pool);
  // Writes the rest of the pool and the manifest and syncs everything.
  core::Status finish(const core::StringPool& pool);
  int64_t rows() const { return rows_; }

 private:
  std::string dir_;
  core::TableKind kind_ = core::TableKind::kOrders;
  std::vector<std::unique_ptr<AppendFile>> columns_;
  std::unique_ptr<AppendFile> lines_;
  std::unique_ptr<AppendFile> pool_offsets_;
  std::unique_ptr<AppendFile> pool_bytes_;
  size_t pool_offsets_written_ = 0;  // entries of pool.offsets()
  size_t pool_bytes_written_ = 0;
  int64_t rows_ = 0;
  // Declared last: stopped before the files above close.
  std::unique_ptr<WriteBehind> write_behind_;
};

// The file of column `name` in the batch folder `dir`.
std::string column_path(const std::string& dir, std::string_view name);

// Drops the pages of a column read by read_batch_files (a view over its mapped file) from the
// process's memory; touched again, they are read back from the file (the page cache). Owned
// columns are left as they are, and of a spliced column (splice.hpp) only the rows mapped from
// its file are dropped (Column::reloadable_bytes).
void release_pages(const core::Column& column);
// The same for a pool's offsets and strings, when it views mapped files (of a spliced pool, the
// base batch's strings only: StringPool::reloadable_offsets / reloadable_bytes).
void release_pages(const core::StringPool& pool);
// Every mapped column of `table` and its pool (PageReleaser calls this when over its budget).
void release_pages(const core::Table& table);

// Keeps the pages of `tables` the process has mapped in under a budget, on a thread of its own,
// until destroyed: every `poll` it reads how many file pages the process holds (/proc/self/statm)
// and, when that is more than `budget_bytes` above the lowest level seen at its start or after a
// release, drops them all (release_pages). A long computation over mapped tables then holds at most
// about the budget of its input, whatever its passes are; pages it reads again come back from the
// page cache (a minor fault per 64 KB: ~20 ms per GB re-read). A fixed period does not do that: a
// thread reading at random maps 64 KB per access and can map a GB in 20 ms (the close-out at 10M
// orders did, in fraud), and releasing more often costs re-reads where nothing needed dropping.
// Budget 0 releases every poll. The tables must outlive the releaser; they are only read (as by the
// computation itself, so it may run beside it).
inline constexpr size_t kMappedPageBudget = size_t{192} << 20;
inline constexpr std::chrono::milliseconds kPageReleasePoll{2};
class PageReleaser {
 public:
  explicit PageReleaser(std::vector<const core::Table*> tables,
                        size_t budget_bytes = kMappedPageBudget,
                        std::chrono::milliseconds poll = kPageReleasePoll);
  ~PageReleaser();
  PageReleaser(const PageReleaser&) = delete;
  PageReleaser& operator=(const PageReleaser&) = delete;

  // Releases so far (each a pass over all the tables).
  int64_t releases() const { return releases_.load(); }

 private:
  void run();

  std::vector<const core::Table*> tables_;
  size_t budget_bytes_;
  std::chrono::milliseconds poll_;
  std::atomic<int64_t> releases_{0};
  int statm_;    // /proc/self/statm, or -1
  size_t base_;  // file pages held when constructed
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: started when the fields above are set
};

// Maps the batch in `dir` as a table whose rows all carry `batch_id`. Its lines and batches get
// room for `room_rows` rows (address space only until used): a merge of several batches can
// then keep those of its largest (core::concat_tables) instead of copying them again.
// Errors: kCorrupt when the manifest or a file's size does not match.
core::Result<core::Table> read_batch_files(const std::string& dir, core::TableKind kind,
                                           uint32_t batch_id, size_t room_rows = 0);
// The number of rows of the batch in `dir`, from its manifest. Errors: as read_batch_files.
core::Result<int64_t> read_batch_rows(const std::string& dir);
// Row `row` of the batch in `dir` as a table of one row with a pool of its own, read with a few
// small reads per column (no column is mapped whole): what a lookup of one order needs at any
// size. Errors: kNotFound for a row past the end, kCorrupt, kIo.
core::Result<core::Table> read_batch_row(const std::string& dir, core::TableKind kind,
                                         uint32_t batch_id, int64_t row);

}  // namespace pitwall::store
