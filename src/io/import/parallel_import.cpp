// import_csv_file of importer.hpp: a CSV file parsed by chunks on several threads.
//
// Chunk k covers the rows that start in [data_begin + k * chunk_bytes, + chunk_bytes). Each
// worker takes the next chunk, guesses where its first row starts (the first line start: right
// unless a quoted field spans the chunk's start), parses and validates its rows into its own
// ChunkBuilder, then waits for its turn: chunks are merged strictly in file order. At its turn
// the chunk's guessed start is checked against where the chunk before it really ended; on a
// mismatch the chunk is parsed again from there. The merge also fixes line numbers, interns the
// text into the sink's pool and appends to the sink, so that the stored bytes are those of a
// one-thread run.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "io/csv/csv_range_reader.hpp"
#include "io/import/importer.hpp"

namespace pitwall::io {

namespace {

class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class ParallelCsvImport {
 public:
  ParallelCsvImport(const CsvLayout& layout, const CsvOptions& options,
                    const ImportSettings& settings, const TableSource& source,
                    const ColumnMapping& mapping, int fd, TableSink& sink, ImportStats& stats)
      : layout_(layout),
        options_(options),
        settings_(settings),
        source_(source),
        mapping_(mapping),
        fd_(fd),
        sink_(sink),
        stats_(stats),
        prev_end_(layout.data_begin),
        line_base_(layout.data_line),
        mode_(layout.text_mode) {
    size_t data = layout.file_size - layout.data_begin;
    chunk_bytes_ = std::max<size_t>(settings.chunk_bytes, 1);
    chunks_ = (data + chunk_bytes_ - 1) / chunk_bytes_;
  }

  core::Status run() {
    // While the encoding is undecided (an all-ASCII sample) the first non-ASCII cell decides it
    // for the rest of the file: chunks must then be read in order.
    bool undecided = mode_ == static_cast<uint8_t>(csv_detail::TextMode::kAsciiSoFar);
    size_t threads = undecided ? 1 : static_cast<size_t>(std::max(settings_.threads, 1));
    threads = std::max<size_t>(1, std::min(threads, chunks_));
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; ++t) helpers.emplace_back([this] { work(); });
    work();
    for (auto& h : helpers) h.join();
    if (failed_) return failure_;
    return {};
  }

 private:
  struct Range {
    size_t begin;
    size_t end;
  };

  Range range_of(size_t k) const {
    size_t begin = layout_.data_begin + k * chunk_bytes_;
    return {begin, std::min(begin + chunk_bytes_, layout_.file_size)};
  }

  // Parses the rows of [begin, end) into `builder` (cleared first).
  core::Status build(CsvRangeReader& reader, ChunkBuilder& builder, size_t begin, size_t end,
                     RangeStart how, uint8_t mode) {
    builder.clear();
    TRY(reader.start(begin, end, how, mode));
    SourceRow row;
    while (true) {
      auto more = reader.next(row);
      if (!more) {
        if (more.error().code != core::ErrorCode::kInvalidInput) return more.release_error();
        builder.add_unreadable(more.release_error());
        continue;
      }
      if (!*more) break;
      builder.add_row(row);
    }
    builder.hash_text();
    return {};
  }

  void work() {
    CsvRangeReader reader(fd_, layout_, options_, source_.header(), settings_.display_name);
    ChunkBuilder builder(settings_.kind, mapping_, *settings_.zone, settings_.display_name);
    while (true) {
      size_t k = 0;
      uint8_t mode = layout_.text_mode;
      {
        std::lock_guard lock(mutex_);
        if (failed_ || next_chunk_ >= chunks_) return;
        k = next_chunk_++;
        if (merged_ == k) mode = mode_;  // only then is the mode before the chunk known
      }
      Range r = range_of(k);
      core::Status built = build(reader, builder, r.begin, r.end,
                                 k == 0 ? RangeStart::kExact : RangeStart::kGuess, mode);
      {
        std::unique_lock lock(mutex_);
        turn_.wait(lock, [&] { return merged_ == k || failed_; });
        if (failed_) return;
      }
      core::Status merged = merge(reader, builder, r, mode, std::move(built));
      std::lock_guard lock(mutex_);
      if (!merged) {
        failed_ = true;
        failure_ = merged.release_error();
      }
      ++merged_;
      turn_.notify_all();
    }
  }

