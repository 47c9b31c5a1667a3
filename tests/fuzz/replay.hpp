#pragma once
// Replays the kept fuzz inputs of one target (tests/data/fuzz/PREFIX*) through the target's body,
// so that a crash or invariant failure a fuzzer once found stays fixed and every seed still runs
// clean (style.md §4). Used by the *_fuzz_replay tests of each library's test folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace pitwall::fuzz {

inline std::string read_fuzz_input(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void replay(std::string_view prefix, std::string (*body)(const uint8_t*, size_t)) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(PITWALL_TEST_DATA "/fuzz")) {
    if (!entry.is_regular_file() || !entry.path().filename().string().starts_with(prefix)) {
      continue;
    }
    std::string bytes = read_fuzz_input(entry.path());
    EXPECT_EQ(body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), "")
        << entry.path();
    ++count;
  }
  EXPECT_GT(count, 0u) << "no " << prefix << "* inputs in tests/data/fuzz";
}

}  // namespace pitwall::fuzz
