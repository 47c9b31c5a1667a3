#pragma once
// UTF-8 validation and the small helpers the readers need around it.
//
// Validation is strict (RFC 3629): no overlong forms, no surrogates (U+D800–DFFF), nothing above
// U+10FFFF. An ASCII fast path checks eight bytes at a time, so text that is mostly ASCII costs
// little more than a scan.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pitwall::io {

// Length of the longest prefix of `text` made of complete, valid UTF-8 sequences. Equal to
// text.size() when the whole text is valid.
size_t utf8_valid_prefix(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return utf8_valid_prefix(text) == text.size(); }

// `text` as printable UTF-8: every byte that is not valid UTF-8 and every control character (and
// the backslash, so that the form is unambiguous) written as \xNN. For names a file or a person
// gives (file names, a workbook's part and sheet names) before they are stored or shown: a name
// in GB18030 or one holding a newline or a terminal escape prints as it is, harmlessly.
std::string printable_text(std::string_view text);

// True when `tail` (at most 3 bytes) is the valid start of a sequence that was cut off, i.e.
// more bytes could complete it. Used when validating a sample that ends mid-character.
bool is_utf8_sequence_start(std::string_view tail);

// True when no byte of `text` is 0x80 or above.
bool is_ascii(std::string_view text);

// Appends the UTF-8 form of a code point (which must be a Unicode scalar value).
void append_utf8(std::string& out, uint32_t code_point);

// Decodes the sequence at the start of `text` (which must be valid UTF-8 and not empty): the code
// point, and its length in `length`.
uint32_t decode_utf8(std::string_view text, size_t& length);

}  // namespace pitwall::io
