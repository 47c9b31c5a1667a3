#pragma once
// The demo's CSV writer (see table_writer.hpp): cells formatted straight into one large byte
// buffer (no allocation per cell), text re-encoded to GB18030 when the file is, fields quoted
// only when they hold a comma, quote or line break, rows ended by CRLF as Excel writes them.
//
// A writer opened on a file hands its buffer every 4 MB to a thread of its own that writes it
// (started at the first 4 MB, so small files need none): formatting goes on while the kernel
// throttles the write, which on a slow disk is most of the time. An in-memory writer keeps its rows
// until append() moves them into another writer: rows of one batch can be formatted on several
// threads, each into its own in-memory writer, and appended to the file in order, so the bytes
// never depend on the timing. One writer is used by one thread at a time.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "demo/table_writer.hpp"
#include "demo/text_buffer.hpp"
#include "demo/text_format.hpp"

namespace pitwall::demo {

class CsvWriter final : public TableWriter {
 public:
  // A writer on a new file at `path` (a UTF-8 BOM first for kUtf8Bom). Errors: kIo.
  static core::Result<std::unique_ptr<CsvWriter>> open(const std::string& path,
                                                       FileEncoding encoding);
  // An in-memory writer (no BOM, no header) for append().
  explicit CsvWriter(FileEncoding encoding);
  ~CsvWriter() override;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void text(std::string_view utf8) override;
  void plain(std::string_view bytes) override {
    separate();
    buffer_ += bytes;
  }
  void number(double value) override;
  void integer(int64_t value) override;
  void money(int64_t fen, MoneyForm form) override;
  void time(int64_t local, TimeForm form) override;
  void empty() override { separate(); }
  int64_t end_row() override;
  core::Status close() override;
  int64_t rows() const override { return rows_; }
  uint64_t bytes() const override { return written_ + buffer_.size(); }

  // Moves the rows of in-memory writer `rows` (same encoding) to the end of this one.
  void append(CsvWriter& rows);

 private:
  CsvWriter(std::FILE* file, FileEncoding encoding);
  void separate() {
    if (!first_) buffer_ += ',';
    first_ = false;
  }
  void put_quoted(std::string_view s);
  void flush();

  class Background;

  std::FILE* file_ = nullptr;
  std::unique_ptr<Background> background_;  // the writing thread, once started
  FileEncoding encoding_;
  TextBuffer buffer_;
  TextBuffer scratch_, money_;
  bool first_ = true;
  int64_t rows_ = 0;
  uint64_t written_ = 0;
  Gb18030Encoder gb18030_;
  TimeFormatter times_;
};

}  // namespace pitwall::demo
