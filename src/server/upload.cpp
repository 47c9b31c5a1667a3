#include "server/upload.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "server/http.hpp"

namespace pitwall::server {

namespace {

constexpr size_t kMaxFields = 32;
constexpr size_t kMaxFieldBytes = 64 * 1024;
constexpr size_t kMaxPartHeaderBytes = 8 * 1024;

// The value of parameter `name` in a header value like `form-data; name="kind"; filename="a.csv"`
// (quoted or token); nullopt when absent.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
  size_t i = value.find(';');
  if (i == std::string_view::npos) return std::nullopt;
  ++i;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    size_t eq = i;
    while (eq < value.size() && value[eq] != '=' && value[eq] != ';') ++eq;
    std::string key = lower(trim(value.substr(i, eq - i)));
    std::string parsed;
    size_t j = eq;
    if (j < value.size() && value[j] == '=') {
      ++j;
      if (j < value.size() && value[j] == '"') {
        for (++j; j < value.size() && value[j] != '"'; ++j) {
          if (value[j] == '\\' && j + 1 < value.size()) ++j;
          parsed.push_back(value[j]);
        }
        while (j < value.size() && value[j] != ';') ++j;
      } else {
        size_t end = std::min(value.find(';', j), value.size());
        parsed = std::string(trim(value.substr(j, end - j)));
        j = end;
      }
    }
    if (key == name) return parsed;
    i = j + 1;
  }
  return std::nullopt;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::optional<std::string_view> Upload::field(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string sanitize_file_name(std::string_view name) {
  size_t cut = name.find_last_of("/\\");
  if (cut != std::string_view::npos) name.remove_prefix(cut + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') continue;
    out.push_back(static_cast<char>(c));
  }
  // Valid UTF-8 only: drop what does not decode, then cut at a character boundary.
  std::string valid;
  for (size_t i = 0; i < out.size();) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    bool ok = len > 0 && i + len <= out.size();
    for (size_t k = 1; ok && k < len; ++k)
      ok = is_continuation(static_cast<unsigned char>(out[i + k]));
    if (ok) {
      if (valid.size() + len > 128) break;
      valid.append(out, i, len);
      i += len;
    } else {
      ++i;
    }
  }
  while (!valid.empty() && (valid.front() == '.' || valid.front() == ' ')) valid.erase(0, 1);
  return valid.empty() ? std::string("upload") : valid;
}

core::Result<std::unique_ptr<UploadSink>> UploadSink::create(std::string_view content_type,
                                                             std::string file_path,
                                                             app::Lang lang) {
  std::unique_ptr<UploadSink> sink(new UploadSink());
  sink->lang_ = lang;
  std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type == "multipart/form-data") {
    auto boundary = header_parameter(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 200) {
      return sink->malformed("server.upload_no_boundary");
    }
    sink->delimiter_ = "\r\n--" + *boundary;
    // The first delimiter has no line break before it: pretend there was one.
    sink->pending_ = "\r\n";
    sink->state_ = State::kPreamble;
  }
  sink->fd_ = ::open(file_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (sink->fd_ < 0) {
    auto e = core::make_error(core::ErrorCode::kIo, app::tr(lang, "server.upload_cannot_store"));
    return e;
  }
  sink->upload_.file_path = std::move(file_path);
  if (sink->state_ == State::kRaw) sink->had_file_ = true;
  return sink;
}

UploadSink::~UploadSink() {
  if (fd_ >= 0) ::close(fd_);
  if (!finished_ && !upload_.file_path.empty()) ::unlink(upload_.file_path.c_str());
}

core::Error UploadSink::malformed(std::string_view key) const {
  auto e = core::make_error(core::ErrorCode::kUsage, std::string(message(lang_, key)));
  e.at_column("body");
  return e;
}

core::Status UploadSink::write_file(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::make_error(core::ErrorCode::kIo, app::tr(lang_, "server.upload_cannot_store"));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    upload_.file_bytes += n;
  }
  return {};
}

