#include "demo/table_writer.hpp"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "fmt/format.h"

namespace pitwall::demo {

namespace {

class CsvWriter final : public TableWriter {
 public:
  CsvWriter(FILE* file, FileEncoding encoding) : file_(file), encoding_(encoding) {
    buffer_.reserve(kFlushAt + 64 * 1024);
    if (encoding == FileEncoding::kUtf8Bom) buffer_ += "\xEF\xBB\xBF";
  }
  ~CsvWriter() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  void text(std::string_view utf8) override {
    separate();
    bool quote = needs_quotes(utf8);
    if (encoding_ != FileEncoding::kGb18030) {
      if (quote) {
        put_quoted(utf8);
      } else {
        buffer_.append(utf8);
      }
    } else if (!quote) {
      gb18030_.append(buffer_, utf8);
    } else {
      scratch_.clear();
      gb18030_.append(scratch_, utf8);
      put_quoted(scratch_);
    }
  }
  void number(double value) override {
    separate();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
  }
  void integer(int64_t value) override {
    separate();
    append_int(buffer_, value);
  }
  void money(int64_t fen, MoneyForm form) override {
    if (form == MoneyForm::kPlain) {
      separate();
      append_money(buffer_, fen, form);
      return;
    }
    money_.clear();
    append_money(money_, fen, form);
    text(money_);
  }
  void time(int64_t local, TimeForm form) override {
    separate();
    append_time(buffer_, local, form);
  }
  void empty() override { separate(); }
  int64_t end_row() override {
    buffer_ += "\r\n";
    first_ = true;
    if (buffer_.size() >= kFlushAt) flush();
    return ++rows_;
  }
  core::Status close() override {
    flush();
    bool bad = failed_ || std::fclose(file_) != 0;
    file_ = nullptr;
    if (bad) return core::make_error(core::ErrorCode::kIo, "cannot write a demo file");
    return {};
  }
  int64_t rows() const override { return rows_; }
  uint64_t bytes() const override { return written_ + buffer_.size(); }

 private:
  static constexpr size_t kFlushAt = 4 << 20;

  static bool needs_quotes(std::string_view s) {
    for (char c : s) {
      if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
  }
  void separate() {
    if (!first_) buffer_ += ',';
    first_ = false;
  }
  void put_quoted(std::string_view s) {
    buffer_ += '"';
    for (char c : s) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }
  void flush() {
    if (buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
    written_ += buffer_.size();
    buffer_.clear();
  }

  FILE* file_;
  FileEncoding encoding_;
  std::string buffer_;
  std::string scratch_, money_;
  bool first_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;
  uint64_t written_ = 0;
  Gb18030Encoder gb18030_;
};

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(lxw_workbook* book, lxw_worksheet* sheet) : book_(book), sheet_(sheet) {
    money_ = workbook_add_format(book_);
    format_set_num_format(money_, "#,##0.00");
    time_ = workbook_add_format(book_);
    format_set_num_format(time_, "yyyy-mm-dd hh:mm:ss");
  }
  ~XlsxWriter() override {
    if (book_ != nullptr) workbook_close(book_);
  }
  void text(std::string_view utf8) override {
    cell_.assign(utf8);
    check(worksheet_write_string(sheet_, row_, col_++, cell_.c_str(), nullptr));
  }
  void number(double value) override {
    check(worksheet_write_number(sheet_, row_, col_++, value, nullptr));
  }
  void integer(int64_t value) override {
    check(worksheet_write_number(sheet_, row_, col_++, static_cast<double>(value), nullptr));
  }
  void money(int64_t fen, MoneyForm) override {
    check(worksheet_write_number(sheet_, row_, col_++, static_cast<double>(fen) / 100.0, money_));
  }
  void time(int64_t local, TimeForm) override {
    double serial = static_cast<double>(local) / 86400.0 + 25569.0;
    check(worksheet_write_number(sheet_, row_, col_++, serial, time_));
  }
  void empty() override { ++col_; }
  int64_t end_row() override {
    ++row_;
    col_ = 0;
    return row_;
  }
  core::Status close() override {
    lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR || failed_) {
      return core::make_error(core::ErrorCode::kIo,
                              fmt::format("cannot write a workbook: {}", lxw_strerror(e)));
    }
    return {};
  }
  int64_t rows() const override { return row_; }
  uint64_t bytes() const override { return 0; }

 private:
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) failed_ = true;
  }
  lxw_workbook* book_;
  lxw_worksheet* sheet_;
  lxw_format* money_ = nullptr;
  lxw_format* time_ = nullptr;
  std::string cell_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
  bool failed_ = false;
};

}  // namespace

core::Result<std::unique_ptr<TableWriter>> open_csv_writer(const std::string& path,
                                                           FileEncoding encoding) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return core::make_error(core::ErrorCode::kIo,
                            fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  return std::unique_ptr<TableWriter>(new CsvWriter(file, encoding));
}

core::Result<std::unique_ptr<TableWriter>> open_xlsx_writer(const std::string& path,
                                                            const std::string& sheet) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) {
    return core::make_error(core::ErrorCode::kIo, fmt::format("{}: cannot create", path));
  }
  lxw_doc_properties properties{};
  properties.created = 1680746400;  // 2023-04-06 10:00 +08:00: fixed, so bytes repeat
  properties.author = const_cast<char*>("Pitwall demo");
  workbook_set_properties(book, &properties);
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.c_str());
  if (ws == nullptr) {
    workbook_close(book);
    return core::make_error(core::ErrorCode::kIo, fmt::format("{}: cannot add a sheet", path));
  }
  return std::unique_ptr<TableWriter>(new XlsxWriter(book, ws));
}

void write_header(TableWriter& out, std::initializer_list<std::string_view> names) {
  for (auto name : names) out.text(name);
  out.end_row();
}

core::Status write_text_file(const std::string& path, std::string_view text) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return core::make_error(core::ErrorCode::kIo,
                            fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fclose(file) == 0 && ok;
  if (!ok) return core::make_error(core::ErrorCode::kIo, fmt::format("{}: cannot write", path));
  return {};
}

}  // namespace pitwall::demo
