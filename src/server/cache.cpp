#include "server/cache.hpp"

#include <optional>
#include <random>
#include <utility>

namespace pitwall::server {

std::optional<app::auth::Authenticated> SessionCache::find(const std::string& key, int64_t now) {
  if (ttl_.count() == 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  bool ended = !e.auth.via_token && (now >= e.auth.expires_at || now >= e.auth.idle_expires_at);
  if (ended || std::chrono::steady_clock::now() - e.checked > ttl_) {
    entries_.erase(it);
    return std::nullopt;
  }
  return e.auth;
}

void SessionCache::put(const std::string& key, const app::auth::Authenticated& a) {
  if (ttl_.count() == 0) return;
  std::lock_guard lock(mutex_);
  if (entries_.size() > 100000) entries_.clear();
  entries_[key] = Entry{a, std::chrono::steady_clock::now()};
}

void SessionCache::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

void SessionCache::forget_user(std::string_view user) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.auth.principal.name == user; });
}

void SessionCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

std::optional<Reply> ReadCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.generation != generation_.load() ||
      std::chrono::steady_clock::now() >= it->second.until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.reply;
}

void ReadCache::put(const std::string& key, uint64_t generation, const Reply& reply,
                    std::chrono::milliseconds ttl) {
  if (ttl.count() <= 0 || generation != generation_.load()) return;
  // Entries made together (a read cache filling up after a write) do not all age out in the
  // same instant: each lives 80-100% of its ttl.
  thread_local std::minstd_rand spread(std::random_device{}());
  auto life = ttl - ttl * static_cast<int64_t>(spread() % 1000) / 5000;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = Entry{generation, std::chrono::steady_clock::now() + life, reply};
}

ChangeWatch::ChangeWatch(std::unique_ptr<app::Workspace> ws, ReadCache& reads,
                         SessionCache& sessions, std::chrono::milliseconds interval)
    : ws_(std::move(ws)), reads_(reads), sessions_(sessions), interval_(interval), thread_([this] {
        loop();
      }) {}

ChangeWatch::~ChangeWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ChangeWatch::loop() {
  std::optional<int64_t> seen;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    auto count = ws_->change_count();
    // A count that moved means a change; one that cannot be read means we cannot tell.
    if (!count || !seen || *count != *seen) {
      reads_.bump();
      sessions_.clear();
    }
    seen = count ? std::optional<int64_t>(*count) : std::nullopt;
    lock.lock();
  }
}

}  // namespace pitwall::server
