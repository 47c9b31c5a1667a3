#pragma once
// Writers of the tables the demo produces, as users' files really are: CSV in UTF-8 (with or
// without BOM) or GB18030 (what Chinese Excel saves), and XLSX workbooks (libxlsxwriter, in
// constant-memory mode so a million rows stream).
//
// Cells are given as UTF-8 text, numbers, money (fen) or local times; each writer renders them
// the way its source system would: a CSV writes money and times in the file's chosen forms
// (formats.md "Reading tables": `1,234.50`, `¥1234.50`, `2023/3/6 9:30`, ...), an XLSX writes
// numbers and date cells. Output is deterministic: no clock, the workbook's creation time fixed.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.hpp"
#include "demo/text_format.hpp"

namespace pitwall::demo {

enum class FileEncoding : uint8_t { kUtf8, kUtf8Bom, kGb18030 };

// A table the source system would give as XLSX is written as CSV beyond this many rows: big
// exports come as CSV in practice, and XLSX costs about 50 times more per row to write (and to
// read) than CSV.
inline constexpr int64_t kXlsxMaxRows = 50'000;

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual void text(std::string_view utf8) = 0;
  // Bytes written as they are: the caller guarantees they need no quoting and are already in
  // the file's encoding (ASCII ids and codes; words encoded once). UTF-8 for an XLSX.
  virtual void plain(std::string_view bytes) = 0;
  virtual void number(double value) = 0;  // shortest form in CSV
  virtual void integer(int64_t value) = 0;
  virtual void money(int64_t fen, MoneyForm csv_form = MoneyForm::kPlain) = 0;
  virtual void time(int64_t local_seconds, TimeForm csv_form = TimeForm::kIso) = 0;
  virtual void empty() = 0;
  // Ends the row; returns its line (CSV, 1-based) or sheet row number (XLSX).
  virtual int64_t end_row() = 0;
  // Flushes and closes; the file is complete only after this returns OK.
  virtual core::Status close() = 0;
  // Rows written so far, the header included.
  virtual int64_t rows() const = 0;
  // Bytes written so far (CSV; XLSX reports 0 until closed).
  virtual uint64_t bytes() const = 0;
};

core::Result<std::unique_ptr<TableWriter>> open_csv_writer(const std::string& path,
                                                           FileEncoding encoding);
// A workbook with one sheet named `sheet`; header cells are written by the caller like a row.
core::Result<std::unique_ptr<TableWriter>> open_xlsx_writer(const std::string& path,
                                                            const std::string& sheet);

// Writes the header row from UTF-8 names.
void write_header(TableWriter& out, std::initializer_list<std::string_view> names);

// Writes a whole small text file (TOML, JSON).
core::Status write_text_file(const std::string& path, std::string_view text);

}  // namespace pitwall::demo
