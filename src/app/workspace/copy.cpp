// copy_workspace (workspace.hpp): `pitwall workspace copy FROM TO`, a folder to a database or
// back, through the store interface alone.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "app/workflow/records.hpp"
#include "app/workspace/workspace.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::app::workspace {

namespace {

// Blobs are copied a few MiB at a time (a stored run of 10M orders does not fit a string twice).
constexpr int64_t kBlobPiece = int64_t{8} << 20;

std::string temp_file(std::string_view what) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          fmt::format("pitwall-copy-{}-{}-{}", getpid(), ++counter, what))
      .string();
}

core::Error conflict(std::string message) {
  return core::make_error(core::ErrorCode::kConflict, std::move(message));
}

// One batch: its rows (text re-interned into the writer's pool), original and error report, with
// the same id, counts and provenance.
core::Status copy_batch(store::Workspace& from, store::Workspace& to, const store::BatchInfo& b) {
  const core::TableSchema* schema = core::find_table_schema(b.kind);
  if (schema == nullptr)
    return conflict(fmt::format("batch {} has an unknown kind {}", b.id, b.kind));
  std::string original = temp_file("original");
  std::string report_path = temp_file("report");
  auto status = [&]() -> core::Status {
    TRY(from.save_batch_file(b.id, store::Workspace::BatchFile::kOriginal, original));
    std::string report;
    auto saved = from.save_batch_file(b.id, store::Workspace::BatchFile::kErrorReport, report_path);
    if (saved) {
      report = TRY(store::read_file(report_path));
    } else if (saved.error().code != core::ErrorCode::kNotFound) {
      return saved.release_error();
    }
    core::Table rows = TRY(from.load_batches(schema->kind, {b.id}));
    auto writer =
        TRY(to.begin_batch(store::BatchStart{schema->kind, b.campaign, b.file, b.sha256, original,
                                             b.imported_at, b.imported_by, b.forced}));
    core::Table chunk = core::Table::empty(schema->kind);
    std::swap(chunk.pool, writer->pool());
    core::append_table(chunk, rows);
    std::swap(chunk.pool, writer->pool());
    TRY(writer->append(chunk));
    store::BatchInfo copied = TRY(writer->commit({b.rows_read, b.loaded, b.rejected}, report));
    if (copied.id != b.id) {
      return conflict(
          fmt::format("batch {} became batch {} in the copy (batch ids must run 1, 2, "
                      "... in the source)",
                      b.id, copied.id));
    }
    return {};
  }();
  (void)store::remove_tree(original);
  (void)store::remove_tree(report_path);
  return status;
}

core::Status copy_blob(store::Workspace& from, store::Workspace& to, const std::string& name) {
  auto writer = TRY(to.open_blob(name));
  for (int64_t offset = 0;; offset += kBlobPiece) {
    std::string piece = TRY(from.read_blob_range(name, offset, kBlobPiece));
    TRY(writer->append(piece));
    if (static_cast<int64_t>(piece.size()) < kBlobPiece) break;
  }
  return writer->commit();
}

}  // namespace

core::Result<CopyOutcome> copy_workspace(const std::string& from_location,
                                         const std::string& to_location, int64_t now) {
  auto from = TRY(store::open_workspace(from_location));
  TRY(store::init_workspace(to_location, now));
  auto to = TRY(store::open_workspace(to_location));
  CopyOutcome out;
  for (const auto& u : TRY(from->list_users())) {
    TRY(to->add_user(u));
    ++out.users;
  }
  for (const auto& c : TRY(from->list_campaigns())) {
    TRY(to->put_campaign(c));
    ++out.campaigns;
  }
  for (const auto& d : TRY(from->list_definition_history())) {
    TRY(to->put_definition(d));
    ++out.definitions;
  }
  for (const auto& b : TRY(from->list_batches())) {
    TRY(copy_batch(*from, *to, b));
    ++out.batches;
  }
  for (const auto& collection : TRY(from->list_collections())) {
    for (const auto& r : TRY(from->list_records(collection))) {
      TRY(to->put_record(collection, r.key, r.json, r.updated_at));
      ++out.records;
    }
  }
  // Logs keep their sequence numbers (the hash chains name them): appended in order to empty logs.
  for (const auto& log : TRY(from->list_logs())) {
    for (const auto& e : TRY(from->read_log(log))) {
      int64_t seq = TRY(to->append_log(log, e.json));
      if (seq != e.seq) {
        return conflict(
            fmt::format("log {} skips from {} to {}: it cannot be copied", log, seq - 1, e.seq));
      }
      ++out.log_entries;
    }
  }
  for (const auto& name : TRY(from->list_blobs())) {
    TRY(copy_blob(*from, *to, name));
    ++out.blobs;
  }
  // The seals last: from now on the copy's database refuses writes to those campaigns too.
  for (const auto& c : TRY(from->list_campaigns())) {
    if (TRY(workflow::load_lifecycle(*from, c.id)).seal) {
      TRY(to->seal_in_database(c.id));
      ++out.sealed;
    }
  }
  return out;
}

}  // namespace pitwall::app::workspace
