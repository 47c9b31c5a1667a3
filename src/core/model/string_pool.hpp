#pragma once
// StringPool: interned strings of one table, as dense uint32 ids (style.md "ids").
//
// Id 0 is always the empty string, so an empty cell is 0 in every text column. A pool either owns
// its bytes (built while importing or in tests) or views bytes owned elsewhere (a memory-mapped
// batch file); `view` works the same for both. Interning is not thread-safe.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace pitwall::core {

class StringPool {
 public:
  StringPool();
  ~StringPool();
  StringPool(StringPool&&) noexcept;
  StringPool& operator=(StringPool&&) noexcept;

  // A read-only pool over external storage: offsets has size()+1 entries into bytes.
  static StringPool view_of(std::span<const uint64_t> offsets, std::string_view bytes,
                            std::shared_ptr<const void> keep_alive);

  // Id of `s`, adding it if new. Only for owning pools.
  uint32_t intern(std::string_view s);
  // Id of `s` if present; nullopt-like UINT32_MAX if not. Builds the lookup index on first use.
  uint32_t find(std::string_view s) const;
  static constexpr uint32_t kMissing = UINT32_MAX;

  std::string_view view(uint32_t id) const {
    return std::string_view(bytes_data_ + offsets_data_[id],
                            offsets_data_[id + 1] - offsets_data_[id]);
  }
  uint32_t size() const { return size_; }

  std::span<const uint64_t> offsets() const { return {offsets_data_, size_ + size_t{1}}; }
  std::string_view bytes() const { return {bytes_data_, offsets_data_[size_]}; }

 private:
  void rebuild_index() const;
  void grow_index() const;
  void refresh_pointers();

  std::vector<uint64_t> offsets_;
  std::vector<char> bytes_;
  const uint64_t* offsets_data_ = nullptr;
  const char* bytes_data_ = nullptr;
  uint32_t size_ = 0;
  bool owning_ = true;
  std::shared_ptr<const void> keep_alive_;
  mutable std::vector<uint32_t> index_;  // open addressing: id+1, 0 = empty
  mutable uint32_t indexed_ = 0;
};

}  // namespace pitwall::core
