#include "app/jobs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>

namespace pitwall::app::jobs {

namespace {

bool finished(std::string_view state) {
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

// The number of an id "J000123"; 0 when the key is not one.
int64_t number_of(std::string_view key) {
  if (key.size() != 7 || key[0] != 'J') return 0;
  int64_t n = 0;
  for (char c : key.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

core::Error unknown(const Session& s, const std::string& id) {
  auto e = core::not_found(s.tr("server.unknown_job", id));
  e.at_column("id");
  return e;
}

core::Result<std::string> add(store::Workspace& ws,
                              const std::function<io::Json(const std::string& id)>& record,
                              int64_t now) {
  std::string id;
  TRY(ws.transaction([&]() -> core::Status {
    int64_t last = 0;
    for (const auto& r : TRY(ws.list_records(kCollection))) {
      last = std::max(last, number_of(r.key));
    }
    id = fmt::format("J{:06}", last + 1);
    return ws.insert_record(kCollection, id, record(id).dump(), now);
  }));
  return id;
}

core::Status save(store::Workspace& ws, const std::string& id, const io::Json& record,
                  int64_t now) {
  return ws.transaction([&] { return ws.put_record(kCollection, id, record.dump(), now); });
}

bool may_see(const Session& s, std::string_view owner) {
  return s.principal.name == owner || s.principal.role == core::Role::kHq;
}

core::Result<io::Json> find(const Session& s, const std::string& id) {
  auto record = TRY(s.workspace().get_record(kCollection, id));
  if (!record) return unknown(s, id);
  io::Json doc = TRY(io::Json::parse(record->json));
  if (!may_see(s, doc.get_string("by"))) return unknown(s, id);
  return doc;
}

core::Result<std::vector<std::string>> list(const Session& s) {
  std::vector<std::string> out;
  auto records = TRY(s.workspace().list_records(kCollection));
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    auto doc = io::Json::parse(it->json);
    if (doc && may_see(s, doc->get_string("by"))) out.push_back(it->key);
  }
  return out;
}

namespace {
std::string file_blob(const std::string& id, const std::string& name) {
  return "server/jobs/" + id + "/" + name;
}
constexpr size_t kPiece = size_t{4} << 20;
}  // namespace

core::Status keep_file(store::Workspace& ws, const std::string& id, const std::string& name,
                       const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(core::ErrorCode::kIo, "cannot read " + path);
  auto blob = TRY(ws.open_blob(file_blob(id, name)));
  std::string piece(kPiece, '\0');
  while (in) {
    in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    if (in.gcount() > 0) TRY(blob->append(std::string_view(piece.data(), in.gcount())));
  }
  if (in.bad()) return core::make_error(core::ErrorCode::kIo, "cannot read " + path);
  return blob->commit();
}

core::Status copy_file(store::Workspace& ws, const std::string& id, const std::string& name,
                       const std::string& path) {
  std::string blob = file_blob(id, name);
  std::string temp = path + ".part";
  auto write = [&]() -> core::Status {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return core::make_error(core::ErrorCode::kIo, "cannot write " + temp);
    for (int64_t at = 0;;) {
      std::string piece = TRY(ws.read_blob_range(blob, at, static_cast<int64_t>(kPiece)));
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      at += static_cast<int64_t>(piece.size());
      if (piece.size() < kPiece) break;
    }
    if (!out.flush()) return core::make_error(core::ErrorCode::kIo, "cannot write " + temp);
    return {};
  };
  core::Status written = write();
  if (written && std::rename(temp.c_str(), path.c_str()) != 0) {
    written = core::make_error(core::ErrorCode::kIo, "cannot write " + path);
  }
  if (!written) std::remove(temp.c_str());
  return written;
}

core::Result<int64_t> settle_unfinished(
    store::Workspace& ws,
    const std::function<core::Result<io::Json>(const io::Json& doc, const store::BatchInfo&)>&
        imported,
    const std::function<io::Json(const io::Json& doc)>& interrupted, int64_t now) {
  int64_t settled = 0;
  TRY(ws.transaction([&]() -> core::Status {
    const auto batches = TRY(ws.list_batches());
    for (const auto& r : TRY(ws.list_records(kCollection))) {
      io::Json doc = TRY(io::Json::parse(r.json));
      if (finished(doc.get_string("state"))) continue;
      std::string id = doc.get_string("id");
      std::optional<store::BatchInfo> committed;
      if (doc.get_string("kind") == "import") {
        for (const auto& b : batches) {
          if (b.imported_by != doc.get_string("by")) continue;
          if (b.file.find("-" + id + ".") == std::string::npos) continue;
          committed = b;
        }
      }
      io::Json settled_doc = committed ? TRY(imported(doc, *committed)) : interrupted(doc);
      TRY(ws.put_record(kCollection, r.key, settled_doc.dump(), now));
      ++settled;
    }
    return {};
  }));
  return settled;
}

}  // namespace pitwall::app::jobs
