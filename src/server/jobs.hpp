#pragma once
// Jobs (server.md §4): the long work — an import, a close-out run, the close-out workbook — runs
// apart from the request that asked for it. The request answers 202 with the job; the job's
// progress (stage, rows, percent, ETA) streams as server-sent events; it can be cancelled; its
// result is kept; it goes on when the client goes away. At most `config.jobs` run at once (each
// on a thread of its own with its own workspace handle); the others wait in order.
//
// A job is a record in the store (collection `server.jobs`, key its id "J000001", allocated in
// the transaction that creates it), rewritten when its state changes; its files (the upload, the
// workbook) live in <data_dir>/jobs/<id>/. Progress is kept in memory while it runs. A job that
// was queued or running when the server stopped is marked failed ("interrupted") at the next
// start: the work itself is atomic (an import batch, a stored run), so nothing of it is visible.
//
// Close-out runs go to a worker process (app::closeout::run_in_worker): the pipeline's memory
// policy and its gigabytes never touch the server.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/result.hpp"
#include "io/json/json.hpp"
#include "server/http.hpp"

namespace pitwall::server {

class Services;

struct JobRequest {
  enum class Kind : uint8_t { kImport, kCloseoutRun, kExport };
  Kind kind = Kind::kImport;
  std::string campaign;
  // kImport: the uploaded file (moved into the job's folder), its kind and options.
  std::string upload_path;
  std::string file_name;  // the client's name for it, sanitised (display only)
  std::string import_kind, sheet, encoding;
  bool force = false;
  // kExport: the run (0: the sealed, else the latest) and the workbook's language.
  int64_t run = 0;
  app::Lang lang = app::Lang::kZh;
};

class JobManager {
 public:
  // Opens a workspace handle per runner and marks what a previous process left unfinished.
  static core::Result<std::unique_ptr<JobManager>> create(Services& services);
  ~JobManager();

  // Records a new job of the session's person and queues it; its document (state "queued").
  // Errors: kUnavailable (too many jobs waiting), the store's.
  core::Result<io::Json> submit(const app::Session& s, JobRequest request);
  // A job's document: the person's own, or any for HQ; kNotFound otherwise.
  core::Result<io::Json> get(const app::Session& s, const std::string& id);
  // The person's jobs (HQ: every job), newest first.
  core::Result<io::Json> list(const app::Session& s);
  // Cancels a queued or running job (a finished one is left as it is). Errors: kNotFound.
  core::Result<io::Json> cancel(const app::Session& s, const std::string& id);
  // The job's progress as server-sent events: its state now, every change, the end.
  core::Result<std::shared_ptr<EventSource>> events(const app::Session& s, const std::string& id);
  // What a finished job gives: its document (import, run) or its file (the workbook).
  // Errors: kNotFound, kConflict (not finished, or failed: the job's own error).
  core::Result<Reply> result(const app::Session& s, const std::string& id);

  // Shutdown: no new job starts; waits for those running (at most `grace` seconds, then cancels
  // them).
  void stop(int64_t grace_seconds);

  struct Job;  // one job (jobs.cpp)

 private:
  struct Impl;
  JobManager() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pitwall::server
