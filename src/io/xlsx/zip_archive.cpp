#include "io/xlsx/zip_archive.hpp"

#include <fmt/format.h>
#include <minizip/unzip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include "io/encoding/utf8.hpp"

namespace pitwall::io::xlsx {

namespace {

// minizip file functions over bytes in memory: the opaque pointer is the whole buffer, each open
// makes a cursor.
struct MemoryBuffer {
  const char* data = nullptr;
  uint64_t size = 0;
};
struct MemoryCursor {
  const MemoryBuffer* buffer = nullptr;
  uint64_t position = 0;
};

voidpf memory_open(voidpf opaque, const void*, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  return new MemoryCursor{static_cast<const MemoryBuffer*>(opaque), 0};
}

uLong memory_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* cursor = static_cast<MemoryCursor*>(stream);
  uint64_t left = cursor->buffer->size - cursor->position;
  uint64_t n = size < left ? size : left;
  std::memcpy(buf, cursor->buffer->data + cursor->position, n);
  cursor->position += n;
  return static_cast<uLong>(n);
}

uLong memory_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T memory_tell(voidpf, voidpf stream) { return static_cast<MemoryCursor*>(stream)->position; }

long memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* cursor = static_cast<MemoryCursor*>(stream);
  uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = cursor->position;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = cursor->buffer->size;
      break;
    default:
      return -1;
  }
  if (offset > cursor->buffer->size - base) return -1;
  cursor->position = base + offset;
  return 0;
}

int memory_close(voidpf, voidpf stream) {
  delete static_cast<MemoryCursor*>(stream);
  return 0;
}

int memory_error(voidpf, voidpf) { return 0; }

// Part names as Excel compares them: case-insensitive, '/' separated, no leading '/'.
std::string normalize_part_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '\\') c = '/';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  size_t start = out.find_first_not_of('/');
  return start == std::string::npos ? std::string() : out.substr(start);
}

core::Error archive_error(const std::string& file, std::string message) {
  core::Error error = core::invalid_input(std::move(message));
  error.at_file(file);
  return error;
}

core::Error directory_damaged(const std::string& file) {
  core::Error e = archive_error(file, "the zip directory is damaged");
  e.key = "io.xlsx_damaged";
  return e;
}

// Why a file did not open as a zip: one that starts as a zip does (a local header) but has no
// readable directory was cut short or damaged; anything else is not a workbook at all.
core::Error not_a_zip(const std::string& file, std::string_view head) {
  if (head == std::string_view("PK\x03\x04", 4)) {
    core::Error e = archive_error(file,
                                  "the workbook is damaged or cut short (its zip directory, at the "
                                  "end of the file, is missing or unreadable)");
    e.key = "io.xlsx_cut_short";
    return e;
  }
  core::Error e =
      archive_error(file, "not an XLSX workbook (expected a zip archive, as Excel saves .xlsx)");
  e.key = "io.not_xlsx";
  return e;
}

}  // namespace

struct ZipArchive::Impl {
  std::string display_name;
  MemoryBuffer memory;  // used when opened over bytes; minizip keeps a pointer to it
  unzFile file = nullptr;
  std::map<std::string, unz64_file_pos, std::less<>> parts;
  bool part_open = false;
  bool part_done = false;  // read to its end (and checked): reads give 0 bytes
  std::string part_name;   // of the part open or last opened, for errors
  uint64_t part_size = 0;  // as the zip directory says
  uint64_t part_read = 0;  // bytes inflated so far

  ~Impl() {
    if (file == nullptr) return;
    if (part_open) unzCloseCurrentFile(file);
    unzClose(file);
  }

