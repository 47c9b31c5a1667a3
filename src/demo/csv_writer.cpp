#include "demo/csv_writer.hpp"

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/base/check.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

constexpr size_t kFlushAt = 4 << 20;

// Byte classes: a field with kQuote bytes is quoted; kHigh bytes (non-ASCII UTF-8) must be
// re-encoded for a GB18030 file.
enum : uint8_t { kPlainByte = 0, kQuote = 1, kHigh = 2 };
constexpr std::array<uint8_t, 256> byte_classes() {
  std::array<uint8_t, 256> c{};
  c[','] = c['"'] = c['\r'] = c['\n'] = kQuote;
  for (int b = 0x80; b < 0x100; ++b) c[b] = kHigh;
  return c;
}
constexpr std::array<uint8_t, 256> kByteClass = byte_classes();

uint8_t classify(std::string_view s) {
  uint8_t seen = kPlainByte;
  for (char c : s) seen |= kByteClass[static_cast<unsigned char>(c)];
  return seen;
}

}  // namespace

// Writes full buffers to the file on its own thread, one at a time and in order. The writer
// waits only when it fills a buffer before the previous one is written.
class CsvWriter::Background {
 public:
  explicit Background(std::FILE* file) : file_(file), thread_([this] { run(); }) {}
  ~Background() { finish(); }

  // Takes the bytes of `buffer`, which gets back an empty buffer.
  void write(TextBuffer& buffer) {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return !has_pending_; });
    std::swap(pending_, buffer);
    has_pending_ = true;
    work_.notify_one();
  }
  // Waits for every write; false when one failed.
  bool finish() {
    {
      std::unique_lock lock(mutex_);
      idle_.wait(lock, [this] { return !has_pending_; });
      stop_ = true;
      work_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    return !failed_;
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_.wait(lock, [this] { return has_pending_ || stop_; });
      if (!has_pending_) return;
      lock.unlock();
      bool ok = std::fwrite(pending_.data(), 1, pending_.size(), file_) == pending_.size();
      ok = std::fflush(file_) == 0 && ok;
      write_behind(pending_.size());
      lock.lock();
      failed_ = failed_ || !ok;
      pending_.clear();
      has_pending_ = false;
      idle_.notify_one();
    }
  }

  // Write-behind (Linux): each chunk goes to the disk at once, and a chunk 32 MB behind is
  // waited for and dropped from the page cache. Gigabytes of demo files then do not pile up as
  // dirty pages the kernel throttles (on this machine plain buffered writes of 5 GB took 8 times
  // as long, most of it in the kernel); a later import reads them from the disk.
  void write_behind(size_t length) {
#ifdef __linux__
    int fd = fileno(file_);
    sync_file_range(fd, static_cast<off_t>(written_), static_cast<off_t>(length),
                    SYNC_FILE_RANGE_WRITE);
    written_ += length;
    if (written_ - dropped_ <= kBehind) return;
    uint64_t end = written_ - kBehind;
    auto from = static_cast<off_t>(dropped_), size = static_cast<off_t>(end - dropped_);
    sync_file_range(
        fd, from, size,
        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    posix_fadvise(fd, from, size, POSIX_FADV_DONTNEED);
    dropped_ = end;
#else
    (void)length;
#endif
  }

  static constexpr uint64_t kBehind = 32 << 20;
  std::FILE* file_;
  uint64_t written_ = 0, dropped_ = 0;  // bytes handed to the kernel; dropped from its cache
  std::mutex mutex_;
  std::condition_variable work_, idle_;
  TextBuffer pending_;
  bool has_pending_ = false, stop_ = false, failed_ = false;
  std::thread thread_;
};

core::Result<std::unique_ptr<CsvWriter>> CsvWriter::open(const std::string& path,
                                                         FileEncoding encoding) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return core::make_error(core::ErrorCode::kIo,
                            fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  return std::unique_ptr<CsvWriter>(new CsvWriter(file, encoding));
}

CsvWriter::CsvWriter(FileEncoding encoding) : encoding_(encoding) {}

CsvWriter::CsvWriter(std::FILE* file, FileEncoding encoding) : file_(file), encoding_(encoding) {
  buffer_.reserve_more(kFlushAt + 64 * 1024);
  if (encoding == FileEncoding::kUtf8Bom) buffer_ += "\xEF\xBB\xBF";
}

CsvWriter::~CsvWriter() {
  background_.reset();
  if (file_ != nullptr) std::fclose(file_);
}

void CsvWriter::text(std::string_view utf8) {
  separate();
  uint8_t seen = classify(utf8);
  if ((seen & kHigh) != 0 && encoding_ == FileEncoding::kGb18030) {
    if ((seen & kQuote) == 0) {
      gb18030_.append(buffer_, utf8);
      return;
    }
    scratch_.clear();
    gb18030_.append(scratch_, utf8);
    put_quoted(scratch_.view());
  } else if ((seen & kQuote) != 0) {
    put_quoted(utf8);
  } else {
    buffer_ += utf8;
  }
}

void CsvWriter::number(double value) {
  separate();
  char text[64];
  auto written = fmt::format_to_n(text, sizeof text - 1, "{}", value);
  buffer_ += std::string_view(text, written.size);
}

void CsvWriter::integer(int64_t value) {
  separate();
  append_int(buffer_, value);
}

void CsvWriter::money(int64_t fen, MoneyForm form) {
  if (form != MoneyForm::kPlain && form != MoneyForm::kGrouped) {
    money_.clear();
    append_money(money_, fen, form);
    text(money_.view());  // ¥, 元 or full-width digits: re-encoded like any text
    return;
  }
  separate();
  bool comma = form == MoneyForm::kGrouped && (fen >= 100'000 || fen <= -100'000);  // 1,280.00
  if (comma) buffer_ += '"';
  append_money(buffer_, fen, form);
  if (comma) buffer_ += '"';
}

void CsvWriter::time(int64_t local, TimeForm form) {
  separate();
  times_.append(buffer_, local, form);
}

int64_t CsvWriter::end_row() {
  buffer_ += "\r\n";
  first_ = true;
  if (file_ != nullptr && buffer_.size() >= kFlushAt) flush();
  return ++rows_;
}

core::Status CsvWriter::close() {
  PW_CHECK(file_ != nullptr, "closing an in-memory CSV writer");
  bool ok = true;
  if (background_ != nullptr) {
    background_->write(buffer_);
    ok = background_->finish();
    background_.reset();
  } else if (!buffer_.empty()) {
    ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
  }
  written_ += buffer_.size();
  buffer_.clear();
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok) return core::make_error(core::ErrorCode::kIo, "cannot write a demo file");
  return {};
}

void CsvWriter::append(CsvWriter& rows) {
  PW_CHECK(rows.file_ == nullptr && rows.encoding_ == encoding_ && rows.first_,
           "appending rows of another kind of writer");
  buffer_ += rows.buffer_;
  rows_ += rows.rows_;
  rows.buffer_.clear();
  rows.rows_ = 0;
  if (file_ != nullptr && buffer_.size() >= kFlushAt) flush();
}

void CsvWriter::put_quoted(std::string_view s) {
  buffer_ += '"';
  for (char c : s) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

void CsvWriter::flush() {
  if (buffer_.empty()) return;
  if (background_ == nullptr) background_ = std::make_unique<Background>(file_);
  written_ += buffer_.size();
  background_->write(buffer_);
}

}  // namespace pitwall::demo
