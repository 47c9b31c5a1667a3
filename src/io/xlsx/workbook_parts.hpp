#pragma once
// The parts of an XLSX workbook other than the sheet data: the workbook (sheet names, the date
// system), the relationships that lead from it to each sheet, the shared strings and the cell
// styles that tell date cells from plain numbers (ECMA-376 part 1, §18.2, §18.4, §18.8).
//
// Errors are kInvalidInput naming the file (the archive's display name) and the part.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"
#include "io/xlsx/zip_archive.hpp"

namespace pitwall::io::xlsx {

struct SheetInfo {
  std::string name;
  std::string part;           // zip part of its data, e.g. "xl/worksheets/sheet1.xml"
  bool is_worksheet = false;  // false for chart and dialog sheets, which hold no cells
};

struct WorkbookInfo {
  std::vector<SheetInfo> sheets;    // in the order of the workbook's tabs
  bool date1904 = false;            // serials count from 1904-01-01 (old Mac Excel)
  std::string shared_strings_part;  // empty when the workbook has none
  std::string styles_part;          // empty when the workbook has none
};

// Reads _rels/.rels, the workbook part and its relationships.
core::Result<WorkbookInfo> read_workbook_info(ZipArchive& zip);

// For each cell format (index into <cellXfs>, the cells' s="N"): whether it shows a date or time.
core::Result<std::vector<bool>> read_date_styles(ZipArchive& zip, std::string_view part);

// True when number format `id` with format code `code` ("" for a built-in format) shows a date
// or time: built-in ids 14–22, 27–36, 45–47 and 50–58 (the last as Chinese Excel uses them),
// or a code with y, m, d, h or s outside quoted text, [brackets] and escaped characters.
bool is_date_format(int id, std::string_view code);

// The shared string table: all strings in one arena.
class SharedStrings {
 public:
  size_t size() const { return offsets_.size() - 1; }
  std::string_view at(size_t index) const {
    return std::string_view(text_).substr(offsets_[index], offsets_[index + 1] - offsets_[index]);
  }

 private:
  friend core::Result<SharedStrings> read_shared_strings(ZipArchive&, std::string_view);
  std::string text_;
  std::vector<size_t> offsets_{0};
};

// Streams the shared strings part (it can hold hundreds of thousands of strings). Errors:
// malformed XML, text that is not UTF-8.
core::Result<SharedStrings> read_shared_strings(ZipArchive& zip, std::string_view part);

}  // namespace pitwall::io::xlsx
