#include "core/model/string_pool.hpp"

#include <algorithm>
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
  reloadable_ = o.reloadable_;
  index_ = std::move(o.index_);
  indexed_ = o.indexed_;
  shift_ = o.shift_;
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
                               std::shared_ptr<const void> keep_alive,
                               std::optional<uint32_t> reloadable) {
  PW_CHECK(offsets.size() >= 2, "a pool holds at least the empty string");
  PW_CHECK(!reloadable || *reloadable < offsets.size(), "reloadable strings inside the pool");
  StringPool p;
  p.offsets_.clear();
  p.owning_ = false;
  p.offsets_data_ = offsets.data();
  p.bytes_data_ = bytes.data();
  p.size_ = static_cast<uint32_t>(offsets.size() - 1);
  p.keep_alive_ = std::move(keep_alive);
  p.reloadable_ = reloadable.value_or(p.size_);
  return p;
}

std::span<const uint64_t> StringPool::reloadable_offsets() const {
  if (owning_) return {};
  return {offsets_data_, size_t{reloadable_} + 1};
}

std::string_view StringPool::reloadable_bytes() const {
  if (owning_) return {};
  return {bytes_data_, offsets_data_[reloadable_]};
}

StringPool StringPool::copy_of(const StringPool& other, size_t more_strings, size_t more_bytes) {
  StringPool p;
  p.offsets_.reserve(size_t{other.size_} + 1 + more_strings);
  p.bytes_.reserve(other.bytes().size() + more_bytes);
  p.offsets_.assign(other.offsets_data_, other.offsets_data_ + other.size_ + 1);
  std::string_view bytes = other.bytes();
  p.bytes_.assign(bytes.begin(), bytes.end());
  p.size_ = other.size_;
  p.refresh_pointers();
  return p;
}

uint32_t StringPool::append_new(std::string_view s) {
  PW_CHECK(owning_, "append into a read-only pool");
  PW_CHECK(!s.empty(), "the empty string is id 0");
  bytes_.insert(bytes_.end(), s.begin(), s.end());
  offsets_.push_back(bytes_.size());
  refresh_pointers();
  return size_++;  // indexed later by ensure_index, like every id past indexed_
}

namespace {
constexpr uint64_t kTagMask = 0xFFFFFFFF00000000ULL;
}

uint64_t StringPool::hash(std::string_view s) { return hash_bytes(s); }

void StringPool::insert_into_index(uint32_t id, uint64_t hash) const {
  size_t mask = index_.size() - 1;
  size_t slot = hash >> shift_;
  while (index_[slot] != 0) slot = (slot + 1) & mask;
  index_[slot] = (hash & kTagMask) | (uint64_t{id} + 1);
}

void StringPool::resize_index(size_t slots) const {
  PW_CHECK(slots >= 16 && (slots & (slots - 1)) == 0 && slots <= (size_t{1} << 32),
           "index size is a power of two up to 2^32");
  std::vector<uint64_t> old = std::move(index_);
  index_.assign(slots, 0);
  shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots));
  size_t mask = slots - 1;
  // The tag holds the hash's top 32 bits, so it gives the new home slot; walking the old index
  // in order writes the new one almost in order.
  for (uint64_t entry : old) {
    if (entry == 0) continue;
    size_t slot = (entry & kTagMask) >> shift_;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = entry;
  }
}

void StringPool::ensure_index() const {
  // Grow when the load would pass 0.7 (10 x count > 7 x slots).
  if (index_.empty() || uint64_t{size_} * 10 > index_.size() * 7) {
    size_t want = 16;
    while (uint64_t{size_} * 10 > want * 7) want *= 2;
    resize_index(want);
  }
  for (uint32_t id = indexed_; id < size_; ++id) insert_into_index(id, hash_bytes(view(id)));
  indexed_ = size_;
}

