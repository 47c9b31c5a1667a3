// Replays the kept fuzz inputs (tests/data/fuzz/import-*) of the whole import path through the
// target's body (issue 22): CSV and XLSX (stored, deflated, with a wrong CRC) of several kinds
// into a real workspace, and every input a fuzzer once found.
#define PITWALL_FUZZ_NO_MAIN
#include "fuzz/fuzz_import.cpp"
#undef PITWALL_FUZZ_NO_MAIN

#include "fuzz/replay.hpp"

namespace pitwall::fuzz {
namespace {

TEST(FuzzReplay, ImportInputs) { replay("import-", fuzz_import_one); }

}  // namespace
}  // namespace pitwall::fuzz
