// PgWorkspace (pg_workspace_impl.hpp): bulk bytes in chunks, and the blobs made of them.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

#include "core/base/check.hpp"
#include "core/base/sha256.hpp"
#include "store/files/file_util.hpp"
#include "store/postgres/pg_workspace_impl.hpp"

namespace pitwall::store::postgres {

namespace {

// Chunks fetched per statement: a few MiB in memory at a time.
constexpr int64_t kChunksPerFetch = 8;

core::Error missing_blob(std::string_view name) {
  return core::not_found(fmt::format("blob {} does not exist", name));
}

constexpr std::string_view kInsertChunk =
    "INSERT INTO file_chunks(upload, file, part, bytes) VALUES($1, $2, $3, $4)";

// A blob being written: its chunks stream to the database as they fill, through the handle's
// upload connection, outside any transaction of the handle, under an upload registered in
// pending_uploads; commit binds the name to the upload (in the caller's transaction, if any),
// so the lock a close-out holds while it records its run no longer covers its upload. Dropped
// uncommitted, the chunks are removed; left by a killed process, the next open removes them a
// day later.
class PgBlobWriter final : public Workspace::BlobWriter {
 public:
  PgBlobWriter(PgWorkspace* ws, std::string name, int64_t upload)
      : ws_(ws), name_(std::move(name)), upload_(upload) {}
  ~PgBlobWriter() override {
    if (committed_) return;
    std::lock_guard lock(ws_->upload_mutex());
    auto db = ws_->upload_connection();
    if (!db || !(*db)->flush()) return;
    Params p;
    p.integer(upload_);
    (void)(*db)->execute("DELETE FROM file_chunks WHERE upload = $1", p);
    (void)(*db)->execute("DELETE FROM pending_uploads WHERE upload = $1", p);
  }
  core::Status append(std::string_view bytes) override {
    buffer_.append(bytes);
    size_ += static_cast<int64_t>(bytes.size());
    size_t sent = 0;
    while (buffer_.size() - sent >= static_cast<size_t>(kChunkBytes)) {
      TRY(send(std::string_view(buffer_).substr(sent, static_cast<size_t>(kChunkBytes))));
      sent += static_cast<size_t>(kChunkBytes);
    }
    buffer_.erase(0, sent);
    return {};
  }
  core::Status overwrite(int64_t offset, std::string_view bytes) override {
    PW_CHECK(offset >= 0 && offset + static_cast<int64_t>(bytes.size()) <= size_,
             "overwrite within what was written");
    int64_t end = offset + static_cast<int64_t>(bytes.size());
    if (end > sent_) {  // the part still in the buffer
      int64_t from = std::max(offset, sent_);
      buffer_.replace(static_cast<size_t>(from - sent_), static_cast<size_t>(end - from),
                      bytes.substr(static_cast<size_t>(from - offset)));
    }
    if (offset >= sent_) return {};
    std::lock_guard lock(ws_->upload_mutex());
    Connection* db = TRY(ws_->upload_connection());
    TRY(ws_->upload_failed(db->flush()));
    for (int64_t at = offset; at < std::min(end, sent_);) {
      int64_t part = at / kChunkBytes;
      int64_t stop = std::min({end, sent_, (part + 1) * kChunkBytes});
      Params p;
      p.bytes(bytes.substr(static_cast<size_t>(at - offset), static_cast<size_t>(stop - at)));
      p.integer(at - part * kChunkBytes + 1).integer(upload_).integer(part);
      TRY(ws_->upload_failed(
          db->execute("UPDATE file_chunks SET bytes = overlay(bytes PLACING $1 FROM $2::int) "
                      "WHERE upload = $3 AND file = '' AND part = $4",
                      p)));
      at = stop;
    }
    return {};
  }
  core::Status commit() override {
    if (!buffer_.empty()) TRY(send(buffer_));
    buffer_.clear();
    {
      std::lock_guard lock(ws_->upload_mutex());
      Connection* db = TRY(ws_->upload_connection());
      TRY(ws_->upload_failed(db->flush()));
      Params p;
      p.integer(upload_).integer(size_);
      TRY(ws_->upload_failed(
          db->execute("INSERT INTO stored_files(upload, file, size) VALUES($1, '', $2)", p)));
    }
    TRY(ws_->transaction([&]() -> core::Status {
      TRY(ws_->bind_blob(name_, upload_, size_));
      Params p;
      p.integer(upload_);
      return ws_->db().execute("DELETE FROM pending_uploads WHERE upload = $1", p);
    }));
    committed_ = true;
    return {};
  }

 private:
  core::Status send(std::string_view chunk) {
    std::lock_guard lock(ws_->upload_mutex());
    Connection* db = TRY(ws_->upload_connection());
    Params c;
    c.integer(upload_).text("").integer(parts_).bytes(chunk);
    TRY(ws_->upload_failed(db->send(kInsertChunk, c)));
    ++parts_;
    sent_ += static_cast<int64_t>(chunk.size());
    return {};
  }

