#pragma once
// Workspaces for the win-back use-case tests: made with the store and the importer directly (as
// `pitwall init` and `pitwall import` would), people registered, sessions opened as them.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/sha256.hpp"
#include "io/import/importer.hpp"
#include "io/tz/tz_database.hpp"
#include "store/workspace.hpp"

namespace pitwall::testing {

inline const std::string kWinbackData = std::string(PITWALL_TEST_DATA) + "/winback/";

// 2023-06-22T10:00:00+08:00, the clock of the win-back tests.
inline constexpr int64_t kWinbackNow = 1687399200;

// A fresh, empty folder under the test's temp dir.
inline std::string fresh_dir(const std::string& name) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The importer's sink over one new batch of the workspace.
class BatchSink final : public io::TableSink {
 public:
  BatchSink(store::Workspace& ws, store::BatchStart start) : ws_(ws), start_(std::move(start)) {}
  core::Status prepare() override {
    if (!writer_) writer_ = TRY(ws_.begin_batch(start_));
    return {};
  }
  core::StringPool& pool() override { return writer_->pool(); }
  core::Status append(const core::Table& chunk) override { return writer_->append(chunk); }
  store::BatchWriter* writer() { return writer_.get(); }

 private:
  store::Workspace& ws_;
  store::BatchStart start_;
  std::unique_ptr<store::BatchWriter> writer_;
};

// Imports a CSV file as one batch of `kind` (master data). Errors: the importer's and store's.
inline core::Status import_csv(store::Workspace& ws, core::TableKind kind,
                               const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  store::BatchStart start;
  start.kind = kind;
  start.file = std::filesystem::path(path).filename().string();
  start.sha256 = core::sha256_hex(bytes);
  start.source_path = path;
  start.imported_by = "test";
  BatchSink sink(ws, start);
  io::ImportSettings settings;
  settings.kind = kind;
  settings.display_name = start.file;
  settings.zone = TRY(io::find_time_zone("Asia/Shanghai"));
  settings.threads = 1;
  auto stats = TRY(io::import_csv_file(path, io::CsvOptions{}, settings, sink));
  if (stats.rejected != 0) return core::invalid_input("rows rejected in " + path);
  TRY(sink.prepare());  // an empty file still makes its batch
  store::BatchCounts counts{stats.rows_read, stats.loaded, stats.rejected};
  TRY(sink.writer()->commit(counts, ""));
  return {};
}

struct Person {
  std::string name;
  std::string role;
  std::string scope;
};

// The desk's people: two of each scoped role, on both sides of the fixture's two regions
// (华东战区: S001, S002; 华北战区: S003).
inline const std::vector<Person>& winback_people() {
  static const std::vector<Person> people = {
      {"ops", "hq", ""},
      {"east", "region", "华东战区"},
      {"north", "region", "华北战区"},
      {"wang", "store", "S001"},
      {"wu", "store", "S001"},
      {"zhao", "store", "S002"},
      {"zhou", "store", "S003"},
      {"qian", "finance", ""},
      {"fang", "arbiter", ""},
      {"li", "director", ""},
      {"zhang", "director", ""},
      {"lin", "service", ""},
      {"mei", "service", "华东战区"},
      {"su", "service", "华北战区"},
  };
  return people;
}

// A new workspace in `dir` with the fixture's stores, churned list (or `churned_csv`), visits,
// blacklist and history imported and the desk's people registered.
inline void make_winback_workspace(const std::string& dir, const std::string& churned_csv = "") {
  ASSERT_TRUE(store::init_workspace(dir, kWinbackNow).has_value());
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws.has_value()) << ws.error().to_string();
  const std::pair<core::TableKind, std::string> files[] = {
      {core::TableKind::kStores, kWinbackData + "stores.csv"},
      {core::TableKind::kChurned, churned_csv.empty() ? kWinbackData + "churned.csv" : churned_csv},
      {core::TableKind::kWinbackVisits, kWinbackData + "visits.csv"},
      {core::TableKind::kBlacklist, kWinbackData + "blacklist.csv"},
      {core::TableKind::kWinbackHistory, kWinbackData + "history.csv"}};
  for (const auto& [kind, path] : files) {
    auto imported = import_csv(**ws, kind, path);
    ASSERT_TRUE(imported.has_value()) << imported.error().to_string();
  }
  for (const auto& p : winback_people()) {
    ASSERT_TRUE((*ws)->add_user({p.name, p.role, p.scope, kWinbackNow}).has_value());
  }
}

// A use case's status, its result dropped.
template <typename R>
core::Status status_of(const core::Result<R>& r) {
  if (r) return {};
  return r.error();
}

// The session of a registered person on `ws` (English words, the tests' clock).
inline app::Session session_of(store::Workspace& ws, const std::string& name,
                               int64_t now = kWinbackNow) {
  auto s = app::user_session(ws, name, app::Lang::kEn, now);
  EXPECT_TRUE(s.has_value()) << name;
  return s ? *s : app::local_session(ws, app::Lang::kEn, now);
}

}  // namespace pitwall::testing