  // Lists the central directory once so that lookups are by normalized name.
  core::Status index_parts() {
    int status = unzGoToFirstFile(file);
    while (status == UNZ_OK) {
      unz_file_info64 info;
      char name[1024];
      if (unzGetCurrentFileInfo64(file, &info, name, sizeof name, nullptr, 0, nullptr, 0) !=
          UNZ_OK) {
        return directory_damaged(display_name);
      }
      if (info.size_filename < sizeof name) {
        unz64_file_pos position;
        unzGetFilePos64(file, &position);
        parts.emplace(normalize_part_name(std::string_view(name, info.size_filename)), position);
      }
      status = unzGoToNextFile(file);
    }
    if (status != UNZ_END_OF_LIST_OF_FILE) {
      return directory_damaged(display_name);
    }
    return {};
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

core::Result<ZipArchive> ZipArchive::open_file(const std::string& path, std::string display_name) {
  // Open once ourselves to tell "cannot open" (with the OS reason) from "not a zip".
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) {
    core::Error error = core::make_error(
        core::ErrorCode::kIo, fmt::format("cannot open the file: {}", std::strerror(errno)));
    error.at_file(display_name);
    return error;
  }
  char head[4] = {};
  size_t got = std::fread(head, 1, sizeof head, probe);
  std::fclose(probe);
  auto impl = std::make_unique<Impl>();
  impl->display_name = std::move(display_name);
  impl->file = unzOpen64(path.c_str());
  if (impl->file == nullptr) return not_a_zip(impl->display_name, std::string_view(head, got));
  TRY(impl->index_parts());
  return ZipArchive(std::move(impl));
}

core::Result<ZipArchive> ZipArchive::open_bytes(std::string_view bytes, std::string display_name) {
  auto impl = std::make_unique<Impl>();
  impl->display_name = std::move(display_name);
  impl->memory = MemoryBuffer{bytes.data(), bytes.size()};
  zlib_filefunc64_def functions{memory_open, memory_read,  memory_write, memory_tell,
                                memory_seek, memory_close, memory_error, &impl->memory};
  impl->file = unzOpen2_64("memory", &functions);
  if (impl->file == nullptr) return not_a_zip(impl->display_name, bytes.substr(0, 4));
  TRY(impl->index_parts());
  return ZipArchive(std::move(impl));
}

const std::string& ZipArchive::display_name() const { return impl_->display_name; }

bool ZipArchive::contains(std::string_view part) const {
  return impl_->parts.count(normalize_part_name(part)) != 0;
}

core::Status ZipArchive::open_part(std::string_view part) {
  if (impl_->part_open) {
    unzCloseCurrentFile(impl_->file);
    impl_->part_open = false;
  }
  auto it = impl_->parts.find(normalize_part_name(part));
  if (it == impl_->parts.end()) {
    return archive_error(impl_->display_name,
                         fmt::format("the workbook has no part {}", printable_text(part)));
  }
  unz_file_info64 info;
  if (unzGoToFilePos64(impl_->file, &it->second) != UNZ_OK ||
      unzGetCurrentFileInfo64(impl_->file, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return archive_error(
        impl_->display_name,
        fmt::format("part {} cannot be read (the zip directory is damaged)", part));
  }
  // Deflate expands at most ~1032:1, and workbooks' XML 10-100:1: a part that says it expands
  // further, or past kMaxPartBytes, is a damaged or hostile file, refused before it is read.
  if (info.uncompressed_size > kMaxPartBytes ||
      info.uncompressed_size > info.compressed_size * kMaxExpansion + (uint64_t{1} << 20)) {
    return archive_error(impl_->display_name,
                         fmt::format("part {} is damaged or hostile: {} bytes that say they expand "
                                     "to {} (at most {}x, and {} bytes, are accepted)",
                                     part, info.compressed_size, info.uncompressed_size,
                                     kMaxExpansion, kMaxPartBytes));
  }
  if (unzOpenCurrentFile(impl_->file) != UNZ_OK) {
    return archive_error(impl_->display_name,
                         fmt::format("part {} cannot be read (damaged or compressed with a "
                                     "method other than deflate)",
                                     part));
  }
  impl_->part_open = true;
  impl_->part_done = false;
  impl_->part_name = std::string(part);
  impl_->part_size = info.uncompressed_size;
  impl_->part_read = 0;
  return {};
}

core::Result<size_t> ZipArchive::read_some(char* buffer, size_t size) {
  if (impl_->part_done) return size_t{0};
  PW_CHECK(impl_->part_open, "read_some without an open part");
  unsigned want = size > (1u << 30) ? (1u << 30) : static_cast<unsigned>(size);
  int n = unzReadCurrentFile(impl_->file, buffer, want);
  auto damaged = [&](std::string what) {
    impl_->part_open = false;
    unzCloseCurrentFile(impl_->file);
    return archive_error(impl_->display_name,
                         fmt::format("part {} is damaged ({})", impl_->part_name, what));
  };
  if (n < 0) return damaged(fmt::format("inflate error {}", n));
  impl_->part_read += static_cast<uint64_t>(n);
  // A damaged stream may inflate to more or to less than the part says: either is damage, and
  // more would otherwise go on for as long as the garbage does.
  if (impl_->part_read > impl_->part_size) {
    return damaged(fmt::format("more than the {} bytes its header gives", impl_->part_size));
  }
  if (n == 0 && want > 0) {
    if (impl_->part_read != impl_->part_size) {
      return damaged(fmt::format("{} of its {} bytes", impl_->part_read, impl_->part_size));
    }
    impl_->part_open = false;
    impl_->part_done = true;
    if (unzCloseCurrentFile(impl_->file) == UNZ_CRCERROR) {
      return archive_error(impl_->display_name,
                           fmt::format("part {} is damaged (CRC mismatch)", impl_->part_name));
    }
  }
  return static_cast<size_t>(n);
}

uint64_t ZipArchive::open_part_size() const { return impl_->part_size; }

core::Result<std::string> ZipArchive::read(std::string_view part, size_t max_bytes) {
  TRY(open_part(part));
  std::string out;
  char chunk[65536];
  while (true) {
    size_t n = TRY(read_some(chunk, sizeof chunk));
    if (n == 0) break;
    if (out.size() + n > max_bytes) {
      return archive_error(impl_->display_name,
                           fmt::format("part {} is larger than {} bytes", part, max_bytes));
    }
    out.append(chunk, n);
  }
  return out;
}

}  // namespace pitwall::io::xlsx