uint32_t StringPool::find(std::string_view s) const {
  if (s.empty()) return 0;
  if (indexed_ != size_ || index_.empty()) ensure_index();
  uint64_t hash = hash_bytes(s);
  uint64_t tag = hash & kTagMask;
  size_t mask = index_.size() - 1;
  size_t slot = hash >> shift_;
  while (uint64_t entry = index_[slot]) {
    if ((entry & kTagMask) == tag) {
      uint32_t id = static_cast<uint32_t>(entry) - 1;
      if (view(id) == s) return id;
    }
    slot = (slot + 1) & mask;
  }
  return kMissing;
}

std::vector<std::pair<uint32_t, uint32_t>> StringPool::common_with(const StringPool& small) const {
  // Bit l: some string of `small` has length l (bit 63: 63 or more).
  auto bit = [](uint64_t length) { return uint64_t{1} << std::min<uint64_t>(length, 63); };
  uint64_t lengths = 0;
  for (uint32_t id = 1; id < small.size(); ++id) lengths |= bit(small.view(id).size());
  std::vector<std::pair<uint32_t, uint32_t>> common;
  if (lengths == 0) return common;
  const uint64_t* off = offsets_data_;
  for (uint32_t id = 1; id < size_; ++id) {
    if (!(lengths & bit(off[id + 1] - off[id]))) continue;
    uint32_t other = small.find(view(id));
    if (other != kMissing) common.emplace_back(id, other);
  }
  return common;
}

void StringPool::reserve_index(uint64_t more) {
  if (indexed_ != size_ || index_.empty()) ensure_index();
  size_t slots = index_.size();
  while ((uint64_t{size_} + more) * 10 > slots * 7) slots *= 2;
  if (slots != index_.size()) resize_index(slots);
}

void StringPool::reserve(size_t strings, size_t bytes) {
  PW_CHECK(owning_, "reserve in a read-only pool");
  offsets_.reserve(offsets_.size() + strings);
  bytes_.reserve(bytes_.size() + bytes);
  refresh_pointers();
}

uint32_t StringPool::intern_hashed(std::string_view s, uint64_t hash) {
  uint64_t tag = hash & kTagMask;
  size_t mask = index_.size() - 1;
  size_t slot = hash >> shift_;
  while (uint64_t entry = index_[slot]) {
    if ((entry & kTagMask) == tag) {
      uint32_t id = static_cast<uint32_t>(entry) - 1;
      if (view(id) == s) return id;
    }
    slot = (slot + 1) & mask;
  }
  bytes_.insert(bytes_.end(), s.begin(), s.end());
  offsets_.push_back(bytes_.size());
  uint32_t id = size_++;
  refresh_pointers();
  index_[slot] = tag | (uint64_t{id} + 1);
  indexed_ = size_;
  return id;
}

uint32_t StringPool::intern(std::string_view s) {
  PW_CHECK(owning_, "intern into a read-only pool");
  if (s.empty()) return 0;
  reserve_index(1);
  return intern_hashed(s, hash_bytes(s));
}

void StringPool::intern_batch(std::span<const std::string_view> in, std::span<uint32_t> out) {
  std::vector<uint64_t> hashes(in.size());
  for (size_t i = 0; i < in.size(); ++i) hashes[i] = hash_bytes(in[i]);
  intern_batch(in, hashes, out);
}

void StringPool::intern_batch(std::span<const std::string_view> in,
                              std::span<const uint64_t> hashes, std::span<uint32_t> out) {
  PW_CHECK(owning_, "intern into a read-only pool");
  PW_CHECK(in.size() == out.size() && in.size() == hashes.size(), "intern_batch sizes differ");
  reserve_index(in.size());
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < in.size(); ++i) {
    if (i + kAhead < in.size()) __builtin_prefetch(&index_[hashes[i + kAhead] >> shift_]);
    out[i] = in[i].empty() ? 0 : intern_hashed(in[i], hashes[i]);
  }
}

}  // namespace pitwall::core
