#include "server/jobs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "app/auth/identity.hpp"
#include "app/closeout/closeout_json.hpp"
#include "app/closeout/readings.hpp"
#include "app/closeout/run.hpp"
#include "app/jobs.hpp"
#include "app/workflow/export.hpp"
#include "app/workspace/workspace.hpp"
#include "app/workspace/workspace_json.hpp"
#include "app/workspace_handle.hpp"
#include "server/routes/common.hpp"
#include "server/services.hpp"
#include "server/status.hpp"

namespace pitwall::server {

namespace {

using Steady = std::chrono::steady_clock;

std::string_view kind_token(JobRequest::Kind k) {
  switch (k) {
    case JobRequest::Kind::kImport:
      return "import";
    case JobRequest::Kind::kCloseoutRun:
      return "closeout_run";
    case JobRequest::Kind::kExport:
      return "export";
  }
  return "import";
}

core::Result<io::Encoding> encoding_of(const app::Session& s, const std::string& text) {
  if (text.empty() || text == "auto") return io::Encoding::kAuto;
  if (text == "utf-8" || text == "utf8") return io::Encoding::kUtf8;
  if (text == "gb18030" || text == "gbk" || text == "gb2312") return io::Encoding::kGb18030;
  auto e = core::make_error(core::ErrorCode::kUsage, s.tr("import.bad_encoding", text));
  e.at_column("encoding");
  return e;
}

bool finished(std::string_view state) {
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

}  // namespace

struct JobManager::Job {
  std::string id;
  JobRequest request;
  core::Principal owner;
  int64_t created_at = 0;
  std::atomic<bool> cancel{false};

  std::mutex mutex;  // guards what follows
  std::string state = "queued";
  int64_t started_at = 0, finished_at = 0;
  std::string stage;
  int64_t rows = 0;
  double fraction = -1;
  int64_t eta = -1;
  Steady::time_point began, last_event;
  std::optional<io::Json> result, error;
  std::string file;  // a result file (the workbook)
  uint64_t version = 1;
  std::vector<std::function<void()>> waiters;

  // The job's document (the lock held).
  io::Json doc() const {
    io::Json progress =
        io::Json::object()
            .set("stage", stage.empty() ? io::Json() : io::Json(stage))
            .set("rows", rows)
            .set("percent", fraction < 0 ? io::Json() : io::Json::rounded(fraction * 100, 1))
            .set("eta_seconds", eta < 0 ? io::Json() : io::Json(eta));
    io::Json j =
        io::Json::object()
            .set("id", id)
            .set("kind", kind_token(request.kind))
            .set("state", state)
            .set("by", owner.name)
            .set("campaign", request.campaign.empty() ? io::Json() : io::Json(request.campaign))
            .set("file_name", request.file_name.empty() ? io::Json() : io::Json(request.file_name))
            .set("created_at", server_instant(created_at))
            .set("started_at", started_at ? server_instant(started_at) : io::Json())
            .set("finished_at", finished_at ? server_instant(finished_at) : io::Json())
            .set("progress", std::move(progress))
            .set("result", result ? *result : io::Json())
            .set("error", error ? *error : io::Json());
    j.set("result_url",
          state == "succeeded" ? io::Json("/api/v1/jobs/" + id + "/result") : io::Json());
    return j;
  }
  // The stored record: the document and what a later process needs.
  io::Json record() const {
    io::Json j = doc();
    j.set("role", core::role_token(owner.role)).set("scope", owner.scope).set("file", file);
    return j;
  }
};

struct JobManager::Impl {
  explicit Impl(Services& s) : services(s) {}
  Services& services;
  std::mutex mutex;
  std::condition_variable wake, idle;
  std::deque<std::shared_ptr<Job>> queue;
  std::map<std::string, std::shared_ptr<Job>> live;
  int running = 0;
  bool stopping = false;
  std::vector<std::unique_ptr<app::Workspace>> handles;
  std::vector<std::thread> runners;

