#pragma once
// Uploads streamed to disk (server.md §4: "multipart, streamed to storage, never held whole in
// memory; the stored file name is the server's, never the client's"). The transport hands the
// body to an UploadSink piece by piece as it arrives; the sink parses multipart/form-data
// (RFC 7578) on the fly, keeps the form's small text fields in memory and writes the one file
// part straight to a file the server named. A body that is not multipart is the file itself.
//
// Limits: at most 32 text fields of at most 64 KiB each, part headers of at most 8 KiB, one file
// part. The client's file name is kept only as a display name, sanitised (no folders, no control
// bytes, at most 128 bytes); it never names anything on disk.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/i18n/messages.hpp"
#include "core/base/result.hpp"

namespace pitwall::server {

struct Upload {
  std::vector<std::pair<std::string, std::string>> fields;  // the form's text fields, in order
  std::string file_path;  // the file part as written (the server's name); "" when there was none
  std::string file_name;  // the client's name for it, sanitised, for display only
  int64_t file_bytes = 0;

  std::optional<std::string_view> field(std::string_view name) const;
};

class UploadSink {
 public:
  // A sink writing the file part to `file_path` (created, must not exist; removed again unless
  // finish() succeeds). `content_type` is the request's: multipart/form-data with its boundary,
  // or anything else for a raw body. Errors: kUsage (a multipart type without a boundary), kIo.
  // Error words are in `lang`.
  static core::Result<std::unique_ptr<UploadSink>> create(std::string_view content_type,
                                                          std::string file_path, app::Lang lang);
  ~UploadSink();
  UploadSink(const UploadSink&) = delete;
  UploadSink& operator=(const UploadSink&) = delete;

  // The next bytes of the body. Errors: kUsage (malformed multipart, a limit passed), kIo.
  core::Status write(std::string_view bytes);
  // The error write() last returned, if any.
  const std::optional<core::Error>& error() const { return error_; }
  // The end of the body. Errors: kUsage (the multipart body ended early), kIo.
  core::Result<Upload> finish();

 private:
  UploadSink() = default;
  core::Error malformed(std::string_view key) const;
  core::Status write_bytes(std::string_view bytes);
  core::Status write_file(std::string_view bytes);
  core::Status on_part_headers(std::string_view headers);
  core::Status on_part_data(std::string_view bytes);
  core::Status end_part();

  enum class State : uint8_t { kRaw, kPreamble, kAfterDelimiter, kHeaders, kData, kEpilogue };
  State state_ = State::kRaw;
  std::string delimiter_;  // "\r\n--" + boundary
  std::string pending_;    // bytes not yet consumed
  int fd_ = -1;
  app::Lang lang_ = app::Lang::kZh;
  bool finished_ = false;
  bool part_is_file_ = false;
  bool had_file_ = false;
  std::string part_name_;
  std::string part_value_;
  Upload upload_;
  std::optional<core::Error> error_;
};

// The client's file name made safe to show: the last path segment, control bytes, quotes and
// backslashes dropped, at most 128 bytes of valid UTF-8; "upload" when nothing is left.
std::string sanitize_file_name(std::string_view name);

}  // namespace pitwall::server
