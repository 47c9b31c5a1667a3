#include "store/files/file_util.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "core/base/check.hpp"
#include "core/base/sha256.hpp"
#include "store/files/write_behind.hpp"

namespace pitwall::store {

core::Error io_error(std::string_view what, const std::string& path) {
  auto e = core::make_error(core::ErrorCode::kIo,
                            fmt::format("cannot {} ({})", what, std::strerror(errno)));
  e.at_file(path);
  return e;
}

core::Result<std::shared_ptr<MappedFile>> MappedFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    auto e = io_error("stat", path);
    ::close(fd);
    return e;
  }
  std::shared_ptr<MappedFile> m(new MappedFile());
  m->size_ = static_cast<size_t>(st.st_size);
  if (m->size_ > 0) {
    void* p = mmap(nullptr, m->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      auto e = io_error("map", path);
      ::close(fd);
      return e;
    }
    m->data_ = p;
  }
  ::close(fd);
  return m;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, size_);
}

core::Result<std::string> read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  std::string out;
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto e = io_error("read", path);
      ::close(fd);
      return e;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

core::Result<std::string> file_sha256(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  core::Sha256 sha;
  std::vector<char> buf(size_t{1} << 20);
  while (true) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      auto e = io_error("read", path);
      ::close(fd);
      return e;
    }
    if (n == 0) break;
    sha.update(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
  ::close(fd);
  return sha.hex_digest();
}

namespace {
core::Status write_all(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("write", path);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return {};
}

std::string parent_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}
}  // namespace

core::Status sync_path(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  int rc = fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("sync", path);
  return {};
}

namespace {

std::string temp_path_for(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return fmt::format("{}.tmp-{}-{}", path, getpid(), ++counter);
}

int create_private(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  // Whatever the umask: owner-only (the workspace holds customers' phones and VINs).
  if (fd >= 0) (void)::fchmod(fd, 0600);
  return fd;
}

}  // namespace

int temp_file_owner(std::string_view name) {
  size_t at = name.rfind(".tmp-");
  if (at == std::string_view::npos) return 0;
  int pid = 0;
  std::string_view rest = name.substr(at + 5);
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc() || end == rest.data() || pid <= 0) return 0;
  return pid;
}

core::Status write_file_atomic(const std::string& path, std::string_view bytes) {
  std::string tmp = temp_path_for(path);
  int fd = create_private(tmp);
  if (fd < 0) return io_error("create", tmp);
  if (auto st = write_all(fd, bytes.data(), bytes.size(), tmp); !st) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return st;
  }
  if (fsync(fd) != 0) {
    auto e = io_error("sync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto e = io_error("rename into place", path);
    ::unlink(tmp.c_str());
    return e;
  }
  return sync_path(parent_of(path));
}

namespace {
// Writeback of large files starts every this many bytes (sync_file_range).
constexpr int64_t kWritebackStep = int64_t{4} << 20;
}  // namespace

core::Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::string& path) {
  std::unique_ptr<AtomicFile> f(new AtomicFile());
  f->path_ = path;
  f->tmp_ = temp_path_for(path);
  f->fd_ = create_private(f->tmp_);
  if (f->fd_ < 0) return io_error("create", f->tmp_);
  return f;
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

core::Status AtomicFile::append(std::string_view bytes) {
  PW_CHECK(fd_ >= 0, "append after commit");
  TRY(write_all(fd_, bytes.data(), bytes.size(), tmp_));
  written_ += static_cast<int64_t>(bytes.size());
#ifdef SYNC_FILE_RANGE_WRITE
  if (written_ - writeback_from_ >= kWritebackStep) {
    // Starts the writeback of a large blob as it is written (no wait), so that commit's fsync
    // has little left; errors surface at that fsync.
    (void)sync_file_range(fd_, writeback_from_, written_ - writeback_from_, SYNC_FILE_RANGE_WRITE);
    writeback_from_ = written_;
  }
#endif
  return {};
}

core::Status AtomicFile::overwrite(int64_t offset, std::string_view bytes) {
  PW_CHECK(fd_ >= 0, "overwrite after commit");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                         static_cast<off_t>(offset + static_cast<int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_error("write", tmp_);
    done += static_cast<size_t>(n);
  }
  return {};
}

core::Status AtomicFile::commit() {
  PW_CHECK(fd_ >= 0, "commit twice");
  if (fsync(fd_) != 0) return io_error("sync", tmp_);
  ::close(fd_);
  fd_ = -1;
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    auto e = io_error("rename into place", path_);
    ::unlink(tmp_.c_str());
    return e;
  }
  return sync_path(parent_of(path_));
}

