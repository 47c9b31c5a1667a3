#pragma once
// The one mapping from an error's kind to an HTTP status, and the one error shape: RFC 9457
// `application/problem+json` (server.md §4; style.md "Real statuses, one error shape").
//
//   400 usage (a malformed request or parameter)   422 invalid_input (a value the rules refuse)
//   401 unauthenticated                            403 forbidden (the role may not)
//   404 not_found (absent, or outside the scope: the same words)
//   409 already_exists, state_forbids, conflict    429 rate_limited
//   503 unavailable (the store stayed busy)        500 io, corrupt, internal (the request id only)
//
// The problem document: {type, title, status, detail, request_id, field | file, line, column};
// `type` is the kind ("not_found"), `title` the kind's words and `detail` the error's message, in
// the request's language. For a 500 nothing but the title and the request id leaves the server.

#include <string>
#include <string_view>

#include "app/i18n/messages.hpp"
#include "core/base/error.hpp"
#include "io/json/json.hpp"
#include "server/http.hpp"

namespace pitwall::server {

int status_of(core::ErrorCode code);
// The problem document of an error (what problem() sends; jobs keep it as their error).
io::Json problem_document(const core::Error& error, app::Lang lang, const std::string& request_id);
// The problem reply of an error.
Reply problem(const core::Error& error, app::Lang lang, const std::string& request_id);
// A problem of the server's own (`type` a catalogue kind: "not_found", "method_not_allowed",
// "payload_too_large", ...), with `status` and the detail given.
Reply problem(int status, std::string_view type, std::string detail, app::Lang lang,
              const std::string& request_id);

}  // namespace pitwall::server
