// import_file of workspace.hpp: one file in, one atomic batch out.
#include <fmt/format.h>

#include <future>
#include <map>

#include "app/campaign.hpp"
#include "app/i18n/worded.hpp"
#include "app/permission.hpp"
#include "app/workflow/records.hpp"
#include "app/workspace/workspace.hpp"
#include "io/encoding/encoding.hpp"
#include "io/encoding/utf8.hpp"
#include "io/import/aliases.hpp"
#include "io/import/importer.hpp"
#include "io/tz/tz_database.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::app::workspace {

namespace {

constexpr size_t kErrorsOnScreen = 50;

// The file's name as the workspace records and shows it: its last path part, with every byte
// that is not valid UTF-8 and every control character written as \xNN, so that what is stored
// is printable text (a name saved in GB18030 by Windows, or one holding a newline or a
// terminal escape, prints as it is, harmlessly).
std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return io::printable_text(slash == std::string::npos ? std::string_view(path)
                                                       : std::string_view(path).substr(slash + 1));
}

core::Result<std::shared_ptr<store::MappedFile>> map_input(const std::string& path) {
  auto mapped = store::MappedFile::open(path);
  if (!mapped) {
    auto e = core::make_error(core::ErrorCode::kNotFound,
                              fmt::format("cannot read the file ({})", mapped.error().message));
    e.at_file(path);
    e.key = "core.cannot_read";
    return e;
  }
  return mapped.release_value();
}

core::Result<std::string> file_sha256(const std::string& path) {
  auto sha = store::file_sha256(path);
  if (!sha) {
    auto e = core::make_error(core::ErrorCode::kNotFound,
                              fmt::format("cannot read the file ({})", sha.error().message));
    e.at_file(path);
    e.key = "core.cannot_read";
    return e;
  }
  return sha;
}

core::Error already_imported(const Session& s, const store::BatchInfo& earlier,
                             const std::string& path) {
  auto e = core::make_error(core::ErrorCode::kAlreadyExists,
                            s.tr("import.already_imported", earlier.id, earlier.file,
                                 core::format_utc_iso(earlier.imported_at), earlier.imported_by));
  e.at_file(path);
  return e;
}

// Adapts the store's batch writer to the importer's sink. The file's SHA-256 is computed on
// another thread while the first chunk is parsed; the batch is begun (after refusing bytes
// imported before) when the first chunk is ready.
core::Status check_cancelled(const Session& s, const ImportRequest& request) {
  if (request.cancelled && request.cancelled()) {
    return core::make_error(core::ErrorCode::kUnavailable, s.tr("import.cancelled"));
  }
  return {};
}

class BatchSink final : public io::TableSink {
 public:
  BatchSink(const Session& s, store::Workspace& ws, store::BatchStart start,
            std::future<core::Result<std::string>> sha, const ImportRequest& request)
      : s_(s), ws_(ws), start_(std::move(start)), sha_(std::move(sha)), request_(request) {}

  core::Status prepare() override {
    if (writer_) return {};
    start_.sha256 = TRY(sha_.get());
    auto earlier = TRY(ws_.find_batch(start_.kind, start_.campaign, start_.sha256));
    if (earlier && !request_.force) return already_imported(s_, *earlier, request_.path);
    writer_ = TRY(ws_.begin_batch(start_));
    return {};
  }
  core::StringPool& pool() override {
    PW_CHECK(writer_ != nullptr, "prepare before the pool");
    return writer_->pool();
  }
  core::Status append(const core::Table& chunk) override {
    TRY(check_cancelled(s_, request_));
    return writer_->append(chunk);
  }
  store::BatchWriter& writer() { return *writer_; }
  void close() { writer_.reset(); }

 private:
  const Session& s_;
  store::Workspace& ws_;
  store::BatchStart start_;
  std::future<core::Result<std::string>> sha_;
  const ImportRequest& request_;
  std::unique_ptr<store::BatchWriter> writer_;
};

core::Result<const core::TimeZone*> zone_for(const Session& s, const core::TableSchema& schema,
                                             const ImportRequest& request) {
  if (!schema.per_campaign && request.campaign.empty()) {
    return io::find_time_zone("Asia/Shanghai");
  }
  if (request.campaign.empty()) {
    auto e =
        core::make_error(core::ErrorCode::kUsage, s.tr("import.campaign_required", schema.name));
    e.at_column("--campaign");
    return e;
  }
  core::Campaign campaign = TRY(load_campaign(s, request.campaign));
  return io::find_time_zone(campaign.timezone);
}

// Orders whose id an earlier batch of the campaign already has (closeout.md §1: one order).
core::Result<int64_t> count_merged_orders(store::Workspace& ws, const std::string& campaign,
                                          int64_t new_batch) {
  core::Table all = TRY(ws.load_table(core::TableKind::kOrders, campaign));
  core::StringPool seen;
  std::vector<uint32_t> earlier;
  int64_t merged = 0;
  auto ids = all.columns[core::orders::kOrderId].text();
  for (size_t r = 0; r < all.rows(); ++r) {
    if (all.batches[r] != static_cast<uint32_t>(new_batch))
      (void)seen.intern(all.pool.view(ids[r]));
  }
  for (size_t r = 0; r < all.rows(); ++r) {
    if (all.batches[r] == static_cast<uint32_t>(new_batch) &&
        seen.find(all.pool.view(ids[r])) != core::StringPool::kMissing) {
      ++merged;
    }
  }
  return merged;
}

}  // namespace

