#pragma once
// CsvRangeReader: the data rows of a CSV file that start inside one byte range, so that the
// ranges of a large file can be parsed on several threads (io/import/parallel_import.hpp).
//
// The file is opened first by open_csv_file (csv_reader.hpp), which reads the header and gives
// the CsvLayout. A reader then parses the rows that start in [begin, end), reading the file with
// pread (one descriptor may serve every thread); the last row may run past `end`. Rows, cells
// and errors are exactly those of the sequential reader, provided `begin` is where a row starts.
//
// Where a range after the first starts is not known before the range before it has been read: a
// line break inside a quoted field is not a row end. A reader started with RangeStart::kGuess
// begins at the first line start at or after `begin` and gives that position (`begin()`); the
// caller checks it against where the previous range ended (`position()`), and reads the range
// again from there when they differ. Line numbers are relative: the range's first line is 1; the
// caller adds the range's first line number minus one to rows and errors.
//
// A row that is not complete within max_row_bytes bytes of its start is an error, and reading
// goes on at the line after its first line (as for an unterminated quote at the end of the file).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "io/csv/csv_reader.hpp"
#include "io/csv/row_parser.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

enum class RangeStart : uint8_t { kExact, kGuess };

class CsvRangeReader {
 public:
  // `fd` is the open file; `header` names columns in encoding errors. Both must outlive the
  // reader.
  CsvRangeReader(int fd, const CsvLayout& layout, const CsvOptions& options,
                 const std::vector<std::string>& header, std::string display_name);

  // Starts on the rows that start in [begin, end). The text mode (csv_detail::TextMode) is the
  // one to read with; mode() gives it back after the range (it changes only while undecided).
  // Errors: kIo when the file cannot be read.
  core::Status start(size_t begin, size_t end, RangeStart how, uint8_t text_mode);
  // Reads the next row of the range; false at its end. Errors as TableSource::next, with
  // relative lines.
  core::Result<bool> next(SourceRow& row);

  // Where the range's first row starts; kNoStart when a guess found no line start before `end`.
  size_t begin() const { return begin_; }
  static constexpr size_t kNoStart = SIZE_MAX;
  // Where the row after the last one read starts (the next range's exact begin).
  size_t position() const { return buffer_offset_ + pos_; }
  // Line breaks read so far from begin().
  int64_t line_breaks() const { return lines_; }
  uint8_t mode() const { return static_cast<uint8_t>(parser_.mode()); }

 private:
  // Makes the buffer hold the file up to `until` (or the file's end); keeps what it holds.
  core::Status load_until(size_t until);
  // Ensures more bytes after the row at pos_ than now, within max_row_bytes of it; false when
  // the row may not grow (or the file has ended).
  core::Result<bool> load_more();
  bool at_eof() const { return buffer_offset_ + buffer_.size() >= layout_.file_size; }
  core::Status guess_begin(size_t nominal);
  core::Error recover_unterminated(std::string message);
  core::Status skip_line();
  core::Error encoding_error(const csv_detail::RowResult& r, int64_t line) const;
  core::Error located(std::string message, int64_t line) const;

  // Bytes of the file; growing keeps them, but new room is not zeroed (it is read into at once).
  class Buffer {
   public:
    char* data() { return bytes_.get(); }
    const char* data() const { return bytes_.get(); }
    size_t size() const { return size_; }
    void clear() { size_ = 0; }
    void resize(size_t n);

   private:
    std::unique_ptr<char[]> bytes_;
    size_t size_ = 0;
    size_t capacity_ = 0;
  };

  int fd_;
  CsvLayout layout_;
  CsvOptions options_;
  const std::vector<std::string>& header_;
  std::string name_;
  std::vector<char> buffer_;  // file bytes from buffer_offset_
  size_t buffer_offset_ = 0;
  size_t pos_ = 0;  // next row, in buffer_
  size_t end_ = 0;  // absolute end of the range
  size_t begin_ = 0;
  int64_t lines_ = 0;
  csv_detail::RowParser parser_{',', csv_detail::TextMode::kUtf8};
};

}  // namespace pitwall::io
