#include "demo/table_writer.hpp"

#include <iconv.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "core/base/instant.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

constexpr int64_t kShanghaiOffset = 8 * 3600;

void append_digits_grouped(std::string& out, int64_t yuan) {
  std::string digits = std::to_string(yuan);
  size_t lead = digits.size() % 3;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i - lead) % 3 == 0 && i >= lead) out += ',';
    out += digits[i];
  }
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

class Gb18030Converter {
 public:
  Gb18030Converter() : cd_(iconv_open("GB18030", "UTF-8")) {}
  ~Gb18030Converter() {
    if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
  }
  Gb18030Converter(const Gb18030Converter&) = delete;
  Gb18030Converter& operator=(const Gb18030Converter&) = delete;

  core::Result<std::string> convert(std::string_view in) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      return core::make_error(core::ErrorCode::kIo, "iconv has no GB18030 converter");
    }
    std::string out(in.size() * 2 + 8, '\0');
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd_, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
      return core::invalid_input(fmt::format("cannot write \"{}\" in GB18030", in));
    }
    out.resize(out.size() - dst_left);
    return out;
  }

 private:
  iconv_t cd_;
};

class CsvWriter final : public TableWriter {
 public:
  CsvWriter(FILE* file, FileEncoding encoding) : file_(file), encoding_(encoding) {
    buffer_.reserve(kFlushAt + 4096);
    if (encoding == FileEncoding::kUtf8Bom) buffer_ += "\xEF\xBB\xBF";
  }
  ~CsvWriter() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  void text(std::string_view utf8) override {
    separate();
    if (encoding_ == FileEncoding::kGb18030 && !is_ascii(utf8)) {
      put_escaped(gb(utf8));
    } else {
      put_escaped(utf8);
    }
  }
  void number(double value) override {
    separate();
    buffer_ += fmt::format("{}", value);
  }
  void integer(int64_t value) override {
    separate();
    buffer_ += fmt::format("{}", value);
  }
  void money(int64_t fen, MoneyForm form) override {
    scratch_.clear();
    append_money(scratch_, fen, form);
    text(scratch_);
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
  static constexpr size_t kFlushAt = 1 << 20;

  void separate() {
    if (!first_) buffer_ += ',';
    first_ = false;
  }
  void put_escaped(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      buffer_ += s;
      return;
    }
    buffer_ += '"';
    for (char c : s) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }
  const std::string& gb(std::string_view utf8) {
    auto it = cache_.find(std::string(utf8));
    if (it != cache_.end()) return it->second;
    auto converted = converter_.convert(utf8);
    PW_CHECK(converted.has_value(), "demo text not representable in GB18030");
    if (cache_.size() > 4096) cache_.clear();
    return cache_.emplace(std::string(utf8), std::move(converted).value()).first->second;
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
  std::string scratch_;
  bool first_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;
  uint64_t written_ = 0;
  Gb18030Converter converter_;
  std::unordered_map<std::string, std::string> cache_;
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
    std::string s(utf8);
    check(worksheet_write_string(sheet_, row_, col_++, s.c_str(), nullptr));
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
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
  bool failed_ = false;
};

}  // namespace

int64_t local_seconds(int year, int month, int day, int hour, int minute, int second) {
  return core::days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void append_money(std::string& out, int64_t fen, MoneyForm form) {
  bool negative = fen < 0;
  int64_t abs = negative ? -fen : fen;
  int64_t yuan = abs / 100;
  int cents = static_cast<int>(abs % 100);
  std::string body;
  if (negative) body += '-';
  if (form == MoneyForm::kGrouped || form == MoneyForm::kYen) {
    append_digits_grouped(body, yuan);
  } else {
    body += std::to_string(yuan);
  }
  body += fmt::format(".{:02d}", cents);
  switch (form) {
    case MoneyForm::kYen:
      out += "¥";
      out += body;
      break;
    case MoneyForm::kYuanSuffix:
      out += body;
      out += "元";
      break;
    case MoneyForm::kFullWidth:
      for (char c : body) {
        if (c >= '0' && c <= '9') {
          // U+FF10.. FULLWIDTH DIGIT: EF BC 90 + d
          out += '\xEF';
          out += '\xBC';
          out += static_cast<char>(0x90 + (c - '0'));
        } else {
          out += c;
        }
      }
      break;
    default:
      out += body;
  }
}

void append_time(std::string& out, int64_t local, TimeForm form) {
  core::CivilTime t = core::civil_from_seconds(local);
  switch (form) {
    case TimeForm::kIso:
      fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", t.year,
                     t.month, t.day, t.hour, t.minute, t.second);
      break;
    case TimeForm::kSlash:
      fmt::format_to(std::back_inserter(out), "{}/{}/{} {}:{:02d}:{:02d}", t.year, t.month, t.day,
                     t.hour, t.minute, t.second);
      break;
    case TimeForm::kSlashMinute:
      fmt::format_to(std::back_inserter(out), "{}/{}/{} {}:{:02d}", t.year, t.month, t.day, t.hour,
                     t.minute);
      break;
    case TimeForm::kIsoOffset:
      fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+08:00",
                     t.year, t.month, t.day, t.hour, t.minute, t.second);
      break;
    case TimeForm::kDate:
      fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d}", t.year, t.month, t.day);
      break;
    case TimeForm::kDateSlash:
      fmt::format_to(std::back_inserter(out), "{}/{}/{}", t.year, t.month, t.day);
      break;
  }
}

std::string format_time(int64_t local, TimeForm form) {
  std::string out;
  append_time(out, local, form);
  return out;
}

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

core::Result<std::string> to_gb18030(std::string_view utf8) {
  Gb18030Converter converter;
  return converter.convert(utf8);
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
