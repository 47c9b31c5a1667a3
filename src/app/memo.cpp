#include "app/memo.hpp"

namespace pitwall::app {

Memo::Claim Memo::find_or_claim(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it != index_.end()) {
    ++hits_;
    entries_.splice(entries_.begin(), entries_, it->second);
    return {it->second->value, nullptr};
  }
  if (auto m = making_.find(key); m != making_.end()) {
    ++hits_;
    return {nullptr, m->second};
  }
  ++misses_;
  making_.emplace(key, std::make_shared<Making>());
  return {};
}

core::Result<std::shared_ptr<const void>> Memo::wait_for(Making& m) {
  std::unique_lock lock(mutex_);
  made_.wait(lock, [&] { return m.done; });
  if (m.error) return *m.error;
  return m.value;
}

void Memo::finish(const std::string& key, std::shared_ptr<const void> value, size_t bytes) {
  {
    std::lock_guard lock(mutex_);
    auto it = making_.find(key);
    if (it != making_.end()) {
      it->second->done = true;
      it->second->value = value;
      making_.erase(it);
    }
    if (bytes <= budget_ && index_.count(key) == 0) {
      entries_.push_front(Entry{key, std::move(value), bytes});
      index_.emplace(key, entries_.begin());
      bytes_ += bytes;
      while (bytes_ > budget_ && !entries_.empty()) {
        Entry& last = entries_.back();
        bytes_ -= last.bytes;
        index_.erase(last.key);
        entries_.pop_back();
      }
    }
  }
  made_.notify_all();
}

void Memo::finish(const std::string& key, const core::Error& error) {
  {
    std::lock_guard lock(mutex_);
    auto it = making_.find(key);
    if (it != making_.end()) {
      it->second->done = true;
      it->second->error = error;
      making_.erase(it);
    }
  }
  made_.notify_all();
}

Memo::Stats Memo::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{entries_.size(), bytes_, hits_, misses_};
}

}  // namespace pitwall::app