  void loop(app::Workspace& ws);
  void run(Job& job, app::Workspace& ws);
  void save(app::Workspace& ws, Job& job);
  void progress(Job& job, std::string stage, double fraction, int64_t rows, bool force = false);
  void notify(Job& job, std::unique_lock<std::mutex>& lock);
  std::shared_ptr<Job> find_live(const std::string& id) {
    std::lock_guard lock(mutex);
    auto it = live.find(id);
    return it == live.end() ? nullptr : it->second;
  }
};

namespace {

// The event stream of one live job: its document now, then after every change, "done" at the
// end.
class JobEvents final : public EventSource, public std::enable_shared_from_this<JobEvents> {
 public:
  explicit JobEvents(std::shared_ptr<JobManager::Job> job) : job_(std::move(job)) {}
  void pull(std::function<void(std::optional<std::string>)> next) override;
  void close() override {
    closed_ = true;
    std::vector<std::function<void()>> fire;
    {
      std::lock_guard lock(job_->mutex);
      fire.swap(job_->waiters);
    }
    for (auto& f : fire) f();
  }

 private:
  std::shared_ptr<JobManager::Job> job_;
  uint64_t seen_ = 0;
  bool ended_ = false;
  std::atomic<bool> closed_{false};
};

// A finished job from an earlier process, or before: one "done" event.
class StoredJobEvents final : public EventSource {
 public:
  explicit StoredJobEvents(io::Json doc) : doc_(std::move(doc)) {}
  void pull(std::function<void(std::optional<std::string>)> next) override {
    if (sent_) return next(std::nullopt);
    sent_ = true;
    next("event: done\ndata: " + doc_.dump() + "\n\n");
  }
  void close() override {}

 private:
  io::Json doc_;
  bool sent_ = false;
};

}  // namespace

void JobEvents::pull(std::function<void(std::optional<std::string>)> next) {
  std::unique_lock lock(job_->mutex);
  if (closed_ || ended_) {
    lock.unlock();
    return next(std::nullopt);
  }
  if (job_->version > seen_) {
    seen_ = job_->version;
    bool done = finished(job_->state);
    std::string text = fmt::format("event: {}\nid: {}\ndata: {}\n\n", done ? "done" : "progress",
                                   seen_, job_->doc().dump());
    ended_ = done;
    lock.unlock();
    return next(std::move(text));
  }
  job_->waiters.push_back([self = shared_from_this(), next = std::move(next)]() mutable {
    self->pull(std::move(next));
  });
}

void JobManager::Impl::notify(Job& job, std::unique_lock<std::mutex>& lock) {
  ++job.version;
  job.last_event = Steady::now();
  std::vector<std::function<void()>> fire;
  fire.swap(job.waiters);
  lock.unlock();
  for (auto& f : fire) f();
}

void JobManager::Impl::progress(Job& job, std::string stage, double fraction, int64_t rows,
                                bool force) {
  std::unique_lock lock(job.mutex);
  bool changed_stage = stage != job.stage;
  job.stage = std::move(stage);
  job.rows = rows;
  job.fraction = fraction;
  auto elapsed = std::chrono::duration<double>(Steady::now() - job.began).count();
  job.eta = fraction > 0.02 && fraction < 1
                ? static_cast<int64_t>(elapsed * (1 - fraction) / fraction + 0.5)
                : -1;
  // At most four events a second, but every stage.
  if (!force && !changed_stage && Steady::now() - job.last_event < std::chrono::milliseconds(250)) {
    return;
  }
  notify(job, lock);
}

void JobManager::Impl::save(app::Workspace& ws, Job& job) {
  io::Json record;
  {
    std::lock_guard lock(job.mutex);
    record = job.record();
  }
  auto st = app::jobs::save(ws, job.id, record, services.clock());
  if (!st) services.metrics.store_error(st.error().code);
}

void JobManager::Impl::loop(app::Workspace& ws) {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [&] { return stopping || !queue.empty(); });
      if (stopping) return;
      job = queue.front();
      queue.pop_front();
      ++running;
      services.metrics.jobs_queued--;
      services.metrics.jobs_running++;
    }
    run(*job, ws);
    {
      std::lock_guard lock(mutex);
      --running;
      services.metrics.jobs_running--;
    }
    idle.notify_all();
  }
}

