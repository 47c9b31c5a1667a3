#pragma once
// Small, careful file operations for the workspace: atomic replace, durable writes, mapping
// files read-only, and removing trees. POSIX only. Every failure is a kIo Error naming the path.
// Files are created owner-only (0600) and folders 0700 whatever the umask: a workspace holds
// customers' phones and VINs. Files are never created through a symbolic link (O_NOFOLLOW), and
// work in progress is written beside its target as "<name>.tmp-<pid>-<n>" (temp_file_owner).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::store {

// A read-only memory mapping of a whole file (empty files map to an empty view).
class MappedFile {
 public:
  static core::Result<std::shared_ptr<MappedFile>> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  size_t size_ = 0;
};

core::Result<std::string> read_file(const std::string& path);
// Lower-case hex SHA-256 of a file, read in blocks (a large file does not stay in memory).
core::Result<std::string> file_sha256(const std::string& path);
// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`.
core::Status write_file_atomic(const std::string& path, std::string_view bytes);
// The process id in a temporary file's name ("x.json.tmp-1234-7" gives 1234), or 0 for a name
// that is not one: what a later open checks before removing a killed writer's leftovers.
int temp_file_owner(std::string_view name);
core::Status make_dirs(const std::string& path);
core::Status remove_tree(const std::string& path);
core::Status rename_path(const std::string& from, const std::string& to);
core::Status copy_file(const std::string& from, const std::string& to);
core::Status sync_path(const std::string& path);  // fsync a file or directory
bool path_exists(const std::string& path);
// Names of the entries of a directory (not . and ..), sorted; empty when it does not exist.
std::vector<std::string> list_dir(const std::string& path);
core::Error io_error(std::string_view what, const std::string& path);

// A file written under a temporary name and renamed into place on commit (write_file_atomic
// in pieces); removed when dropped uncommitted.
class AtomicFile {
 public:
  static core::Result<std::unique_ptr<AtomicFile>> create(const std::string& path);
  ~AtomicFile();
  core::Status append(std::string_view bytes);
  core::Status overwrite(int64_t offset, std::string_view bytes);
  core::Status commit();  // fsync, close, rename, fsync the directory

 private:
  AtomicFile() = default;
  int fd_ = -1;
  std::string path_, tmp_;
  int64_t written_ = 0, writeback_from_ = 0;  // appended bytes; writeback started below
};

// Appends to a file through a large buffer; sync + close on finish. Writeback of what is written
// starts every few MiB (sync_file_range), so that the disk works while the caller goes on and
// the final fsync has little left to wait for.
class WriteBehind;

class AppendFile {
 public:
  // With `write_behind`, full buffers are written by its thread (which must outlive the file).
  static core::Result<std::unique_ptr<AppendFile>> create(const std::string& path,
                                                          WriteBehind* write_behind = nullptr);
  ~AppendFile();
  core::Status append(std::string_view bytes);
  core::Status finish();  // flush, fsync, close
  int64_t size() const { return written_; }

 private:
  AppendFile() = default;
  core::Status flush();
  core::Status write_through(const char* data, size_t size);
  int fd_ = -1;
  std::string path_;
  WriteBehind* write_behind_ = nullptr;
  std::vector<char> buffer_;
  size_t used_ = 0;
  int64_t written_ = 0;
  int64_t flushed_ = 0;         // bytes handed to the kernel
  int64_t writeback_from_ = 0;  // first byte whose writeback has not been started
};

}  // namespace pitwall::store
