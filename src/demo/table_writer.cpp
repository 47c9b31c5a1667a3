#include "demo/table_writer.hpp"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "demo/csv_writer.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

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
  void plain(std::string_view utf8) override { text(utf8); }
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
  return std::unique_ptr<TableWriter>(TRY(CsvWriter::open(path, encoding)));
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