core::Status make_dirs(const std::string& path) {
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    partial = path.substr(0, pos);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0700) == 0) {
      (void)::chmod(partial.c_str(), 0700);  // owner-only whatever the umask
    } else if (errno != EEXIST) {
      return io_error("create the folder", partial);
    }
  }
  return {};
}

core::Status remove_tree(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return {};
  if (S_ISDIR(st.st_mode)) {
    for (const auto& name : list_dir(path)) TRY(remove_tree(path + "/" + name));
    if (::rmdir(path.c_str()) != 0) return io_error("remove", path);
  } else if (::unlink(path.c_str()) != 0) {
    return io_error("remove", path);
  }
  return {};
}

core::Status rename_path(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error("rename " + from + " to", to);
  return {};
}

core::Status copy_file(const std::string& from, const std::string& to) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_error("open", from);
  int out = create_private(to);
  if (out < 0) {
    auto e = io_error("create", to);
    ::close(in);
    return e;
  }
  // In-kernel copy first (no round trip through user memory); plain read/write where the file
  // systems do not support it.
  core::Status status;
  bool copied = false;
  while (true) {
    ssize_t n = copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    copied = true;
    if (n == 0) break;
  }
  std::vector<char> buf(copied ? 0 : 1 << 20);
  while (!copied) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = io_error("read", from);
      break;
    }
    if (n == 0) break;
    status = write_all(out, buf.data(), static_cast<size_t>(n), to);
    if (!status) break;
  }
  if (status && fsync(out) != 0) status = io_error("sync", to);
  ::close(in);
  ::close(out);
  return status;
}

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::vector<std::string> list_dir(const std::string& path) {
  std::vector<std::string> names;
  DIR* d = opendir(path.c_str());
  if (d == nullptr) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

core::Result<std::unique_ptr<AppendFile>> AppendFile::create(const std::string& path,
                                                             WriteBehind* write_behind) {
  std::unique_ptr<AppendFile> f(new AppendFile());
  f->write_behind_ = write_behind;
  f->fd_ = create_private(path);
  if (f->fd_ < 0) return io_error("create", path);
  f->path_ = path;
  f->buffer_.resize(1 << 20);
  return f;
}

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

core::Status AppendFile::write_through(const char* data, size_t size) {
  TRY(write_all(fd_, data, size, path_));
  flushed_ += static_cast<int64_t>(size);
#ifdef SYNC_FILE_RANGE_WRITE
  if (flushed_ - writeback_from_ >= kWritebackStep) {
    // Only starts the writeback (no wait); errors surface at the fsync in finish().
    (void)sync_file_range(fd_, writeback_from_, flushed_ - writeback_from_, SYNC_FILE_RANGE_WRITE);
    writeback_from_ = flushed_;
  }
#endif
  return {};
}

core::Status AppendFile::flush() {
  if (used_ == 0) return {};
  if (write_behind_ != nullptr) {
    size_t size = buffer_.size();
    write_behind_->write(fd_, path_, std::move(buffer_), used_);
    buffer_ = write_behind_->spare(size);
    used_ = 0;
    return {};
  }
  TRY(write_through(buffer_.data(), used_));
  used_ = 0;
  return {};
}

core::Status AppendFile::append(std::string_view bytes) {
  if (write_behind_ != nullptr) {
    written_ += static_cast<int64_t>(bytes.size());
    while (!bytes.empty()) {
      size_t n = std::min(bytes.size(), buffer_.size() - used_);
      std::memcpy(buffer_.data() + used_, bytes.data(), n);
      used_ += n;
      bytes.remove_prefix(n);
      if (used_ == buffer_.size()) TRY(flush());
    }
    return {};
  }
  written_ += static_cast<int64_t>(bytes.size());
  if (bytes.size() >= buffer_.size() / 4) {
    TRY(flush());
    return write_through(bytes.data(), bytes.size());
  }
  if (used_ + bytes.size() > buffer_.size()) TRY(flush());
  std::memcpy(buffer_.data() + used_, bytes.data(), bytes.size());
  used_ += bytes.size();
  return {};
}

core::Status AppendFile::finish() {
  TRY(flush());
  if (write_behind_ != nullptr) TRY(write_behind_->drain());
  if (fsync(fd_) != 0) return io_error("sync", path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error("close", path_);
  }
  fd_ = -1;
  return {};
}

}  // namespace pitwall::store
