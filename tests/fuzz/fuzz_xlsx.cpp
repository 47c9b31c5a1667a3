// libFuzzer target for the XLSX reader (io/xlsx/). Build and run (see CMakeLists.txt here):
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DPITWALL_FUZZ=ON -DPITWALL_BENCH=OFF
//     -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined"   (one line)
//   make -C build-fuzz -j2 fuzz_xlsx
//   build-fuzz/tests/fuzz/fuzz_xlsx -dict=tests/data/fuzz/xlsx-fuzz.dict -max_total_time=180
//     corpus-xlsx tests/data/fuzz/xlsx-corpus   (one line)
// (the CMAKE_CXX_FLAGS instrument the library too, so the fuzzer sees coverage inside it).
//
// The first byte picks the mode. Even: the rest is a whole .xlsx file. Odd: the rest is up to
// five parts separated by "\n@@\n" (workbook.xml, its .rels, sheet1.xml, sharedStrings.xml,
// styles.xml), zipped here as stored entries, which reaches the XML code far more often than
// mutated deflate streams would. Crash inputs are kept as tests/data/fuzz/xlsx-* and replayed by
// tests/io/xlsx/xlsx_fuzz_replay_test.cpp, which includes this file with PITWALL_FUZZ_REPLAY.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../io/xlsx/zip_builder.hpp"
#include "io/table/table_source.hpp"
#include "xlsx_parts.hpp"

namespace pitwall::fuzz_xlsx {

inline void read_all(std::string_view bytes, std::string_view sheet) {
  auto source = io::open_xlsx_bytes(bytes, sheet, "fuzz.xlsx");
  if (!source.has_value()) {
    (void)source.error().to_string();
    return;
  }
  size_t total = 0;
  for (const std::string& cell : (*source)->header()) total += cell.size();
  io::SourceRow row;
  while (true) {
    auto more = (*source)->next(row);
    if (!more.has_value()) {
      (void)more.error().to_string();
      break;
    }
    if (!*more) break;
    if (row.cells.size() != row.kinds.size() || row.cells.empty()) std::abort();
    for (std::string_view cell : row.cells) total += cell.size();
    double progress = (*source)->progress();
    if (!(progress >= 0.0 && progress <= 1.0)) std::abort();
  }
  (void)total;
}

inline std::string build_parts(std::string_view input) {
  std::vector<std::string> parts = fuzz::split_xlsx_parts(input);
  testing::ZipBuilder zip;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].empty()) zip.add(fuzz::kXlsxPartNames[i], parts[i]);
  }
  return zip.build();
}

inline void run(const uint8_t* data, size_t size) {
  if (size == 0) return;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    read_all(input, "");
    return;
  }
  std::string zip = build_parts(input);
  read_all(zip, "");
  read_all(zip, "B");
}

}  // namespace pitwall::fuzz_xlsx

#ifndef PITWALL_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pitwall::fuzz_xlsx::run(data, size);
  return 0;
}
#endif
