#include "server/status.hpp"

#include <fmt/format.h>

#include "app/i18n/worded.hpp"
#include "io/json/json.hpp"

namespace pitwall::server {

int status_of(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kUsage:
      return 400;
    case core::ErrorCode::kInvalidInput:
      return 422;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kForbidden:
      return 403;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
    case core::ErrorCode::kStateForbids:
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kRateLimited:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kIo:
    case core::ErrorCode::kCorrupt:
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

Reply problem_reply(int status, io::Json doc) {
  Reply r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = doc.dump(true);
  r.body.push_back('\n');
  if (status == 401) r.set_header("www-authenticate", "Bearer realm=\"pitwall\"");
  if (status == 503) r.set_header("retry-after", "1");
  return r;
}

// A CLI option named in an error ("--campaign") as the request's field ("campaign").
std::string field_name(std::string_view column) {
  while (!column.empty() && column.front() == '-') column.remove_prefix(1);
  std::string out(column);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

}  // namespace

io::Json problem_document(const core::Error& error, app::Lang lang, const std::string& request_id) {
  int status = status_of(error.code);
  std::string_view type = core::error_code_name(error.code);
  io::Json doc = io::Json::object()
                     .set("type", type)
                     .set("title", app::message(lang, fmt::format("server.kind.{}", type)))
                     .set("status", status);
  if (status != 500) {
    doc.set("detail", app::error_message(lang, error));
    const core::Where& w = error.where;
    if (!w.file.empty()) {
      doc.set("file", w.file);
      if (w.line > 0) doc.set("line", w.line);
      if (!w.column.empty()) doc.set("column", w.column);
    } else if (!w.column.empty()) {
      doc.set("field", field_name(w.column));
    }
  }
  doc.set("request_id", request_id);
  return doc;
}

Reply problem(const core::Error& error, app::Lang lang, const std::string& request_id) {
  return problem_reply(status_of(error.code), problem_document(error, lang, request_id));
}

Reply problem(int status, std::string_view type, std::string detail, app::Lang lang,
              const std::string& request_id) {
  io::Json doc = io::Json::object()
                     .set("type", type)
                     .set("title", app::message(lang, fmt::format("server.kind.{}", type)))
                     .set("status", status);
  if (!detail.empty()) doc.set("detail", std::move(detail));
  doc.set("request_id", request_id);
  return problem_reply(status, std::move(doc));
}

}  // namespace pitwall::server
