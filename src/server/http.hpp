#pragma once
// The HTTP request and reply as the routes see them: plain structs on Pitwall's side of the
// transport (server/transport/ alone speaks HTTP through Boost.Beast and fills these). A route
// never sees a socket, a parser or a Beast type; it reads a Request and returns a Reply.
//
// Header names are lower case. Query parameters and path segments are percent-decoded. A JSON or
// text body arrives whole in `body` (at most the JSON limit, 1 MiB); an upload is streamed to a
// file by the transport (multipart, upload.hpp) and arrives as `upload`.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/upload.hpp"

namespace pitwall::server {

struct Header {
  std::string name;  // lower case
  std::string value;
};

struct Request {
  std::string method;                 // "GET", "POST", ...
  std::string target;                 // as sent: path and query
  std::string path;                   // percent-decoded, without the query
  std::vector<std::string> segments;  // the path's segments, each percent-decoded
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<Header> headers;
  std::string body;
  std::optional<Upload> upload;  // a multipart upload, streamed to a file
  std::string remote_address;
  bool tls = false;
  bool keep_alive = true;
  std::string request_id;  // set by the dispatcher

  // The first header of that (lower-case) name, or nullptr.
  const std::string* header(std::string_view name) const;
  // The first query parameter of that name, or nullopt.
  std::optional<std::string_view> param(std::string_view name) const;
  // Every value of a repeated query parameter ("definition=a&definition=b").
  std::vector<std::string> params(std::string_view name) const;
};

// A stream of server-sent events (a job's progress): the transport pulls one chunk of event
// text at a time and writes it; `next` is called exactly once per pull, from any thread, with
// the text or with nullopt at the end of the stream. `close` says the client went away.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual void pull(std::function<void(std::optional<std::string>)> next) = 0;
  virtual void close() = 0;
};

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<Header> headers;
  std::string body;
  std::string file;                     // when set: the body is this file's bytes (a download)
  std::shared_ptr<EventSource> events;  // when set: a text/event-stream
  bool close = false;                   // close the connection after this reply

  Reply& set_header(std::string name, std::string value);
};

// `s` with ASCII capitals made small (header names and tokens are case-insensitive).
std::string lower(std::string_view s);
// `s` without the spaces and tabs around it (a header value, a parameter).
std::string_view trim(std::string_view s);

// Percent-decodes `text` ('+' as space when `plus_is_space`). Nullopt for a malformed escape or
// a decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
// Splits a target into its decoded path, segments and query. False when malformed: not
// absolute, a bad escape, a NUL byte, a "." or ".." segment (no path traversal, style.md).
bool parse_target(std::string_view target, Request& request);

}  // namespace pitwall::server
