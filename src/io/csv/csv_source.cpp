// CsvSource: the TableSource over CSV bytes, in memory or read from a file in chunks.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "io/csv/csv_reader.hpp"
#include "io/csv/row_parser.hpp"
#include "io/encoding/encoding.hpp"

namespace pitwall::io {

namespace {

using csv_detail::RowEnd;
using csv_detail::RowParser;
using csv_detail::RowResult;
using csv_detail::TextMode;

// Header cells are trimmed of ASCII whitespace and of U+3000, U+00A0 and U+FEFF.
std::string_view trim_header_cell(std::string_view s) {
  static constexpr std::string_view kWide[] = {"\xE3\x80\x80", "\xC2\xA0", "\xEF\xBB\xBF"};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (s.front() == ' ' || s.front() == '\t') {
      s.remove_prefix(1);
      changed = true;
    }
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
      s.remove_suffix(1);
      changed = true;
    }
    for (std::string_view w : kWide) {
      if (s.starts_with(w)) {
        s.remove_prefix(w.size());
        changed = true;
      }
      if (s.ends_with(w)) {
        s.remove_suffix(w.size());
        changed = true;
      }
    }
  }
  return s;
}

class CsvSource final : public TableSource {
 public:
  CsvSource(std::string display_name, const CsvOptions& options)
      : name_(std::move(display_name)), options_(options) {}
  ~CsvSource() override {
    if (fd_ >= 0) ::close(fd_);
  }

  core::Status open_bytes(std::string_view bytes) {
    data_ = bytes.data();
    end_ = bytes.size();
    total_bytes_ = bytes.size();
    eof_ = true;
    return start(bytes.substr(0, kDetectionSampleBytes), bytes.size() <= kDetectionSampleBytes);
  }

  core::Status open_file(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return io_error("cannot open");
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return io_error("cannot stat");
    total_bytes_ = static_cast<size_t>(st.st_size);
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    std::string sample(std::min(kDetectionSampleBytes, total_bytes_), '\0');
    ssize_t got = ::pread(fd_, sample.data(), sample.size(), 0);
    if (got < 0) return io_error("cannot read");
    sample.resize(static_cast<size_t>(got));
    storage_.resize(std::max<size_t>(options_.chunk_bytes, 16));
    data_ = storage_.data();
    return start(sample, sample.size() >= total_bytes_);
  }

  CsvLayout layout() const {
    CsvLayout l;
    l.data_begin = consumed_before_ + pos_;
    l.data_line = line_;
    l.file_size = total_bytes_;
    l.separator = parser_.separator();
    l.text_mode = static_cast<uint8_t>(parser_.mode());
    return l;
  }

  const std::vector<std::string>& header() const override { return header_; }
  int64_t header_line() const override { return header_line_; }
  double progress() const override {
    if (total_bytes_ == 0) return 1.0;
    return static_cast<double>(consumed_before_ + pos_) / static_cast<double>(total_bytes_);
  }
  std::string_view encoding_name() const override {
    return parser_.mode() == TextMode::kGb18030 ? "gb18030" : "utf-8";
  }

  core::Result<bool> next(SourceRow& row) override {
    while (true) {
      if (pos_ == end_) {
        if (eof_) return false;
        TRY(refill());
        continue;
      }
      RowResult r = parser_.parse(data_, pos_, end_, eof_, row.cells);
      if (r.end == RowEnd::kNeedMore) {
        if (end_ - pos_ > options_.max_row_bytes) {
          return recover_unterminated(
              fmt::format("a row longer than {} bytes starts here (is a quote not closed?)",
                          options_.max_row_bytes));
        }
        TRY(refill());
        continue;
      }
      if (r.end == RowEnd::kUnterminated) {
        return recover_unterminated(
            "a quoted field starting on this line is not closed before the end of the file");
      }
      int64_t line = line_;
      line_ += r.line_breaks;
      pos_ = r.next;
      if (r.bad_column >= 0) return encoding_error(r, line);
      if (r.blank) continue;
      row.line = line;
      row.kinds.assign(row.cells.size(), CellKind::kText);
      return true;
    }
  }