  // Runs in file order, one chunk at a time (the turn is ours).
  core::Status merge(CsvRangeReader& reader, ChunkBuilder& builder, Range r, uint8_t mode,
                     core::Status built) {
    bool guessed_right = built.has_value() && reader.begin() == prev_end_ && mode == mode_;
    if (r.begin != layout_.data_begin && !guessed_right) {
      built = build(reader, builder, prev_end_, r.end, RangeStart::kExact, mode_);
    }
    TRY(std::move(built));
    builder.shift_lines(line_base_ - 1);
    line_base_ += reader.line_breaks();
    prev_end_ = reader.position();
    mode_ = reader.mode();
    double progress = layout_.file_size == 0
                          ? 1.0
                          : static_cast<double>(prev_end_) / static_cast<double>(layout_.file_size);
    TRY(deliver_chunk(builder, settings_, sink_, stats_, progress));
    // Once, after the first chunk that loaded rows: before it the sink may hold no pool yet (a
    // file whose first chunk is all rejected rows opens its batch later).
    if (!pool_reserved_ && stats_.loaded > 0) {
      reserve_pool();
      pool_reserved_ = true;
    }
    return {};
  }

  // After the first chunk that loaded rows: room in the pool for the rest of the file at the
  // rate so far, so that the pool is not copied each time it doubles (reserved memory is not
  // touched).
  void reserve_pool() {
    size_t done = prev_end_ - layout_.data_begin;
    if (done == 0 || prev_end_ >= layout_.file_size) return;
    const core::StringPool& pool = sink_.pool();
    double factor = static_cast<double>(layout_.file_size - prev_end_) / static_cast<double>(done);
    // Strings that repeat (store codes, packages) are all new in the first chunk: the estimate
    // is high, which costs nothing for the pool's vectors; the lookup index is sized lower.
    auto strings = static_cast<double>(pool.size());
    auto bytes = static_cast<double>(pool.bytes().size());
    sink_.pool().reserve(static_cast<size_t>(strings * factor * 1.1),
                         static_cast<size_t>(bytes * factor * 1.1));
    sink_.pool().reserve_lookup(static_cast<size_t>(strings * factor * 0.9));
  }

  const CsvLayout& layout_;
  const CsvOptions& options_;
  const ImportSettings& settings_;
  const TableSource& source_;
  const ColumnMapping& mapping_;
  int fd_;
  TableSink& sink_;
  ImportStats& stats_;
  size_t chunk_bytes_ = 0;
  size_t chunks_ = 0;

  std::mutex mutex_;
  std::condition_variable turn_;
  size_t next_chunk_ = 0;  // guarded by mutex_
  size_t merged_ = 0;      // guarded by mutex_: chunks merged so far
  bool failed_ = false;    // guarded by mutex_
  core::Error failure_;
  // Merge state, touched only by the chunk whose turn it is.
  size_t prev_end_;
  int64_t line_base_;
  uint8_t mode_;
  bool pool_reserved_ = false;
};

}  // namespace

core::Result<ImportStats> import_csv_file(const std::string& path, const CsvOptions& options,
                                          const ImportSettings& settings, TableSink& sink) {
  PW_CHECK(settings.zone != nullptr, "import needs a time zone");
  CsvLayout layout;
  auto source = TRY(open_csv_file(path, options, settings.display_name, layout));
  ImportStats stats;
  ColumnMapping mapping = TRY(map_header(*source, settings, stats));
  FileHandle file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    auto e = core::make_error(core::ErrorCode::kIo, "cannot open the file again");
    e.at_file(settings.display_name);
    return e;
  }
  ParallelCsvImport import(layout, options, settings, *source, mapping, file.get(), sink, stats);
  TRY(import.run());
  if (settings.on_progress) settings.on_progress(1.0, stats.rows_read);
  return stats;
}

}  // namespace pitwall::io
