#pragma once
// StringPool: interned strings of one table, as dense uint32 ids (style.md "ids").
//
// Id 0 is always the empty string, so an empty cell is 0 in every text column. A pool either owns
// its bytes (built while importing or in tests) or views bytes owned elsewhere (a memory-mapped
// batch file); `view` works the same for both. Interning is not thread-safe.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace pitwall::core {

class StringPool {
 public:
  StringPool();
  ~StringPool();
  StringPool(StringPool&&) noexcept;
  StringPool& operator=(StringPool&&) noexcept;

  // A read-only pool over external storage: offsets has size()+1 entries into bytes. The first
  // `reloadable` strings (all unless given) are memory that can be dropped and read back from
  // where it came from (reloadable_offsets, reloadable_bytes): a pool spliced by concat_tables
  // has only its base part's strings mapped from files, the rest written after them.
  static StringPool view_of(std::span<const uint64_t> offsets, std::string_view bytes,
                            std::shared_ptr<const void> keep_alive,
                            std::optional<uint32_t> reloadable = std::nullopt);

  // An owning copy of `other` (same ids, same strings) with room for `more_strings` strings of
  // `more_bytes` bytes in all; its lookup index is built when first needed, so a copy that is
  // only read and appended to never hashes its strings.
  static StringPool copy_of(const StringPool& other, size_t more_strings = 0,
                            size_t more_bytes = 0);

  // Id of `s`, adding it if new. Only for owning pools.
  uint32_t intern(std::string_view s);
  // Adds `s` as a new id without looking it up: the caller knows `s` is not empty and not in the
  // pool yet (a merge that has already matched its strings). Only for owning pools.
  uint32_t append_new(std::string_view s);
  // Interns many strings at once: out[i] = intern(in[i]). Faster than one by one for large
  // batches: the index slots of strings ahead are prefetched while earlier ones are probed.
  void intern_batch(std::span<const std::string_view> in, std::span<uint32_t> out);
  // The same with hashes[i] == hash(in[i]) computed by the caller (on another thread, say).
  void intern_batch(std::span<const std::string_view> in, std::span<const uint64_t> hashes,
                    std::span<uint32_t> out);
  // The hash interning uses; deterministic, thread-safe.
  static uint64_t hash(std::string_view s);
  // Reserves room for `strings` more strings of `bytes` more bytes in all (owning pools), so
  // that a large import does not copy the pool each time it doubles. Memory reserved and not
  // used is never touched.
  void reserve(size_t strings, size_t bytes);
  // Sizes the lookup index for `strings` more strings at once instead of doubling it on the way
  // (each doubling writes a fresh index). Unlike reserve, room not used costs memory: callers
  // should rather estimate low.
  void reserve_lookup(size_t strings) { reserve_index(strings); }
  // The non-empty strings this pool shares with `small`, as (id here, id in small), by id here.
  // One pass over this pool without indexing it: a string is hashed and looked up in `small` only
  // when some string of `small` has its length. For matching a few strings against millions.
  std::vector<std::pair<uint32_t, uint32_t>> common_with(const StringPool& small) const;
  // Id of `s` if present; nullopt-like UINT32_MAX if not. Builds the lookup index on first use.
  uint32_t find(std::string_view s) const;
  static constexpr uint32_t kMissing = UINT32_MAX;

  std::string_view view(uint32_t id) const {
    return std::string_view(bytes_data_ + offsets_data_[id],
                            offsets_data_[id + 1] - offsets_data_[id]);
  }
  uint32_t size() const { return size_; }
  // Whether the pool views external storage (view_of) rather than owning its strings.
  bool is_view() const { return !owning_; }
  // The offsets and bytes of the reloadable strings of a view (see view_of); empty for an owning
  // pool, whose strings exist nowhere else.
  std::span<const uint64_t> reloadable_offsets() const;
  std::string_view reloadable_bytes() const;

  std::span<const uint64_t> offsets() const { return {offsets_data_, size_ + size_t{1}}; }
  std::string_view bytes() const { return {bytes_data_, offsets_data_[size_]}; }

 private:
  // Makes the index cover every id, growing it to keep the load at most 0.7.
  void ensure_index() const;
  void insert_into_index(uint32_t id, uint64_t hash) const;
  // Moves the indexed entries into an index of `slots` slots (a power of two).
  void resize_index(size_t slots) const;
  // Grows the index so that `more` new strings fit within the load limit.
  void reserve_index(uint64_t more);
  uint32_t intern_hashed(std::string_view s, uint64_t hash);
  void refresh_pointers();

  std::vector<uint64_t> offsets_;
  std::vector<char> bytes_;
  const uint64_t* offsets_data_ = nullptr;
  const char* bytes_data_ = nullptr;
  uint32_t size_ = 0;
  bool owning_ = true;
  std::shared_ptr<const void> keep_alive_;
  uint32_t reloadable_ = 0;  // views: the first strings that are mapped from files
  // Open addressing, linear probing. An entry is (upper 32 bits of the hash) << 32 | (id + 1);
  // 0 = empty. Keeping part of the hash in the entry avoids touching the bytes of strings that
  // merely share a slot, which is most of the cost of interning millions of values. The home
  // slot is the hash's top bits, which the entry keeps: growing the index moves entries
  // without hashing a string again, in (nearly) sequential order.
  mutable std::vector<uint64_t> index_;
  mutable unsigned shift_ = 64;  // home slot = hash >> shift_ (64 - log2 of the index size)
  mutable uint32_t indexed_ = 0;
};

}  // namespace pitwall::core
