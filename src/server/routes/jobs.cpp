// The long work as jobs (server/jobs.hpp): an import (multipart upload, streamed to disk), a
// close-out run (in a worker process), the close-out workbook. Each POST answers 202 with the
// job; /api/v1/jobs/{id} reads it, /events streams its progress, DELETE cancels it, /result
// gives what it made.
#include "server/jobs.hpp"

#include "app/permission.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"

namespace pitwall::server {

namespace {

Output accepted(io::Json job) {
  std::string id = job.get_string("id");
  Output o = json(std::move(job), 202);
  o.reply.set_header("location", "/api/v1/jobs/" + id);
  return o;
}

core::Status may_import(const Call& c) {
  return app::authorize(c.session, app::Permission::kImport);
}

// POST /api/v1/imports: multipart/form-data with fields kind, campaign, sheet, encoding, force
// and one file (or the raw file as the body, the fields as query parameters).
core::Result<Output> import(const Request& r, const Call& c) {
  TRY(may_import(c));
  auto field = [&](std::string_view name) -> std::string {
    if (r.upload) {
      if (auto v = r.upload->field(name)) return std::string(*v);
    }
    return query(r, name);
  };
  if (!r.upload || r.upload->file_path.empty() || r.upload->file_bytes == 0) {
    auto e = core::invalid_input(c.session.tr("server.upload_no_file"));
    e.at_column("file");
    return e;
  }
  JobRequest q;
  q.kind = JobRequest::Kind::kImport;
  q.import_kind = field("kind");
  q.campaign = field("campaign");
  q.sheet = field("sheet");
  q.encoding = field("encoding");
  std::string force = field("force");
  q.force = force == "true" || force == "1";
  q.upload_path = r.upload->file_path;
  q.file_name = r.upload->file_name.empty() ? std::string("upload") : r.upload->file_name;
  q.lang = c.session.lang;
  if (q.import_kind.empty()) {
    auto e = core::invalid_input(c.session.tr("server.upload_no_kind"));
    e.at_column("kind");
    return e;
  }
  return accepted(TRY(c.services.jobs->submit(c.session, std::move(q))));
}

// POST .../closeout/runs: `pitwall closeout run` as a job.
core::Result<Output> closeout_run(const Request& r, const Call& c) {
  TRY(TRY(JsonBody::parse(r, c.session)).finish());
  TRY(app::authorize(c.session, app::Permission::kCloseoutRun));
  JobRequest q;
  q.kind = JobRequest::Kind::kCloseoutRun;
  q.campaign = c.param("campaign");
  q.lang = c.session.lang;
  return accepted(TRY(c.services.jobs->submit(c.session, std::move(q))));
}

// POST .../closeout/exports {run, lang}: the close-out workbook as a job.
core::Result<Output> closeout_export(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  JobRequest q;
  q.kind = JobRequest::Kind::kExport;
  q.campaign = c.param("campaign");
  q.run = TRY(body.optional_integer("run")).value_or(0);
  std::string lang = TRY(body.string_or("lang", ""));
  TRY(body.finish());
  q.lang = lang.empty() ? c.session.lang : app::parse_lang(lang);
  TRY(app::authorize(c.session, app::Permission::kCloseoutExport));
  return accepted(TRY(c.services.jobs->submit(c.session, std::move(q))));
}

// GET /api/v1/jobs: one's own jobs (HQ: all), newest first.
core::Result<Output> list_jobs(const Request&, const Call& c) {
  return json(TRY(c.services.jobs->list(c.session)));
}

// GET /api/v1/jobs/{id}
core::Result<Output> get_job(const Request&, const Call& c) {
  return json(TRY(c.services.jobs->get(c.session, c.param("id"))));
}

// DELETE /api/v1/jobs/{id}: cancels a queued or running job.
core::Result<Output> cancel_job(const Request&, const Call& c) {
  return json(TRY(c.services.jobs->cancel(c.session, c.param("id"))));
}

// GET /api/v1/jobs/{id}/events: text/event-stream of its progress.
core::Result<Output> job_events(const Request&, const Call& c) {
  Output o;
  o.reply.content_type = "text/event-stream";
  o.reply.events = TRY(c.services.jobs->events(c.session, c.param("id")));
  o.reply.set_header("cache-control", "no-store");
  o.reply.set_header("x-accel-buffering", "no");  // nginx: pass events on as they come
  return o;
}

// GET /api/v1/jobs/{id}/result: the import's or run's document, or the workbook.
core::Result<Output> job_result(const Request&, const Call& c) {
  Output o;
  o.reply = TRY(c.services.jobs->result(c.session, c.param("id")));
  return o;
}

}  // namespace

void add_job_routes(std::vector<Route>& routes) {
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/imports",
                    .handler = import,
                    .body = Body::kUpload,
                    .admit = may_import});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/runs",
                    .handler = closeout_run,
                    .body = Body::kJson});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/exports",
                    .handler = closeout_export,
                    .body = Body::kJson});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/jobs", .handler = list_jobs, .list = "."});
  routes.push_back({.method = Method::kGet, .pattern = "/api/v1/jobs/{id}", .handler = get_job});
  routes.push_back(
      {.method = Method::kDelete, .pattern = "/api/v1/jobs/{id}", .handler = cancel_job});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/jobs/{id}/events", .handler = job_events});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/jobs/{id}/result", .handler = job_result});
}

}  // namespace pitwall::server
