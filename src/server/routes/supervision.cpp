// The supervision desk's routes (cli/supervise_*.cpp; docs/supervision.md): board, measures,
// alerts, trend, spot-check plan, the problem loop, best practices, the phase plan, decay and the
// review. Each calls one use case of app/supervision/ and answers its document.
#include "app/supervision/board.hpp"
#include "app/supervision/phase.hpp"
#include "app/supervision/practices.hpp"
#include "app/supervision/problems.hpp"
#include "app/supervision/review.hpp"
#include "app/supervision/supervision_json.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"

namespace pitwall::server {

namespace {

namespace sup = app::supervision;

template <typename T>
core::Result<Output> answer(core::Result<T> result, int status = 200) {
  if (!result) return result.error();
  return json(sup::to_json(*result), status);
}

// GET .../supervision/board?date=YYYY-MM-DD&region=R&length=N
core::Result<Output> board(const Request& r, const Call& c) {
  int64_t length = TRY(query_int(c, r, "length", 1, 1000)).value_or(-1);
  return answer(sup::read_board(
      c.session, {c.param("campaign"), query(r, "date"), query(r, "region"), length}));
}

// GET .../supervision/measures?date=&region=
core::Result<Output> measures(const Request& r, const Call& c) {
  return answer(
      sup::read_measures(c.session, {c.param("campaign"), query(r, "date"), query(r, "region")}));
}

// GET .../supervision/alerts?date=&region=
core::Result<Output> alerts(const Request& r, const Call& c) {
  return answer(
      sup::list_alerts(c.session, {c.param("campaign"), query(r, "date"), query(r, "region")}));
}

// GET .../supervision/trend?to=&region=
core::Result<Output> trend(const Request& r, const Call& c) {
  return answer(
      sup::read_trend(c.session, {c.param("campaign"), query(r, "to"), query(r, "region")}));
}

// GET .../supervision/sample?date=&n=10&seed=1
core::Result<Output> sample(const Request& r, const Call& c) {
  int64_t n = TRY(query_int(c, r, "n", 0, 100000)).value_or(10);
  int64_t seed = TRY(query_int(c, r, "seed", 0, INT64_MAX / 2)).value_or(1);
  return answer(sup::plan_sample(
      c.session, {c.param("campaign"), query(r, "date"), n, static_cast<uint64_t>(seed)}));
}

// GET .../supervision/problems?status=&store=&overdue=true
core::Result<Output> list_problems(const Request& r, const Call& c) {
  bool overdue = TRY(query_bool(c, r, "overdue", false));
  return answer(sup::list_problems(
      c.session, {c.param("campaign"), query(r, "status"), query(r, "store"), overdue}));
}

// POST .../supervision/problems {alert | store, title, owner, note}
core::Result<Output> open_problem(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  sup::OpenProblemRequest q;
  q.campaign = c.param("campaign");
  q.alert = TRY(body.string_or("alert", ""));
  q.store = TRY(body.string_or("store", ""));
  q.title = TRY(body.string_or("title", ""));
  q.owner = TRY(body.string("owner"));
  q.note = TRY(body.string_or("note", ""));
  TRY(body.finish());
  return answer(sup::open_problem(c.session, q), 201);
}

// GET .../supervision/problems/{id}
core::Result<Output> show_problem(const Request&, const Call& c) {
  return answer(sup::show_problem(c.session, {c.param("campaign"), c.param("id")}));
}

core::Result<Output> change(const Request& r, const Call& c, sup::ProblemChange kind) {
  auto body = TRY(JsonBody::parse(r, c.session));
  sup::UpdateProblemRequest q;
  q.campaign = c.param("campaign");
  q.id = c.param("id");
  q.change = kind;
  if (kind == sup::ProblemChange::kUpdate) {
    q.action = TRY(body.string_or("action", ""));
    q.owner = TRY(body.string_or("owner", ""));
  } else {
    q.note = TRY(body.string_or("note", ""));
  }
  TRY(body.finish());
  return answer(sup::update_problem(c.session, q));
}

// POST .../supervision/problems/{id}/update {action, owner}
core::Result<Output> update_problem(const Request& r, const Call& c) {
  return change(r, c, sup::ProblemChange::kUpdate);
}
// POST .../supervision/problems/{id}/close {note}
core::Result<Output> close_problem(const Request& r, const Call& c) {
  return change(r, c, sup::ProblemChange::kClose);
}
// POST .../supervision/problems/{id}/verify {note}
core::Result<Output> verify_problem(const Request& r, const Call& c) {
  return change(r, c, sup::ProblemChange::kVerify);
}
// POST .../supervision/problems/{id}/reopen {note}
core::Result<Output> reopen_problem(const Request& r, const Call& c) {
  return change(r, c, sup::ProblemChange::kReopen);
}

// GET .../supervision/practices
core::Result<Output> list_practices(const Request&, const Call& c) {
  return answer(sup::list_practices(c.session, {c.param("campaign")}));
}

// POST .../supervision/practices {store, title, text, date}
core::Result<Output> add_practice(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  sup::AddPracticeRequest q;
  q.campaign = c.param("campaign");
  q.store = TRY(body.string("store"));
  q.title = TRY(body.string("title"));
  q.text = TRY(body.string_or("text", ""));
  q.date = TRY(body.string_or("date", ""));
  TRY(body.finish());
  return answer(sup::add_practice(c.session, q), 201);
}

// POST .../supervision/practices/{id}/adoptions {stores: [codes], date}
core::Result<Output> adopt_practice(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  sup::AdoptPracticeRequest q;
  q.campaign = c.param("campaign");
  q.id = c.param("id");
  q.stores = TRY(body.strings_or("stores"));
  q.date = TRY(body.string_or("date", ""));
  TRY(body.finish());
  return answer(sup::adopt_practice(c.session, q));
}

// GET .../supervision/phases
core::Result<Output> phases(const Request&, const Call& c) {
  return answer(sup::read_phase_plan(c.session, {c.param("campaign")}));
}

// PUT .../supervision/phases/tasks/{task} {done: bool, note}
core::Result<Output> mark_task(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  bool done = TRY(body.boolean_or("done", true));
  std::string note = TRY(body.string_or("note", ""));
  TRY(body.finish());
  return answer(
      sup::mark_task(c.session, {c.param("campaign"), c.param("task"),
                                 done ? sup::TaskMark::kDone : sup::TaskMark::kNotDone, note}));
}

// GET .../supervision/decay
core::Result<Output> decay(const Request&, const Call& c) {
  return answer(sup::read_decay(c.session, {c.param("campaign")}));
}

// GET .../supervision/review?to=
core::Result<Output> review(const Request& r, const Call& c) {
  return answer(sup::read_review(c.session, {c.param("campaign"), query(r, "to")}));
}

// GET .../supervision/review.html?to=: the self-contained report in the request's language.
core::Result<Output> review_html(const Request& r, const Call& c) {
  auto result = TRY(sup::read_review(c.session, {c.param("campaign"), query(r, "to")}));
  Output o = text(sup::review_html(result, c.session.lang), "text/html; charset=utf-8");
  // Inline styles and SVG charts, nothing fetched, no script.
  o.reply.set_header("content-security-policy",
                     "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return o;
}

}  // namespace

void add_supervision_routes(std::vector<Route>& routes) {
  auto get = [&](std::string_view pattern, Handler h, std::string_view list = "") {
    routes.push_back(clock_read(pattern, h, list));
  };
  auto post = [&](std::string_view pattern, Handler h, Method m = Method::kPost) {
    routes.push_back({.method = m, .pattern = pattern, .handler = h, .body = Body::kJson});
  };
  get("/api/v1/campaigns/{campaign}/supervision/board", board);
  get("/api/v1/campaigns/{campaign}/supervision/measures", measures);
  get("/api/v1/campaigns/{campaign}/supervision/alerts", alerts);
  get("/api/v1/campaigns/{campaign}/supervision/trend", trend);
  get("/api/v1/campaigns/{campaign}/supervision/sample", sample);
  get("/api/v1/campaigns/{campaign}/supervision/problems", list_problems, "problems");
  post("/api/v1/campaigns/{campaign}/supervision/problems", open_problem);
  get("/api/v1/campaigns/{campaign}/supervision/problems/{id}", show_problem);
  post("/api/v1/campaigns/{campaign}/supervision/problems/{id}/update", update_problem);
  post("/api/v1/campaigns/{campaign}/supervision/problems/{id}/close", close_problem);
  post("/api/v1/campaigns/{campaign}/supervision/problems/{id}/verify", verify_problem);
  post("/api/v1/campaigns/{campaign}/supervision/problems/{id}/reopen", reopen_problem);
  get("/api/v1/campaigns/{campaign}/supervision/practices", list_practices);
  post("/api/v1/campaigns/{campaign}/supervision/practices", add_practice);
  post("/api/v1/campaigns/{campaign}/supervision/practices/{id}/adoptions", adopt_practice);
  get("/api/v1/campaigns/{campaign}/supervision/phases", phases);
  post("/api/v1/campaigns/{campaign}/supervision/phases/tasks/{task}", mark_task, Method::kPut);
  get("/api/v1/campaigns/{campaign}/supervision/decay", decay);
  get("/api/v1/campaigns/{campaign}/supervision/review", review);
  get("/api/v1/campaigns/{campaign}/supervision/review.html", review_html);
}

}  // namespace pitwall::server