core::Status UploadSink::on_part_headers(std::string_view headers) {
  part_name_.clear();
  part_value_.clear();
  part_is_file_ = false;
  bool disposition = false;
  while (!headers.empty()) {
    size_t eol = headers.find("\r\n");
    std::string_view line = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return malformed("server.upload_malformed");
    if (lower(trim(line.substr(0, colon))) != "content-disposition") continue;
    std::string_view value = trim(line.substr(colon + 1));
    if (lower(trim(value.substr(0, value.find(';')))) != "form-data") {
      return malformed("server.upload_malformed");
    }
    auto name = header_parameter(value, "name");
    if (!name || name->empty()) return malformed("server.upload_malformed");
    disposition = true;
    part_name_ = *name;
    if (auto file = header_parameter(value, "filename")) {
      if (had_file_) return malformed("server.upload_two_files");
      part_is_file_ = true;
      had_file_ = true;
      upload_.file_name = sanitize_file_name(*file);
    }
  }
  if (!disposition) return malformed("server.upload_malformed");
  if (!part_is_file_ && upload_.fields.size() >= kMaxFields) {
    return malformed("server.upload_too_many_fields");
  }
  return {};
}

core::Status UploadSink::on_part_data(std::string_view bytes) {
  if (part_is_file_) return write_file(bytes);
  if (part_value_.size() + bytes.size() > kMaxFieldBytes) {
    return malformed("server.upload_field_too_long");
  }
  part_value_.append(bytes);
  return {};
}

core::Status UploadSink::end_part() {
  if (!part_is_file_) upload_.fields.emplace_back(part_name_, std::move(part_value_));
  part_value_.clear();
  return {};
}

core::Status UploadSink::write(std::string_view bytes) {
  auto status = write_bytes(bytes);
  if (!status) error_ = status.error();
  return status;
}

core::Status UploadSink::write_bytes(std::string_view bytes) {
  if (error_) return *error_;
  if (state_ == State::kRaw) return write_file(bytes);
  if (state_ == State::kEpilogue) return {};
  pending_.append(bytes);
  size_t pos = 0;
  for (;;) {
    std::string_view rest(pending_.data() + pos, pending_.size() - pos);
    if (state_ == State::kPreamble || state_ == State::kData) {
      size_t hit = rest.find(delimiter_);
      if (hit == std::string_view::npos) {
        // Keep what could be the start of a delimiter split across two writes.
        size_t keep = std::min(rest.size(), delimiter_.size() - 1);
        if (state_ == State::kData) TRY(on_part_data(rest.substr(0, rest.size() - keep)));
        pos += rest.size() - keep;
        break;
      }
      if (state_ == State::kData) {
        TRY(on_part_data(rest.substr(0, hit)));
        TRY(end_part());
      }
      pos += hit + delimiter_.size();
      state_ = State::kAfterDelimiter;
    } else if (state_ == State::kAfterDelimiter) {
      if (rest.size() < 2) break;
      if (rest.substr(0, 2) == "--") {
        state_ = State::kEpilogue;
        pending_.clear();
        return {};
      }
      // Transport padding (spaces, tabs) may precede the line break.
      size_t eol = rest.find("\r\n");
      if (eol == std::string_view::npos) {
        if (rest.size() > 64) return malformed("server.upload_malformed");
        break;
      }
      if (!trim(rest.substr(0, eol)).empty()) return malformed("server.upload_malformed");
      pos += eol + 2;
      state_ = State::kHeaders;
    } else if (state_ == State::kHeaders) {
      size_t end = rest.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (rest.size() > kMaxPartHeaderBytes) return malformed("server.upload_malformed");
        break;
      }
      if (end > kMaxPartHeaderBytes) return malformed("server.upload_malformed");
      TRY(on_part_headers(rest.substr(0, end)));
      pos += end + 4;
      state_ = State::kData;
    } else {
      break;
    }
  }
  pending_.erase(0, pos);
  return {};
}

core::Result<Upload> UploadSink::finish() {
  if (state_ != State::kRaw && state_ != State::kEpilogue) {
    return malformed("server.upload_truncated");
  }
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    fd_ = -1;
    return core::make_error(core::ErrorCode::kIo, app::tr(lang_, "server.upload_cannot_store"));
  }
  fd_ = -1;
  if (!had_file_) {
    ::unlink(upload_.file_path.c_str());
    upload_.file_path.clear();
  }
  finished_ = true;
  return std::move(upload_);
}

}  // namespace pitwall::server
