#pragma once
// ElementStream: cuts a streamed XML part into the elements of one name (a worksheet into its
// <row> elements, the shared strings into their <si> items) so each can be parsed on its own.
// Memory stays bounded by the largest such element, not by the part: a sheet of a million rows
// is read through a buffer of a few hundred kilobytes.
//
// The scan is lexical: it skips comments, CDATA sections, processing instructions and tags of
// other names (quoted attribute values may hold '>'), and matches the name with any namespace
// prefix (`row` matches <row> and <x:row>). Elements of that name must not nest, which holds for
// the parts it is used on. Whether an element is well-formed is for the XML parser to say.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.hpp"
#include "io/xlsx/zip_archive.hpp"

namespace pitwall::io::xlsx {

class ElementStream {
 public:
  // Streams `part` of `zip` (which must outlive the stream). Errors: the part cannot be opened.
  static core::Result<ElementStream> open(ZipArchive& zip, std::string_view part,
                                          std::string local_name, size_t max_element_bytes);

  // Finds the next element. On true, `element` spans it from its '<' to the '>' of its end tag
  // (or of an empty-element tag); the bytes are writable, for in-place parsing, and stay valid
  // until the next call. False at the end of the part. Errors: damaged zip data, the part ends
  // inside such an element, or an element longer than `max_element_bytes`.
  core::Result<bool> next(std::span<char>& element);

  // Fraction of the part consumed, 0..1.
  double progress() const;

 private:
  enum class Scan : uint8_t { kFound, kNeedMore };
  ElementStream(ZipArchive& zip, std::string part, std::string local_name, size_t max_bytes);
  Scan scan(std::span<char>& element);
  Scan skip_to(std::string_view terminator, size_t from);
  core::Status fill();
  bool matches_end_tag(const char* at) const;

  ZipArchive* zip_;
  std::string part_;
  std::string local_name_;
  size_t max_element_bytes_;
  std::vector<char> buffer_;
  size_t position_ = 0;  // next byte to scan
  size_t end_ = 0;       // bytes of buffer_ holding data
  bool at_eof_ = false;
  bool inside_element_ = false;  // the last kNeedMore stopped inside a wanted element
  uint64_t consumed_ = 0;        // bytes dropped from the buffer's front so far
  uint64_t inflated_ = 0;        // bytes read from the part so far
  uint64_t part_size_ = 0;
};

}  // namespace pitwall::io::xlsx
