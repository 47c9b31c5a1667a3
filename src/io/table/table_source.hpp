#pragma once
// TableSource: rows of cells read from a CSV file or an XLSX sheet, as UTF-8 text.
//
// The CSV reader (io/csv/) and the XLSX reader (io/xlsx/) implement it; the importer
// (io/import/) maps the header to canonical columns and parses each cell by its column's type.
// A source reads the header row on creation; `next` yields data rows one at a time, skipping
// rows whose cells are all empty. Cell views stay valid until the next call to `next`.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::io {

enum class Encoding : uint8_t { kAuto, kUtf8, kGb18030 };

// What an XLSX cell held; CSV cells are always kText.
enum class CellKind : uint8_t {
  kText,    // a string (shared or inline), or any CSV field
  kNumber,  // a numeric cell; text is its shortest round-trip decimal form ("45000.5")
  kDate,    // a numeric cell with a date/time number format; text is the serial ("45000.375")
  kBool,    // text is "1" or "0"
  kError,   // "#N/A" and friends; text is the error word
};

struct SourceRow {
  int64_t line = 0;  // CSV: line number where the row starts (1-based); XLSX: the sheet row number
  std::vector<std::string_view> cells;  // UTF-8; as many as the row has (may differ from header)
  std::vector<CellKind> kinds;          // same length as cells
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  // Header cells, UTF-8, as the file writes them (whitespace trimmed).
  virtual const std::vector<std::string>& header() const = 0;
  // Line (CSV) or row number (XLSX) of the header.
  virtual int64_t header_line() const = 0;
  // Reads the next data row. Returns false at the end. Errors (kInvalidInput, with file and
  // line): structure that cannot be read on, e.g. an unterminated quoted field at end of file,
  // or bytes that are not valid in the file's encoding.
  virtual core::Result<bool> next(SourceRow& row) = 0;
  // After next() gave an error: whether the file cannot be read past it (a damaged or cut-short
  // workbook part, an element over its cap), so that the whole file is refused, never half
  // loaded. False: the error was one row's and the next call reads on.
  virtual bool stopped() const { return false; }
  // Fraction of the input consumed so far, 0..1 (for progress bars).
  virtual double progress() const = 0;
  // The encoding detected or given ("utf-8", "gb18030"; "xlsx" for workbooks).
  virtual std::string_view encoding_name() const = 0;
};

// Opens a CSV file: encoding detected (UTF-8 with or without BOM, else GB18030) unless given;
// separator detected among comma, tab and semicolon from the header line. `display_name` is used
// in errors. The file is read in chunks (bounded memory for any size).
core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path, Encoding encoding,
                                                         std::string display_name);
// The same over bytes in memory (which must outlive the source).
core::Result<std::unique_ptr<TableSource>> open_csv_bytes(std::string_view bytes, Encoding encoding,
                                                          std::string display_name);

// Opens a sheet of an XLSX workbook: `sheet` names it, or empty for the first sheet.
// Errors: kInvalidInput for a file that is not a readable workbook, or a sheet that does not
// exist (naming the sheets it has).
core::Result<std::unique_ptr<TableSource>> open_xlsx_file(const std::string& path,
                                                          std::string_view sheet,
                                                          std::string display_name);
core::Result<std::unique_ptr<TableSource>> open_xlsx_bytes(std::string_view bytes,
                                                           std::string_view sheet,
                                                           std::string display_name);

}  // namespace pitwall::io
