// libFuzzer target for encoding detection and the GB18030 <-> UTF-8 converters (style.md §4).
//
// Checks, beyond "no crash, no sanitizer report": decoding yields valid UTF-8 up to the first bad
// byte, which it reports within the input; text that decodes re-encodes to bytes that decode to
// the same text; invalid UTF-8 never encodes, valid UTF-8 encodes to GB18030 and decodes back
// to itself or is refused naming a character GB18030 cannot hold. tests/io/csv/fuzz_replay_test.cpp
// replays tests/data/fuzz/encoding-* through `fuzz_encoding_one`.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/encoding/encoding.hpp"
#include "io/encoding/gb18030.hpp"
#include "io/encoding/utf8.hpp"

namespace pitwall::fuzz {

std::string fuzz_encoding_one(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  io::DetectedEncoding detected = io::detect_encoding(bytes, size % 2 == 0);
  if (detected.bom_size > bytes.size()) return "BOM longer than the input";

  std::string decoded;
  size_t bad = io::gb18030_decode_append(bytes, decoded);
  if (bad != io::kNoBadByte && bad >= bytes.size()) return "bad byte offset outside the input";
  if (!io::is_valid_utf8(decoded)) return "decoding produced invalid UTF-8";
  if (bad == io::kNoBadByte) {
    auto encoded = io::utf8_to_gb18030(decoded);
    if (!encoded.has_value()) return "decoded text does not re-encode: " + encoded.error().message;
    auto again = io::gb18030_to_utf8(*encoded);
    if (!again.has_value() || *again != decoded) return "re-encoded text decodes differently";
  }

  auto encoded = io::utf8_to_gb18030(bytes);
  if (encoded.has_value() && !io::is_valid_utf8(bytes)) return "invalid UTF-8 was encoded";
  // Valid UTF-8 encodes, but for the few private-use code points GB18030-2022 (as glibc has it)
  // moved to standard characters, such as U+E82B: those are refused by name.
  if (!encoded.has_value() && io::is_valid_utf8(bytes) &&
      encoded.error().message.find("cannot be written in GB18030") == std::string::npos) {
    return "valid UTF-8 refused: " + encoded.error().message;
  }
  if (encoded.has_value()) {
    auto back = io::gb18030_to_utf8(*encoded);
    if (!back.has_value() || *back != bytes) return "UTF-8 does not round-trip through GB18030";
  }
  size_t prefix = io::utf8_valid_prefix(bytes);
  if (prefix > bytes.size()) return "valid prefix longer than the input";
  return "";
}

}  // namespace pitwall::fuzz

#ifndef PITWALL_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string failure = pitwall::fuzz::fuzz_encoding_one(data, size);
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_encoding: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
#endif
