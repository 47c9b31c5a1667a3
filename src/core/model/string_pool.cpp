#include "core/model/string_pool.hpp"

#include <cstring>

#include "core/base/check.hpp"

namespace pitwall::core {

namespace {
uint64_t hash_bytes(std::string_view s) {
  // FNV-1a over 8-byte words then a final mix: fast and deterministic.
  uint64_t h = 0xcbf29ce484222325ULL ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

StringPool::StringPool() {
  offsets_.push_back(0);
  offsets_.push_back(0);  // id 0 = ""
  size_ = 1;
  refresh_pointers();
}
StringPool::~StringPool() = default;
StringPool::StringPool(StringPool&& o) noexcept { *this = std::move(o); }
StringPool& StringPool::operator=(StringPool&& o) noexcept {
  offsets_ = std::move(o.offsets_);
  bytes_ = std::move(o.bytes_);
  size_ = o.size_;
  owning_ = o.owning_;
  keep_alive_ = std::move(o.keep_alive_);
  index_ = std::move(o.index_);
  indexed_ = o.indexed_;
  if (owning_) {
    refresh_pointers();
  } else {
    offsets_data_ = o.offsets_data_;
    bytes_data_ = o.bytes_data_;
  }
  o.offsets_data_ = nullptr;
  o.bytes_data_ = nullptr;
  o.size_ = 0;
  return *this;
}

void StringPool::refresh_pointers() {
  offsets_data_ = offsets_.data();
  static const char kEmpty = 0;
  bytes_data_ = bytes_.empty() ? &kEmpty : bytes_.data();
}

StringPool StringPool::view_of(std::span<const uint64_t> offsets, std::string_view bytes,
                               std::shared_ptr<const void> keep_alive) {
  PW_CHECK(offsets.size() >= 2, "a pool holds at least the empty string");
  StringPool p;
  p.offsets_.clear();
  p.owning_ = false;
  p.offsets_data_ = offsets.data();
  p.bytes_data_ = bytes.data();
  p.size_ = static_cast<uint32_t>(offsets.size() - 1);
  p.keep_alive_ = std::move(keep_alive);
  return p;
}

void StringPool::grow_index() const {
  size_t want = 16;
  while (want < size_t{size_} * 2 + 2) want *= 2;
  if (index_.size() >= want) return;
  index_.assign(want, 0);
  indexed_ = 0;
  rebuild_index();
}

void StringPool::rebuild_index() const {
  size_t mask = index_.size() - 1;
  for (uint32_t id = indexed_; id < size_; ++id) {
    size_t slot = hash_bytes(view(id)) & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = id + 1;
  }
  indexed_ = size_;
}

uint32_t StringPool::find(std::string_view s) const {
  if (s.empty()) return 0;
  if (index_.empty() || indexed_ != size_) {
    if (index_.size() < size_t{size_} * 2 + 2) {
      grow_index();
    } else {
      rebuild_index();
    }
  }
  size_t mask = index_.size() - 1;
  size_t slot = hash_bytes(s) & mask;
  while (uint32_t entry = index_[slot]) {
    if (view(entry - 1) == s) return entry - 1;
    slot = (slot + 1) & mask;
  }
  return kMissing;
}

uint32_t StringPool::intern(std::string_view s) {
  PW_CHECK(owning_, "intern into a read-only pool");
  if (s.empty()) return 0;
  uint32_t found = find(s);
  if (found != kMissing) return found;
  bytes_.insert(bytes_.end(), s.begin(), s.end());
  offsets_.push_back(bytes_.size());
  uint32_t id = size_++;
  refresh_pointers();
  if (index_.size() < size_t{size_} * 2 + 2) {
    grow_index();
  } else {
    size_t mask = index_.size() - 1;
    size_t slot = hash_bytes(s) & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = id + 1;
    indexed_ = size_;
  }
  return id;
}

}  // namespace pitwall::core
