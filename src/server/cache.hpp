#pragma once
// Two small in-memory caches that let the server answer the everyday reads of many people at
// once (issue 18, Performance: 200 connections, p99 ≤ 20 ms on two cores):
//
// SessionCache — a checked session or token, trusted for a moment (session_cache_ms, 2 s)
// without asking the store; a logout or a password change on this server forgets it at once,
// elsewhere (another server, the command line) within that moment.
//
// ReadCache — the reply of a cacheable read (Route::cacheable), by person and target, served
// again while no write has gone through this server since it was computed and it is younger
// than read_cache_ms (1 s): every write empties it at once (a generation counter), writes made
// by other processes are seen within that second.
//
// Both are safe to use from any thread.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/auth/identity.hpp"
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
  explicit ReadCache(int64_t ttl_ms, size_t max_entries = 50000)
      : ttl_(std::chrono::milliseconds(ttl_ms)), max_entries_(max_entries) {}
  uint64_t generation() const { return generation_.load(); }
  // A write went through: nothing cached before it is served again.
  void bump() { generation_++; }
  std::optional<Reply> find(const std::string& key);
  // Keeps `reply`, computed from the state at `generation`.
  void put(const std::string& key, uint64_t generation, const Reply& reply);

 private:
  struct Entry {
    uint64_t generation;
    std::chrono::steady_clock::time_point at;
    Reply reply;
  };
  std::chrono::milliseconds ttl_;
  size_t max_entries_;
  std::atomic<uint64_t> generation_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace pitwall::server
