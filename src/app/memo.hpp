#pragma once
// Memo: values derived from stored content that never changes once written (a stored run's
// parsed document, its orders arranged by store), kept in memory and shared by the threads of
// one process, so that the hundredth reader of a run does not parse it the hundredth time.
//
// A key names the content exactly (the run's blob, its number, its result digest, the time it
// was written), so an entry is never stale: a new run is a new key. The memo holds at most
// `budget` bytes (as each value's maker estimates them); past that the least recently used
// entries go. A value larger than the whole budget is computed and handed out, not kept.
//
// The server keeps one memo per workspace (Session::memo); the command line none: a command
// reads a run once.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/base/result.hpp"

namespace pitwall::app {

class Memo {
 public:
  explicit Memo(size_t budget_bytes) : budget_(budget_bytes) {}
  Memo(const Memo&) = delete;
  Memo& operator=(const Memo&) = delete;

  // A value of type T and its estimated size in bytes.
  template <typename T>
  struct Made {
    std::shared_ptr<const T> value;
    size_t bytes = 0;
  };

  // The value kept under `key`, or what `make` returns (kept when it fits). `key` must name the
  // type as well as the content (two types never share a key). Threads asking for a key that
  // another thread is making wait for it and share its value (or its error): a hundred readers
  // arriving at once make a run's value once. `make` must not ask the memo for anything.
  template <typename T>
  core::Result<std::shared_ptr<const T>> get(const std::string& key,
                                             const std::function<core::Result<Made<T>>()>& make) {
    Claim c = find_or_claim(key);
    if (c.found) return std::static_pointer_cast<const T>(c.found);
    if (c.other) {  // another thread is making it: its value, or its error
      auto shared = wait_for(*c.other);
      if (!shared) return shared.error();
      return std::static_pointer_cast<const T>(*shared);
    }
    std::optional<core::Result<Made<T>>> result;
    try {
      result.emplace(make());
    } catch (...) {  // (out of memory) the waiting threads must not wait forever
      finish(key, core::make_error(core::ErrorCode::kInternal, "memo: making a value failed"));
      throw;
    }
    auto& made = *result;
    if (!made) {
      finish(key, made.error());
      return made.error();
    }
    finish(key, made->value, made->bytes);
    return made->value;
  }

  // What the memo holds now (for /metrics and tests).
  struct Stats {
    size_t entries = 0, bytes = 0;
    uint64_t hits = 0, misses = 0;
  };
  Stats stats() const;

 private:
  // A value being made: what the threads waiting for it get.
  struct Making {
    bool done = false;
    std::shared_ptr<const void> value;
    std::optional<core::Error> error;
  };
  // What is kept under `key` (found); else what another thread is making (other); else neither,
  // and the caller has claimed the key and must finish() it.
  struct Claim {
    std::shared_ptr<const void> found;
    std::shared_ptr<Making> other;
  };
  Claim find_or_claim(const std::string& key);
  // The value `m` will hold once its maker finished (its error if it failed).
  core::Result<std::shared_ptr<const void>> wait_for(Making& m);
  // The claimant's value (kept when it fits) or error, handed to the threads waiting for it.
  void finish(const std::string& key, std::shared_ptr<const void> value, size_t bytes);
  void finish(const std::string& key, const core::Error& error);

  struct Entry {
    std::string key;
    std::shared_ptr<const void> value;
    size_t bytes = 0;
  };
  size_t budget_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::shared_ptr<Making>> making_;
  std::condition_variable made_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace pitwall::app
