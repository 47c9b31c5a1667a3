#include "server/dispatcher.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "app/auth/identity.hpp"
#include "app/auth/password.hpp"
#include "core/base/sha256.hpp"
#include "server/static_files.hpp"
#include "server/status.hpp"

namespace pitwall::server {

namespace {

using Clock = std::chrono::steady_clock;

bool is_write(std::string_view method) { return method != "GET" && method != "HEAD"; }

// Compares secrets in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The cursor of a page: the offset of its first item ("o200"), opaque to clients.
std::string cursor_of(size_t offset) { return fmt::format("o{}", offset); }
std::optional<size_t> offset_of(std::string_view cursor) {
  if (cursor.size() < 2 || cursor.size() > 12 || cursor.front() != 'o') return std::nullopt;
  size_t v = 0;
  for (char c : cursor.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  return v;
}

// Cuts the route's list to the page `limit` and `cursor` ask for (style.md: limit ≤ 200, items,
// next_cursor, total). Without either, the document stays whole: the command line's --json.
core::Status page(const Route& route, const Request& req, const Call& call, io::Json& doc) {
  if (route.list.empty() || (!req.param("limit") && !req.param("cursor"))) return {};
  auto limit = TRY(query_int(call, req, "limit", 1, 200)).value_or(50);
  size_t offset = 0;
  if (auto c = req.param("cursor")) {
    auto o = offset_of(*c);
    if (!o) {
      auto e = core::make_error(core::ErrorCode::kUsage, call.session.tr("server.bad_cursor"));
      e.at_column("cursor");
      return e;
    }
    offset = *o;
  }
  const io::Json* list = route.list == "." ? &doc : doc.find(route.list);
  if (!list || !list->is_array()) return {};
  size_t total = list->items().size();
  io::Json items = io::Json::array();
  size_t end = std::min(total, offset + static_cast<size_t>(limit));
  for (size_t i = offset; i < end; ++i) items.push(list->items()[i]);
  io::Json next = end < total ? io::Json(cursor_of(end)) : io::Json();
  if (route.list == ".") {
    doc = io::Json::object()
              .set("items", std::move(items))
              .set("next_cursor", std::move(next))
              .set("total", static_cast<int64_t>(total));
  } else {
    doc.set(route.list, std::move(items));
    doc.set("next_cursor", std::move(next)).set("total", static_cast<int64_t>(total));
  }
  return {};
}

void decorate(Reply& reply, const std::string& request_id) {
  reply.set_header("x-request-id", request_id);
  reply.set_header("x-content-type-options", "nosniff");
  bool has_cache_control = false;
  for (const auto& h : reply.headers)
    has_cache_control = has_cache_control || h.name == "cache-control";
  if (!has_cache_control) reply.set_header("cache-control", "no-store");
}

}  // namespace

std::optional<Credential> credential_of(const Request& r) {
  if (const std::string* auth = r.header("authorization")) {
    std::string_view v = trim(*auth);
    if (v.size() > 7 && lower(v.substr(0, 7)) == "bearer ") {
      return Credential{std::string(trim(v.substr(7))), true};
    }
  }
  for (const auto& h : r.headers) {
    if (h.name != "cookie") continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == Dispatcher::kCookie) {
        return Credential{std::string(pair.substr(eq + 1)), false};
      }
    }
  }
  return std::nullopt;
}

app::Lang language_of(const Request& r) {
  const std::string* header = r.header("accept-language");
  if (!header) return app::Lang::kZh;
  app::Lang best = app::Lang::kZh;
  double best_q = -1;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::string tag = lower(trim(item.substr(0, item.find(';'))));
    double q = 1;
    if (size_t qpos = item.find(";q="); qpos != std::string_view::npos) {
      std::string value(trim(item.substr(qpos + 3)));
      char* end = nullptr;
      q = std::strtod(value.c_str(), &end);
      if (end == value.c_str()) q = 0;
    }
    bool zh = tag == "zh" || tag.starts_with("zh-");
    bool en = tag == "en" || tag.starts_with("en-");
    if ((zh || en) && q > best_q) {
      best_q = q;
      best = zh ? app::Lang::kZh : app::Lang::kEn;
    }
  }
  return best;
}

namespace {
bool is_loopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}
}  // namespace

