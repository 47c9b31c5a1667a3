#pragma once
// The dispatcher: between the transport and the routes. For every request it finds the route,
// picks the language (Accept-Language, Chinese by default), checks who is calling (a session
// cookie with its CSRF token on writes, or an API token), builds the app::Session, runs the
// route on the worker pool, audits a write in the same transaction as the write itself, pages a
// list, renders the document exactly as `pitwall ... --json` prints it, and turns an error into
// problem+json (status.hpp). The everyday reads of a known session are answered from the read
// cache on the I/O thread without a worker (cache.hpp).

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "server/pool.hpp"
#include "server/services.hpp"
#include "server/transport/http_server.hpp"

namespace pitwall::server {

class Dispatcher final : public Service {
 public:
  Dispatcher(Services& services, WorkerPool& pool);
  BodyPlan plan(const Request& head) override;
  void admit(const Request& head, std::function<void(Admission)> done) override;
  void handle(Request request, std::function<void(Reply)> done) override;
  Reply transport_error(TransportError error, const Request& head) override;
  // A request answered without a socket (tests): handle() waited for.
  Reply call(Request request);

  // The name of the session cookie.
  static constexpr std::string_view kCookie = "pw_session";

 private:
  struct Pending;
  void serve(Pending& p, app::Workspace& ws);
  Reply run(Pending& p, app::Workspace& ws);
  std::string next_request_id();

  Services& services_;
  WorkerPool& pool_;
  std::string id_prefix_;
  std::atomic<uint64_t> next_id_{0};
  // One write at a time in this process: SQLite's wait for its write lock is not first come,
  // first served (under load a writer starved past its 30 s and got 503); the mutex queues them.
  std::mutex writes_;
};

// Who a request says it is: the SHA-256 of its session cookie or bearer token, if any.
struct Credential {
  std::string secret;  // the cookie's or token's value
  bool token = false;
};
std::optional<Credential> credential_of(const Request& r);
// The language a request asks for: the most preferred of zh and en in Accept-Language; zh when
// it names neither.
app::Lang language_of(const Request& r);
// The client's address: the peer's, or behind a trusted proxy on loopback the one it forwarded.
std::string client_address(const Request& r, bool trust_proxy);
// Whether the client reached us over TLS (directly, or through a trusted proxy).
bool client_tls(const Request& r, bool trust_proxy);

}  // namespace pitwall::server
