#pragma once
// What several route groups share: the close-out's words, a request's own scratch folder, the
// run a reading names.

#include <cstdint>
#include <string>
#include <string_view>

#include "io/report/closeout_views.hpp"
#include "server/route.hpp"

namespace pitwall::server {

// The close-out's words in both languages, the reader's first (as the command line's).
io::CloseoutWords words_of(app::Lang lang);

// A folder of the request's own under the server's data folder, removed with this object.
class ScratchDir {
 public:
  // Errors: kIo.
  static core::Result<ScratchDir> create(const Call& c);
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchDir(const ScratchDir&) = delete;
  ~ScratchDir();
  const std::string& path() const { return path_; }
  // Writes `bytes` to a file named `name` (a sanitised name) in the folder; its path.
  core::Result<std::string> write(std::string_view name, std::string_view bytes) const;

 private:
  ScratchDir() = default;
  std::string path_;
};

// ?run=N (0 or absent: the sealed run once sealed, else the latest).
core::Result<int64_t> run_param(const Call& c, const Request& r);
// A text body's file name for the record: ?file=NAME sanitised, else `fallback`.
std::string file_param(const Request& r, std::string_view fallback);
// Reads a whole (small) file. Errors: kIo.
core::Result<std::string> read_whole_file(const std::string& path);

}  // namespace pitwall::server