std::string client_address(const Request& r, bool trust_proxy) {
  if (trust_proxy && is_loopback(r.remote_address)) {
    if (const std::string* forwarded = r.header("x-forwarded-for")) {
      std::string_view v = *forwarded;
      size_t comma = v.rfind(',');
      std::string_view last = trim(comma == std::string_view::npos ? v : v.substr(comma + 1));
      if (!last.empty() && last.size() <= 64) return std::string(last);
    }
  }
  return r.remote_address;
}

bool client_tls(const Request& r, bool trust_proxy) {
  if (r.tls) return true;
  if (trust_proxy && is_loopback(r.remote_address)) {
    const std::string* proto = r.header("x-forwarded-proto");
    return proto && lower(trim(*proto)) == "https";
  }
  return false;
}

struct Dispatcher::Pending {
  Request request;
  Match match;
  app::Lang lang = app::Lang::kZh;
  Clock::time_point started;
  std::function<void(Reply)> done;
  std::string cache_key;  // cacheable reads: who and what
};

Dispatcher::Dispatcher(Services& services, WorkerPool& pool)
    : services_(services), pool_(pool), id_prefix_(app::auth::random_secret(6)) {}

std::string Dispatcher::next_request_id() {
  return fmt::format("{}-{:06}", id_prefix_, ++next_id_);
}

BodyPlan Dispatcher::plan(const Request& head) {
  Match m = services_.router.match(head.method, head.segments);
  BodyPlan plan;
  plan.limit = 64 * 1024;
  if (!m.route) return plan;
  switch (m.route->body) {
    case Body::kUpload:
      plan.kind = BodyPlan::Kind::kUpload;
      plan.limit = services_.config.transport.upload_limit;
      break;
    case Body::kJson:
    case Body::kText:
      plan.limit = 1 << 20;
      break;
    case Body::kNone:
      break;
  }
  return plan;
}

void Dispatcher::admit(const Request& head, std::function<void(Admission)> done) {
  auto request = std::make_shared<Request>(head);
  auto finish = std::make_shared<std::function<void(Admission)>>(std::move(done));
  bool posted = pool_.post(
      [this, request, finish](app::Workspace& ws) {
        Request& r = *request;
        r.request_id = next_request_id();
        app::Lang lang = language_of(r);
        Admission a;
        Match m = services_.router.match(r.method, r.segments);
        auto refuse = [&](const core::Error& e) {
          a.refusal = problem(e, lang, r.request_id);
          decorate(*a.refusal, r.request_id);
          services_.metrics.request(m.route, a.refusal->status, 0);
        };
        app::Session session;
        session.lang = lang;
        session.now = services_.clock();
        session.ws = &ws;
        session.memo = services_.memo;
        auto credential = credential_of(r);
        core::Result<app::auth::Authenticated> who =
            !credential ? core::make_error(core::ErrorCode::kUnauthenticated,
                                           app::tr(lang, "auth.not_signed_in"))
            : credential->token
                ? app::auth::authenticate_token(ws, credential->secret, lang)
                : app::auth::authenticate_session(ws, credential->secret, session.now, lang,
                                                  services_.config.auth);
        if (!who) return refuse(who.error()), (*finish)(std::move(a));
        const std::string* csrf = r.header("x-csrf-token");
        if (!who->via_token && (!csrf || !same_secret(*csrf, who->csrf_token))) {
          refuse(core::make_error(core::ErrorCode::kForbidden, app::tr(lang, "auth.csrf_missing")));
          return (*finish)(std::move(a));
        }
        session.principal = who->principal;
        Call call{session, m.params, services_};
        if (m.route && m.route->admit) {
          if (auto st = m.route->admit(call); !st)
            return refuse(st.error()), (*finish)(std::move(a));
        }
        std::string path = services_.config.data_dir + "/uploads/" + r.request_id + ".part";
        std::string type = r.header("content-type") ? *r.header("content-type") : std::string();
        auto sink = UploadSink::create(type, path, lang);
        if (!sink) return refuse(sink.error()), (*finish)(std::move(a));
        a.sink = std::move(*sink);
        (*finish)(std::move(a));
      },
      static_cast<size_t>(services_.config.queue_limit));
  if (!posted) {
    Admission a;
    a.refusal = transport_error(TransportError::kBusy, head);
    (*finish)(std::move(a));
  }
}

