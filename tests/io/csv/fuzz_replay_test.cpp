// Replays the kept fuzz inputs (tests/data/fuzz/) of the CSV and encoding targets through their
// bodies, so a crash or invariant failure the fuzzers once found stays fixed (style.md §4).
#define PITWALL_FUZZ_NO_MAIN
#include "fuzz/fuzz_csv.cpp"
#include "fuzz/fuzz_encoding.cpp"
#undef PITWALL_FUZZ_NO_MAIN

#include "fuzz/replay.hpp"

namespace pitwall::fuzz {
namespace {

TEST(FuzzReplay, CsvInputs) { replay("csv-", fuzz_csv_one); }
TEST(FuzzReplay, EncodingInputs) { replay("encoding-", fuzz_encoding_one); }

}  // namespace
}  // namespace pitwall::fuzz
