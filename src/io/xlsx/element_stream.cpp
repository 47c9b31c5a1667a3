#include "io/xlsx/element_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace pitwall::io::xlsx {

namespace {

constexpr size_t kMinBuffer = 4 * 1024;
constexpr size_t kMaxInitialBuffer = 256 * 1024;

bool is_name_end(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>';
}

std::string_view local_part(std::string_view qualified) {
  size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// Position of the '>' closing the tag that starts at `from`, skipping quoted attribute values;
// npos when the data ends first.
size_t find_tag_end(const char* data, size_t from, size_t end) {
  char quote = 0;
  for (size_t i = from; i < end; ++i) {
    char c = data[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

ElementStream::ElementStream(ZipArchive& zip, std::string part, std::string local_name,
                             size_t max_bytes)
    : zip_(&zip),
      part_(std::move(part)),
      local_name_(std::move(local_name)),
      max_element_bytes_(max_bytes),
      buffer_() {}

core::Result<ElementStream> ElementStream::open(ZipArchive& zip, std::string_view part,
                                                std::string local_name, size_t max_element_bytes) {
  TRY(zip.open_part(part));
  ElementStream stream(zip, std::string(part), std::move(local_name), max_element_bytes);
  stream.part_size_ = zip.open_part_size();
  // As large as the part says it is (small parts are common), within bounds; it grows as needed.
  stream.buffer_.resize(static_cast<size_t>(
      std::clamp<uint64_t>(stream.part_size_ + 1, kMinBuffer, kMaxInitialBuffer)));
  return stream;
}

double ElementStream::progress() const {
  if (at_eof_ && position_ >= end_) return 1.0;
  if (part_size_ == 0) return 0.0;
  double done = static_cast<double>(consumed_ + position_) / static_cast<double>(part_size_);
  return std::min(done, 1.0);
}

core::Result<bool> ElementStream::next(std::span<char>& element) {
  while (true) {
    if (scan(element) == Scan::kFound) return true;
    if (at_eof_) {
      if (inside_element_) {
        core::Error error = core::invalid_input(
            fmt::format("part {} ends inside a <{}> element", part_, local_name_));
        error.at_file(zip_->display_name());
        return error;
      }
      return false;
    }
    TRY(fill());
  }
}

// Moves the unscanned bytes to the front, grows the buffer when they fill more than half of it
// (so a long element is rescanned a logarithmic number of times), and reads until it is full.
core::Status ElementStream::fill() {
  size_t pending = end_ - position_;
  if (position_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + position_, pending);
    consumed_ += position_;
    position_ = 0;
    end_ = pending;
  }
  if (pending * 2 > buffer_.size()) {
    if (pending > max_element_bytes_) {
      core::Error error =
          core::invalid_input(fmt::format("part {} has a <{}> element longer than {} bytes", part_,
                                          local_name_, max_element_bytes_));
      error.at_file(zip_->display_name());
      return error;
    }
    buffer_.resize(buffer_.size() * 2);
  }
  while (end_ < buffer_.size()) {
    size_t n = TRY(zip_->read_some(buffer_.data() + end_, buffer_.size() - end_));
    if (n == 0) {
      at_eof_ = true;
      break;
    }
    end_ += n;
    inflated_ += n;
  }
  return {};
}

ElementStream::Scan ElementStream::skip_to(std::string_view terminator, size_t from) {
  std::string_view data(buffer_.data(), end_);
  size_t found = data.find(terminator, from);
  if (found == std::string_view::npos) return Scan::kNeedMore;
  position_ = found + terminator.size();
  return Scan::kFound;
}

bool ElementStream::matches_end_tag(const char* at) const {
  // `at` points just past "</" + qualified_name; whitespace may precede the '>'.
  const char* end = buffer_.data() + end_;
  while (at < end && (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n')) ++at;
  return at < end && *at == '>';
}

ElementStream::Scan ElementStream::scan(std::span<char>& element) {
  inside_element_ = false;
  const char* data = buffer_.data();
  while (true) {
    const void* lt =
        position_ < end_ ? std::memchr(data + position_, '<', end_ - position_) : nullptr;
    if (lt == nullptr) {
      position_ = end_;
      return Scan::kNeedMore;
    }
    position_ = static_cast<const char*>(lt) - data;
    std::string_view rest(data + position_, end_ - position_);
    if (rest.size() < 9 && !at_eof_) return Scan::kNeedMore;  // room to tell "<![CDATA[" apart
    Scan skipped = Scan::kFound;
    if (rest.starts_with("<!--")) {
      skipped = skip_to("-->", position_ + 4);
    } else if (rest.starts_with("<![CDATA[")) {
      skipped = skip_to("]]>", position_ + 9);
    } else if (rest.starts_with("<?")) {
      skipped = skip_to("?>", position_ + 2);
    } else if (rest.starts_with("<!") || rest.starts_with("</")) {
      skipped = skip_to(">", position_ + 2);
    } else {
      size_t name_end = position_ + 1;
      while (name_end < end_ && !is_name_end(data[name_end])) ++name_end;
      size_t tag_end = find_tag_end(data, name_end, end_);
      if (tag_end == std::string_view::npos) return Scan::kNeedMore;
      std::string_view name(data + position_ + 1, name_end - position_ - 1);
      if (local_part(name) != local_name_) {
        position_ = tag_end + 1;
        continue;
      }
      inside_element_ = true;
      size_t element_end = tag_end + 1;
      if (data[tag_end - 1] != '/') {
        std::string closing = fmt::format("</{}", name);
        std::string_view all(data, end_);
        size_t at = tag_end + 1;
        while (true) {
          at = all.find(closing, at);
          if (at == std::string_view::npos) return Scan::kNeedMore;
          at += closing.size();
          if (matches_end_tag(data + at)) break;
        }
        element_end = all.find('>', at) + 1;
      }
      element = std::span<char>(buffer_.data() + position_, element_end - position_);
      position_ = element_end;
      inside_element_ = false;
      return Scan::kFound;
    }
    if (skipped == Scan::kNeedMore) return Scan::kNeedMore;
  }
}

}  // namespace pitwall::io::xlsx