void JobManager::Impl::run(Job& job, app::Workspace& ws) {
  const JobRequest& q = job.request;
  int64_t now = services.clock();
  {
    std::unique_lock lock(job.mutex);
    job.began = Steady::now();
    if (job.cancel) {
      job.state = "cancelled";
      job.finished_at = now;
    } else {
      job.state = "running";
      job.started_at = now;
    }
    notify(job, lock);
  }
  if (job.cancel) {
    services.metrics.jobs_cancelled++;
    return save(ws, job);
  }
  save(ws, job);
  app::Lang lang = q.lang;
  auto outcome = [&]() -> core::Result<io::Json> {
    app::Session s = TRY(app::user_session(ws, job.owner.name, lang, services.clock()));
    s.request_id = job.id;
    s.memo = services.memo;
    switch (q.kind) {
      case JobRequest::Kind::kImport: {
        app::workspace::ImportRequest r;
        r.kind = q.import_kind;
        r.path = q.upload_path;
        r.campaign = q.campaign;
        r.sheet = q.sheet;
        r.encoding = TRY(encoding_of(s, q.encoding));
        r.force = q.force;
        r.on_progress = [&](double f, int64_t rows) { progress(job, "import", f, rows); };
        r.cancelled = [&] { return job.cancel.load(); };
        auto o = TRY(app::workspace::import_file(s, r));
        return app::workspace::import_json(s, o);
      }
      case JobRequest::Kind::kCloseoutRun: {
        app::closeout::WorkerWatch watch;
        watch.on_stage = [&](const std::string& stage) { progress(job, stage, -1, 0, true); };
        watch.cancelled = [&] { return job.cancel.load(); };
        auto record =
            TRY(app::closeout::run_in_worker(s, q.campaign, services.config.binary, watch));
        auto open = TRY(app::closeout::summary(s, {q.campaign, record.run}, {}));
        return app::closeout::to_json(record, *open.zone);
      }
      case JobRequest::Kind::kExport: {
        progress(job, "workbook", -1, 0, true);
        std::string dir = services.config.data_dir + "/jobs/" + job.id;
        std::string name = q.campaign + "-closeout.xlsx";
        TRY(app::workflow::export_workbook(s, {q.campaign, q.run}, dir + "/" + name,
                                           words_of(q.lang)));
        // Kept in the workspace too: any server of a shared database hands it out.
        TRY(app::jobs::keep_file(s.workspace(), job.id, name, dir + "/" + name));
        {
          std::lock_guard lock(job.mutex);
          job.file = dir + "/" + name;
        }
        std::error_code ec;
        auto bytes = std::filesystem::file_size(dir + "/" + name, ec);
        return io::Json::object()
            .set("file", name)
            .set("bytes", static_cast<int64_t>(ec ? 0 : bytes));
      }
    }
    return core::make_error(core::ErrorCode::kInternal, "unknown job kind");
  }();
  {
    std::unique_lock lock(job.mutex);
    job.finished_at = services.clock();
    if (outcome) {
      job.state = "succeeded";
      job.result = std::move(*outcome);
      job.fraction = 1;
      job.eta = 0;
      services.metrics.jobs_succeeded++;
    } else if (job.cancel) {
      job.state = "cancelled";
      services.metrics.jobs_cancelled++;
    } else {
      job.state = "failed";
      job.error = problem_document(outcome.error(), lang, job.id);
      services.metrics.jobs_failed++;
    }
    notify(job, lock);
  }
  save(ws, job);
  if (q.kind == JobRequest::Kind::kImport) ::unlink(q.upload_path.c_str());
  services.reads.bump();
  app::auth::AuditEntry e;
  e.at = services.clock();
  e.who = job.owner.name;
  e.role = std::string(core::role_token(job.owner.role));
  e.method = "JOB";
  e.path = "/api/v1/jobs/" + job.id;
  e.request_id = job.id;
  std::lock_guard lock(job.mutex);
  e.status = job.state == "succeeded" ? 200
             : job.error              ? static_cast<int>(job.error->get_int("status"))
                                      : 499;
  e.outcome = job.state == "succeeded"   ? "ok"
              : job.state == "cancelled" ? "cancelled"
              : job.error                ? job.error->get_string("type")
                                         : "failed";
  (void)app::auth::record_audit(ws, e);
}