Reply Dispatcher::transport_error(TransportError error, const Request& head) {
  app::Lang lang = language_of(head);
  std::string id = head.request_id.empty() ? next_request_id() : head.request_id;
  Reply r;
  switch (error) {
    case TransportError::kBadRequest:
      r = problem(400, "bad_request", app::tr(lang, "server.bad_request"), lang, id);
      break;
    case TransportError::kHeaderTooLarge:
      r = problem(431, "header_too_large", app::tr(lang, "server.header_too_large"), lang, id);
      break;
    case TransportError::kBodyTooLarge:
      r = problem(413, "payload_too_large", app::tr(lang, "server.body_too_large"), lang, id);
      break;
    case TransportError::kTimeout:
      r = problem(408, "timeout", app::tr(lang, "server.timeout"), lang, id);
      break;
    case TransportError::kBusy:
      r = problem(503, "unavailable", app::tr(lang, "server.busy"), lang, id);
      break;
  }
  decorate(r, id);
  services_.metrics.request(nullptr, r.status, 0);
  return r;
}

void Dispatcher::handle(Request request, std::function<void(Reply)> done) {
  auto p = std::make_shared<Pending>();
  p->started = Clock::now();
  p->request = std::move(request);
  Request& req = p->request;
  if (req.request_id.empty()) req.request_id = next_request_id();
  p->lang = language_of(req);
  p->match = services_.router.match(req.method, req.segments);
  p->done = std::move(done);
  const Route* route = p->match.route;
  if (!route) {
    Reply r;
    if (!p->match.allowed.empty()) {
      r = problem(405, "method_not_allowed",
                  app::tr(p->lang, "server.method_not_allowed", req.method), p->lang,
                  req.request_id);
      std::string allow;
      for (Method m : p->match.allowed)
        allow += (allow.empty() ? "" : ", ") + std::string(method_name(m));
      r.set_header("allow", allow);
    } else if (!services_.config.static_dir.empty() && is_static_request(req)) {
      r = static_file(services_.config.static_dir, req, p->lang, req.request_id);
    } else {
      r = problem(404, "not_found", app::tr(p->lang, "server.no_route", req.path), p->lang,
                  req.request_id);
    }
    decorate(r, req.request_id);
    services_.metrics.request(nullptr, r.status, 0);
    return p->done(std::move(r));
  }
  // The fast path: a cacheable read of a session checked a moment ago, answered from the cache.
  if (route->cacheable && route->access == Access::kSignedIn) {
    if (auto credential = credential_of(req)) {
      std::string key = core::sha256_hex(credential->secret);
      if (auto who = services_.sessions.find(key, services_.clock())) {
        p->cache_key = fmt::format("{}\n{}\n{}", who->principal.name,
                                   p->lang == app::Lang::kZh ? "zh" : "en", req.target);
        if (auto hit = services_.reads.find(p->cache_key)) {
          services_.metrics.cache(true);
          decorate(*hit, req.request_id);
          services_.metrics.request(
              route, hit->status, std::chrono::duration<double>(Clock::now() - p->started).count());
          return p->done(std::move(*hit));
        }
      }
    }
  }
  services_.metrics.queued++;
  bool posted = pool_.post(
      [this, p](app::Workspace& ws) {
        services_.metrics.queued--;
        serve(*p, ws);
      },
      static_cast<size_t>(services_.config.queue_limit));
  if (!posted) {
    services_.metrics.queued--;
    Reply r = transport_error(TransportError::kBusy, req);
    return p->done(std::move(r));
  }
}

Reply Dispatcher::call(Request request) {
  std::promise<Reply> promise;
  auto future = promise.get_future();
  handle(std::move(request), [&promise](Reply r) { promise.set_value(std::move(r)); });
  return future.get();
}

void Dispatcher::serve(Pending& p, app::Workspace& ws) {
  Reply reply = run(p, ws);
  if (p.request.upload && !p.request.upload->file_path.empty()) {
    ::unlink(p.request.upload->file_path.c_str());  // a route that keeps it moved it away
  }
  decorate(reply, p.request.request_id);
  services_.metrics.request(p.match.route, reply.status,
                            std::chrono::duration<double>(Clock::now() - p.started).count());
  p.done(std::move(reply));
}

