// The HTTP transport over Boost.Beast (http_server.hpp). Built after Beast's examples at tag
// boost-1.81.0: example/advanced/server/advanced_server.cpp (a strand per connection, a session
// owning stream and buffer, do_read/on_read/on_write through shared_from_this, a
// message_generator per reply) and example/doc/http_examples.hpp do_form_request (read the
// header with an empty_body parser, then choose the body: the seam where uploads get their own
// limit and go to a file).
#include "server/transport/http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace pitwall::server {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

// A request body streamed into an UploadSink as it arrives (never held whole in memory).
struct UploadBody {
  using value_type = std::unique_ptr<UploadSink>;

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(http::header<isRequest, Fields>&, value_type& sink) : sink_(sink) {}
    void init(const boost::optional<std::uint64_t>&, beast::error_code& ec) { ec = {}; }
    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, beast::error_code& ec) {
      std::size_t n = 0;
      for (auto b : beast::buffers_range_ref(buffers)) {
        auto status = sink_->write(std::string_view(static_cast<const char*>(b.data()), b.size()));
        if (!status) {
          ec = net::error::make_error_code(net::error::operation_aborted);
          return n;
        }
        n += b.size();
      }
      ec = {};
      return n;
    }
    void finish(beast::error_code& ec) { ec = {}; }

   private:
    value_type& sink_;
  };
};

// A header value as written: CR, LF and NUL never reach the wire (header injection).
std::string safe_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
  }
  return out;
}

class Server;

// What the server keeps of a connection, for the shutdown.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  virtual void shutdown() = 0;
};

class Server final : public HttpServer {
 public:
  Server(const TransportOptions& options, Service& service)
      : options_(options),
        service_(service),
        ioc_(std::max(1, options.io_threads)),
        acceptor_(net::make_strand(ioc_)),
        grace_timer_(ioc_) {}

  core::Status open();
  uint16_t port() const override { return port_; }
  void run() override;
  void stop() override;
  const TransportStats& stats() const override { return stats_; }

  const TransportOptions& options() const { return options_; }
  Service& service() { return service_; }
  TransportStats& mutable_stats() { return stats_; }
  bool stopping() const { return stopping_.load(); }
  // A connection ended; the last one after stop() ends run().
  void on_connection_closed() {
    if (--stats_.connections_open == 0 && stopping_) {
      net::post(ioc_, [this] { grace_timer_.cancel(); });
    }
  }
  net::io_context& ioc() { return ioc_; }
  void add(const std::shared_ptr<ConnectionBase>& c) {
    std::lock_guard lock(mutex_);
    std::erase_if(connections_, [](const auto& w) { return w.expired(); });
    connections_.push_back(c);
  }

 private:
  void accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  // Declared before the io_context: connections still in its queue when it is destroyed end
  // after it and count themselves out here.
  TransportOptions options_;
  Service& service_;
  std::atomic<bool> stopping_{false};
  TransportStats stats_;
  std::mutex mutex_;
  std::list<std::weak_ptr<ConnectionBase>> connections_;
  net::io_context ioc_;
  std::optional<ssl::context> tls_;
  tcp::acceptor acceptor_;
  net::steady_timer grace_timer_;
  uint16_t port_ = 0;
};

