#pragma once
// Text encodings of the files users give (formats.md "Reading tables"): UTF-8 with or without a
// byte-order mark, or GB18030/GBK as Chinese Excel saves it. Detection looks at a sample of the
// first bytes; the user may override it (`--encoding`).

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {

// What detection found at the start of a file.
struct DetectedEncoding {
  Encoding encoding = Encoding::kUtf8;  // never kAuto
  size_t bom_size = 0;                  // bytes of byte-order mark to skip (UTF-8 3, GB18030 4)
  bool ascii_only = false;              // the sample had no byte >= 0x80: a guess, not evidence
};

// How much of a file detection looks at.
inline constexpr size_t kDetectionSampleBytes = size_t{1} << 20;

// Detects the encoding of a sample of the first bytes of a file. `whole_file` says whether the
// sample is all of it: when not, a UTF-8 sequence cut off at the end of the sample still counts
// as valid. Rules: a UTF-8 BOM means UTF-8; the GB18030 BOM (84 31 95 33) means GB18030; a sample
// that is valid UTF-8 throughout is UTF-8; anything else is GB18030.
DetectedEncoding detect_encoding(std::string_view sample, bool whole_file);

// Size of the byte-order mark of `encoding` at the start of `bytes` (0 when there is none).
size_t bom_size(std::string_view bytes, Encoding encoding);

// "utf-8", "gb18030" ("auto" for kAuto).
std::string_view encoding_name(Encoding encoding);

// Encoding named by the user: auto, utf-8/utf8, gb18030/gbk/gb2312/cp936 (case-insensitive).
// Errors: kInvalidInput listing the accepted names.
core::Result<Encoding> parse_encoding_name(std::string_view name);

// Whether the first bytes of a file are text a table can be read from: no NUL byte (text in
// UTF-8 or GB18030 has none; programs, images and archives do). Errors: kInvalidInput, keyed
// "io.not_text", naming the offset of the first NUL.
core::Status check_text(std::string_view head);

// Up to four bytes as hex for error messages: "FF 31".
std::string describe_bytes(std::string_view bytes);

}  // namespace pitwall::io