Reply Dispatcher::run(Pending& p, app::Workspace& ws) {
  const Request& req = p.request;
  const Route& route = *p.match.route;
  const ServerConfig& config = services_.config;
  auto fail = [&](const core::Error& e) {
    if (e.code == core::ErrorCode::kIo || e.code == core::ErrorCode::kCorrupt ||
        e.code == core::ErrorCode::kUnavailable) {
      services_.metrics.store_error(e.code);
    }
    return problem(e, p.lang, req.request_id);
  };
  app::Session session;
  session.lang = p.lang;
  session.now = services_.clock();
  session.ws = &ws;
  session.memo = services_.memo;
  session.request_id = req.request_id;
  std::optional<app::auth::Authenticated> who;
  if (route.access == Access::kSignedIn) {
    auto credential = credential_of(req);
    if (!credential) {
      return fail(core::make_error(core::ErrorCode::kUnauthenticated,
                                   app::tr(p.lang, "auth.not_signed_in")));
    }
    std::string key = core::sha256_hex(credential->secret);
    who = services_.sessions.find(key, session.now);
    if (!who) {
      auto checked = credential->token
                         ? app::auth::authenticate_token(ws, credential->secret, p.lang)
                         : app::auth::authenticate_session(ws, credential->secret, session.now,
                                                           p.lang, config.auth);
      if (!checked) return fail(checked.error());
      services_.sessions.put(key, *checked);
      who = std::move(*checked);
    }
    if (is_write(req.method) && !who->via_token &&
        !same_secret(req.header("x-csrf-token") ? *req.header("x-csrf-token") : "",
                     who->csrf_token)) {
      return fail(
          core::make_error(core::ErrorCode::kForbidden, app::tr(p.lang, "auth.csrf_missing")));
    }
    session.principal = who->principal;
    if (p.cache_key.empty() && route.cacheable) {
      p.cache_key = fmt::format("{}\n{}\n{}", who->principal.name,
                                p.lang == app::Lang::kZh ? "zh" : "en", req.target);
      // The session was checked again (its moment in the session cache had passed): the read
      // itself may still be kept.
      if (auto hit = services_.reads.find(p.cache_key)) {
        services_.metrics.cache(true);
        return std::move(*hit);
      }
    }
  }
  if (route.body == Body::kJson && !req.body.empty()) {
    const std::string* type = req.header("content-type");
    if (!type || lower(trim(type->substr(0, type->find(';')))) != "application/json") {
      return problem(415, "unsupported_media_type", app::tr(p.lang, "server.wants_json"), p.lang,
                     req.request_id);
    }
  }
  Call call{session, p.match.params, services_, who ? &*who : nullptr};
  uint64_t generation = services_.reads.generation();
  bool write = is_write(req.method);
  std::optional<core::Result<Output>> out;
  auto audit_entry = [&]() {
    app::auth::AuditEntry e;
    e.at = session.now;
    e.who = session.principal.name;
    e.role = session.principal.name.empty() ? std::string()
                                            : std::string(core::role_token(session.principal.role));
    e.address = client_address(req, config.trust_proxy);
    e.method = req.method;
    e.path = req.path;
    e.request_id = req.request_id;
    if (*out) {
      e.status = (*out)->json ? (*out)->status : (*out)->reply.status;
      e.outcome = "ok";
    } else {
      e.status = status_of((*out).error().code);
      e.outcome = std::string(core::error_code_name((*out).error().code));
    }
    return e;
  };
  std::unique_lock<std::mutex> one_writer;
  if (write && route.audit != Audit::kSelf) one_writer = std::unique_lock(writes_);
  if (write && route.audit == Audit::kWithWrite) {
    // The use case's writes and their audit entry commit together (its own transaction nests).
    auto st = app::auth::audited(
        ws, [&] { out = route.handler(req, call); }, audit_entry);
    if (!st && (!out || *out)) out = core::Result<Output>(st.error());
  } else {
    out = route.handler(req, call);
    if (write && route.audit == Audit::kAfter) {
      if (auto st = app::auth::record_audit(ws, audit_entry()); !st) {
        services_.metrics.store_error(st.error().code);
      }
    }
  }
  if (one_writer.owns_lock()) one_writer.unlock();
  if (!*out) return fail((*out).error());
  if (write) services_.reads.bump();
  Output& o = **out;
  if (!o.json) return std::move(o.reply);
  if (auto st = page(route, req, call, *o.json); !st) return fail(st.error());
  Reply reply;
  reply.status = o.status;
  reply.headers = std::move(o.reply.headers);
  reply.body = o.json->dump(true);
  reply.body.push_back('\n');
  if (route.cacheable && reply.status == 200 && !p.cache_key.empty()) {
    services_.metrics.cache(false);
    int64_t ms = route.clock ? std::min(config.read_cache_ms, config.read_cache_clock_ms)
                             : config.read_cache_ms;
    services_.reads.put(p.cache_key, generation, reply, std::chrono::milliseconds(ms));
  }
  return reply;
}

}  // namespace pitwall::server