core::Result<std::unique_ptr<JobManager>> JobManager::create(Services& services) {
  std::unique_ptr<JobManager> m(new JobManager());
  m->impl_ = std::make_unique<Impl>(services);
  Impl& impl = *m->impl_;
  const ServerConfig& c = services.config;
  for (int i = 0; i < std::max(1, c.jobs); ++i) {
    impl.handles.push_back(TRY(app::open_workspace(c.workspace)));
  }
  // What a previous process left unfinished did not happen (its work is atomic): failed — but
  // for an import whose batch was committed before the process died (the batch is named after
  // the job: <kind>-<job id>.<ext>), which did happen: succeeded, with that batch.
  app::Workspace& ws = *impl.handles.front();
  int64_t now = services.clock();
  auto imported = [&](const io::Json& doc, const app::BatchInfo& batch) -> core::Result<io::Json> {
    app::Session local = app::local_session(ws, app::Lang::kZh, now);
    app::workspace::ImportOutcome outcome;
    outcome.batch = batch;
    io::Json out = doc;
    out.set("state", "succeeded")
        .set("finished_at", server_instant(now))
        .set("result", app::workspace::import_json(local, outcome))
        .set("result_url", "/api/v1/jobs/" + doc.get_string("id") + "/result");
    return out;
  };
  auto interrupted = [&](const io::Json& doc) {
    io::Json out = doc;
    out.set("state", "failed").set("finished_at", server_instant(now));
    out.set("error",
            problem_document(core::make_error(core::ErrorCode::kUnavailable,
                                              app::tr(app::Lang::kZh, "server.job_interrupted")),
                             app::Lang::kZh, doc.get_string("id")));
    return out;
  };
  TRY(app::jobs::settle_unfinished(ws, imported, interrupted, now));
  for (auto& handle : impl.handles) {
    app::Workspace* h = handle.get();
    impl.runners.emplace_back([&impl, h] { impl.loop(*h); });
  }
  return m;
}

JobManager::~JobManager() { stop(0); }

void JobManager::stop(int64_t grace_seconds) {
  if (!impl_) return;
  Impl& impl = *impl_;
  {
    std::unique_lock lock(impl.mutex);
    impl.stopping = true;
    impl.wake.notify_all();
    if (!impl.idle.wait_for(lock, std::chrono::seconds(grace_seconds),
                            [&] { return impl.running == 0; })) {
      for (auto& [id, job] : impl.live) job->cancel = true;
    }
  }
  for (auto& t : impl.runners) {
    if (t.joinable()) t.join();
  }
  impl.runners.clear();
}

core::Result<io::Json> JobManager::submit(const app::Session& s, JobRequest request) {
  Impl& impl = *impl_;
  if (request.kind == JobRequest::Kind::kImport) TRY(encoding_of(s, request.encoding));
  {
    std::lock_guard lock(impl.mutex);
    if (static_cast<int64_t>(impl.queue.size()) >= impl.services.config.job_queue ||
        impl.stopping) {
      return core::make_error(core::ErrorCode::kUnavailable, s.tr("server.jobs_full"));
    }
  }
  auto job = std::make_shared<Job>();
  job->request = std::move(request);
  job->owner = s.principal;
  job->created_at = s.now;
  job->id = TRY(app::jobs::add(
      s.workspace(),
      [&](const std::string& id) {
        job->id = id;
        return job->record();
      },
      s.now));
  std::string dir = impl.services.config.data_dir + "/jobs/" + job->id;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (job->request.kind == JobRequest::Kind::kImport) {
    // The server's name: kind, job and the extension the client's name had (CSV or XLSX are
    // told by content anyway).
    std::string ext = std::filesystem::path(job->request.file_name).extension().string();
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ext != ".csv" && ext != ".xlsx" && ext != ".txt") ext = ".dat";
    std::string stored = dir + "/" + job->request.import_kind + "-" + job->id + ext;
    if (ec || ::rename(job->request.upload_path.c_str(), stored.c_str()) != 0) {
      return core::make_error(core::ErrorCode::kIo, s.tr("server.upload_cannot_store"));
    }
    job->request.upload_path = stored;
  }
  io::Json doc = job->doc();
  {
    std::lock_guard lock(impl.mutex);
    impl.live[job->id] = job;
    impl.queue.push_back(job);
    impl.services.metrics.jobs_queued++;
  }
  impl.wake.notify_one();
  return doc;
}

