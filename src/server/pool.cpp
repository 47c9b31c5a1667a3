#include "server/pool.hpp"

namespace pitwall::server {

core::Result<std::unique_ptr<WorkerPool>> WorkerPool::create(int threads, const std::string& dir) {
  std::unique_ptr<WorkerPool> pool(new WorkerPool());
  for (int i = 0; i < std::max(1, threads); ++i)
    pool->handles_.push_back(TRY(app::open_workspace(dir)));
  for (auto& handle : pool->handles_) {
    app::Workspace* ws = handle.get();
    pool->threads_.emplace_back([p = pool.get(), ws] { p->loop(*ws); });
  }
  return pool;
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::post(Task task, size_t limit) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || tasks_.size() >= limit) return false;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

size_t WorkerPool::waiting() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void WorkerPool::loop(app::Workspace& ws) {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task(ws);
  }
}

}  // namespace pitwall::server
