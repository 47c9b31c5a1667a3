#include "store/files/batch_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace pitwall::store {

std::string column_path(const std::string& dir, std::string_view name) {
  return fmt::format("{}/{}.col", dir, name);
}

namespace {

core::Error corrupt(const std::string& path, std::string_view what) {
  auto e =
      core::make_error(core::ErrorCode::kCorrupt, fmt::format("stored batch is damaged: {}", what));
  e.at_file(path);
  return e;
}
}  // namespace

core::Result<std::unique_ptr<BatchFilesWriter>> BatchFilesWriter::create(const std::string& dir,
                                                                         core::TableKind kind) {
  TRY(make_dirs(dir));
  std::unique_ptr<BatchFilesWriter> w(new BatchFilesWriter());
  w->dir_ = dir;
  w->kind_ = kind;
  w->write_behind_ = std::make_unique<WriteBehind>();
  WriteBehind* behind = w->write_behind_.get();
  for (const auto& def : core::table_schema(kind).columns) {
    w->columns_.push_back(TRY(AppendFile::create(column_path(dir, def.name), behind)));
  }
  w->lines_ = TRY(AppendFile::create(dir + "/lines.bin", behind));
  w->pool_offsets_ = TRY(AppendFile::create(dir + "/pool.off", behind));
  w->pool_bytes_ = TRY(AppendFile::create(dir + "/pool.str", behind));
  return w;
}

core::Status BatchFilesWriter::append(const core::Table& chunk) {
  PW_CHECK(chunk.kind == kind_, "chunk of another kind");
  for (size_t c = 0; c < columns_.size(); ++c) {
    TRY(columns_[c]->append(chunk.columns[c].raw_bytes()));
  }
  TRY(lines_->append({reinterpret_cast<const char*>(chunk.lines.data()), chunk.lines.size() * 8}));
  rows_ += static_cast<int64_t>(chunk.rows());
  return {};
}

core::Status BatchFilesWriter::append_pool(const core::StringPool& pool) {
  auto offsets = pool.offsets().subspan(pool_offsets_written_);
  TRY(pool_offsets_->append(
      {reinterpret_cast<const char*>(offsets.data()), offsets.size() * sizeof(uint64_t)}));
  pool_offsets_written_ += offsets.size();
  std::string_view bytes = pool.bytes().substr(pool_bytes_written_);
  TRY(pool_bytes_->append(bytes));
  pool_bytes_written_ += bytes.size();
  return {};
}

core::Status BatchFilesWriter::finish(const core::StringPool& pool) {
  TRY(append_pool(pool));
  for (auto& c : columns_) TRY(c->finish());
  TRY(lines_->finish());
  TRY(pool_offsets_->finish());
  TRY(pool_bytes_->finish());
  std::string manifest =
      fmt::format("format 1\nkind {}\nrows {}\n", core::table_schema(kind_).name, rows_);
  TRY(write_file_atomic(dir_ + "/manifest.txt", manifest));
  return sync_path(dir_);
}

core::Result<int64_t> read_batch_rows(const std::string& dir) {
  std::string manifest_path = dir + "/manifest.txt";
  std::string manifest = TRY(read_file(manifest_path));
  int64_t rows = -1;
  if (auto pos = manifest.find("\nrows "); pos != std::string::npos) {
    const char* begin = manifest.data() + pos + 6;
    std::from_chars(begin, manifest.data() + manifest.size(), rows);
  }
  if (rows < 0 || manifest.rfind("format 1\n", 0) != 0) return corrupt(manifest_path, "manifest");
  return rows;
}

core::Result<core::Table> read_batch_files(const std::string& dir, core::TableKind kind,
                                           uint32_t batch_id, size_t room_rows) {
  int64_t rows = TRY(read_batch_rows(dir));
  core::Table table = core::Table::empty(kind);
  auto off = TRY(MappedFile::open(dir + "/pool.off"));
  auto str = TRY(MappedFile::open(dir + "/pool.str"));
  size_t pool_size = off->bytes().size() / sizeof(uint64_t);
  if (pool_size < 2) return corrupt(dir + "/pool.off", "string pool offsets");
  std::span<const uint64_t> offsets(reinterpret_cast<const uint64_t*>(off->bytes().data()),
                                    pool_size);
  if (offsets.back() != str->bytes().size()) return corrupt(dir + "/pool.str", "string pool size");
  struct Both {
    std::shared_ptr<MappedFile> a, b;
  };
  table.pool =
      core::StringPool::view_of(offsets, str->bytes(), std::make_shared<Both>(Both{off, str}));

  const auto& schema = core::table_schema(kind);
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const auto& def = schema.columns[c];
    std::string path = column_path(dir, def.name);
    if (!path_exists(path)) {
      core::Column col(def.type);
      col.reserve(static_cast<size_t>(rows));
      for (int64_t r = 0; r < rows; ++r) col.push_null();
      table.columns[c] = std::move(col);
      continue;
    }
    auto mapped = TRY(MappedFile::open(path));
    size_t want = static_cast<size_t>(rows) * core::Column::element_size(def.type);
    if (mapped->bytes().size() != want) return corrupt(path, "column length");
    table.columns[c] =
        core::Column::view_of(def.type, mapped->bytes().data(), static_cast<size_t>(rows), mapped);
  }
  auto lines = TRY(MappedFile::open(dir + "/lines.bin"));
  if (lines->bytes().size() != static_cast<size_t>(rows) * 8) {
    return corrupt(dir + "/lines.bin", "line numbers");
  }
  const auto* line_data = reinterpret_cast<const int64_t*>(lines->bytes().data());
  table.lines.reserve(room_rows);  // room not used is never touched
  table.batches.reserve(room_rows);
  table.lines.assign(line_data, line_data + rows);
  table.batches.assign(static_cast<size_t>(rows), batch_id);
  return table;
}