core::Result<io::Json> JobManager::get(const app::Session& s, const std::string& id) {
  if (auto job = impl_->find_live(id)) {
    if (!app::jobs::may_see(s, job->owner.name)) return app::jobs::unknown(s, id);
    std::lock_guard lock(job->mutex);
    return job->doc();
  }
  io::Json doc = TRY(app::jobs::find(s, id));
  io::Json out = io::Json::object();
  for (const auto& [k, v] : doc.members()) {
    if (k != "role" && k != "scope" && k != "file") out.set(k, v);
  }
  return out;
}

core::Result<io::Json> JobManager::list(const app::Session& s) {
  io::Json out = io::Json::array();
  for (const std::string& id : TRY(app::jobs::list(s))) out.push(TRY(get(s, id)));
  return out;
}

core::Result<io::Json> JobManager::cancel(const app::Session& s, const std::string& id) {
  auto job = impl_->find_live(id);
  if (!job) return get(s, id);  // finished in an earlier process: nothing to cancel
  if (!app::jobs::may_see(s, job->owner.name)) return app::jobs::unknown(s, id);
  job->cancel = true;
  std::lock_guard lock(job->mutex);
  return job->doc();
}

core::Result<std::shared_ptr<EventSource>> JobManager::events(const app::Session& s,
                                                              const std::string& id) {
  if (auto job = impl_->find_live(id)) {
    if (!app::jobs::may_see(s, job->owner.name)) return app::jobs::unknown(s, id);
    return std::shared_ptr<EventSource>(std::make_shared<JobEvents>(job));
  }
  io::Json doc = TRY(get(s, id));
  return std::shared_ptr<EventSource>(std::make_shared<StoredJobEvents>(std::move(doc)));
}

core::Result<Reply> JobManager::result(const app::Session& s, const std::string& id) {
  io::Json doc = TRY(get(s, id));
  std::string state = doc.get_string("state");
  if (state == "failed" && doc.find("error")) {
    Reply r;
    r.status = static_cast<int>(doc.find("error")->get_int("status", 500));
    r.content_type = "application/problem+json";
    r.body = doc.find("error")->dump(true) + "\n";
    return r;
  }
  if (state != "succeeded") {
    auto e =
        core::make_error(core::ErrorCode::kConflict, s.tr("server.job_not_finished", id, state));
    e.at_column("id");
    return e;
  }
  Reply r;
  if (doc.get_string("kind") == "export") {
    const io::Json* res = doc.find("result");
    std::string name = res ? res->get_string("file") : std::string();
    std::string dir = impl_->services.config.data_dir + "/jobs/" + id;
    r.file = dir + "/" + name;
    // Made by another server of the database, or this folder was cleared: the kept copy.
    if (std::error_code ec; !std::filesystem::exists(r.file, ec)) {
      std::filesystem::create_directories(dir, ec);
      TRY(app::jobs::copy_file(s.workspace(), id, name, r.file));
    }
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.set_header("content-disposition", "attachment; filename=\"" + name + "\"");
    return r;
  }
  r.body = doc.find("result")->dump(true) + "\n";
  return r;
}

}  // namespace pitwall::server
