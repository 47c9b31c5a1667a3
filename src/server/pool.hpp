#pragma once
// The worker pool: the threads routes run on (never the I/O threads), each owning its own
// workspace handle for its life (store/workspace.hpp: one handle per thread). A bounded queue:
// past its limit post() refuses, and the dispatcher answers 503.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/workspace_handle.hpp"
#include "core/base/result.hpp"

namespace pitwall::server {

class WorkerPool {
 public:
  using Task = std::function<void(app::Workspace&)>;
  // Opens `threads` handles on the workspace in `dir` and starts the threads. Errors: those of
  // opening the workspace.
  static core::Result<std::unique_ptr<WorkerPool>> create(int threads, const std::string& dir);
  ~WorkerPool();
  // Queues a task; false when `limit` tasks are waiting already.
  bool post(Task task, size_t limit);
  // Finishes the queued tasks and joins the threads.
  void stop();
  size_t waiting() const;

 private:
  WorkerPool() = default;
  void loop(app::Workspace& ws);
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> tasks_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<app::Workspace>> handles_;
  std::vector<std::thread> threads_;
};

}  // namespace pitwall::server
