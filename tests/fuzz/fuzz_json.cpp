// libFuzzer target for JSON text (issue 22): request bodies of the HTTP API and the workflow
// records read back from the workspace both go through io::Json::parse.
//
// Checks, beyond "no crash, no hang (-timeout), no sanitizer report": text either parses or is
// refused with an invalid-input error; what parses prints as valid UTF-8 that parses again to a
// document that prints the same bytes (the records' digests depend on it), and reading any member
// as a number, string or flag gives a value (a double beyond int64 reads as its bound).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/encoding/utf8.hpp"
#include "io/json/json.hpp"

namespace pitwall::fuzz {

namespace {
// Reads every member every way; the values are only summed (unsigned, so wrapping is defined) so
// that the reads are not optimised away.
void touch(const io::Json& j, uint64_t& sink) {
  for (const auto& [key, value] : j.members()) {
    sink += static_cast<uint64_t>(j.get_int(key)) + j.get_string(key).size() + j.get_bool(key);
    touch(value, sink);
  }
  for (const auto& item : j.items()) {
    sink += static_cast<uint64_t>(item.as_int());
    touch(item, sink);
  }
}
}  // namespace

// Runs one input; returns "" or what went wrong.
std::string fuzz_json_one(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = io::Json::parse(text);
  if (!parsed) {
    if (parsed.error().code != core::ErrorCode::kInvalidInput) return "not an invalid-input error";
    return "";
  }
  std::string once = parsed->dump();
  if (!io::is_valid_utf8(once)) return "printed text is not UTF-8";
  auto again = io::Json::parse(once);
  if (!again) return "printed text does not parse: " + again.error().message;
  if (again->dump() != once) return "printing is not stable";
  if (again->dump(true).empty()) return "pretty printing is empty";
  uint64_t sink = 0;
  touch(*again, sink);
  return "";
}

}  // namespace pitwall::fuzz

#ifndef PITWALL_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string failure = pitwall::fuzz::fuzz_json_one(data, size);
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_json: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
#endif