 private:
  core::Error io_error(const char* what) {
    return core::make_error(core::ErrorCode::kIo, fmt::format("{}: {}", what, std::strerror(errno)))
        .at_file(name_);
  }

  core::Error located(std::string message, int64_t line) {
    core::Error error = core::invalid_input(std::move(message));
    error.at_file(name_).at_line(line);
    return error;
  }

  core::Status start(std::string_view sample, bool whole_file) {
    if (sample.starts_with("PK\x03\x04")) {
      return located("this is a ZIP file (an XLSX workbook?), not CSV text", 0);
    }
    if (sample.starts_with("\xFF\xFE") || sample.starts_with("\xFE\xFF")) {
      return located("UTF-16 text is not supported (save the file as UTF-8 or GBK CSV)", 0);
    }
    size_t bom = 0;
    TextMode mode = TextMode::kUtf8;
    if (options_.encoding == Encoding::kAuto) {
      DetectedEncoding detected = detect_encoding(sample, whole_file);
      bom = detected.bom_size;
      mode = detected.ascii_only                       ? TextMode::kAsciiSoFar
             : detected.encoding == Encoding::kGb18030 ? TextMode::kGb18030
                                                       : TextMode::kUtf8;
    } else {
      bom = bom_size(sample, options_.encoding);
      mode = options_.encoding == Encoding::kGb18030 ? TextMode::kGb18030 : TextMode::kUtf8;
    }
    if (fd_ >= 0) {
      if (::lseek(fd_, static_cast<off_t>(bom), SEEK_SET) < 0) return io_error("cannot seek");
      consumed_before_ = bom;
    } else {
      pos_ = bom;
    }
    char separator = options_.separator;
    if (separator == 0) separator = TRY(find_separator());
    parser_ = RowParser(separator, mode);
    return read_header();
  }

  core::Result<char> find_separator() {
    while (true) {
      bool complete = false;
      char separator = detect_separator(std::string_view(data_ + pos_, end_ - pos_), complete);
      if (complete || eof_ || end_ - pos_ > options_.max_row_bytes) return separator;
      TRY(refill());
    }
  }

  core::Status read_header() {
    SourceRow row;
    while (true) {
      auto got = next(row);
      if (!got.has_value()) return got.release_error();
      if (!*got) return located("the file is empty (expected a header row)", 0);
      break;
    }
    header_line_ = row.line;
    header_.reserve(row.cells.size());
    for (std::string_view cell : row.cells) header_.emplace_back(trim_header_cell(cell));
    return {};
  }

  // Moves the unread bytes to the front of the buffer (growing it when they fill it) and reads
  // more after them.
  core::Status refill() {
    if (eof_) return {};
    if (pos_ > 0) {
      std::memmove(storage_.data(), storage_.data() + pos_, end_ - pos_);
      consumed_before_ += pos_;
      end_ -= pos_;
      pos_ = 0;
    }
    if (end_ == storage_.size()) storage_.resize(storage_.size() * 2);
    data_ = storage_.data();
    while (end_ < storage_.size()) {
      ssize_t got = ::read(fd_, storage_.data() + end_, storage_.size() - end_);
      if (got < 0) {
        if (errno == EINTR) continue;
        return io_error("cannot read");
      }
      if (got == 0) {
        eof_ = true;
        break;
      }
      end_ += static_cast<size_t>(got);
    }
    return {};
  }

  core::Error encoding_error(const RowResult& r, int64_t line) {
    std::string_view encoding = parser_.mode() == TextMode::kGb18030 ? "GB18030" : "UTF-8";
    std::string hint = parser_.mode() == TextMode::kGb18030
                           ? ""
                           : " (if the file was saved as GBK, give --encoding gb18030)";
    core::Error error =
        located(fmt::format("bytes {} are not valid {}{}", r.bad_bytes, encoding, hint), line);
    error.key = hint.empty() ? "io.bad_bytes" : "io.bad_bytes_utf8";
    error.args = {{std::string(r.bad_bytes)}, {std::string(encoding)}};
    size_t column = static_cast<size_t>(r.bad_column);
    error.at_column(column < header_.size() ? header_[column]
                                            : fmt::format("column {}", column + 1));
    return error;
  }

