#include "io/csv/csv_range_reader.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace pitwall::io {

namespace {

using csv_detail::RowEnd;
using csv_detail::RowResult;
using csv_detail::TextMode;

// Bytes read past a range's end up front: the last row usually ends within them.
constexpr size_t kSlack = size_t{64} << 10;

}  // namespace

void CsvRangeReader::Buffer::resize(size_t n) {
  if (n > capacity_) {
    size_t capacity = std::max(n, capacity_ + capacity_ / 2);
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_ > 0) std::memcpy(bigger.get(), bytes_.get(), size_);
    bytes_ = std::move(bigger);
    capacity_ = capacity;
  }
  size_ = n;
}

CsvRangeReader::CsvRangeReader(int fd, const CsvLayout& layout, const CsvOptions& options,
                               const std::vector<std::string>& header, std::string display_name)
    : fd_(fd),
      layout_(layout),
      options_(options),
      header_(header),
      name_(std::move(display_name)) {}

core::Status CsvRangeReader::start(size_t begin, size_t end, RangeStart how, uint8_t text_mode) {
  parser_ = csv_detail::RowParser(layout_.separator, static_cast<TextMode>(text_mode));
  lines_ = 0;
  end_ = end;
  buffer_.clear();
  pos_ = 0;
  if (how == RangeStart::kExact) {
    buffer_offset_ = begin;
    begin_ = begin;
    return load_until(end + kSlack);
  }
  PW_CHECK(begin > layout_.data_begin, "a guessed range follows the first one");
  return guess_begin(begin);
}

// The first line start in [nominal, end_): a position just after '\n', or after '\r' that no
// '\n' follows.
core::Status CsvRangeReader::guess_begin(size_t nominal) {
  buffer_offset_ = nominal - 1;
  TRY(load_until(end_ + kSlack));
  const char* data = buffer_.data();
  size_t size = buffer_.size();
  size_t limit = std::min(end_, layout_.file_size) - buffer_offset_;
  for (size_t i = 1; i < limit; ++i) {
    char before = data[i - 1];
    if (before == '\n' || (before == '\r' && (i < size ? data[i] != '\n' : at_eof()))) {
      begin_ = buffer_offset_ + i;
      pos_ = i;
      return {};
    }
  }
  begin_ = kNoStart;
  pos_ = size;
  return {};
}

core::Status CsvRangeReader::load_until(size_t until) {
  until = std::min(until, layout_.file_size);
  size_t have = buffer_offset_ + buffer_.size();
  if (until <= have) return {};
  size_t old = buffer_.size();
  buffer_.resize(until - buffer_offset_);
  while (old < buffer_.size()) {
    ssize_t got = ::pread(fd_, buffer_.data() + old, buffer_.size() - old,
                          static_cast<off_t>(buffer_offset_ + old));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      auto e = core::make_error(
          core::ErrorCode::kIo,
          fmt::format("cannot read ({})", got < 0 ? std::strerror(errno) : "the file shrank"));
      e.at_file(name_);
      return e;
    }
    old += static_cast<size_t>(got);
  }
  return {};
}

core::Result<bool> CsvRangeReader::load_more() {
  if (at_eof()) return false;
  size_t have = buffer_.size() - pos_;
  size_t limit = options_.max_row_bytes + 1;
  if (have >= limit) return false;
  size_t want = std::min(limit, std::max(have * 2, kSlack));
  TRY(load_until(buffer_offset_ + pos_ + want));
  return true;
}

core::Result<bool> CsvRangeReader::next(SourceRow& row) {
  if (begin_ == kNoStart) return false;
  while (true) {
    if (position() >= end_ || position() >= layout_.file_size) return false;
    if (pos_ == buffer_.size()) TRY(load_until(position() + kSlack));
    RowResult r = parser_.parse(buffer_.data(), pos_, buffer_.size(), at_eof(), row.cells);
    if (r.end == RowEnd::kNeedMore) {
      if (TRY(load_more())) continue;
      return recover_unterminated(
          fmt::format("a row longer than {} bytes starts here (is a quote not closed?)",
                      options_.max_row_bytes));
    }
    if (r.end == RowEnd::kUnterminated) {
      return recover_unterminated(
          "a quoted field starting on this line is not closed before the end of the file");
    }
    int64_t line = lines_ + 1;
    lines_ += r.line_breaks;
    pos_ = r.next;
    if (r.bad_column >= 0) return encoding_error(r, line);
    if (r.blank) continue;
    row.line = line;
    row.kinds.assign(row.cells.size(), CellKind::kText);
    return true;
  }
}

core::Error CsvRangeReader::located(std::string message, int64_t line) const {
  core::Error error = core::invalid_input(std::move(message));
  error.at_file(name_).at_line(line);
  return error;
}

core::Error CsvRangeReader::encoding_error(const RowResult& r, int64_t line) const {
  bool gb18030 = parser_.mode() == TextMode::kGb18030;
  std::string_view encoding = gb18030 ? "GB18030" : "UTF-8";
  std::string hint = gb18030 ? "" : " (if the file was saved as GBK, give --encoding gb18030)";
  core::Error error =
      located(fmt::format("bytes {} are not valid {}{}", r.bad_bytes, encoding, hint), line);
  error.key = hint.empty() ? "io.bad_bytes" : "io.bad_bytes_utf8";
  error.args = {{std::string(r.bad_bytes)}, {std::string(encoding)}};
  size_t column = static_cast<size_t>(r.bad_column);
  error.at_column(column < header_.size() ? header_[column] : fmt::format("column {}", column + 1));
  return error;
}

core::Error CsvRangeReader::recover_unterminated(std::string message) {
  core::Error error = located(std::move(message), lines_ + 1);
  core::Status skipped = skip_line();
  if (!skipped.has_value()) return skipped.release_error();
  return error;
}

// Moves past the first line break after pos_ (or to the end of the file).
core::Status CsvRangeReader::skip_line() {
  while (true) {
    const char* p = buffer_.data() + pos_;
    const char* e = buffer_.data() + buffer_.size();
    const char* lf = static_cast<const char*>(std::memchr(p, '\n', e - p));
    const char* cr = static_cast<const char*>(std::memchr(p, '\r', (lf ? lf : e) - p));
    const char* brk = cr ? cr : lf;
    bool need_more = brk == nullptr || (*brk == '\r' && brk + 1 == e);
    if (need_more && !at_eof()) {
      size_t have = buffer_.size() - pos_;
      TRY(load_until(buffer_offset_ + pos_ + std::max(have * 2, kSlack)));
      continue;
    }
    if (brk == nullptr) {
      pos_ = buffer_.size();
      return {};
    }
    bool crlf = *brk == '\r' && brk + 1 < e && brk[1] == '\n';
    pos_ = static_cast<size_t>(brk - buffer_.data()) + (crlf ? 2 : 1);
    ++lines_;
    return {};
  }
}

}  // namespace pitwall::io
