#pragma once
// The HTTP transport: the one part of Pitwall that speaks HTTP (Boost.Beast, in
// http_server.cpp only: its headers cost ~40 s and 750 MB per translation unit). It accepts
// connections, reads requests within the limits below, hands each to a Service as a plain
// Request (server/http.hpp) and writes the Reply the Service gives back — from any thread — on
// the connection's strand.
//
// Per connection: one request in flight (HTTP/1.1 keep-alive, the next request is read after
// the reply is written); a new parser per request; header, body, idle and write time limits, so
// that a slow or huge client gets a clear 4xx (or is dropped) and never stalls others. An
// upload's header is shown to the Service before its body is read (admit), so that an anonymous
// client cannot make the server store 2 GiB; the body is then streamed into the Service's
// UploadSink. A reply may be a server-sent event stream that the transport pulls chunk by chunk.
//
// Shutdown (graceful): stop() closes the listening socket, closes connections waiting for a
// request, lets requests in flight finish and their replies be written, ends event streams;
// run() returns when no connection is left (or after `grace`).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/base/result.hpp"
#include "server/http.hpp"
#include "server/upload.hpp"

namespace pitwall::server {

struct TransportOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests), see HttpServer::port()
  int io_threads = 1;
  std::string tls_cert, tls_key;  // PEM files; both or neither
  uint32_t header_limit = 8 * 1024;
  uint64_t upload_limit = uint64_t{2} << 30;
  std::chrono::seconds header_timeout{10};  // first byte of a request to its end of header
  std::chrono::seconds body_timeout{30};    // a JSON body whole; an upload between two reads
  std::chrono::seconds idle_timeout{60};    // keep-alive: waiting for the next request
  std::chrono::seconds write_timeout{30};   // writing one reply (or one event)
  std::chrono::seconds grace{30};           // shutdown: how long requests in flight may take
  int max_connections = 4096;
};

// How to read a request's body, decided from its header on the I/O thread.
struct BodyPlan {
  enum class Kind : uint8_t { kBuffer, kUpload };
  Kind kind = Kind::kBuffer;
  uint64_t limit = 1 << 20;  // bytes; more answers 413
};

// What an upload's header gets: a sink for its body, or the reply that refuses it.
struct Admission {
  std::unique_ptr<UploadSink> sink;
  std::optional<Reply> refusal;
};

// Problems the transport finds itself, answered through the Service (words, shape).
enum class TransportError : uint8_t {
  kBadRequest,      // 400: not HTTP, a malformed target
  kHeaderTooLarge,  // 431
  kBodyTooLarge,    // 413
  kTimeout,         // 408: the request did not arrive in time
  kBusy,            // 503: too many connections
};

class Service {
 public:
  virtual ~Service() = default;
  // On the I/O thread, after the header; must not block.
  virtual BodyPlan plan(const Request& head) = 0;
  // An upload's header, before its body is read; `done` may be called from any thread.
  virtual void admit(const Request& head, std::function<void(Admission)> done) = 0;
  // A whole request; `done` is called exactly once, from any thread (or before handle returns).
  virtual void handle(Request request, std::function<void(Reply)> done) = 0;
  // The reply to a problem the transport found (`head` may be partly filled).
  virtual Reply transport_error(TransportError error, const Request& head) = 0;
};

struct TransportStats {
  std::atomic<int64_t> connections_open{0};
  std::atomic<int64_t> connections_total{0};
  std::atomic<int64_t> connections_refused{0};
  std::atomic<int64_t> timeouts{0};
};

class HttpServer {
 public:
  // Binds and listens. Errors: kIo (the address is taken, a TLS file cannot be read).
  static core::Result<std::unique_ptr<HttpServer>> create(const TransportOptions& options,
                                                          Service& service);
  virtual ~HttpServer() = default;
  // The port listened on (the one chosen when options.port was 0).
  virtual uint16_t port() const = 0;
  // Runs the I/O threads; returns after stop() once connections are done (or the grace ran out).
  virtual void run() = 0;
  // Starts the graceful shutdown; any thread, also a signal handler's thread.
  virtual void stop() = 0;
  virtual const TransportStats& stats() const = 0;
};

}  // namespace pitwall::server