  // An unterminated quoted field: its first line is the error; reading goes on at the line after.
  core::Error recover_unterminated(std::string message) {
    core::Error error = located(std::move(message), line_);
    core::Status skipped = skip_line();
    if (!skipped.has_value()) return skipped.release_error();
    return error;
  }

  core::Status skip_line() {
    while (true) {
      const char* p = data_ + pos_;
      const char* e = data_ + end_;
      const char* lf = static_cast<const char*>(std::memchr(p, '\n', e - p));
      const char* cr = static_cast<const char*>(std::memchr(p, '\r', (lf ? lf : e) - p));
      const char* brk = cr ? cr : lf;
      if (brk == nullptr) {
        pos_ = end_;
        if (eof_) return {};
        TRY(refill());
        continue;
      }
      if (*brk == '\r' && brk + 1 == e && !eof_) {
        pos_ = static_cast<size_t>(brk - data_);
        TRY(refill());
        continue;
      }
      bool crlf = *brk == '\r' && brk + 1 < e && brk[1] == '\n';
      pos_ = static_cast<size_t>(brk - data_) + (crlf ? 2 : 1);
      ++line_;
      return {};
    }
  }

  std::string name_;
  CsvOptions options_;
  int fd_ = -1;
  std::string storage_;  // file buffer (unused for bytes in memory)
  const char* data_ = nullptr;
  size_t pos_ = 0;    // start of the next row in data_
  size_t end_ = 0;    // end of the bytes in data_
  bool eof_ = false;  // nothing follows data_[end_ - 1]
  size_t total_bytes_ = 0;
  size_t consumed_before_ = 0;  // file bytes before data_[0]
  int64_t line_ = 1;
  RowParser parser_{',', TextMode::kUtf8};
  std::vector<std::string> header_;
  int64_t header_line_ = 0;
};

}  // namespace

char detect_separator(std::string_view bytes, bool& complete) {
  size_t counts[3] = {0, 0, 0};  // ',', '\t', ';'
  bool quoted = false;
  bool started = false;
  complete = false;
  for (char c : bytes) {
    if (!started && (c == '\n' || c == '\r')) continue;  // blank lines before the header
    started = true;
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      complete = true;
      break;
    } else if (!quoted) {
      counts[0] += c == ',';
      counts[1] += c == '\t';
      counts[2] += c == ';';
    }
  }
  static constexpr char kSeparators[] = {',', '\t', ';'};
  int best = 0;
  for (int i = 1; i < 3; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kSeparators[best];
}

core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path,
                                                         const CsvOptions& options,
                                                         std::string display_name) {
  auto source = std::make_unique<CsvSource>(std::move(display_name), options);
  TRY(source->open_file(path));
  return std::unique_ptr<TableSource>(std::move(source));
}

core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path,
                                                         const CsvOptions& options,
                                                         std::string display_name,
                                                         CsvLayout& layout) {
  auto source = std::make_unique<CsvSource>(std::move(display_name), options);
  TRY(source->open_file(path));
  layout = source->layout();
  return std::unique_ptr<TableSource>(std::move(source));
}

core::Result<std::unique_ptr<TableSource>> open_csv_bytes(std::string_view bytes,
                                                          const CsvOptions& options,
                                                          std::string display_name) {
  auto source = std::make_unique<CsvSource>(std::move(display_name), options);
  TRY(source->open_bytes(bytes));
  return std::unique_ptr<TableSource>(std::move(source));
}

core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path, Encoding encoding,
                                                         std::string display_name) {
  CsvOptions options;
  options.encoding = encoding;
  return open_csv_file(path, options, std::move(display_name));
}

core::Result<std::unique_ptr<TableSource>> open_csv_bytes(std::string_view bytes, Encoding encoding,
                                                          std::string display_name) {
  CsvOptions options;
  options.encoding = encoding;
  return open_csv_bytes(bytes, options, std::move(display_name));
}

}  // namespace pitwall::io
