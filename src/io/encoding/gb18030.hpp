#pragma once
// GB18030 (and its subset GBK, what Chinese Excel saves as "CSV") <-> UTF-8.
//
// Decoding is table driven: the 23,940 two-byte codes and the 39,420 four-byte codes of the
// Basic Multilingual Plane are looked up in flat tables built once, at first use, from glibc's
// iconv (so the mapping is exactly the system's GB18030, including the 2022 revision where the
// system has it); four-byte codes of the supplementary planes (0x90308130..0xE3329A35) are
// computed. ASCII runs are copied eight bytes at a time. The single byte 0x80, which GB18030
// leaves undefined and Windows code page 936 uses for the euro sign, is read as €.
//
// Neither direction ever crashes on bad input: a byte sequence that is not GB18030 (or text that
// is not UTF-8, or a character GB18030 cannot write) is reported with its offset.
// Thread-safe: the tables are built under a once-flag and read-only afterwards.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace pitwall::io {

inline constexpr size_t kNoBadByte = static_cast<size_t>(-1);

// Appends the UTF-8 form of GB18030 `in` to `out`. Returns kNoBadByte when all of `in` was
// converted; otherwise the offset in `in` of the first sequence that is not valid GB18030 (or is
// cut off at the end), with `out` holding the conversion of the bytes before it.
size_t gb18030_decode_append(std::string_view in, std::string& out);

// UTF-8 of GB18030 text. Errors: kInvalidInput naming the offset and bytes of the first invalid
// sequence; kInternal when the system has no GB18030 converter (glibc gconv modules missing).
core::Result<std::string> gb18030_to_utf8(std::string_view in);

// GB18030 of UTF-8 text (the demo writes GBK files with it). Errors: kInvalidInput naming the
// offset of the first byte that is not valid UTF-8 or of a character GB18030 cannot encode
// (only surrogates, which valid UTF-8 cannot hold; kept for safety).
core::Result<std::string> utf8_to_gb18030(std::string_view utf8);

// False when the conversion tables could not be built (no GB18030 in the system's iconv).
bool gb18030_available();

}  // namespace pitwall::io
