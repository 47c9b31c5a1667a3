#include "store/files/write_behind.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "store/files/file_util.hpp"

namespace pitwall::store {

namespace {
constexpr size_t kMaxQueuedBytes = size_t{48} << 20;
constexpr size_t kMaxSpares = 8;
}  // namespace

WriteBehind::WriteBehind() : thread_([this] { run(); }) {}

WriteBehind::~WriteBehind() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void WriteBehind::write(int fd, const std::string& path, std::vector<char> bytes, size_t size) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queued_bytes_ < kMaxQueuedBytes || stop_; });
  queued_bytes_ += size;
  jobs_.push_back({fd, &path, std::move(bytes), size});
  changed_.notify_all();
}

core::Status WriteBehind::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return (jobs_.empty() && !busy_) || stop_; });
  return status_;
}

std::vector<char> WriteBehind::spare(size_t size) {
  {
    std::lock_guard lock(mutex_);
    if (!spares_.empty()) {
      std::vector<char> buffer = std::move(spares_.back());
      spares_.pop_back();
      if (buffer.size() >= size) return buffer;
    }
  }
  return std::vector<char>(size);
}

void WriteBehind::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return !jobs_.empty() || stop_; });
    if (stop_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    bool failed = !status_.has_value();
    lock.unlock();
    core::Status written;
    if (!failed) {
      off_t at = ::lseek(job.fd, 0, SEEK_CUR);
      const char* p = job.bytes.data();
      size_t left = job.size;
      while (left > 0 && written.has_value()) {
        ssize_t n = ::write(job.fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          written = io_error("write", *job.path);
          break;
        }
        p += n;
        left -= static_cast<size_t>(n);
      }
#ifdef SYNC_FILE_RANGE_WRITE
      // Only starts the writeback; errors surface at the caller's fsync.
      if (written.has_value() && at >= 0) {
        (void)sync_file_range(job.fd, at, static_cast<off_t>(job.size), SYNC_FILE_RANGE_WRITE);
      }
#endif
    }
    lock.lock();
    if (!written.has_value() && status_.has_value()) status_ = std::move(written);
    queued_bytes_ -= job.size;
    if (spares_.size() < kMaxSpares) spares_.push_back(std::move(job.bytes));
    busy_ = false;
    changed_.notify_all();
  }
}

}  // namespace pitwall::store
