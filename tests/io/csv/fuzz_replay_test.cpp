// Replays the kept fuzz inputs (tests/data/fuzz/) through the bodies of the libFuzzer targets,
// so a crash or invariant failure the fuzzers once found stays fixed (style.md §4).
#define PITWALL_FUZZ_NO_MAIN
#include "fuzz/fuzz_csv.cpp"
#include "fuzz/fuzz_encoding.cpp"
#undef PITWALL_FUZZ_NO_MAIN

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pitwall::fuzz {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replay(std::string_view prefix, std::string (*body)(const uint8_t*, size_t)) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(PITWALL_TEST_DATA "/fuzz")) {
    if (!entry.path().filename().string().starts_with(prefix)) continue;
    std::string bytes = read_file(entry.path());
    EXPECT_EQ(body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), "")
        << entry.path();
    ++count;
  }
  EXPECT_GT(count, 0u) << "no " << prefix << "* inputs in tests/data/fuzz";
}

TEST(FuzzReplay, CsvInputs) { replay("csv-", fuzz_csv_one); }
TEST(FuzzReplay, EncodingInputs) { replay("encoding-", fuzz_encoding_one); }

}  // namespace
}  // namespace pitwall::fuzz