template <class Stream>
class Connection final : public ConnectionBase,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  template <class... Args>
  Connection(Server& server, Args&&... args)
      : server_(server), stream_(std::forward<Args>(args)...) {}
  ~Connection() override { server_.on_connection_closed(); }

  void start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void shutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->events_) self->events_->close();
      if (self->idle_) self->close();
    });
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const TransportOptions& options() const { return server_.options(); }
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  void begin() {
    beast::error_code ec;
    auto endpoint = lowest().socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    if constexpr (kTls) {
      lowest().expires_after(options().header_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code e) {
                                if (e) return self->close();
                                self->wait_request();
                              });
    } else {
      wait_request();
    }
  }

  // Waits (idle timeout) for the first byte of the next request.
  void wait_request() {
    idle_ = true;
    request_ = Request{};
    if (server_.stopping()) return close();
    if (buffer_.size() > 0) return read_header();
    lowest().expires_after(options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    idle_ = false;
    head_.emplace();
    head_->header_limit(options().header_limit);
    head_->body_limit(options().upload_limit);
    lowest().expires_after(options().header_timeout);
    http::async_read_header(stream_, buffer_, *head_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_header(ec);
                            });
  }

  void on_header(beast::error_code ec) {
    request_.remote_address = remote_;
    request_.tls = kTls;
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::header_limit) return fail(TransportError::kHeaderTooLarge);
    if (ec == beast::error::timeout) {
      server_.mutable_stats().timeouts++;
      return fail(TransportError::kTimeout);
    }
    if (ec) return fail(TransportError::kBadRequest);
    const auto& head = head_->get();
    request_.method = std::string(head.method_string());
    request_.target = std::string(head.target());
    request_.keep_alive = head.keep_alive();
    for (const auto& field : head) {
      request_.headers.push_back({lower(field.name_string()), std::string(field.value())});
    }
    if (!parse_target(request_.target, request_)) {
      return fail(TransportError::kBadRequest);
    }
    plan_ = server_.service().plan(request_);
    auto length = head_->content_length();
    if (length && *length > plan_.limit) return fail(TransportError::kBodyTooLarge);
    if (plan_.kind == BodyPlan::Kind::kUpload && (length.value_or(0) > 0 || head_->chunked())) {
      return admit();
    }
    body_.emplace(std::move(*head_));
    body_->body_limit(plan_.limit);
    lowest().expires_after(options().body_timeout);
    http::async_read(
        stream_, buffer_, *body_,
        [self = this->shared_from_this()](beast::error_code e, std::size_t) { self->on_body(e); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) return fail(TransportError::kBodyTooLarge);
    if (ec == beast::error::timeout) {
      server_.mutable_stats().timeouts++;
      return fail(TransportError::kTimeout);
    }
    if (ec) return fail(TransportError::kBadRequest);
    request_.body = std::move(body_->get().body());
    body_.reset();
    dispatch();
  }

  void admit() {
    lowest().expires_never();
    auto guard = net::make_work_guard(server_.ioc());
    server_.service().admit(
        request_, [self = this->shared_from_this(), guard = std::move(guard)](Admission a) mutable {
          auto shared = std::make_shared<Admission>(std::move(a));
          net::post(self->stream_.get_executor(), [self, shared, g = std::move(guard)] {
            self->on_admitted(std::move(*shared));
          });
        });
  }

  void on_admitted(Admission a) {
    if (a.refusal) {
      a.refusal->close = true;  // the body was not read: the connection cannot go on
      return send(std::move(*a.refusal));
    }
    upload_.emplace(std::move(*head_));
    upload_->body_limit(plan_.limit);
    upload_->get().body() = std::move(a.sink);
    if (const std::string* expect = request_.header("expect");
        expect && lower(*expect) == "100-continue") {
      continue_.emplace(http::status::continue_, 11);
      lowest().expires_after(options().write_timeout);
      http::async_write(stream_, *continue_,
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->close();
                          self->read_upload();
                        });
      return;
    }
    read_upload();
  }

  void read_upload() {
    lowest().expires_after(options().body_timeout);
    http::async_read_some(stream_, buffer_, *upload_,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                            self->on_upload(ec);
                          });
  }

  void on_upload(beast::error_code ec) {
    if (ec == http::error::body_limit) return fail(TransportError::kBodyTooLarge);
    if (ec == beast::error::timeout) {
      server_.mutable_stats().timeouts++;
      return fail(TransportError::kTimeout);
    }
    if (ec && upload_->get().body()->error()) {
      return fail_with(*upload_->get().body()->error());
    }
    if (ec) return fail(TransportError::kBadRequest);
    if (!upload_->is_done()) return read_upload();
    auto upload = upload_->get().body()->finish();
    upload_.reset();
    if (!upload) return fail_with(std::move(upload.error()));
    request_.upload = std::move(*upload);
    dispatch();
  }

  void dispatch() {
    // No read or write is pending while a worker answers: no timer runs (an expired one would
    // fail the reply's write).
    lowest().expires_never();
    auto guard = net::make_work_guard(server_.ioc());
    server_.service().handle(std::move(request_), [self = this->shared_from_this(),
                                                   guard = std::move(guard)](Reply reply) mutable {
      auto shared = std::make_shared<Reply>(std::move(reply));
      net::post(self->stream_.get_executor(),
                [self, shared, g = std::move(guard)] { self->send(std::move(*shared)); });
    });
  }

  void fail(TransportError error) {
    Reply reply = server_.service().transport_error(error, request_);
    reply.close = true;
    send(std::move(reply));
  }

  // An upload the sink refused (malformed multipart, a disk error): a problem reply.
  void fail_with(core::Error error) {
    Reply reply = server_.service().transport_error(
        error.code == core::ErrorCode::kIo ? TransportError::kBusy : TransportError::kBadRequest,
        request_);
    reply.close = true;
    send(std::move(reply));
  }

  template <class Body>
  void fill(http::response<Body>& res, const Reply& reply, bool keep_alive) {
    res.result(static_cast<unsigned>(reply.status));
    res.version(11);
    res.set(http::field::content_type, safe_value(reply.content_type));
    for (const auto& h : reply.headers) res.insert(safe_value(h.name), safe_value(h.value));
    res.keep_alive(keep_alive);
  }

  void send(Reply reply) {
    idle_ = false;
    bool keep_alive = request_.keep_alive && !reply.close && !server_.stopping();
    if (reply.events) return send_events(std::move(reply));
    lowest().expires_after(options().write_timeout);
    auto written = [self = this->shared_from_this(), keep_alive](beast::error_code ec,
                                                                 std::size_t) {
      if (ec || !keep_alive) return self->close();
      self->wait_request();
    };
    if (!reply.file.empty()) {
      http::response<http::file_body> res;
      beast::error_code ec;
      res.body().open(reply.file.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        fill(res, reply, keep_alive);
        res.prepare_payload();
        beast::async_write(stream_, http::message_generator(std::move(res)), std::move(written));
        return;
      }
      reply.status = 500;
      reply.body.clear();
    }
    http::response<http::string_body> res;
    fill(res, reply, keep_alive);
    res.body() = std::move(reply.body);
    res.prepare_payload();
    beast::async_write(stream_, http::message_generator(std::move(res)), std::move(written));
  }

  void send_events(Reply reply) {
    events_ = std::move(reply.events);
    event_head_.emplace();
    fill(*event_head_, reply, false);
    event_head_->chunked(true);
    event_serializer_.emplace(*event_head_);
    lowest().expires_after(options().write_timeout);
    http::async_write_header(stream_, *event_serializer_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->end_events();
                               self->pull_event();
                             });
  }

  void pull_event() {
    lowest().expires_never();
    events_->pull([self = this->shared_from_this()](std::optional<std::string> text) {
      auto shared = std::make_shared<std::optional<std::string>>(std::move(text));
      net::post(self->stream_.get_executor(),
                [self, shared] { self->on_event(std::move(*shared)); });
    });
  }

  void on_event(std::optional<std::string> text) {
    lowest().expires_after(options().write_timeout);
    if (!text) {
      net::async_write(stream_, http::make_chunk_last(),
                       [self = this->shared_from_this()](beast::error_code, std::size_t) {
                         self->end_events();
                       });
      return;
    }
    event_text_ = std::move(*text);
    net::async_write(stream_, http::make_chunk(net::buffer(event_text_)),
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->end_events();
                       self->pull_event();
                     });
  }

  void end_events() {
    if (events_) events_->close();
    close();
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    idle_ = false;
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ec;
        self->lowest().socket().close(ec);
      });
    } else {
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      lowest().close();
    }
  }

  Server& server_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::string remote_;
  bool idle_ = true;
  bool closed_ = false;
  Request request_;
  BodyPlan plan_;
  std::optional<http::request_parser<http::empty_body>> head_;
  std::optional<http::request_parser<http::string_body>> body_;
  std::optional<http::request_parser<UploadBody>> upload_;
  std::optional<http::response<http::empty_body>> continue_;
  std::shared_ptr<EventSource> events_;
  std::optional<http::response<http::empty_body>> event_head_;
  std::optional<http::response_serializer<http::empty_body>> event_serializer_;
  std::string event_text_;
};

