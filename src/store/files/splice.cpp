#include "store/files/splice.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include "store/files/batch_files.hpp"

namespace pitwall::store {

namespace {
// An anonymous region (with files mapped over parts of it), unmapped as a whole.
struct Region {
  void* begin = nullptr;
  size_t size = 0;
  Region(void* b, size_t s) : begin(b), size(s) {}
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;
  ~Region() { munmap(begin, size); }
};

// The file's size, or -1 when it cannot be opened or is not a regular file.
int64_t open_sized(const std::string& path, int& fd) {
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  return static_cast<int64_t>(st.st_size);
}
}  // namespace

core::ConcatStorage::Buffer splice_file(const std::string& path, size_t at, size_t file_bytes,
                                        size_t total) {
  if (file_bytes == 0 || at > total || file_bytes > total - at) return {};
  int fd = -1;
  int64_t size = open_sized(path, fd);
  auto done = [fd] {
    if (fd >= 0) ::close(fd);
  };
  if (size < 0 || static_cast<size_t>(size) != file_bytes) {
    done();
    return {};
  }
  auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  // The data starts `lead` bytes into the region so that byte `at` falls on a page; the file's
  // last page may reach one page past `total`.
  size_t lead = (page - at % page) % page;
  size_t reserved = (lead + total + page + page - 1) / page * page;
  void* region =
      mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) {
    done();
    return {};
  }
  auto keep = std::make_shared<Region>(region, reserved);
  char* data = static_cast<char*>(region) + lead;
  void* mapped =
      mmap(data + at, file_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0);
  done();
  if (mapped == MAP_FAILED) return {};
  return {data, std::move(keep)};
}

BatchSplicer::BatchSplicer(core::TableKind kind, std::vector<std::string> dirs)
    : kind_(kind), dirs_(std::move(dirs)) {}

core::ConcatStorage::Buffer BatchSplicer::place(core::ConcatPiece piece, size_t part, size_t at,
                                                size_t part_bytes, size_t total) {
  if (part >= dirs_.size()) return {};
  const std::string& dir = dirs_[part];
  switch (piece.kind) {
    case core::ConcatPiece::Kind::kColumn: {
      const auto& columns = core::table_schema(kind_).columns;
      if (piece.column < 0 || static_cast<size_t>(piece.column) >= columns.size()) return {};
      return splice_file(column_path(dir, columns[piece.column].name), at, part_bytes, total);
    }
    case core::ConcatPiece::Kind::kPoolOffsets:
      return splice_file(dir + "/pool.off", at, part_bytes, total);
    case core::ConcatPiece::Kind::kPoolBytes:
      return splice_file(dir + "/pool.str", at, part_bytes, total);
  }
  return {};
}

core::Result<core::Table> read_batches(core::TableKind kind, const std::vector<int64_t>& ids,
                                       std::vector<std::string> dirs) {
  if (ids.empty()) return core::Table::empty(kind);
  if (ids.size() == 1) return read_batch_files(dirs[0], kind, static_cast<uint32_t>(ids[0]));
  // Mapping a batch copies nothing; the merge keeps the largest pool as it is, and lays the
  // merged columns and pool around the files of the part that holds it.
  // Each part's lines and batches get room for all rows, so the merge keeps the base part's.
  size_t rows = 0;
  for (const auto& dir : dirs) rows += static_cast<size_t>(TRY(read_batch_rows(dir)));
  std::vector<core::Table> parts;
  for (size_t p = 0; p < ids.size(); ++p) {
    parts.push_back(TRY(read_batch_files(dirs[p], kind, static_cast<uint32_t>(ids[p]), rows)));
  }
  BatchSplicer splicer(kind, std::move(dirs));
  return core::concat_tables(std::move(parts), 2, &splicer);
}

}  // namespace pitwall::store
