#pragma once
// ZipArchive: read access to the parts of a zip file (an XLSX workbook is one), from a file on
// disk or from bytes in memory, over minizip (included in zip_archive.cpp only).
//
// Part names are matched case-insensitively with '\' read as '/' and a leading '/' ignored, as
// Excel does. Small parts are read whole (`read`); a large part (a worksheet, the shared strings)
// is streamed (`open_part` + `read_some`), one part at a time. Every error is kInvalidInput (or
// kIo when the file cannot be opened) and names the file as given by `display_name`. Every part
// is checked as a whole: a damaged workbook is refused as damaged (which part, what is wrong),
// never read in part.
// Not thread-safe; movable, not copyable.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace pitwall::io::xlsx {

class ZipArchive {
 public:
  // Opens a zip file. Errors: kIo when the file cannot be opened, kInvalidInput when it is not
  // a zip archive.
  static core::Result<ZipArchive> open_file(const std::string& path, std::string display_name);
  // The same over bytes in memory, which must outlive the archive.
  static core::Result<ZipArchive> open_bytes(std::string_view bytes, std::string display_name);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  const std::string& display_name() const;
  bool contains(std::string_view part) const;

  // The whole content of `part`. Errors: the part is missing, damaged, or longer than
  // `max_bytes` once inflated.
  core::Result<std::string> read(std::string_view part, size_t max_bytes);

  // Starts streaming `part` (closing any part being streamed). Errors: missing or unreadable;
  // a part that says it inflates past kMaxPartBytes or kMaxExpansion times its compressed size
  // (a damaged or hostile file) is refused before anything is inflated.
  core::Status open_part(std::string_view part);
  // Reads up to `size` inflated bytes of the open part into `buffer`; 0 at its end (and again
  // after it), where its length and CRC are checked. Errors: damaged data, a CRC mismatch, more
  // or fewer bytes than the part's header gives.
  core::Result<size_t> read_some(char* buffer, size_t size);

  static constexpr uint64_t kMaxPartBytes = uint64_t{4} << 30;
  static constexpr uint64_t kMaxExpansion = 500;
  // Inflated size of the open part as its directory entry declares it (for progress only).
  uint64_t open_part_size() const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pitwall::io::xlsx
