#pragma once
// The CSV half of io/table/table_source.hpp, with the options the two `open_csv_*` functions
// there fix to their defaults (tests use a tiny chunk size to put rows across chunk boundaries).
//
// What the reader accepts (formats.md "Reading tables"): UTF-8 with or without BOM or GB18030
// (detected from the first MiB unless given); comma, tab or semicolon separators (detected from
// the header line, outside quotes); RFC 4180 quoting with embedded separators, doubled quotes and
// line breaks (a row's line is the line it starts on); CRLF, LF or CR line ends; rows whose
// cells are all empty or blank are skipped. Tolerated: a quote inside an unquoted field is a
// literal quote, text after a closing quote is kept literally.
//
// Errors from `next` (kInvalidInput, with file and line) leave the source usable: bytes that are
// not valid in the file's encoding make that row an error and reading goes on with the next
// row; an unterminated quoted field (at end of file, or a row longer than max_row_bytes) makes
// its first line an error and reading goes on at the line after it.
//
// Bytes are parsed as bytes: separators, quotes, CR and LF never occur inside a GB18030
// multi-byte sequence, so only cells that hold bytes >= 0x80 are transcoded (into an arena
// reused row by row) or validated. Files are read in chunks; memory stays bounded by
// max(chunk_bytes, longest row) for any file size.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

struct CsvOptions {
  Encoding encoding = Encoding::kAuto;
  char separator = 0;                       // 0: detect among ',', '\t', ';'
  size_t chunk_bytes = size_t{8} << 20;     // read size for files
  size_t max_row_bytes = size_t{64} << 20;  // a longer row is an error (unterminated quote?)
};

core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path,
                                                         const CsvOptions& options,
                                                         std::string display_name);

// Where the data rows of a CSV file start and how they are read, as found while opening it: what
// a reader of byte ranges of the file needs (csv_range_reader.hpp).
struct CsvLayout {
  size_t data_begin = 0;  // byte offset of the first data row (after the BOM and the header)
  int64_t data_line = 1;  // its line number
  size_t file_size = 0;
  char separator = ',';
  uint8_t text_mode = 0;  // csv_detail::TextMode after the header
};
// open_csv_file that also gives the layout.
core::Result<std::unique_ptr<TableSource>> open_csv_file(const std::string& path,
                                                         const CsvOptions& options,
                                                         std::string display_name,
                                                         CsvLayout& layout);
// `bytes` must outlive the source.
core::Result<std::unique_ptr<TableSource>> open_csv_bytes(std::string_view bytes,
                                                          const CsvOptions& options,
                                                          std::string display_name);

// Separator of a header line: the most frequent of ',', '\t' and ';' outside quotes in the first
// row of `bytes` (ties in that order); ',' when there is none (a one-column file). Sets
// `complete` to whether the row's end was seen in `bytes`.
char detect_separator(std::string_view bytes, bool& complete);

}  // namespace pitwall::io
