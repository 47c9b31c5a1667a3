// libFuzzer target for the whole import path (issue 22): the bytes of a file, CSV or XLSX, go
// through app::workspace::import_file — detection, the parallel CSV importer or the XLSX reader,
// the column mapping and cell parsers, the batch sink and the store's batch writer — into a real
// workspace, and a committed batch is read back. Build and run: tests/fuzz/README.md.
//
// The first byte picks the import kind. The second: bits 0-1 the form (0 CSV; 1 XLSX of stored
// parts; 2 XLSX of deflated parts, as Excel writes them; 3 the same with the sheet's CRC wrong),
// bits 2-3 the CSV encoding, bit 4 one or two threads, bits 5-7 the CSV chunk size (1 byte to
// 8 MiB). The rest is the file (CSV), or up to five parts separated by "\n@@\n" (XLSX: see
// fuzz_xlsx.cpp).
//
// Checks, beyond "no crash, no hang (-timeout), no sanitizer report": an import either commits
// a batch whose rows read + loaded + rejected add up and whose loaded rows read back, or ends
// with an error that is not a bug (kInternal) and whose text is valid UTF-8; every row error shown
// is valid UTF-8. tests/app/workspace/fuzz_import_replay_test.cpp replays tests/data/fuzz/import-*
// through `fuzz_import_one`.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../io/xlsx/zip_builder.hpp"
#include "app/session.hpp"
#include "app/workspace/workspace.hpp"
#include "core/model/table.hpp"
#include "io/encoding/utf8.hpp"
#include "store/workspace.hpp"
#include "xlsx_parts.hpp"

namespace pitwall::fuzz {

namespace {

constexpr int64_t kNow = 1680307200;  // 2023-04-01T00:00:00Z
constexpr int kRunsPerWorkspace = 256;

// A workspace with an HQ user and the example campaign, made again every kRunsPerWorkspace
// inputs so that it stays small.
class World {
 public:
  core::Result<app::Session> session() {
    if (ws_ == nullptr || runs_ >= kRunsPerWorkspace) TRY(reset());
    ++runs_;
    return app::user_session(*ws_, "hq", app::Lang::kEn, kNow);
  }
  ~World() {
    ws_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  const std::string& dir() const { return dir_; }
  store::Workspace& ws() { return *ws_; }

 private:
  core::Status reset() {
    ws_.reset();
    if (dir_.empty()) {
      std::string root = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
      dir_ = root + "/pitwall-fuzz-import-" + std::to_string(getpid());
    }
    std::filesystem::remove_all(dir_);
    TRY(app::workspace::init_workspace_at(dir_, kNow));
    ws_ = TRY(store::open_workspace(dir_));
    app::Session local = app::local_session(*ws_, app::Lang::kEn, kNow);
    TRY(app::workspace::add_user(local, {"hq", "hq", "", kNow}));
    app::Session hq = TRY(app::user_session(*ws_, "hq", app::Lang::kEn, kNow));
    TRY(app::workspace::add_campaign_file(hq, PITWALL_SOURCE_DIR "/examples/campaign.toml"));
    runs_ = 0;
    return {};
  }

  std::string dir_;
  std::unique_ptr<store::Workspace> ws_;
  int runs_ = 0;
};

World& world() {
  static World w;  // removed at exit (libFuzzer's -max_total_time ends with exit())
  return w;
}

std::string workbook(std::string_view input, int form) {
  std::vector<std::string> parts = split_xlsx_parts(input);
  testing::ZipBuilder zip;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty()) continue;
    if (form == 1) {
      zip.add(kXlsxPartNames[i], parts[i]);
    } else {
      uint32_t bad_crc = form == 3 && i == 2 ? 0x00010000u : 0u;
      zip.add_deflated(kXlsxPartNames[i], parts[i], bad_crc);
    }
  }
  return zip.build();
}

}  // namespace

// Runs one input; returns "" or what went wrong.
std::string fuzz_import_one(const uint8_t* data, size_t size) {
  if (size < 2) return "";
  const auto& schemas = core::all_table_schemas();
  const core::TableSchema& schema = schemas[data[0] % schemas.size()];
  const int form = data[1] & 3;
  static constexpr size_t kChunks[] = {1, 7, 64, 256, 1024, 4096, 65536, size_t{8} << 20};
  std::string_view body(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::string bytes = form == 0 ? std::string(body) : workbook(body, form);

  auto session = world().session();
  if (!session) return "setting up the workspace: " + session.error().to_string();
  std::string path = world().dir() + "/input";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return "";  // the machine's disk, not the code
  }
  app::workspace::ImportRequest request;
  request.kind = std::string(schema.name);
  request.path = path;
  request.campaign = schema.per_campaign ? "2023-spring-renewal" : "";
  request.encoding = static_cast<io::Encoding>(((data[1] >> 2) & 3) % 3);
  request.force = true;  // the same bytes twice go the whole way again
  request.threads = 1 + ((data[1] >> 4) & 1);
  request.chunk_bytes = kChunks[data[1] >> 5];
  auto outcome = app::workspace::import_file(*session, request);
  if (getenv("PITWALL_FUZZ_VERBOSE") != nullptr) {  // what a seed reaches
    std::fprintf(stderr, "%s: %s\n", request.kind.c_str(),
                 outcome ? ("loaded " + std::to_string(outcome->batch.loaded) + " of " +
                            std::to_string(outcome->batch.rows_read))
                               .c_str()
                         : outcome.error().to_string().c_str());
  }
  if (!outcome) {
    const core::Error& e = outcome.error();
    if (e.code == core::ErrorCode::kInternal) return "a bug surfaced: " + e.to_string();
    if (!io::is_valid_utf8(e.to_string())) return "an error that is not UTF-8";
    return "";
  }
  const store::BatchInfo& b = outcome->batch;
  if (b.loaded + b.rejected != b.rows_read || b.loaded < 0) {
    return "counts do not add up: read " + std::to_string(b.rows_read) + ", loaded " +
           std::to_string(b.loaded) + ", rejected " + std::to_string(b.rejected);
  }
  for (const std::string& line : outcome->first_errors) {
    if (!io::is_valid_utf8(line)) return "a row error that is not UTF-8";
  }
  auto table = world().ws().load_batches(schema.kind, {b.id});
  if (!table) return "the batch does not read back: " + table.error().to_string();
  if (static_cast<int64_t>(table->rows()) != b.loaded) {
    return "the batch reads back " + std::to_string(table->rows()) + " rows of " +
           std::to_string(b.loaded);
  }
  return "";
}

}  // namespace pitwall::fuzz

#ifndef PITWALL_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string failure = pitwall::fuzz::fuzz_import_one(data, size);
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_import: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
#endif
