// Replays the inputs of the XLSX fuzzer (tests/fuzz/fuzz_xlsx.cpp): every crash it found, kept
// as tests/data/fuzz/xlsx-*, and its seed corpus in tests/data/fuzz/xlsx-corpus/. Each must be
// read to its end or to an error, without a crash or a sanitizer report.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#define PITWALL_FUZZ_REPLAY
#include "fuzz/fuzz_xlsx.cpp"

namespace pitwall::io {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> fuzz_inputs() {
  std::vector<fs::path> inputs;
  fs::path dir = fs::path(PITWALL_TEST_DATA) / "fuzz";
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    fs::path relative = fs::relative(entry.path(), dir);
    if (entry.is_regular_file() && relative.string().starts_with("xlsx-")) {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

TEST(XlsxFuzzReplay, EveryKeptInputReadsWithoutCrashing) {
  auto inputs = fuzz_inputs();
  EXPECT_GE(inputs.size(), 7u);  // at least the seed corpus
  for (const fs::path& path : inputs) {
    SCOPED_TRACE(path.string());
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string bytes = s.str();
    fuzz_xlsx::run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
}

}  // namespace
}  // namespace pitwall::io
