#pragma once
// TextBuffer: the growable byte buffer the demo's writers format rows into. Every append is
// inline (std::string's are calls into the library, and a row is built from some hundred small
// appends); growth is geometric and out of line. Cleared buffers keep their memory, so a writer
// that reuses one allocates nothing per row.

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace pitwall::demo {

class TextBuffer {
 public:
  TextBuffer() = default;
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;
  TextBuffer(TextBuffer&& other) noexcept { *this = std::move(other); }
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    begin_ = std::move(other.begin_);
    end_ = std::exchange(other.end_, nullptr);
    limit_ = std::exchange(other.limit_, nullptr);
    return *this;
  }

  const char* data() const { return begin_.get(); }
  size_t size() const { return static_cast<size_t>(end_ - begin_.get()); }
  bool empty() const { return end_ == begin_.get(); }
  std::string_view view() const { return {begin_.get(), size()}; }
  std::string str() const { return std::string(view()); }
  void clear() { end_ = begin_.get(); }
  void truncate(size_t n) { end_ = begin_.get() + (n < size() ? n : size()); }
  // Makes room for `n` more bytes without moving again.
  void reserve_more(size_t n) {
    if (static_cast<size_t>(limit_ - end_) < n) grow(n);
  }

  TextBuffer& operator+=(char c) {
    if (end_ == limit_) grow(1);
    *end_++ = c;
    return *this;
  }
  TextBuffer& operator+=(std::string_view s) {
    reserve_more(s.size());
    if (!s.empty()) std::memcpy(end_, s.data(), s.size());
    end_ += s.size();
    return *this;
  }
  TextBuffer& operator+=(const TextBuffer& other) { return *this += other.view(); }
  // Room for `n` bytes written through the returned pointer, then commit(pointer past them).
  char* claim(size_t n) {
    reserve_more(n);
    return end_;
  }
  void commit(char* new_end) { end_ = new_end; }

 private:
  void grow(size_t n);

  std::unique_ptr<char[]> begin_;
  char* end_ = nullptr;
  char* limit_ = nullptr;
};

}  // namespace pitwall::demo
