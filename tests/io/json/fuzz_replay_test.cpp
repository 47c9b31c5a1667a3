// Replays the kept fuzz inputs (tests/data/fuzz/) of the JSON and TOML targets through their
// bodies (issue 22): the seeds, and every input a fuzzer once found.
#define PITWALL_FUZZ_NO_MAIN
#include "fuzz/fuzz_json.cpp"
#include "fuzz/fuzz_toml.cpp"
#undef PITWALL_FUZZ_NO_MAIN

#include "fuzz/replay.hpp"

namespace pitwall::fuzz {
namespace {

TEST(FuzzReplay, JsonInputs) { replay("json-", fuzz_json_one); }
TEST(FuzzReplay, TomlInputs) { replay("toml-", fuzz_toml_one); }

}  // namespace
}  // namespace pitwall::fuzz