core::Result<ImportOutcome> import_file(const Session& s, const ImportRequest& request) {
  TRY(authorize(s, Permission::kImport));
  store::Workspace& ws = s.workspace();
  const core::TableSchema* schema = core::find_table_schema(request.kind);
  if (schema == nullptr) {
    std::string kinds;
    for (const auto& s : core::all_table_schemas())
      kinds += (kinds.empty() ? "" : ", ") + std::string(s.name);
    auto e =
        core::make_error(core::ErrorCode::kUsage, s.tr("import.unknown_kind", request.kind, kinds));
    return e;
  }
  const core::TimeZone* zone = TRY(zone_for(s, *schema, request));
  std::string campaign = schema->per_campaign ? request.campaign : std::string();
  // Frozen and sealed campaigns take no imports (closeout.md lifecycle); master data may always
  // be imported: a frozen campaign keeps the batches pinned at its freeze.
  auto lifecycle = [&]() -> core::Status {
    if (campaign.empty()) return {};
    return workflow::check_lifecycle(s, campaign, core::CampaignWrite::kImport);
  };
  TRY(lifecycle());
  std::string name = base_name(request.path);
  // A file that cannot be read fails here, before the hashing thread starts.
  bool xlsx = false;
  {
    auto mapped = TRY(map_input(request.path));
    std::string_view bytes = mapped->bytes();
    xlsx = bytes.starts_with(std::string_view("PK\x03\x04", 4));
    // A file that is not text at all (a program renamed .csv) is said to be so, not reported as
    // bytes of a wrong encoding.
    if (!xlsx) {
      if (auto text = io::check_text(bytes.substr(0, 64 * 1024)); !text) {
        core::Error e = text.release_error();
        e.at_file(name);
        return e;
      }
    }
  }
  auto sha = std::async(std::launch::async, [path = request.path] { return file_sha256(path); });

  std::unique_ptr<io::TableSource> source;
  if (xlsx) source = TRY(io::open_xlsx_file(request.path, request.sheet, name));

  store::BatchStart start{schema->kind, campaign,         name,         "", request.path,
                          s.now,        s.principal.name, request.force};
  BatchSink sink(s, ws, std::move(start), std::move(sha), request);
  ImportOutcome outcome;
  std::string report;
  std::map<std::string, int64_t> by_kind;
  io::ImportSettings settings;
  settings.kind = schema->kind;
  settings.display_name = name;
  settings.zone = zone;
  settings.on_row_error = [&](const core::Error& e, const std::string& kind) {
    std::string line = error_text(s.lang, e);
    if (outcome.first_errors.size() < kErrorsOnScreen) outcome.first_errors.push_back(line);
    report += line;
    report += '\n';
    ++by_kind[kind];
  };
  settings.on_progress = [&](double fraction, int64_t rows) {
    if (request.on_progress) request.on_progress(fraction, rows);
  };
  settings.threads = request.threads;
  settings.chunk_bytes = request.chunk_bytes;
  io::ImportStats stats;
  if (xlsx) {
    stats = TRY(io::import_rows(*source, settings, sink));
  } else {
    io::CsvOptions options;
    options.encoding = request.encoding;
    stats = TRY(io::import_csv_file(request.path, options, settings, sink));
  }
  TRY(sink.prepare());  // when no chunk had rows
  if (stats.loaded == 0 && stats.rows_read > 0) {
    auto e = core::invalid_input(s.tr("import.nothing_loaded", stats.rejected));
    e.at_file(name);
    for (const auto& line : outcome.first_errors) e.message += "\n  " + line;
    return e;
  }
  TRY(check_cancelled(s, request));
  store::BatchCounts counts{stats.rows_read, stats.loaded, stats.rejected};
  outcome.batch = TRY(sink.writer().commit(counts, report, lifecycle));
  sink.close();  // the pool's memory goes before the orders are read back
  outcome.errors_by_kind.assign(by_kind.begin(), by_kind.end());
  if (schema->kind == core::TableKind::kOrders) {
    outcome.orders_merged = TRY(count_merged_orders(ws, campaign, outcome.batch.id));
  }
  return outcome;
}

std::string error_kind_words(Lang lang, std::string_view import_kind, std::string_view kind) {
  auto colon = kind.find(": ");
  if (colon == std::string_view::npos) {
    std::string key = "import.kind." + std::string(kind);
    for (char& c : key) c = c == ' ' ? '_' : c;
    return std::string(message_or(lang, key, kind));
  }
  std::string_view column = kind.substr(0, colon);
  std::string expected(kind.substr(colon + 2));
  // "date-time", "whole number", "yes/no": catalogue keys "import.expect.date_time", ...
  for (char& c : expected) c = (c == ' ' || c == '-' || c == '/') ? '_' : c;
  std::string_view shown = column;
  if (const core::TableSchema* schema = core::find_table_schema(import_kind);
      schema && lang == Lang::kZh) {
    shown = io::chinese_header(schema->kind, column);
  }
  if (expected == "missing") return tr(lang, "import.kind.missing", shown);
  std::string_view what = message_or(lang, "import.expect." + expected, expected);
  return tr(lang, "import.kind.cell", shown, what);
}

}  // namespace pitwall::app::workspace
