#pragma once
// WriteBehind: one thread that writes queued buffers to the end of files, in queue order, so
// that the thread producing the bytes (the import's ordered merge) does not wait for the kernel
// to copy them into the page cache. Writeback of each written buffer is started at once
// (sync_file_range), so that the final fsync has little left to wait for. Memory in flight is
// bounded: `write` blocks while too many bytes wait.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::store {

class WriteBehind {
 public:
  WriteBehind();
  // Drops what is still queued (the files are being abandoned) and stops the thread.
  ~WriteBehind();
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // Queues the first `size` bytes of `bytes` to be appended to `fd` (named `path` in errors).
  void write(int fd, const std::string& path, std::vector<char> bytes, size_t size);
  // Waits until everything queued is written. Errors: the first kIo since the start.
  core::Status drain();
  // A buffer of `size` bytes to fill, recycled from written ones when there is one.
  std::vector<char> spare(size_t size);

 private:
  struct Job {
    int fd;
    const std::string* path;
    std::vector<char> bytes;
    size_t size;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  size_t queued_bytes_ = 0;
  bool busy_ = false;
  bool stop_ = false;
  std::vector<std::vector<char>> spares_;
  core::Status status_;
  std::thread thread_;
};

}  // namespace pitwall::store