core::Status Server::open() {
  beast::error_code ec;
  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    tls_.emplace(ssl::context::tls_server);
    tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    tls_->use_certificate_chain_file(options_.tls_cert, ec);
    if (!ec) tls_->use_private_key_file(options_.tls_key, ssl::context::pem, ec);
    if (ec) {
      return core::make_error(core::ErrorCode::kIo, "TLS: " + options_.tls_cert + ", " +
                                                        options_.tls_key + ": " + ec.message());
    }
  }
  auto address = net::ip::make_address(options_.host, ec);
  if (ec) return core::make_error(core::ErrorCode::kUsage, "--listen: " + options_.host);
  tcp::endpoint endpoint{address, options_.port};
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::make_error(
        core::ErrorCode::kIo,
        "listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  return {};
}

void Server::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void Server::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopping_) return;
  if (!ec) {
    stats_.connections_total++;
    if (stats_.connections_open.load() >= options_.max_connections) {
      stats_.connections_refused++;
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      stats_.connections_open++;
      socket.set_option(tcp::no_delay(true), ec);
      if (tls_) {
        auto c = std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(
            *this, std::move(socket), *tls_);
        add(c);
        c->start();
      } else {
        auto c = std::make_shared<Connection<beast::tcp_stream>>(*this, std::move(socket));
        add(c);
        c->start();
      }
    }
  }
  accept();
}

void Server::run() {
  accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  net::post(acceptor_.get_executor(), [this] {
    if (stopping_.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    std::vector<std::shared_ptr<ConnectionBase>> open;
    {
      std::lock_guard lock(mutex_);
      for (auto& w : connections_) {
        if (auto c = w.lock()) open.push_back(std::move(c));
      }
    }
    for (auto& c : open) c->shutdown();
    // Requests in flight get the grace period; then the I/O threads stop whatever is left.
    grace_timer_.expires_after(options_.grace);
    grace_timer_.async_wait([this](beast::error_code e) {
      if (!e) ioc_.stop();
    });
    // The timer must not keep run() alive once every connection is gone.
    if (stats_.connections_open.load() == 0) grace_timer_.cancel();
  });
}

}  // namespace

core::Result<std::unique_ptr<HttpServer>> HttpServer::create(const TransportOptions& options,
                                                             Service& service) {
  auto server = std::make_unique<Server>(options, service);
  TRY(server->open());
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace pitwall::server
