#pragma once
// Two small in-memory caches that let the server answer the everyday reads of many people at
// once (issue 18, Performance: 200 connections, p99 ≤ 20 ms on two cores):
//
// SessionCache — a checked session or token, trusted for a while (session_cache_ms, 60 s)
// without asking the store; a logout or a password change on this server forgets it at once,
// elsewhere (another server, the command line) when ChangeWatch sees it (change_poll_ms), and
// without the watch within session_cache_ms.
//
// ReadCache — the reply of a cacheable read (Route::cacheable), by person and target, served
// again while nothing it may depend on changed: every write through this server empties it at
// once (a generation counter), and so does ChangeWatch when it sees a change committed by
// another process (another server, the command line) — within change_poll_ms (200 ms). An
// entry also ages out: after read_cache_ms (10 min), or read_cache_clock_ms (10 s) for an answer
// that depends on the clock (Route::clock: a day's end, an SLA clock, a campaign's phase).
//
// All three are safe to use from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "app/auth/identity.hpp"
#include "app/workspace_handle.hpp"
#include "server/http.hpp"

namespace pitwall::server {

class SessionCache {
 public:
  explicit SessionCache(int64_t ttl_ms) : ttl_(std::chrono::milliseconds(ttl_ms)) {}
  // A session checked less than the ttl ago and, at `now`, not ended.
  std::optional<app::auth::Authenticated> find(const std::string& key, int64_t now);
  void put(const std::string& key, const app::auth::Authenticated& a);
  void forget(const std::string& key);
  void forget_user(std::string_view user);
  void clear();

 private:
  struct Entry {
    app::auth::Authenticated auth;
    std::chrono::steady_clock::time_point checked;
  };
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

class ReadCache {
 public:
  explicit ReadCache(size_t max_entries = 50000) : max_entries_(max_entries) {}
  uint64_t generation() const { return generation_.load(); }
  // A write went through: nothing cached before it is served again.
  void bump() { generation_++; }
  std::optional<Reply> find(const std::string& key);
  // Keeps `reply`, computed from the state at `generation`, for at most `ttl` (0: not kept).
  void put(const std::string& key, uint64_t generation, const Reply& reply,
           std::chrono::milliseconds ttl);

 private:
  struct Entry {
    uint64_t generation;
    std::chrono::steady_clock::time_point until;
    Reply reply;
  };
  size_t max_entries_;
  std::atomic<uint64_t> generation_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

// ChangeWatch — a thread that asks the workspace, on a handle of its own, every `interval`
// whether a change was committed that readers can see or that changes who may act
// (app::Workspace::change_count: a logout, a password or token set or revoked, on any server)
// and, when one was — or when it cannot tell —, empties the read and session caches.
class ChangeWatch {
 public:
  ChangeWatch(std::unique_ptr<app::Workspace> ws, ReadCache& reads, SessionCache& sessions,
              std::chrono::milliseconds interval);
  ~ChangeWatch();  // stops the thread
  ChangeWatch(const ChangeWatch&) = delete;
  ChangeWatch& operator=(const ChangeWatch&) = delete;

 private:
  void loop();
  std::unique_ptr<app::Workspace> ws_;
  ReadCache& reads_;
  SessionCache& sessions_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pitwall::server