  PgWorkspace* ws_;
  std::string name_;
  int64_t upload_;
  std::string buffer_;  // bytes after the chunks sent
  int64_t size_ = 0;    // bytes appended
  int64_t sent_ = 0;    // bytes in chunks sent
  int64_t parts_ = 0;
  bool committed_ = false;
};

}  // namespace

core::Result<int64_t> new_upload(Connection& db) {
  auto rows = TRY(db.query("SELECT nextval('uploads')"));
  return rows.integer(0, 0);
}

namespace {

core::Status record_file(Connection& db, int64_t upload, std::string_view file, int64_t size) {
  Params p;
  p.integer(upload).text(file).integer(size);
  return db.execute("INSERT INTO stored_files(upload, file, size) VALUES($1, $2, $3)", p);
}

}  // namespace

core::Status upload_bytes(Connection& db, int64_t upload, std::string_view file,
                          std::string_view bytes) {
  auto sent = [&]() -> core::Status {
    for (int64_t part = 0; part * kChunkBytes < static_cast<int64_t>(bytes.size()); ++part) {
      Params c;
      c.integer(upload).text(file).integer(part);
      c.bytes(
          bytes.substr(static_cast<size_t>(part * kChunkBytes), static_cast<size_t>(kChunkBytes)));
      TRY(db.send(kInsertChunk, c));
    }
    return {};
  }();
  auto flushed = db.flush();
  TRY(std::move(sent));
  TRY(std::move(flushed));
  return record_file(db, upload, file, static_cast<int64_t>(bytes.size()));
}

core::Status upload_file(Connection& db, int64_t upload, std::string_view file,
                         const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  std::string buffer(static_cast<size_t>(kChunkBytes), '\0');
  int64_t size = 0;
  auto sent = [&]() -> core::Status {
    for (int64_t part = 0;; ++part) {
      size_t used = 0;
      while (used < buffer.size()) {
        ssize_t n = ::read(fd, buffer.data() + used, buffer.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return io_error("read", path);
        if (n == 0) break;
        used += static_cast<size_t>(n);
      }
      if (used == 0) return {};
      Params c;
      c.integer(upload).text(file).integer(part).bytes(std::string_view(buffer.data(), used));
      TRY(db.send(kInsertChunk, c));  // libpq has copied the chunk when send returns
      size += static_cast<int64_t>(used);
      if (used < buffer.size()) return {};
    }
  }();
  ::close(fd);
  auto flushed = db.flush();
  TRY(std::move(sent));
  TRY(std::move(flushed));
  return record_file(db, upload, file, size);
}

core::Status PgWorkspace::read_stored_file(
    int64_t upload, std::string_view file,
    const std::function<core::Status(std::string_view)>& sink) {
  Params p;
  p.integer(upload).text(file);
  auto sized = TRY(db_->query("SELECT size FROM stored_files WHERE upload = $1 AND file = $2", p));
  if (sized.empty()) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("stored file {} of upload {} is missing", file, upload));
  }
  int64_t size = sized.integer(0, 0);
  int64_t read = 0;
  for (int64_t from = 0; from * kChunkBytes < size; from += kChunksPerFetch) {
    Params c;
    c.integer(upload).text(file).integer(from).integer(from + kChunksPerFetch);
    auto rows = TRY(db_->query(
        "SELECT bytes FROM file_chunks WHERE upload = $1 AND file = $2 AND part >= $3 AND "
        "part < $4 ORDER BY part",
        c, ResultFormat::kBinary));
    for (int i = 0; i < rows.size(); ++i) {
      TRY(sink(rows.view(i, 0)));
      read += static_cast<int64_t>(rows.view(i, 0).size());
    }
  }
  if (read != size) {
    return core::make_error(
        core::ErrorCode::kCorrupt,
        fmt::format("stored file {} of upload {} has {} bytes, not {}", file, upload, read, size));
  }
  return {};
}

core::Status PgWorkspace::download_file(int64_t upload, std::string_view file,
                                        const std::string& path) {
  auto out = TRY(AppendFile::create(path));
  TRY(read_stored_file(upload, file, [&](std::string_view bytes) { return out->append(bytes); }));
  return out->finish();
}

core::Result<std::string> PgWorkspace::stored_file_sha256(int64_t upload, std::string_view file) {
  core::Sha256 sha;
  TRY(read_stored_file(upload, file, [&](std::string_view bytes) -> core::Status {
    sha.update(bytes);
    return {};
  }));
  return sha.hex_digest();
}

core::Result<std::vector<std::string>> PgWorkspace::stored_files(int64_t upload,
                                                                 std::string_view prefix) {
  Params p;
  p.integer(upload).text(prefix);
  auto rows = TRY(db_->query(
      "SELECT file FROM stored_files WHERE upload = $1 AND starts_with(file, $2) ORDER BY file",
      p));
  std::vector<std::string> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.text(i, 0));
  return out;
}

core::Status PgWorkspace::drop_upload(int64_t upload) {
  Params p;
  p.integer(upload);
  TRY(db_->execute("DELETE FROM file_chunks WHERE upload = $1", p));
  return db_->execute("DELETE FROM stored_files WHERE upload = $1", p);
}

