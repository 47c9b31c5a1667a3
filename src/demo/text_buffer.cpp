#include "demo/text_buffer.hpp"

#include <algorithm>

namespace pitwall::demo {

void TextBuffer::grow(size_t n) {
  size_t used = size();
  size_t capacity = static_cast<size_t>(limit_ - begin_.get());
  size_t wanted = std::max({capacity * 2, used + n, size_t{256}});
  std::unique_ptr<char[]> bigger(new char[wanted]);
  if (used > 0) std::memcpy(bigger.get(), begin_.get(), used);
  begin_ = std::move(bigger);
  end_ = begin_.get() + used;
  limit_ = begin_.get() + wanted;
}

}  // namespace pitwall::demo