namespace {
// Whole pages inside `bytes` only (a mapping starts on a page; its last page may be partial, or
// written to by a spliced column, and is kept).
void release_range(std::string_view bytes) {
  if (bytes.empty()) return;
  auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  auto begin = reinterpret_cast<uintptr_t>(bytes.data());
  uintptr_t end = begin + bytes.size();
  uintptr_t first = (begin + page - 1) / page * page;
  uintptr_t last = end / page * page;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}
}  // namespace

// Never owned memory nor the written part of a spliced column or pool: it would be lost.
void release_pages(const core::Column& column) { release_range(column.reloadable_bytes()); }

void release_pages(const core::StringPool& pool) {
  auto offsets = pool.reloadable_offsets();
  release_range({reinterpret_cast<const char*>(offsets.data()), offsets.size_bytes()});
  release_range(pool.reloadable_bytes());
}

void release_pages(const core::Table& table) {
  for (const core::Column& column : table.columns) release_pages(column);
  release_pages(table.pool);
}

namespace {
// Bytes of file pages the process holds (RssFile + RssShmem: the third field of statm, in pages),
// read from `fd` (/proc/self/statm, kept open); 0 when it cannot be read.
size_t resident_file_bytes(int fd) {
  char text[160];
  ssize_t n = fd < 0 ? -1 : pread(fd, text, sizeof text - 1, 0);
  if (n <= 0) return 0;
  const char* p = text;
  const char* end = text + n;
  uint64_t fields[3] = {0, 0, 0};
  for (uint64_t& field : fields) {
    while (p < end && *p == ' ') ++p;
    p = std::from_chars(p, end, field).ptr;
  }
  return static_cast<size_t>(fields[2]) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}
}  // namespace

PageReleaser::PageReleaser(std::vector<const core::Table*> tables, size_t budget_bytes,
                           std::chrono::milliseconds poll)
    : tables_(std::move(tables)),
      budget_bytes_(budget_bytes),
      poll_(poll),
      statm_(open("/proc/self/statm", O_RDONLY | O_CLOEXEC)),
      base_(resident_file_bytes(statm_)),
      thread_([this] { run(); }) {}

void PageReleaser::run() {
  // Without statm, every poll releases.
  int fd = statm_;
  size_t base = base_;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, poll_, [this] { return stop_; })) {
    size_t now = resident_file_bytes(fd);
    if (fd >= 0 && budget_bytes_ > 0 && now <= base + budget_bytes_) continue;
    for (const core::Table* t : tables_) release_pages(*t);
    releases_.fetch_add(1);
    // The base only goes down (to what stays: the program, libraries, files other than the
    // tables). Taken as the new base whatever the level after a release, the pages the other
    // threads map in while it runs would raise the budget with each release (fraud at 10M
    // orders: from 235 to 516 MB in 1.5 s). File pages that are not the tables' and grow past
    // the budget only make every poll release, which costs little when nothing is mapped.
    base = std::min(base, resident_file_bytes(fd));
  }
}

PageReleaser::~PageReleaser() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (statm_ >= 0) close(statm_);
}

namespace {

// Reads exactly `n` bytes at `offset` of the file `path`.
core::Status read_at(const std::string& path, int64_t offset, void* out, size_t n) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return corrupt(path, "a file of the batch is missing");
  ssize_t got = ::pread(fd, out, n, offset);
  ::close(fd);
  if (got != static_cast<ssize_t>(n)) return corrupt(path, "a value past the end of the file");
  return {};
}

}  // namespace

core::Result<core::Table> read_batch_row(const std::string& dir, core::TableKind kind,
                                         uint32_t batch_id, int64_t row) {
  int64_t rows = TRY(read_batch_rows(dir));
  if (row < 0 || row >= rows) {
    return core::not_found(fmt::format("row {} of the batch in {} (it has {})", row, dir, rows));
  }
  core::Table table = core::Table::empty(kind);
  const auto& schema = core::table_schema(kind);
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const auto& def = schema.columns[c];
    std::string path = column_path(dir, def.name);
    core::Column& col = table.columns[c];
    if (!path_exists(path)) {
      col.push_null();
      continue;
    }
    size_t size = core::Column::element_size(def.type);
    unsigned char value[8] = {};
    TRY(read_at(path, row * static_cast<int64_t>(size), value, size));
    if (def.type == core::ValueType::kReal) {
      double v;
      std::memcpy(&v, value, 8);
      col.push_f64(v);
    } else if (size == 8) {
      int64_t v;
      std::memcpy(&v, value, 8);
      col.push_i64(v);
    } else if (def.type == core::ValueType::kText) {
      uint32_t id;
      std::memcpy(&id, value, 4);
      uint64_t range[2] = {0, 0};
      if (id != 0) TRY(read_at(dir + "/pool.off", int64_t{id} * 8, range, sizeof range));
      std::string text(range[1] >= range[0] ? range[1] - range[0] : 0, '\0');
      if (!text.empty())
        TRY(read_at(dir + "/pool.str", static_cast<int64_t>(range[0]), text.data(), text.size()));
      col.push_text(text.empty() ? 0 : table.pool.intern(text));
    } else {
      int32_t v;
      std::memcpy(&v, value, 4);
      col.push_i32(v);
    }
  }
  int64_t line = 0;
  TRY(read_at(dir + "/lines.bin", row * 8, &line, 8));
  table.lines.push_back(line);
  table.batches.push_back(batch_id);
  return table;
}

}  // namespace pitwall::store