core::Status PgWorkspace::bind_blob(std::string_view name, int64_t upload, int64_t size) {
  Params p;
  p.text(name);
  auto old = TRY(db_->query("SELECT upload FROM blobs WHERE name = $1 FOR UPDATE", p));
  Params b;
  b.text(name).integer(upload).integer(size);
  TRY(db_->execute(
      "INSERT INTO blobs(name, upload, size) VALUES($1, $2, $3) ON CONFLICT(name) DO UPDATE "
      "SET upload = excluded.upload, size = excluded.size",
      b));
  if (!old.empty()) TRY(drop_upload(old.integer(0, 0)));
  return {};
}

core::Status PgWorkspace::put_blob(std::string_view name, std::string_view bytes) {
  int64_t upload = 0;
  return transaction_after(
      [&]() -> core::Status {
        upload = TRY(new_upload(*db_));
        return upload_bytes(*db_, upload, "", bytes);
      },
      [&] { return bind_blob(name, upload, static_cast<int64_t>(bytes.size())); });
}

core::Result<std::optional<std::string>> PgWorkspace::get_blob(std::string_view name) {
  Params p;
  p.text(name);
  auto found = TRY(db_->query("SELECT size FROM blobs WHERE name = $1", p));
  if (found.empty()) return std::optional<std::string>();
  return std::optional<std::string>(TRY(read_blob_range(name, 0, found.integer(0, 0))));
}

core::Result<std::string> PgWorkspace::read_blob_range(std::string_view name, int64_t offset,
                                                       int64_t length) {
  Params p;
  p.text(name);
  auto found = TRY(db_->query("SELECT upload, size FROM blobs WHERE name = $1", p));
  if (found.empty()) return missing_blob(name);
  int64_t upload = found.integer(0, 0);
  int64_t size = found.integer(0, 1);
  offset = std::clamp<int64_t>(offset, 0, size);
  int64_t end = std::min(size, offset + std::max<int64_t>(length, 0));
  std::string out;
  out.reserve(static_cast<size_t>(end - offset));
  int64_t first = offset / kChunkBytes;
  int64_t last = end > offset ? (end - 1) / kChunkBytes : first - 1;
  for (int64_t from = first; from <= last; from += kChunksPerFetch) {
    Params c;
    c.integer(upload).integer(from).integer(std::min(last + 1, from + kChunksPerFetch));
    auto rows = TRY(db_->query(
        "SELECT part, bytes FROM file_chunks WHERE upload = $1 AND file = '' AND part >= $2 AND "
        "part < $3 ORDER BY part",
        c, ResultFormat::kBinary));
    for (int i = 0; i < rows.size(); ++i) {
      int64_t start = rows.integer(i, 0) * kChunkBytes;
      std::string_view bytes = rows.view(i, 1);
      int64_t lo = std::max(offset, start) - start;
      int64_t hi = std::min(end, start + static_cast<int64_t>(bytes.size())) - start;
      if (hi > lo) out.append(bytes.substr(static_cast<size_t>(lo), static_cast<size_t>(hi - lo)));
    }
  }
  if (static_cast<int64_t>(out.size()) != end - offset) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("blob {} is shorter than its recorded size", name));
  }
  return out;
}

core::Status PgWorkspace::remove_blob(std::string_view name) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(name);
    auto gone = TRY(db_->query("DELETE FROM blobs WHERE name = $1 RETURNING upload", p));
    if (!gone.empty()) TRY(drop_upload(gone.integer(0, 0)));
    return {};
  });
}

core::Result<std::unique_ptr<Workspace::BlobWriter>> PgWorkspace::open_blob(std::string_view name) {
  std::lock_guard lock(upload_mutex_);
  Connection* db = TRY(upload_connection());
  TRY(upload_failed(db->flush()));
  int64_t upload = TRY(new_upload(*db));
  Params p;
  p.integer(upload);
  TRY(
      db->execute("INSERT INTO pending_uploads(upload, started_at) "
                  "VALUES($1, extract(epoch FROM now())::bigint)",
                  p));
  return std::unique_ptr<BlobWriter>(
      std::make_unique<PgBlobWriter>(this, std::string(name), upload));
}

core::Result<Connection*> PgWorkspace::upload_connection() {
  if (!upload_status_) return core::Error(upload_status_.error());
  if (!upload_db_) upload_db_ = TRY(Connection::open(url_));
  return upload_db_.get();
}

core::Status PgWorkspace::upload_failed(core::Status status) {
  if (!status && upload_status_) upload_status_ = status;
  return status;
}

void PgWorkspace::remove_stale_uploads() {
  auto stale = db_->query(
      "SELECT upload FROM pending_uploads WHERE started_at < extract(epoch FROM now()) - 86400 "
      "AND upload NOT IN (SELECT upload FROM blobs)");
  if (!stale) return;
  for (int i = 0; i < stale->size(); ++i) {
    Params p;
    p.integer(stale->integer(i, 0));
    (void)drop_upload(stale->integer(i, 0));
    (void)db_->execute("DELETE FROM pending_uploads WHERE upload = $1", p);
  }
}

}  // namespace pitwall::store::postgres
