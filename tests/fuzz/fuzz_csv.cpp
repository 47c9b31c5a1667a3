// libFuzzer target for the CSV reader and the field parsers (style.md §4).
//
// The first input byte picks the encoding and separator, the second a chunk size; the rest is
// the file. Checks, beyond "no crash, no sanitizer report":
//  - every cell handed out is valid UTF-8, and every row has as many kinds as cells;
//  - reading from a file in tiny chunks gives exactly the rows and errors of reading the bytes
//    from memory (chunk boundaries must not matter);
//  - every field parser returns a value or an error for every cell.
// tests/io/csv/fuzz_replay_test.cpp replays tests/data/fuzz/csv-* through `fuzz_csv_one`.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/csv/csv_reader.hpp"
#include "io/encoding/utf8.hpp"
#include "io/text/fields.hpp"

namespace pitwall::fuzz {

namespace {

struct Outcome {
  std::vector<std::string> header;
  std::vector<std::string> events;  // "row@line:cells" or "error@line:message"
  bool opened = false;
  std::string open_error;
};

std::string exercise_fields(std::string_view cell) {
  static const core::FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  size_t ok = 0;
  ok += io::parse_amount_fen(cell).has_value();
  ok += io::parse_amount_fen(cell, io::CellKind::kNumber).has_value();
  ok += io::parse_date_time(cell, zone).has_value();
  ok += io::parse_date_time(cell, zone, io::CellKind::kDate).has_value();
  ok += io::parse_local_date(cell).has_value();
  ok += io::parse_bool(cell).has_value();
  ok += io::parse_rate(cell).has_value();
  ok += io::parse_rate(cell, io::CellKind::kNumber).has_value();
  ok += io::parse_integer(cell).has_value();
  ok += io::parse_real(cell).has_value();
  ok += io::parse_order_status(cell).has_value();
  ok += io::parse_word(cell, core::words::kComplaintCategories).has_value();
  return io::normalize_header_key(cell) + std::to_string(ok);
}

// Reads everything; returns a failure description, or "" when the invariants hold.
std::string read_all(core::Result<std::unique_ptr<io::TableSource>> opened, Outcome& out,
                     bool check_fields) {
  if (!opened.has_value()) {
    out.open_error = opened.error().to_string();
    return "";
  }
  io::TableSource& source = **opened;
  out.opened = true;
  out.header = source.header();
  for (const std::string& h : out.header) {
    if (!io::is_valid_utf8(h)) return "header cell is not valid UTF-8";
  }
  io::SourceRow row;
  for (int guard = 0; guard < 1'000'000; ++guard) {
    auto got = source.next(row);
    if (!got.has_value()) {
      out.events.push_back("error@" + std::to_string(got.error().where.line) + ":" +
                           got.error().message);
      continue;
    }
    if (!*got) return source.progress() == 1.0 ? "" : "progress is not 1 at the end";
    if (row.kinds.size() != row.cells.size()) return "kinds and cells differ in length";
    std::string event = "row@" + std::to_string(row.line) + ":";
    for (std::string_view cell : row.cells) {
      if (!io::is_valid_utf8(cell)) return "a cell is not valid UTF-8";
      event += std::string(cell) + "\x1F";
      if (check_fields) exercise_fields(cell);
    }
    out.events.push_back(std::move(event));
  }
  return "the source never ended";
}

}  // namespace

// Runs one input; returns "" or what went wrong.
std::string fuzz_csv_one(const uint8_t* data, size_t size) {
  if (size < 2) return "";
  io::CsvOptions options;
  options.encoding = static_cast<io::Encoding>(data[0] % 3);
  static constexpr char kSeparators[] = {0, ',', '\t', ';'};
  options.separator = kSeparators[(data[0] >> 2) % 4];
  options.chunk_bytes = 1 + data[1] % 48;
  options.max_row_bytes = 64 + (data[1] >> 6) * 256;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);

  Outcome memory;
  std::string failure = read_all(io::open_csv_bytes(bytes, options, "fuzz.csv"), memory, true);
  if (!failure.empty()) return "memory: " + failure;

  int fd = memfd_create("fuzz_csv", 0);
  if (fd < 0) return "";
  if (write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
    close(fd);
    return "";
  }
  Outcome file;
  failure = read_all(io::open_csv_file("/proc/self/fd/" + std::to_string(fd), options, "fuzz.csv"),
                     file, false);
  close(fd);
  if (!failure.empty()) return "file: " + failure;
  // Rows longer than max_row_bytes are errors only when read in chunks; compare otherwise.
  if (bytes.size() > options.max_row_bytes) return "";
  if (memory.opened != file.opened) {
    return "memory and file disagree on opening: " + memory.open_error + " | " + file.open_error;
  }
  if (memory.header != file.header) return "memory and file headers differ";
  if (memory.events != file.events) return "memory and file rows differ";
  return "";
}

}  // namespace pitwall::fuzz

#ifndef PITWALL_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string failure = pitwall::fuzz::fuzz_csv_one(data, size);
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_csv: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
#endif
